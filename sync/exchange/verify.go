package exchange

import (
	"context"
)

// Verified is the status of a bundle that passes every check of an import
// without being imported (bundle verify).
const Verified Status = "verified"

// Verify runs every check an import runs — structure, signer, signature,
// address, payload hash, replay and chain, numbers, sites, budget,
// decryption and every row, merged in a transaction that is then undone —
// and keeps nothing: not the records, not the ledger, not the quarantine.
func Verify(ctx context.Context, c *Config, paths []string) ([]Outcome, error) {
	me, err := loadReceiver(ctx, c)
	if err != nil {
		return nil, err
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	dry := *c
	dry.dryRun = true
	var out []Outcome
	for _, f := range files {
		o := importFile(ctx, &dry, me, f)
		if o.Status == Imported {
			o.Status = Verified
		}
		out = append(out, o)
	}
	return out, nil
}
