package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"filippo.io/age"

	"sokhuyenhoc/data/units"
)

// Identity is an installation's secret keys and the unit they speak for.
// It must never leave the installation except as a backup (MarshalBackup).
type Identity struct {
	Unit    units.Ref // the unit this installation works for
	Level   string    // LevelCommune, LevelDistrict or LevelProvince
	Name    string    // the unit's display name, UTF-8
	Site    string    // the installation's random site id, 16 lowercase hex digits
	Created time.Time // when the keys were made (UTC, whole seconds; informational)

	sign  ed25519.PrivateKey
	keyID [8]byte
	age   *age.X25519Identity
}

// Generate makes a new identity with fresh keys, a random key id and a
// random site id, all from crypto/rand. now is the creation time to record.
func Generate(unit units.Ref, level, name string, now time.Time) (*Identity, error) {
	var site [8]byte
	if _, err := rand.Read(site[:]); err != nil {
		return nil, err
	}
	return newIdentity(unit, level, name, hex.EncodeToString(site[:]), now)
}

// Rotate makes a new identity for the same unit, level, name and site with
// fresh keys: the next key, to be announced with Announce.
func (id *Identity) Rotate(now time.Time) (*Identity, error) {
	return newIdentity(id.Unit, id.Level, id.Name, id.Site, now)
}

func newIdentity(unit units.Ref, level, name, site string, now time.Time) (*Identity, error) {
	_, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	var keyID [8]byte
	if _, err := rand.Read(keyID[:]); err != nil {
		return nil, err
	}
	ageID, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	return assemble(unit, level, name, site, now, sk.Seed(), keyID, ageID)
}

// assemble validates the fields and builds an Identity from its parts.
func assemble(unit units.Ref, level, name, site string, created time.Time,
	seed []byte, keyID [8]byte, ageID *age.X25519Identity) (*Identity, error) {
	id := &Identity{
		Unit: unit, Level: level, Name: name, Site: site,
		Created: created.UTC().Truncate(time.Second),
		sign:    ed25519.NewKeyFromSeed(seed), keyID: keyID, age: ageID,
	}
	if err := validateFields(id.Unit, id.Level, id.Name, id.Site, id.Created); err != nil {
		return nil, err
	}
	return id, nil
}

// validateFields checks the descriptive fields shared by Identity and
// PublicKey.
func validateFields(unit units.Ref, level, name, site string, created time.Time) error {
	if err := ValidateLevel(level, unit); err != nil {
		return err
	}
	if err := ValidateName(name); err != nil {
		return err
	}
	if err := ValidateSite(site); err != nil {
		return err
	}
	if y := created.Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%w: created year %d out of range", ErrInvalid, y)
	}
	return nil
}

// Public returns the public half of the identity, carrying a fresh
// self-signature over its current fields (none if a field was set to an
// invalid value; MarshalPublic then reports it).
func (id *Identity) Public() PublicKey {
	k := PublicKey{
		Unit: id.Unit, Level: id.Level, Name: id.Name, Site: id.Site,
		Created:      id.Created,
		SignPub:      append(ed25519.PublicKey(nil), id.sign.Public().(ed25519.PublicKey)...),
		KeyID:        id.keyID,
		AgeRecipient: id.age.Recipient().String(),
	}
	if canon, err := k.canonical(); err == nil {
		k.self = signBlob(id.sign, id.keyID, canon)
	}
	return k
}

// Sign signs msg as `minisign -S` would: a pre-hashed (ED) signature with the
// given trusted comment, returned as the text of a .minisig file that stock
// `minisign -V` accepts. The comment must be at most MaxCommentBytes of
// UTF-8 text without control characters.
func (id *Identity) Sign(msg []byte, trustedComment string) ([]byte, error) {
	if err := checkComment(trustedComment); err != nil {
		return nil, err
	}
	return encodeSigFile(id.sign, id.keyID, msg, trustedComment), nil
}

// AgeIdentity returns the age X25519 identity that decrypts what was
// encrypted to this installation.
func (id *Identity) AgeIdentity() *age.X25519Identity { return id.age }

// AgeRecipient returns the age recipient that encrypts to this installation.
func (id *Identity) AgeRecipient() *age.X25519Recipient { return id.age.Recipient() }

// KeyID returns the minisign key id of the signing key.
func (id *Identity) KeyID() [8]byte { return id.keyID }
