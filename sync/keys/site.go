package keys

// WithSite returns the same keys for another installation site: a backup
// restored onto a new database numbers its bundles afresh under a new site
// id, so they can never collide with those the lost installation sent. The
// fingerprint does not change (it covers the key material only); the
// self-signature is made anew.
func (id *Identity) WithSite(site string) (*Identity, error) {
	return assemble(id.Unit, id.Level, id.Name, site, id.Created, id.sign.Seed(), id.keyID, id.age)
}
