package exchange

import (
	"context"

	"sokhuyenhoc/data/store"
)

// Gaps returns the bundle numbers of an origin installation that have not
// arrived: every number below the highest imported that is missing.
func Gaps(ctx context.Context, st *store.Store, origin, site string) ([]int64, error) {
	rows, err := st.Ledger(ctx, origin)
	if err != nil {
		return nil, err
	}
	have := map[int64]bool{}
	var max int64
	for _, r := range rows {
		if r.Site != site {
			continue
		}
		have[r.Seq] = true
		if r.Seq > max {
			max = r.Seq
		}
	}
	var gaps []int64
	for n := int64(1); n < max; n++ {
		if !have[n] {
			gaps = append(gaps, n)
		}
	}
	return gaps, nil
}

// RetryHeld imports the quarantined bundles again: after their signer was
// enrolled, a held bundle goes in; otherwise it stays held.
func RetryHeld(ctx context.Context, c *Config) ([]Outcome, error) {
	held, err := c.Store.QuarantineList(ctx)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, q := range held {
		files = append(files, q.File)
	}
	if len(files) == 0 {
		return nil, nil
	}
	return Import(ctx, c, files, nil)
}
