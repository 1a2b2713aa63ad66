package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// DefaultKeep is how many automatic copies DailyBackup keeps.
const DefaultKeep = 7

// BackupDir is the folder of automatic copies beside the database at dbPath.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// dailyName matches the automatic copies: khuyenhoc-2026-12-01.db.
var dailyName = regexp.MustCompile(`^khuyenhoc-(\d{4}-\d{2}-\d{2})\.db$`)

// DailyBackup writes the automatic copy of the day (by the store's clock)
// into dir, as khuyenhoc-YYYY-MM-DD.db, when none of that day is there and
// the database is set up; then it removes the oldest automatic copies so
// that keep remain (DefaultKeep when keep < 1). It never removes the copy
// just written, nor copies kept by hand or before a restore. It returns the
// new copy's path, "" when none was due.
func (s *Store) DailyBackup(ctx context.Context, dir string, keep int) (string, error) {
	if keep < 1 {
		keep = DefaultKeep
	}
	if _, err := s.Installation(ctx); errors.Is(err, ErrNotSetUp) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("store: daily backup: %w", err)
	}
	name := "khuyenhoc-" + s.now().Format("2006-01-02") + ".db"
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if _, err := s.WriteBackup(ctx, path); err != nil {
		return "", err
	}
	return path, prune(dir, name, keep)
}

// prune removes the oldest automatic copies in dir beyond keep, sparing
// the one named just.
func prune(dir, just string, keep int) error {
	files, err := Backups(dir)
	if err != nil {
		return err
	}
	var errs []error
	n := 0
	for _, f := range files {
		if !f.Daily {
			continue
		}
		if n++; n > keep && filepath.Base(f.Path) != just {
			errs = append(errs, os.Remove(f.Path))
		}
	}
	return errors.Join(errs...)
}

// BackupFile is a copy in the backups folder.
type BackupFile struct {
	Path     string
	Daily    bool      // an automatic copy (else kept before a restore, or put there by hand)
	Modified time.Time // the file's time
	Bytes    int64
}

// Backups lists the database copies (*.db) in dir: the automatic ones
// newest first by the date in their name, then the others newest first by
// their file time. A missing folder holds none.
func Backups(dir string) ([]BackupFile, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []BackupFile
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Daily: dailyName.MatchString(e.Name()),
			Modified: fi.ModTime(), Bytes: fi.Size()})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Daily != b.Daily {
			return a.Daily
		}
		if a.Daily {
			return filepath.Base(a.Path) > filepath.Base(b.Path)
		}
		return a.Modified.After(b.Modified)
	})
	return out, nil
}
