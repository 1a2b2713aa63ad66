package exchange

import (
	"context"
	"fmt"
	"slices"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
)

// A purge travels upward as a table of its own at the end of a payload
// (docs/bundle-format.md §6, docs/privacy.md): one row per record erased,
// its id, unit and the purge's version, and the record's kind. The bundle's
// signature by the sender's enrolled key covers it like every row; a level
// above accepts it only for a record of a unit inside the sender's, as it
// accepts rows, and carries it out on its own copy (store.Merger.Purge),
// then passes it on upward in its own next bundle.
const purgeKind = "purge"

var purgeCols = []string{"kind"}

func purgeRow(m store.PurgeMark) sourced {
	return sourced{kind: purgeKind, cols: purgeCols, row: bundle.Row{ID: m.ID, Unit: m.Unit,
		Ver: bver(m.Ver), Values: []any{string(m.Kind)}}}
}

// purge checks a purge row as check does a record's, on the decoding
// goroutine: its shape, a kind about a person, a unit inside the sender's,
// an id not yet seen in this bundle's purges, and its version (within the
// clock's bound, of a site announced for the unit).
func (rr *rowRules) purge(cols []string, br *bundle.Row) error {
	kind := ""
	if len(br.Values) == 1 {
		kind, _ = br.Values[0].(string)
	}
	r := &store.Row{Kind: store.Kind(kind), ID: br.ID, Unit: br.Unit}
	switch {
	case !slices.Equal(cols, purgeCols) || len(br.Values) != 1 || br.Base != (bundle.Version{}) || len(br.Overrides) > 0:
		return rowErr(ErrInvalidRow, r, "", fmt.Errorf("a row of table %q is not a purge mark", purgeKind))
	case store.SchemaOf(r.Kind) == nil:
		return rowErr(ErrInvalidRow, r, "", fmt.Errorf("purge of a %q", kind))
	case !aboutSomeone(kind):
		return rowErr(ErrInvalidRow, r, "", store.ErrNotPerson)
	case !rr.inScope(r.Unit):
		return rowErr(ErrRowOutOfScope, r, "", fmt.Errorf("not inside %s", rr.origin))
	}
	return rr.fieldVersion(r, "", bundle.FieldVersion{Ver: br.Ver})
}

// aboutSomeone reports a kind whose records are a person's, or depend on
// one (an assessment, a consent): what a purge erases.
func aboutSomeone(kind string) bool {
	k := data.KindNamed(kind)
	if k == nil {
		return false
	}
	a := k.Subject()
	return a != nil && (a.Person || a.Through != "")
}

// purgeMarkOf is the purge mark of a purge row checked by rowRules.purge,
// received from origin.
func purgeMarkOf(r *bundle.Row, origin units.Ref) store.PurgeMark {
	kind, _ := r.Values[0].(string)
	return store.PurgeMark{Kind: store.Kind(kind), ID: r.ID, Unit: r.Unit, Ver: sver(r.Ver), Origin: origin.String()}
}

// afterPurges finishes what purge instructions began once their bundle is
// in: the erased values are wiped from the database file and its log, and
// the copies of bundles this installation keeps are re-sealed or removed.
func afterPurges(ctx context.Context, c *Config) error {
	if err := c.Store.Wipe(ctx); err != nil {
		return err
	}
	_, err := Scrub(ctx, c)
	return err
}
