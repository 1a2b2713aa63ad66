package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Verified is the status of a bundle that passes every check of an import
// without being imported (bundle verify).
const Verified Status = "verified"

// Verify runs every check an import runs — structure, signer, signature,
// address, payload hash, replay and chain, decryption and every row — and
// writes nothing: not the records, not the ledger, not the quarantine.
func Verify(ctx context.Context, c *Config, paths []string) ([]Outcome, error) {
	me, err := loadReceiver(ctx, c)
	if err != nil {
		return nil, err
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, f := range files {
		out = append(out, verifyFile1(ctx, c, me, f))
	}
	return out, nil
}

func verifyFile1(ctx context.Context, c *Config, me *receiver, path string) Outcome {
	o := importFile(ctx, &Config{Store: c.Store, Units: c.Units, MaxPlain: c.MaxPlain, dryRun: true}, me, path)
	if o.Status == Imported {
		o.Status = Verified
	}
	return o
}

// checkRows reads every row of the payload as an import would, without
// merging.
func (im *importer) checkRows(ctx context.Context) (Status, error) {
	pr, err := im.b.OpenPayload(im.me.id.AgeIdentity(), im.c.maxPlain())
	if err != nil {
		return Rejected, err
	}
	origin := im.m.Origin.Ref
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Rejected, err
		}
		if it.Table.Kind == rotationKind {
			if it.Row != nil {
				if err := im.rotation(it.Table.Cols, it.Row, nil); err != nil {
					return Rejected, err
				}
			}
			continue
		}
		if it.Table.Kind == purgeKind {
			if it.Row != nil {
				if _, err := im.purgeMark(it.Table.Cols, it.Row, origin); err != nil {
					return Rejected, err
				}
			}
			continue
		}
		if it.Row == nil {
			if sc := store.SchemaOf(store.Kind(it.Table.Kind)); sc == nil || !slices.Equal(sc.ColNames(), it.Table.Cols) {
				return Rejected, fmt.Errorf("%w: table %q", store.ErrBadRow, it.Table.Kind)
			}
			continue
		}
		if ref, err := units.ParseRef(it.Row.Unit); err != nil || !im.c.Units.Within(ref, origin) {
			return Rejected, fmt.Errorf("%w: %s", ErrRowOutOfScope, it.Row.Unit)
		}
	}
	if err := pr.Close(); err != nil {
		return Rejected, err
	}
	return "", nil
}
