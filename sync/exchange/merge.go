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
	var at []int
	rotation := false
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if it.Row == nil {
			cols, rotation = it.Table.Cols, it.Table.Kind == rotationKind
			if sc, at, err = tableSchema(it.Table); err != nil {
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
		ref, err := units.ParseRef(it.Row.Unit)
		if err != nil || !im.c.Units.Within(ref, origin) {
			return fmt.Errorf("%w: %s", ErrRowOutOfScope, it.Row.Unit)
		}
		r := it.row
		if r == nil {
			r = fromBundle(sc, at, it.Row)
		}
		if err := mg.Merge(r); err != nil {
			return err
		}
	}
}

// tableSchema returns the store schema of a payload table: nil for the
// rotation table, an error for a table this version does not know. A
// table as an earlier release writes it (without columns added since)
// comes with at, where its columns sit in the schema (fromBundle widens
// its rows); at is nil for today's columns.
func tableSchema(t *bundle.Table) (*store.Schema, []int, error) {
	if t.Kind == rotationKind {
		return nil, nil, nil
	}
	sc := store.SchemaOf(store.Kind(t.Kind))
	if sc != nil && slices.Equal(sc.ColNames(), t.Cols) {
		return sc, nil, nil
	}
	if sc != nil {
		if at, ok := sc.Older(t.Cols); ok {
			return sc, at, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: table %q", store.ErrBadRow, t.Kind)
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
