package store

import (
	"context"
	"database/sql"
	"errors"
)

// The copies of bundles this installation keeps (its outbox) and purges:
// a copy that carried a purged record is re-sealed without it while it is
// still unsent, or removed once sent (sync/exchange, Scrub). The ledger
// keeps the bundle's number and manifest hash either way, so the chain of
// bundles goes on.

// MetaScrubbed is the local change sequence of the newest purge mark whose
// bundle copies were scrubbed.
const MetaScrubbed = "scrubbed_lseq"

// ForgetOutFile records that the copy of bundle seq was removed: it can no
// longer be sent again.
func (s *Store) ForgetOutFile(ctx context.Context, seq int64) error {
	_, err := s.w.ExecContext(ctx, "UPDATE bundle_out SET file = '' WHERE seq = ?", seq)
	return err
}

// Resealed records the new manifest hash and rows of an unsent bundle
// sealed again (same number, same file name).
func (s *Store) Resealed(ctx context.Context, seq int64, manifestSHA256 string, rows int64) error {
	res, err := s.w.ExecContext(ctx, "UPDATE bundle_out SET manifest_sha256 = ?, rows = ? WHERE seq = ? AND sent_at = ''",
		manifestSHA256, rows, seq)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errors.New("store: only an unsent bundle can be sealed again")
	}
	return nil
}

// PurgeMarksAfter lists the purge marks of local change sequence above
// lseq, with the highest sequence among them.
func (s *Store) PurgeMarksAfter(ctx context.Context, lseq int64) ([]PurgeMark, int64, error) {
	ms, err := purgeMarks(ctx, s.r, "lseq > ? ORDER BY lseq, kind, id", lseq)
	if err != nil {
		return nil, 0, err
	}
	var top int64
	err = s.r.QueryRowContext(ctx, "SELECT coalesce(max(lseq), 0) FROM purge").Scan(&top)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return ms, top, err
}
