package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Restored tells what Restore did.
type Restored struct {
	From    BackupInfo // the copy now in use
	Aside   string     // where the database it replaced was kept; "" when there was none
	Carried int        // bundles the replaced database had made since the copy, kept (carry.go)
}

// Restore puts the copy at src in place of the database at dbPath and
// returns it open. The copy is first copied beside the database and
// checked there (CheckBackup); a database of another unit than the current
// one is refused (ErrOtherUnit), as is a current database some program still
// has open (ErrInUse). The current database is moved into asideDir (the
// backups folder) and stays there: if the restored copy does not open, pass
// its integrity check and show its set-up, it is put back and nothing has
// changed. When the two are one installation, the bundles the current one
// made since the copy and its counters are carried into the restored one
// (carryForward). dbPath's folder must exist; the caller has closed its own
// Store.
func Restore(ctx context.Context, dbPath, src, asideDir string, opt Options) (*Store, Restored, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	staged := dbPath + ".restoring"
	defer os.Remove(staged)
	if err := copyFile(src, staged); err != nil {
		return nil, Restored{}, fmt.Errorf("store: restore: %w", err)
	}
	info, err := CheckBackup(ctx, staged)
	info.Path = src
	if err != nil {
		return nil, Restored{From: info}, err
	}
	readable, err := release(ctx, dbPath, info.Unit)
	if err != nil {
		return nil, Restored{From: info}, err
	}
	res := Restored{From: info}
	if _, err := os.Stat(dbPath); err == nil {
		if err := os.MkdirAll(asideDir, 0o700); err != nil {
			return nil, res, fmt.Errorf("store: restore: %w", err)
		}
		res.Aside = filepath.Join(asideDir, "before-restore-"+opt.Now().Format("2006-01-02-150405")+".db")
		if err := moveDB(dbPath, res.Aside); err != nil {
			return nil, res, fmt.Errorf("store: restore: keep the current database aside: %w", err)
		}
	}
	st, err := openRestored(ctx, staged, dbPath, opt)
	if err == nil && res.Aside != "" && readable {
		if res.Carried, err = carryForward(ctx, st, res.Aside); err != nil {
			st.Close()
		}
	}
	if err != nil {
		removeDB(dbPath)
		if res.Aside != "" {
			err = errors.Join(err, moveDB(res.Aside, dbPath))
		}
		return nil, Restored{From: info}, fmt.Errorf("store: restore: the database is as it was: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	return st, res, nil
}

// openRestored moves the checked copy into place and opens it as the app
// will: migrations, integrity check, set-up.
func openRestored(ctx context.Context, staged, dbPath string, opt Options) (*Store, error) {
	if err := os.Rename(staged, dbPath); err != nil {
		return nil, err
	}
	st, err := Open(ctx, dbPath, opt)
	if err != nil {
		return nil, err
	}
	if err = st.IntegrityCheck(ctx); err == nil {
		_, err = st.Installation(ctx)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// release checks that the database at path, if any, belongs to unit (when
// it can be read at all: a damaged database may be replaced by any copy) and
// that no other program has it open. It leaves WAL mode, which folds the
// write-ahead log into the file, so that the file alone is the database, and
// which SQLite allows only to the one connection open. It reports whether the
// database could be read.
func release(ctx context.Context, path, unit string) (readable bool, err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	db, err := sql.Open("sqlite", dsn(path, "immediate", 2000, false))
	if err != nil {
		return false, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var have string
	err = db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", MetaUnit).Scan(&have)
	if err == nil && have != "" && have != unit {
		return false, fmt.Errorf("%w: %s ≠ %s", ErrOtherUnit, unit, have)
	}
	readable = err == nil
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		if isBusy(err) {
			return false, ErrInUse
		}
		return false, nil // damaged: the copy replaces it
	}
	if mode != "delete" {
		return false, ErrInUse
	}
	return readable, nil
}

func isBusy(err error) bool {
	s := err.Error()
	return strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked")
}

// moveDB renames a database file with its -wal and -shm companions, if any.
func moveDB(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, sfx := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(from + sfx); err == nil {
			if err := os.Rename(from+sfx, to+sfx); err != nil {
				return err
			}
		}
	}
	return nil
}

func removeDB(path string) {
	for _, sfx := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + sfx)
	}
}

// copyFile copies src to a new file dst readable by the user only, synced.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	os.Remove(dst)
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	return errors.Join(err, out.Close())
}
