package exchange

import (
	"context"
	"fmt"
	"slices"

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

// purgeMark reads a purge row, checked against the sender's area.
func (im *importer) purgeMark(cols []string, r *bundle.Row, origin units.Ref) (store.PurgeMark, error) {
	if !slices.Equal(cols, purgeCols) || len(r.Values) != 1 || r.Base != (bundle.Version{}) || len(r.Overrides) > 0 {
		return store.PurgeMark{}, fmt.Errorf("%w: table %q", store.ErrBadRow, purgeKind)
	}
	kind, _ := r.Values[0].(string)
	if sc := store.SchemaOf(store.Kind(kind)); sc == nil {
		return store.PurgeMark{}, fmt.Errorf("%w: purge of a %q", store.ErrBadRow, kind)
	}
	ref, err := units.ParseRef(r.Unit)
	if err != nil || !im.c.Units.Within(ref, origin) {
		return store.PurgeMark{}, fmt.Errorf("%w: %s", ErrRowOutOfScope, r.Unit)
	}
	return store.PurgeMark{Kind: store.Kind(kind), ID: r.ID, Unit: r.Unit, Ver: sver(r.Ver), Origin: origin.String()}, nil
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
