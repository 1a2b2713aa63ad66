package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
)

// merge decrypts the payload and merges its rows in one transaction with
// the ledger row: the bundle is wholly in or wholly out, whatever happens.
func (im *importer) merge(ctx context.Context) (Status, error) {
	pr, err := im.b.OpenPayload(im.me.id.AgeIdentity(), im.c.maxPlain())
	if err != nil {
		return Rejected, err
	}
	origin := im.m.Origin.Ref
	err = im.c.Store.Merge(ctx, func(mg *store.Merger) error {
		items := streamItems(pr)
		err := im.mergeRows(items, mg, origin)
		items.Close()
		if err != nil {
			return err
		}
		if err := pr.Close(); err != nil { // trailer, counts, end of stream
			return err
		}
		if err := mg.Flush(); err != nil {
			return err
		}
		im.o.Stats = mg.Stats
		return mg.RecordIn(store.InBundle{Origin: im.o.Origin, OriginLevel: im.o.Level, Site: im.o.Site,
			Seq: im.o.Seq, ManifestSHA256: im.hash, BundleID: im.o.BundleID, Prev: im.m.Prev,
			KeyFP: im.fp, Rows: total(im.m.Counts), Created: im.m.Created.Format("2006-01-02T15:04:05Z"),
			File: im.path})
	})
	if err != nil {
		return Rejected, err
	}
	return "", nil
}

func (im *importer) mergeRows(pr interface{ Next() (item, error) }, mg *store.Merger, origin units.Ref) error {
	var sc *store.Schema
	var cols []string
	rotation, purging := false, false
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if it.Row == nil {
			cols, rotation, purging = it.Table.Cols, it.Table.Kind == rotationKind, it.Table.Kind == purgeKind
			if sc, err = tableSchema(it.Table); err != nil {
				return err
			}
			continue
		}
		if rotation {
			if err := im.rotation(cols, it.Row, mg); err != nil {
				return err
			}
			continue
		}
		if purging { // purge.go
			mark, err := im.purgeMark(cols, it.Row, origin)
			if err == nil {
				err = mg.Purge(mark)
			}
			if err != nil {
				return err
			}
			continue
		}
		ref, err := units.ParseRef(it.Row.Unit)
		if err != nil || !im.c.Units.Within(ref, origin) {
			return fmt.Errorf("%w: %s", ErrRowOutOfScope, it.Row.Unit)
		}
		r := it.row
		if r == nil {
			r = fromBundle(sc, it.Row)
		}
		if err := mg.Merge(r); err != nil {
			return err
		}
	}
}

// tableSchema returns the store schema of a payload table: nil for the
// rotation table, an error for a table this version does not know.
func tableSchema(t *bundle.Table) (*store.Schema, error) {
	if t.Kind == rotationKind || t.Kind == purgeKind {
		return nil, nil
	}
	sc := store.SchemaOf(store.Kind(t.Kind))
	if sc == nil || !slices.Equal(sc.ColNames(), t.Cols) {
		return nil, fmt.Errorf("%w: table %q", store.ErrBadRow, t.Kind)
	}
	return sc, nil
}

func total(counts map[string]int64) int64 {
	var n int64
	for _, v := range counts {
		n += v
	}
	return n
}

func (c *Config) maxPlain() int64 {
	if c.MaxPlain <= 0 {
		return DefaultMaxPlain
	}
	return c.MaxPlain
}
