package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// errDryRun ends a verification's transaction: everything was checked and
// merged, and nothing is kept.
var errDryRun = errors.New("exchange: verification only")

// merge decrypts the payload and merges its rows in one transaction with
// the ledger row and the sites the bundle announces: the bundle is wholly
// in or wholly out, whatever happens. A verification (bundle verify) goes
// through the same merge and undoes it.
func (im *importer) merge(ctx context.Context) (Status, error) {
	pr, err := im.b.OpenPayload(im.me.id.AgeIdentity(), im.maxPlain)
	if err != nil {
		return Rejected, err
	}
	err = im.c.Store.Merge(ctx, func(mg *store.Merger) error {
		items := streamItems(pr, im.rules)
		err := im.mergeRows(items, mg)
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
		for _, c := range im.newClaims() {
			if err := mg.Claim(c); err != nil {
				return err
			}
		}
		err = mg.RecordIn(store.InBundle{Origin: im.o.Origin, OriginLevel: im.o.Level, Site: im.o.Site,
			Seq: im.o.Seq, ManifestSHA256: im.hash, BundleID: im.o.BundleID, Prev: im.m.Prev,
			KeyFP: im.fp, Rows: total(im.m.Counts), Plain: im.m.Payload.PlainSize,
			Created: im.m.Created.Format("2006-01-02T15:04:05Z"), File: im.path})
		if err == nil && im.c.dryRun {
			return errDryRun
		}
		return err
	})
	switch {
	case errors.Is(err, errDryRun):
		return "", nil
	case err != nil:
		return holdOrReject(err)
	}
	return "", nil
}

// holdOrReject sorts what stopped a merge: a row the sender may not send
// holds the bundle for review; a damaged payload, or a failure here,
// refuses it.
func holdOrReject(err error) (Status, error) {
	if errors.Is(err, store.ErrIDTaken) {
		return Quarantined, fmt.Errorf("%w: %w", ErrIDTaken, err)
	}
	var re *RowError
	if errors.As(err, &re) || errors.Is(err, ErrUnknownTable) || errors.Is(err, ErrBadRotation) || isStatementErr(err) {
		return Quarantined, err
	}
	return Rejected, err
}

// mergeRows merges the payload's rows, each checked on the decoding
// goroutine (rowRules.check), its parent confirmed here when the bundle
// does not carry it. A key rotation comes first, alone in its table.
func (im *importer) mergeRows(pr interface{ Next() (item, error) }, mg *store.Merger) error {
	var cols []string
	rotation, purging, statements, rows := false, false, false, 0
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
			purging, statements = it.Table.Kind == purgeKind, it.Table.Kind == statementKind
			if rotation && rows > 0 {
				return fmt.Errorf("%w: the rotation comes after %d rows", ErrBadRotation, rows)
			}
			continue
		}
		rows++
		if rotation {
			if rows > 1 {
				return fmt.Errorf("%w: more than one rotation", ErrBadRotation)
			}
			if err := im.rotation(cols, it.Row, mg); err != nil {
				return err
			}
			continue
		}
		if statements {
			if err := im.statement(cols, it.Row, mg); err != nil {
				return err
			}
			continue
		}
		if purging { // purge.go: checked on the decoding goroutine (rowRules.purge)
			if err := mg.Purge(purgeMarkOf(it.Row, im.rules.origin)); err != nil {
				return err
			}
			continue
		}
		if err := im.confirmParent(mg, it); err != nil {
			return err
		}
		if err := mg.Merge(it.row); err != nil {
			return err
		}
	}
}

// confirmParent checks, in the store, the parents of a row that its
// bundle does not carry (a yearly row's parent, a member link's citizen
// and record): each must be held here, in the row's unit.
func (im *importer) confirmParent(mg *store.Merger, it item) error {
	for _, p := range it.check.parents {
		if err := confirmOne(mg, it.row, p); err != nil {
			return err
		}
	}
	return nil
}

func confirmOne(mg *store.Merger, r *store.Row, p store.Parent) error {
	for _, kind := range p.Kinds {
		unit, err := mg.UnitOf(kind, p.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return err
		case unit != r.Unit:
			return rowErr(ErrNoParent, r, "", fmt.Errorf("%s %s is of %s", kind, p.ID, unit))
		}
		return nil
	}
	return rowErr(ErrNoParent, r, "", fmt.Errorf("no %s %s", p.Kinds[0], p.ID))
}

// tableSchema returns the store schema of a payload table: nil for the
// rotation, purge and statement tables, an error for a table this version
// does not know. A table as an earlier release writes it (without columns
// added since) comes with at, where its columns sit in the schema
// (fromBundle widens its rows); at is nil for today's columns.
func tableSchema(t *bundle.Table) (*store.Schema, []int, error) {
	if t.Kind == statementKind {
		if !slices.Equal(t.Cols, statementCols) {
			return nil, nil, fmt.Errorf("%w: columns of %q", ErrStatementMalformed, t.Kind)
		}
		return nil, nil, nil
	}
	if t.Kind == purgeKind {
		if !slices.Equal(t.Cols, purgeCols) {
			return nil, nil, fmt.Errorf("%w: columns of %q", ErrUnknownTable, t.Kind)
		}
		return nil, nil, nil
	}
	if t.Kind == rotationKind {
		if !slices.Equal(t.Cols, rotationCols) {
			return nil, nil, fmt.Errorf("%w: columns of %q", ErrBadRotation, t.Kind)
		}
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
	return nil, nil, fmt.Errorf("%w: table %q", ErrUnknownTable, t.Kind)
}

func total(counts map[string]int64) int64 {
	var n int64
	for _, v := range counts {
		n += v
	}
	return n
}
