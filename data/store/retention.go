package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// Retention is how long an installation keeps what it no longer needs
// (docs/privacy.md): the copies of bundles it sent (for re-sending a lost
// stick), and the marks of purged records (which keep an older bundle
// from bringing a purged record back). Zero days keeps them for good.
type Retention struct {
	OutboxDays    int
	PurgeMarkDays int
}

// DefaultRetention keeps sent bundles a year and purge marks for good: a
// mark holds only an id, and without it a bundle made before the purge
// and imported after the mark is gone would bring the record back.
var DefaultRetention = Retention{OutboxDays: 365}

// Meta keys of the retention settings.
const (
	MetaRetentionOutbox = "retention_outbox_days"
	MetaRetentionPurge  = "retention_purge_days"
)

// Retention returns the installation's retention settings.
func (s *Store) Retention(ctx context.Context) (Retention, error) {
	r := DefaultRetention
	for _, f := range []struct {
		key string
		dst *int
	}{{MetaRetentionOutbox, &r.OutboxDays}, {MetaRetentionPurge, &r.PurgeMarkDays}} {
		v, err := s.Meta(ctx, f.key)
		if err != nil {
			return r, err
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			*f.dst = n
		}
	}
	return r, nil
}

// SetRetention sets them.
func (s *Store) SetRetention(ctx context.Context, r Retention) error {
	if err := s.SetMeta(ctx, MetaRetentionOutbox, strconv.Itoa(r.OutboxDays)); err != nil {
		return err
	}
	return s.SetMeta(ctx, MetaRetentionPurge, strconv.Itoa(r.PurgeMarkDays))
}

// ForgetPurgeMarks drops the purge marks made before cutoff, with the
// stubs of their records, and returns how many went.
func (s *Store) ForgetPurgeMarks(ctx context.Context, cutoff time.Time) (int, error) {
	marks, err := purgeMarks(ctx, s.r, "purged_at < ?", cutoff.UTC().Format(timeFormat))
	if err != nil || len(marks) == 0 {
		return 0, err
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, m := range marks {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+string(m.Kind)+" WHERE id = ? AND deleted = ?", m.ID, purgedMark); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM purge WHERE kind = ? AND id = ?", string(m.Kind), m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return len(marks), err
}

// SentBefore lists the bundles sent before cutoff whose copies are still
// kept.
func (s *Store) SentBefore(ctx context.Context, cutoff time.Time) ([]OutBundle, error) {
	return s.outBundles(ctx, "sent_at <> '' AND sent_at < ? AND file <> '' ORDER BY seq", cutoff.UTC().Format(timeFormat))
}
