package store

import (
	"errors"
	"io/fs"
	"os"
)

// private makes the database file readable by its user only before SQLite
// opens it: a new one is created empty with mode 0600 (SQLite gives its WAL
// and shared-memory files the mode of the database), and an older one
// opened by a group or others is narrowed. On Windows the file inherits
// the user profile's permissions instead (docs/privacy.md).
func private(path string) error {
	if path == "" || path == ":memory:" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil // let SQLite say what is wrong with the path
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o077 != 0 {
			os.Chmod(p, st.Mode().Perm()&0o700)
		}
	}
	return nil
}
