package exchange

import (
	"context"
	"errors"
	"os"
	"time"

	"sokhuyenhoc/data/store"
)

// Purge erases a person's record here (store.Purge) and deals with the
// copies of bundles that carried it (Scrub); the purge instruction goes
// upward with the next bundle.
func Purge(ctx context.Context, c *Config, kind store.Kind, id string) ([]store.PurgeMark, ScrubReport, error) {
	marks, err := c.Store.Purge(ctx, kind, id)
	if err != nil {
		return marks, ScrubReport{}, err
	}
	rep, err := Scrub(ctx, c)
	return marks, rep, err
}

// SweepReport says what Sweep removed.
type SweepReport struct {
	Copies     []int64 // bundles whose outbox copies were removed
	PurgeMarks int     // purge marks forgotten
}

// Sweep applies the installation's retention settings
// (store.Retention) as of now: the outbox copies of bundles sent longer
// ago than OutboxDays are removed (they can no longer be sent again), and
// purge marks older than PurgeMarkDays are forgotten.
func Sweep(ctx context.Context, c *Config, now time.Time) (SweepReport, error) {
	var rep SweepReport
	r, err := c.Store.Retention(ctx)
	if err != nil {
		return rep, err
	}
	if r.OutboxDays > 0 {
		old, err := c.Store.SentBefore(ctx, now.AddDate(0, 0, -r.OutboxDays))
		if err != nil {
			return rep, err
		}
		for _, b := range old {
			if err := os.Remove(b.File); err != nil && !errors.Is(err, os.ErrNotExist) {
				return rep, err
			}
			if err := c.Store.ForgetOutFile(ctx, b.Seq); err != nil {
				return rep, err
			}
			rep.Copies = append(rep.Copies, b.Seq)
		}
	}
	if r.PurgeMarkDays > 0 {
		if rep.PurgeMarks, err = c.Store.ForgetPurgeMarks(ctx, now.AddDate(0, 0, -r.PurgeMarkDays)); err != nil {
			return rep, err
		}
	}
	return rep, nil
}
