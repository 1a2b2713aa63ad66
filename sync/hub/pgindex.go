package hub

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgIndex is the Index on PostgreSQL (jackc/pgx), for a hub run as several
// instances: the same tables and constraints as the SQLite file, written
// in transactions that stay right when instances race (docs/hub-scaling.md).
type pgIndex struct {
	db *pgxpool.Pool
}

// defaultPoolConns is the pool's size unless the address sets
// pool_max_conns.
const defaultPoolConns = 16

// pgMigrationLock is the advisory lock key two instances starting at once
// take while migrating, so that each step runs once.
const pgMigrationLock = 0x6b68687562 // "khhub"

// OpenPostgres opens the index at a postgres:// URL (any libpq connection
// string pgx accepts) and brings its schema up to date.
func OpenPostgres(ctx context.Context, url string) (Index, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("hub: the index address: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = defaultPoolConns // uploads in flight each hold one briefly; pgx's default is 4 on 2 cores
	}
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := migratePostgres(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("hub: the index on PostgreSQL: %w", err)
	}
	return &pgIndex{db: db}, nil
}

// migratePostgres applies the steps not yet recorded in schema_version,
// each in its own transaction, under an advisory lock.
func migratePostgres(ctx context.Context, db *pgxpool.Pool) error {
	steps, err := migrations("postgres")
	if err != nil {
		return err
	}
	conn, err := db.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", pgMigrationLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", pgMigrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
		return err
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&have); err != nil {
		return err
	}
	todo, err := pending(steps, have)
	if err != nil {
		return err
	}
	for _, m := range todo {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_version (version) VALUES ($1)", m.version)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	return nil
}

func (ix *pgIndex) Close() error { ix.db.Close(); return nil }

func (ix *pgIndex) PingIndex(ctx context.Context) error { return ix.db.Ping(ctx) }

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func pgBundles(ctx context.Context, q querier, cond string, args ...any) ([]Record, error) {
	rows, err := q.Query(ctx, "SELECT "+bundleCols+" FROM bundle WHERE "+cond, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Record, error) {
		var r Record
		err := row.Scan(&r.ID, &r.FileSHA256, &r.ManifestSHA256, &r.BundleID, &r.Origin, &r.Level,
			&r.Site, &r.Seq, &r.To, &r.KeyID, &r.Size, &r.Received, &r.Equivocal, &r.Receipt)
		return r, err
	})
}

func pgOne(ctx context.Context, q querier, cond string, args ...any) (Record, error) {
	rs, err := pgBundles(ctx, q, cond+" LIMIT 1", args...)
	if err != nil {
		return Record{}, err
	}
	if len(rs) == 0 {
		return Record{}, ErrNotFound
	}
	return rs[0], nil
}

func (ix *pgIndex) BundleByFile(ctx context.Context, fileSHA256 string) (Record, error) {
	return pgOne(ctx, ix.db, "file_sha256 = $1", fileSHA256)
}

func (ix *pgIndex) BundleByManifest(ctx context.Context, manifestSHA256 string) (Record, error) {
	return pgOne(ctx, ix.db, "manifest_sha256 = $1", manifestSHA256)
}

func (ix *pgIndex) InboxBundle(ctx context.Context, to, fileSHA256 string) (Record, error) {
	return pgOne(ctx, ix.db, "file_sha256 = $1 AND to_unit = $2", fileSHA256, to)
}

func (ix *pgIndex) Inbox(ctx context.Context, to string, after int64, limit int) ([]Record, error) {
	return pgBundles(ctx, ix.db, "to_unit = $1 AND id > $2 ORDER BY id LIMIT $3", to, after, limit)
}

func (ix *pgIndex) Bundles(ctx context.Context, after int64, limit int) ([]Record, error) {
	return pgBundles(ctx, ix.db, "id > $1 ORDER BY id LIMIT $2", after, limit)
}

// AddBundle inserts the row in one transaction. Two instances adding the
// same bundle: the second INSERT waits for the first to commit, does
// nothing, and the row that won is returned (the same receipt for both).
// Bundles of one origin, site and seq are serialised by an advisory lock
// on that triple, so that two twins racing each see the other and both
// are flagged.
func (ix *pgIndex) AddBundle(ctx context.Context, r Record) (Record, bool, error) {
	var out Record
	created := false
	err := pgx.BeginFunc(ctx, ix.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
			fmt.Sprintf("%s|%s|%d", r.Origin, r.Site, r.Seq)); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO bundle (file_sha256, manifest_sha256, bundle_id, origin, level, site,
			seq, to_unit, key_id, size, received, receipt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
			ON CONFLICT DO NOTHING RETURNING id`, r.FileSHA256, r.ManifestSHA256, r.BundleID, r.Origin, r.Level,
			r.Site, r.Seq, r.To, r.KeyID, r.Size, r.Received, r.Receipt).Scan(&r.ID)
		if errors.Is(err, pgx.ErrNoRows) {
			out, err = pgOne(ctx, tx, "manifest_sha256 = $1 OR file_sha256 = $2", r.ManifestSHA256, r.FileSHA256)
			return err
		}
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE bundle SET equivocal = true WHERE origin = $1 AND site = $2 AND seq = $3
			AND (SELECT count(*) FROM bundle WHERE origin = $1 AND site = $2 AND seq = $3) > 1`, r.Origin, r.Site, r.Seq)
		if err != nil {
			return err
		}
		r.Equivocal, out, created = tag.RowsAffected() > 0, r, true
		out.Equivocal = r.Equivocal
		return nil
	})
	return out, created, err
}

func (ix *pgIndex) ImportBundles(ctx context.Context, rs []Record) error {
	return pgx.BeginFunc(ctx, ix.db, func(tx pgx.Tx) error {
		for _, r := range rs {
			if _, err := tx.Exec(ctx, `INSERT INTO bundle (id, file_sha256, manifest_sha256, bundle_id, origin, level,
			site, seq, to_unit, key_id, size, received, equivocal, receipt)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
				r.ID, r.FileSHA256, r.ManifestSHA256, r.BundleID, r.Origin, r.Level, r.Site, r.Seq, r.To, r.KeyID,
				r.Size, r.Received, r.Equivocal, r.Receipt); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('bundle', 'id'),
			greatest((SELECT max(id) FROM bundle), 1))`)
		return err
	})
}

func (ix *pgIndex) Roster(ctx context.Context, unit string) (RosterRecord, error) {
	rs, err := ix.rosters(ctx, "WHERE unit = $1", unit)
	if err != nil {
		return RosterRecord{}, err
	}
	if len(rs) == 0 {
		return RosterRecord{}, ErrNotFound
	}
	return rs[0], nil
}

func (ix *pgIndex) Rosters(ctx context.Context) ([]RosterRecord, error) {
	return ix.rosters(ctx, "ORDER BY unit")
}

func (ix *pgIndex) rosters(ctx context.Context, cond string, args ...any) ([]RosterRecord, error) {
	rows, err := ix.db.Query(ctx, `SELECT unit, level, key_id, version, keys_sha256, keys, file, received
		FROM roster `+cond, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (RosterRecord, error) {
		var r RosterRecord
		err := row.Scan(&r.Unit, &r.Level, &r.KeyID, &r.Version, &r.KeysSHA256, &r.Keys, &r.File, &r.Received)
		return r, err
	})
}

// PutRoster replaces the roster only if its version is above the stored
// one (the conditional upsert), then its enrolled keys, in one
// transaction.
func (ix *pgIndex) PutRoster(ctx context.Context, r RosterRecord, ks []Enrolled) error {
	return pgx.BeginFunc(ctx, ix.db, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO roster (unit, level, key_id, version, keys_sha256, keys, file, received)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (unit) DO UPDATE SET level = excluded.level,
			key_id = excluded.key_id, version = excluded.version, keys_sha256 = excluded.keys_sha256,
			keys = excluded.keys, file = excluded.file, received = excluded.received
			WHERE roster.version < excluded.version`,
			r.Unit, r.Level, r.KeyID, r.Version, r.KeysSHA256, r.Keys, r.File, r.Received)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var have int64
			tx.QueryRow(ctx, "SELECT version FROM roster WHERE unit = $1", r.Unit).Scan(&have)
			return fmt.Errorf("%w: version %d, the hub holds %d", ErrStaleRoster, r.Version, have)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM enrolled WHERE by_unit = $1", r.Unit); err != nil {
			return err
		}
		for _, k := range ks {
			if _, err := tx.Exec(ctx, `INSERT INTO enrolled (by_unit, unit, level, key_id, minisign, khkey)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, r.Unit, k.Unit, k.Level, k.KeyID,
				k.Minisign, k.KHKey); err != nil {
				return err
			}
		}
		return nil
	})
}

func (ix *pgIndex) EnrolledByKeyID(ctx context.Context, keyID string) ([]Enrolled, error) {
	return ix.enrolled(ctx, "key_id = $1", keyID)
}

func (ix *pgIndex) EnrolledBy(ctx context.Context, unit string) ([]Enrolled, error) {
	return ix.enrolled(ctx, "by_unit = $1", unit)
}

func (ix *pgIndex) enrolled(ctx context.Context, cond, arg string) ([]Enrolled, error) {
	rows, err := ix.db.Query(ctx, `SELECT by_unit, unit, level, key_id, minisign, khkey FROM enrolled
		WHERE `+cond+` ORDER BY by_unit, minisign`, arg)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Enrolled, error) {
		var e Enrolled
		err := row.Scan(&e.By, &e.Unit, &e.Level, &e.KeyID, &e.Minisign, &e.KHKey)
		return e, err
	})
}

// UseNonce deletes the nonces expired and inserts this one: a conflict is
// a second use, by this instance or another.
func (ix *pgIndex) UseNonce(ctx context.Context, nonceSHA256, expires, now string) error {
	if _, err := ix.db.Exec(ctx, "DELETE FROM used_nonce WHERE expires < $1", now); err != nil {
		return err
	}
	tag, err := ix.db.Exec(ctx, `INSERT INTO used_nonce (nonce_sha256, expires) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, nonceSHA256, expires)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNonceUsed
	}
	return nil
}

func (ix *pgIndex) Usage(ctx context.Context, origin, since string) (Usage, error) {
	var u Usage
	err := ix.db.QueryRow(ctx, "SELECT coalesce(sum(size), 0), count(*) FROM bundle WHERE origin = $1 AND received >= $2",
		origin, since).Scan(&u.Bytes, &u.Bundles)
	return u, err
}

func (ix *pgIndex) AddNotice(ctx context.Context, n NoticeRecord) (bool, error) {
	added := false
	err := pgx.BeginFunc(ctx, ix.db, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO notice (sha256, to_unit, from_unit, key_id, file, received)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`, n.SHA256, n.To, n.From, n.KeyID, n.File, n.Received).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		added = true
		_, err = tx.Exec(ctx, supersedeNotices, n.From, n.To, id)
		return err
	})
	return added, err
}

func (ix *pgIndex) Notices(ctx context.Context, to string, after int64, limit int) ([]NoticeRecord, error) {
	rows, err := ix.db.Query(ctx, `SELECT id, sha256, to_unit, from_unit, key_id, file, received FROM notice
		WHERE ($1 = '' OR to_unit = $1) AND id > $2 ORDER BY id LIMIT $3`, to, after, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (NoticeRecord, error) {
		var n NoticeRecord
		err := row.Scan(&n.ID, &n.SHA256, &n.To, &n.From, &n.KeyID, &n.File, &n.Received)
		return n, err
	})
}
