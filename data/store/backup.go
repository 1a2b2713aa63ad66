package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Errors of backup and restore. A copy offered for restore is refused with
// one of these, or with ErrNotSetUp (an app database never set up) or
// ErrNewerSchema (written by a newer version of the app).
var (
	ErrNotBackup = errors.New("store: the file is not a database of Sổ Khuyến Học")
	ErrDamaged   = errors.New("store: the copy is damaged")
	ErrOtherUnit = errors.New("store: the copy belongs to another unit")
	ErrInUse     = errors.New("store: the database is open in another program")
)

// BackupInfo is what a checked copy holds.
type BackupInfo struct {
	Path                    string
	Site, Unit, Level, Name string
	Created                 string // when the installation was set up
	Schema                  int    // its PRAGMA user_version
	Bytes                   int64
}

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// WriteBackup writes a consistent copy of the database to dst (which must
// not exist): VACUUM INTO a temporary file beside dst, readable by the user
// only, synced, checked by CheckBackup, and only then renamed to dst. A
// failure leaves no file at dst.
func (s *Store) WriteBackup(ctx context.Context, dst string) (BackupInfo, error) {
	if _, err := os.Lstat(dst); err == nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %s: %w", dst, os.ErrExist)
	}
	tmp, err := emptyFile(dst + ".partial")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	defer os.Remove(tmp)
	if err := s.Backup(ctx, tmp); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	info, err := CheckBackup(ctx, tmp)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup did not check out: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return BackupInfo{}, fmt.Errorf("store: backup: %w", err)
	}
	syncDir(filepath.Dir(dst))
	info.Path = dst
	return info, nil
}

// CheckBackup opens the file at path read-only and says what it holds: a
// database of this app (ErrNotBackup otherwise), set up (ErrNotSetUp), of a
// schema this version knows (ErrNewerSchema), that passes PRAGMA
// integrity_check (ErrDamaged). It writes nothing, not even a journal.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	info := BackupInfo{Path: path}
	st, err := os.Stat(path)
	if err != nil {
		return info, err
	}
	info.Bytes = st.Size()
	if err := checkMagic(path); err != nil {
		return info, err
	}
	db, err := sql.Open("sqlite", "file:"+uriPath.Replace(path)+"?mode=ro&immutable=1")
	if err != nil {
		return info, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.Schema); err != nil {
		return info, fmt.Errorf("%w: %v", ErrNotBackup, err)
	}
	if info.Schema > len(MigrationNames()) {
		return info, ErrNewerSchema
	}
	if err := checkIntegrity(ctx, db); err != nil {
		return info, err
	}
	if err := readSetup(ctx, db, &info); err != nil {
		return info, err
	}
	return info, nil
}

func checkMagic(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return ErrNotBackup
	}
	return nil
}

func checkIntegrity(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		found = append(found, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if len(found) != 1 || found[0] != "ok" {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(found, "; "))
	}
	return nil
}

// readSetup reads the installation of an app database opened raw.
func readSetup(ctx context.Context, db *sql.DB, info *BackupInfo) error {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").Scan(&n)
	if err != nil || n == 0 || info.Schema < 1 {
		return ErrNotBackup
	}
	for key, dst := range map[string]*string{MetaSite: &info.Site, MetaUnit: &info.Unit,
		MetaLevel: &info.Level, MetaName: &info.Name, MetaCreated: &info.Created} {
		err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(dst)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %v", ErrNotBackup, err)
		}
	}
	if info.Site == "" || info.Unit == "" {
		return ErrNotSetUp
	}
	return nil
}

// emptyFile creates path anew, empty and readable by the user only (VACUUM
// INTO writes into an empty file, keeping its permissions).
func emptyFile(path string) (string, error) {
	os.Remove(path) // a leftover of an interrupted run
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	return path, f.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// syncDir makes a rename durable where the system allows it (Windows does
// not sync folders; the error is of no use there).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
