package hub

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/hub/wire"
)

// sqliteIndex is the default Index: one SQLite file (modernc.org/sqlite,
// no cgo), a single writer connection and a pool of readers.
type sqliteIndex struct {
	w, r *sql.DB
}

func openIndex(ctx context.Context, path string) (*sqliteIndex, error) {
	w, err := sql.Open("sqlite", store.DSN(path, store.DSNOptions{TxLock: "immediate"}))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	if err := migrateSQLite(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("hub: open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", store.DSN(path, store.DSNOptions{TxLock: "deferred", ReadOnly: true}))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	return &sqliteIndex{w: w, r: r}, nil
}

// migrateSQLite brings the index file's schema up to date.
func migrateSQLite(ctx context.Context, w *sql.DB) error {
	steps, err := migrations("sqlite")
	if err != nil {
		return err
	}
	var have int
	if err := w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return err
	}
	todo, err := pending(steps, have)
	if err != nil {
		return err
	}
	for _, m := range todo {
		tx, err := w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, m.sql)
		if err == nil {
			_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
		}
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	return nil
}

func (ix *sqliteIndex) Close() error { return errors.Join(ix.w.Close(), ix.r.Close()) }

const bundleCols = `id, file_sha256, manifest_sha256, bundle_id, origin, level, site, seq, to_unit,
	key_id, size, received, equivocal, receipt`

func (ix *sqliteIndex) bundles(ctx context.Context, db *sql.DB, cond string, args ...any) ([]Record, error) {
	rows, err := db.QueryContext(ctx, "SELECT "+bundleCols+" FROM bundle WHERE "+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.ID, &r.FileSHA256, &r.ManifestSHA256, &r.BundleID, &r.Origin, &r.Level,
			&r.Site, &r.Seq, &r.To, &r.KeyID, &r.Size, &r.Received, &r.Equivocal, &r.Receipt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (ix *sqliteIndex) one(ctx context.Context, db *sql.DB, cond string, args ...any) (Record, error) {
	rs, err := ix.bundles(ctx, db, cond+" LIMIT 1", args...)
	if err != nil {
		return Record{}, err
	}
	if len(rs) == 0 {
		return Record{}, ErrNotFound
	}
	return rs[0], nil
}

func (ix *sqliteIndex) BundleByManifest(ctx context.Context, manifestSHA256 string) (Record, error) {
	return ix.one(ctx, ix.r, "manifest_sha256 = ?", manifestSHA256)
}

func (ix *sqliteIndex) BundleByFile(ctx context.Context, fileSHA256 string) (Record, error) {
	return ix.one(ctx, ix.r, "file_sha256 = ?", fileSHA256)
}

func (ix *sqliteIndex) InboxBundle(ctx context.Context, to, fileSHA256 string) (Record, error) {
	return ix.one(ctx, ix.r, "file_sha256 = ? AND to_unit = ?", fileSHA256, to)
}

func (ix *sqliteIndex) Inbox(ctx context.Context, to string, after int64, limit int) ([]Record, error) {
	return ix.bundles(ctx, ix.r, "to_unit = ? AND id > ? ORDER BY id LIMIT ?", to, after, limit)
}

func (ix *sqliteIndex) AddBundle(ctx context.Context, r Record) (Record, bool, error) {
	tx, err := ix.w.BeginTx(ctx, nil)
	if err != nil {
		return Record{}, false, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO bundle (file_sha256, manifest_sha256, bundle_id, origin,
		level, site, seq, to_unit, key_id, size, received, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, r.FileSHA256, r.ManifestSHA256, r.BundleID, r.Origin, r.Level, r.Site,
		r.Seq, r.To, r.KeyID, r.Size, r.Received, r.Receipt)
	if err != nil {
		return Record{}, false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		tx.Rollback()
		stored, err := ix.one(ctx, ix.w, "manifest_sha256 = ? OR file_sha256 = ?", r.ManifestSHA256, r.FileSHA256)
		return stored, false, err
	}
	r.ID, _ = res.LastInsertId()
	var twins int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM bundle WHERE origin = ? AND site = ? AND seq = ?`,
		r.Origin, r.Site, r.Seq).Scan(&twins); err != nil {
		return Record{}, false, err
	}
	if twins > 1 {
		r.Equivocal = true
		if _, err := tx.ExecContext(ctx, `UPDATE bundle SET equivocal = 1 WHERE origin = ? AND site = ? AND seq = ?`,
			r.Origin, r.Site, r.Seq); err != nil {
			return Record{}, false, err
		}
	}
	return r, true, tx.Commit()
}

func (ix *sqliteIndex) Roster(ctx context.Context, unit string) (RosterRecord, error) {
	var r RosterRecord
	err := ix.r.QueryRowContext(ctx, `SELECT unit, level, key_id, version, keys_sha256, keys, file, received
		FROM roster WHERE unit = ?`, unit).Scan(&r.Unit, &r.Level, &r.KeyID, &r.Version, &r.KeysSHA256,
		&r.Keys, &r.File, &r.Received)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

func (ix *sqliteIndex) PutRoster(ctx context.Context, r RosterRecord, ks []Enrolled) error {
	tx, err := ix.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var have int64
	err = tx.QueryRowContext(ctx, "SELECT version FROM roster WHERE unit = ?", r.Unit).Scan(&have)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if r.Version <= have {
		return fmt.Errorf("%w: version %d, the hub holds %d", ErrStaleRoster, r.Version, have)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO roster (unit, level, key_id, version, keys_sha256, keys,
		file, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(unit) DO UPDATE SET level = excluded.level,
		key_id = excluded.key_id, version = excluded.version, keys_sha256 = excluded.keys_sha256,
		keys = excluded.keys, file = excluded.file, received = excluded.received`,
		r.Unit, r.Level, r.KeyID, r.Version, r.KeysSHA256, r.Keys, r.File, r.Received); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM enrolled WHERE by_unit = ?", r.Unit); err != nil {
		return err
	}
	for _, k := range ks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO enrolled (by_unit, unit, level, key_id, minisign, khkey)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, r.Unit, k.Unit, k.Level, k.KeyID, k.Minisign, k.KHKey); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (ix *sqliteIndex) EnrolledByKeyID(ctx context.Context, keyID string) ([]Enrolled, error) {
	return ix.enrolled(ctx, "key_id = ?", keyID)
}

func (ix *sqliteIndex) enrolled(ctx context.Context, cond string, arg string) ([]Enrolled, error) {
	rows, err := ix.r.QueryContext(ctx, `SELECT by_unit, unit, level, key_id, minisign, khkey FROM enrolled
		WHERE `+cond+` ORDER BY by_unit, minisign`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Enrolled
	for rows.Next() {
		var e Enrolled
		if err := rows.Scan(&e.By, &e.Unit, &e.Level, &e.KeyID, &e.Minisign, &e.KHKey); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (ix *sqliteIndex) PingIndex(ctx context.Context) error { return ix.r.PingContext(ctx) }

func (ix *sqliteIndex) UseNonce(ctx context.Context, nonceSHA256 string, expires, now string) error {
	if _, err := ix.w.ExecContext(ctx, "DELETE FROM used_nonce WHERE expires < ?", now); err != nil {
		return err
	}
	res, err := ix.w.ExecContext(ctx, "INSERT INTO used_nonce (nonce_sha256, expires) VALUES (?, ?) ON CONFLICT DO NOTHING",
		nonceSHA256, expires)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNonceUsed
	}
	return nil
}

func (ix *sqliteIndex) Usage(ctx context.Context, origin, since string) (Usage, error) {
	var u Usage
	err := ix.r.QueryRowContext(ctx, "SELECT coalesce(sum(size), 0), count(*) FROM bundle WHERE origin = ? AND received >= ?",
		origin, since).Scan(&u.Bytes, &u.Bundles)
	return u, err
}

func (ix *sqliteIndex) Bundles(ctx context.Context, after int64, limit int) ([]Record, error) {
	return ix.bundles(ctx, ix.r, "id > ? ORDER BY id LIMIT ?", after, limit)
}

func (ix *sqliteIndex) ImportBundles(ctx context.Context, rs []Record) error {
	tx, err := ix.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bundle (id, file_sha256, manifest_sha256, bundle_id, origin,
			level, site, seq, to_unit, key_id, size, received, equivocal, receipt)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, r.ID, r.FileSHA256,
			r.ManifestSHA256, r.BundleID, r.Origin, r.Level, r.Site, r.Seq, r.To, r.KeyID, r.Size, r.Received,
			r.Equivocal, r.Receipt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (ix *sqliteIndex) Rosters(ctx context.Context) ([]RosterRecord, error) {
	rows, err := ix.r.QueryContext(ctx, `SELECT unit, level, key_id, version, keys_sha256, keys, file, received
		FROM roster ORDER BY unit`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RosterRecord
	for rows.Next() {
		var r RosterRecord
		if err := rows.Scan(&r.Unit, &r.Level, &r.KeyID, &r.Version, &r.KeysSHA256, &r.Keys, &r.File, &r.Received); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (ix *sqliteIndex) EnrolledBy(ctx context.Context, unit string) ([]Enrolled, error) {
	return ix.enrolled(ctx, "by_unit = ?", unit)
}

// wireEntries turns records into what their addressee sees.
func wireEntries(rs []Record) []wire.Entry {
	out := make([]wire.Entry, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Entry)
	}
	return out
}

func (ix *sqliteIndex) AddNotice(ctx context.Context, n NoticeRecord) (bool, error) {
	tx, err := ix.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO notice (sha256, to_unit, from_unit, key_id, file, received)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`, n.SHA256, n.To, n.From, n.KeyID, n.File, n.Received).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, supersedeNotices, n.From, n.To, id); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// supersedeNotices drops the notices a newer one from the same unit about
// the same unit replaces: each notice holds every approval its sender
// signed about that unit (exchange.Notice), so only the newest is kept,
// and what the hub holds for a unit stays one notice per unit above it.
const supersedeNotices = `DELETE FROM notice WHERE from_unit = $1 AND to_unit = $2 AND id < $3`

func (ix *sqliteIndex) Notices(ctx context.Context, to string, after int64, limit int) ([]NoticeRecord, error) {
	rows, err := ix.r.QueryContext(ctx, `SELECT id, sha256, to_unit, from_unit, key_id, file, received FROM notice
		WHERE (?1 = '' OR to_unit = ?1) AND id > ?2 ORDER BY id LIMIT ?3`, to, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NoticeRecord
	for rows.Next() {
		var n NoticeRecord
		if err := rows.Scan(&n.ID, &n.SHA256, &n.To, &n.From, &n.KeyID, &n.File, &n.Received); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
