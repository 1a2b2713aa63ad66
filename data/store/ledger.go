package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
)

// OutBundle is a bundle this installation exported.
type OutBundle struct {
	Seq            int64
	BundleID       string
	ManifestSHA256 string
	LseqFrom       int64 // rows changed after this local sequence…
	LseqTo         int64 // …up to and including this one
	Rows           int64
	File           string // where the copy kept for re-sending lies (stored relative to the database's folder)
	Created        string
	SentAt         string // when a copy last left on a stick or the network ("" until then)
	Receipt        string // the receipt that acknowledged it, if any
	AckedAt        string
}

// LastOut returns the newest exported bundle (zero when none).
func (s *Store) LastOut(ctx context.Context) (OutBundle, error) {
	bs, err := s.outBundles(ctx, "1 ORDER BY seq DESC LIMIT 1")
	if err != nil || len(bs) == 0 {
		return OutBundle{}, err
	}
	return bs[0], nil
}

// OutBundles lists exported bundles from seq on, oldest first.
func (s *Store) OutBundles(ctx context.Context, fromSeq int64) ([]OutBundle, error) {
	return s.outBundles(ctx, "seq >= ? ORDER BY seq", fromSeq)
}

func (s *Store) outBundles(ctx context.Context, cond string, args ...any) ([]OutBundle, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT seq, bundle_id, manifest_sha256, lseq_from, lseq_to, rows,
		file, created, sent_at, receipt, acked_at FROM bundle_out WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutBundle
	for rows.Next() {
		var b OutBundle
		if err := rows.Scan(&b.Seq, &b.BundleID, &b.ManifestSHA256, &b.LseqFrom, &b.LseqTo, &b.Rows,
			&b.File, &b.Created, &b.SentAt, &b.Receipt, &b.AckedAt); err != nil {
			return nil, err
		}
		b.File = s.resolve(b.File)
		out = append(out, b)
	}
	return out, rows.Err()
}

// ErrSeqTaken reports an export whose seq was recorded meanwhile (two
// exports at once on one database).
var ErrSeqTaken = errors.New("store: bundle number already used")

// RecordOut records a bundle made: written to the local outbox, read back
// and verified. Its number and bytes are fixed from then on (a lost copy is
// sent again as is, never remade). It is not yet sent: see MarkSent.
func (s *Store) RecordOut(ctx context.Context, b OutBundle) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var last int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM bundle_out").Scan(&last); err != nil {
			return err
		}
		if b.Seq != last+1 {
			return ErrSeqTaken
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO bundle_out (seq, bundle_id, manifest_sha256, lseq_from,
			lseq_to, rows, file, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, b.Seq, b.BundleID,
			b.ManifestSHA256, b.LseqFrom, b.LseqTo, b.Rows, s.relative(b.File), b.Created)
		return err
	})
}

// MarkSent records that a copy of bundle seq reached its destination and
// was read back intact.
func (s *Store) MarkSent(ctx context.Context, seq int64) error {
	_, err := s.w.ExecContext(ctx, "UPDATE bundle_out SET sent_at = ? WHERE seq = ?", s.stamp(), seq)
	return err
}

// Unsent lists bundles made but never delivered, oldest first.
func (s *Store) Unsent(ctx context.Context) ([]OutBundle, error) {
	return s.outBundles(ctx, "sent_at = '' ORDER BY seq")
}

// AckOut records the receipt of an exported bundle.
func (s *Store) AckOut(ctx context.Context, manifestSHA256, receipt string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE bundle_out SET receipt = ?, acked_at = ?
		WHERE manifest_sha256 = ? AND receipt = ''`, receipt, s.stamp(), manifestSHA256)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var k int
		s.r.QueryRowContext(ctx, "SELECT count(*) FROM bundle_out WHERE manifest_sha256 = ?", manifestSHA256).Scan(&k)
		if k == 0 {
			return ErrNotFound
		}
	}
	return nil
}

// InBundle is a row of the import ledger.
type InBundle struct {
	Origin         string // "list:code"
	OriginLevel    string
	Site           string
	Seq            int64
	ManifestSHA256 string
	BundleID       string
	Prev           string
	KeyFP          string
	Rows           int64
	Plain          int64  // bytes of its decompressed payload
	Created        string // the sender's clock (informational)
	ImportedAt     string
	Lseq           int64 // the local change sequence its rows were written under
	File           string
}

// Ledger returns the ledger rows: all, or of one origin unit, by origin, site, seq.
func (s *Store) Ledger(ctx context.Context, origin string) ([]InBundle, error) {
	return s.ledger(ctx, "? = '' OR origin = ? ORDER BY origin, site, seq", origin, origin)
}

// LedgerSeq returns the ledger row of (origin, site, seq), or ErrNotFound.
func (s *Store) LedgerSeq(ctx context.Context, origin, site string, seq int64) (InBundle, error) {
	bs, err := s.ledger(ctx, "origin = ? AND site = ? AND seq = ?", origin, site, seq)
	if err != nil {
		return InBundle{}, err
	}
	if len(bs) == 0 {
		return InBundle{}, ErrNotFound
	}
	return bs[0], nil
}

// LedgerSources returns the bundles whose rows were written after lseq
// from and up to lseq to: what a consolidated export carries on.
func (s *Store) LedgerSources(ctx context.Context, from, to int64) ([]InBundle, error) {
	return s.ledger(ctx, "lseq > ? AND lseq <= ? ORDER BY origin, site, seq", from, to)
}

func (s *Store) ledger(ctx context.Context, cond string, args ...any) ([]InBundle, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT origin, level, site, seq, manifest_sha256, bundle_id, prev,
		key_fp, rows, created, imported_at, lseq, file, plain FROM bundle_in WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InBundle
	for rows.Next() {
		var b InBundle
		if err := rows.Scan(&b.Origin, &b.OriginLevel, &b.Site, &b.Seq, &b.ManifestSHA256, &b.BundleID, &b.Prev, &b.KeyFP,
			&b.Rows, &b.Created, &b.ImportedAt, &b.Lseq, &b.File, &b.Plain); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// RecordIn writes the ledger row of the bundle being merged, in the same
// transaction as its rows: after a crash the bundle is wholly in or out.
func (m *Merger) RecordIn(b InBundle) error {
	if err := m.Flush(); err != nil {
		return err
	}
	lseq, err := m.Lseq()
	if err != nil {
		return err
	}
	_, err = m.t.tx.ExecContext(m.t.ctx, `INSERT INTO bundle_in (origin, level, site, seq, manifest_sha256,
		bundle_id, prev, key_fp, rows, created, imported_at, lseq, file, plain)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.Origin, b.OriginLevel, b.Site, b.Seq, b.ManifestSHA256,
		b.BundleID, b.Prev, b.KeyFP, b.Rows, b.Created, m.s.stamp(), lseq, b.File, b.Plain)
	return err
}

// Quarantined is a bundle held back for review.
type Quarantined struct {
	ManifestSHA256 string
	Origin, Site   string
	Seq            int64
	KeyID          string
	Reason         string // unknown_key, revoked_key, equivocation, bad_row, over_budget …
	Detail         string
	File           string // the kept copy (stored relative to the database's folder)
	ReceivedAt     string
	AcceptedBy     string // a person who accepted it after review (AcceptHeld), if any
}

// Quarantine records (or refreshes) a held-back bundle.
func (s *Store) Quarantine(ctx context.Context, q Quarantined) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO quarantine (manifest_sha256, origin, site, seq, key_id,
		reason, detail, file, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(manifest_sha256) DO UPDATE SET reason = excluded.reason, detail = excluded.detail`,
		q.ManifestSHA256, q.Origin, q.Site, q.Seq, q.KeyID, q.Reason, q.Detail, s.relative(q.File), s.stamp())
	return err
}

// QuarantineList lists held-back bundles, oldest first.
func (s *Store) QuarantineList(ctx context.Context) ([]Quarantined, error) {
	return s.quarantined(ctx, "1 ORDER BY received_at, origin, seq")
}

func (s *Store) quarantined(ctx context.Context, cond string, args ...any) ([]Quarantined, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT manifest_sha256, origin, site, seq, key_id, reason, detail,
		file, received_at, accepted_by FROM quarantine WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Quarantined
	for rows.Next() {
		var q Quarantined
		if err := rows.Scan(&q.ManifestSHA256, &q.Origin, &q.Site, &q.Seq, &q.KeyID, &q.Reason, &q.Detail,
			&q.File, &q.ReceivedAt, &q.AcceptedBy); err != nil {
			return nil, err
		}
		q.File = s.resolve(q.File)
		out = append(out, q)
	}
	return out, rows.Err()
}

// Release removes a bundle from quarantine (after it was imported).
func (s *Store) Release(ctx context.Context, manifestSHA256 string) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM quarantine WHERE manifest_sha256 = ?", manifestSHA256)
	return err
}

// relative returns path as it is stored: relative to the database's
// folder when it lies inside it (outbox/…, held/…), so that the program
// finds it again from any working directory and after the folder moved;
// absolute otherwise.
func (s *Store) relative(path string) string {
	if path == "" {
		return ""
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(s.dir(), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.ToSlash(rel)
}

// resolve is the inverse of relative.
func (s *Store) resolve(stored string) string {
	if stored == "" || filepath.IsAbs(stored) {
		return stored
	}
	return filepath.Join(s.dir(), filepath.FromSlash(stored))
}

// dir is the absolute folder of the database.
func (s *Store) dir() string {
	if s.abs == "" {
		return filepath.Dir(s.path)
	}
	return filepath.Dir(s.abs)
}
