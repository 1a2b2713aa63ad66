// Package store keeps the registers in a local SQLite file
// (modernc.org/sqlite, no cgo). It owns every SQL statement run on an
// installation's database (the hub keeps its own index, sync/hub): the
// records and their per-field logical versions, tombstones, the audit
// trail, conflicts, search, reports, and the tables the bundle exchange
// keeps (keys, import ledger, exported bundles, quarantine). Its tables,
// column order, statements and derived keys come from the record kinds'
// tables in package data (schema.go); migrations/ holds the numbered
// schema changes, with their Go steps in migrate.go.
//
// Each logical change is one transaction. Writers use BEGIN IMMEDIATE on a
// single connection; readers use a separate pool, so a long report never
// blocks typing and the desktop app and the command line can share the file.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Errors of the store.
var (
	ErrNotFound    = errors.New("store: not found")
	ErrBadRow      = errors.New("store: malformed row")
	ErrNotSetUp    = errors.New("store: this database has not been set up (run init)")
	ErrAlreadySet  = errors.New("store: this database is already set up")
	ErrNewerSchema = errors.New("store: the database was written by a newer version of the app")
)

// Store is an open database.
type Store struct {
	w     *sql.DB // the single writer connection
	r     *sql.DB // readers
	path  string
	abs   string // path made absolute when opened (relative paths stored beside it: ledger.go)
	now   func() time.Time
	site  string   // cached after setup; "" before
	notes []string // what the migrations run by Open did (MigrationNotes)
	keys  keyring  // the secret keys once opened (keyring.go)
}

// Options configure Open.
type Options struct {
	Now func() time.Time // the wall clock, for audit timestamps; time.Now when nil
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := private(path); err != nil { // private.go
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, "immediate", 32000, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	s := &Store{w: w, path: path, now: opt.Now}
	s.abs, _ = filepath.Abs(path)
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.r, err = sql.Open("sqlite", dsn(path, "deferred", 16000, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	s.r.SetMaxOpenConns(4)
	s.site, _ = s.Meta(ctx, MetaSite)
	return s, nil
}

// dsn is the store's DSN: a page cache of cacheKiB (32 MiB for the writer:
// a larger one measured slower and bigger on imports), temporary tables in
// memory, and a larger WAL before a checkpoint.
func dsn(path, txlock string, cacheKiB int, readOnly bool) string {
	return DSN(path, DSNOptions{TxLock: txlock, ReadOnly: readOnly, Pragmas: []string{
		fmt.Sprintf("cache_size(-%d)", cacheKiB), "temp_store(MEMORY)", "wal_autocheckpoint(8192)",
		"secure_delete(1)"}}) // what is deleted is overwritten: a purge erases (purge.go)
}

// Close closes both pools.
func (s *Store) Close() error {
	err := s.w.Close()
	if s.r != nil {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Now returns the store's wall clock (informational timestamps only).
func (s *Store) Now() time.Time { return s.now() }

func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var have int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return err
	}
	if have > len(names) {
		return ErrNewerSchema
	}
	for n := have; n < len(names); n++ {
		if err := s.applyMigration(ctx, names[n], n+1); err != nil {
			return fmt.Errorf("%s: %w", names[n], err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, name string, version int) error {
	b, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	prefix, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
	if n, err := strconv.Atoi(prefix); err != nil || n != version {
		return fmt.Errorf("migration numbered %q, want %d", prefix, version)
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, string(b)); err != nil {
			return err
		}
		if err := s.goStep(ctx, tx, version); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
		return err
	})
}

// writeTx runs fn in one write transaction: BEGIN IMMEDIATE, fn, COMMIT, or
// ROLLBACK when fn fails.
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when it says ok.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.w.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("store: integrity check: %s", res)
	}
	return nil
}

// Backup writes a consistent copy of the database to path (VACUUM INTO).
func (s *Store) Backup(ctx context.Context, path string) error {
	_, err := s.w.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// MigrationNames lists the embedded migrations in order (for tools that
// build the same schema elsewhere, such as the benchmark's sqlite3 baseline).
func MigrationNames() []string {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(names)
	return names
}

// MigrationSQL returns one embedded migration's text.
func MigrationSQL(name string) string {
	b, _ := migrations.ReadFile(name)
	return string(b)
}
