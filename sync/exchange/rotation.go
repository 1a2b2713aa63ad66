package exchange

import (
	"fmt"
	"slices"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// A key rotation travels as a one-row table of its own at the head of the
// first bundle signed by the old key.
const rotationKind = "key_rotation"

var rotationCols = []string{"khkey", "announcement"}

func rotationRow(r *setup.Rotation, unit, site string) sourced {
	return sourced{kind: rotationKind, cols: rotationCols, row: bundle.Row{ID: newBundleID(), Unit: unit,
		Ver: bundle.Version{L: 1, S: site}, Values: []any{r.KHKey, r.Announcement}}}
}

// rotation checks an announced key against the key that signed the bundle
// (the unit's key in force, announcing a key of the same unit) and trusts
// it in the bundle's transaction.
func (im *importer) rotation(cols []string, r *bundle.Row, mg *store.Merger) error {
	if !slices.Equal(cols, rotationCols) || len(r.Values) != 2 {
		return fmt.Errorf("%w: table %q", ErrBadRotation, rotationKind)
	}
	if im.key == nil || im.key.Status != store.Trusted || r.Unit != im.m.Origin.Ref.String() {
		return fmt.Errorf("%w: only the unit's key in force announces its successor", ErrBadRotation)
	}
	cell := func(name string) string { v, _ := r.Values[slices.Index(cols, name)].(string); return v }
	file, ann := cell("khkey"), cell("announcement")
	next, err := keys.VerifyAnnouncement(im.pub, []byte(ann))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadRotation, err)
	}
	pk, err := keys.ParsePublic([]byte(file))
	if err != nil || !pk.Equal(next) {
		return fmt.Errorf("%w: %w: the announced key file differs from the announcement", ErrBadRotation, keys.ErrMalformed)
	}
	return mg.TrustKey(store.PeerKey{Fingerprint: pk.Fingerprint(), Unit: pk.Unit.String(), Level: pk.Level,
		Name: pk.Name, Site: pk.Site, KeyID: pk.KeyIDString(), KHKey: []byte(file)}, im.fp, im.m.Seq)
}
