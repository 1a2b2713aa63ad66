// Package atomicfile writes files so that a crash, a power cut or a USB
// stick pulled out mid-write leaves either the old state or the whole new
// file, never a truncated one under its real name: write to path.partial,
// fsync, close, rename, fsync the folder (restic's and SQLite's
// discipline; docs/SECURITY.md). It is the one such helper of the
// application: bundles, receipts, keys and the hub's files use it.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Suffix names the temporary file a write goes through.
const Suffix = ".partial"

// Write creates (or replaces) path with what write writes into it, with
// the given permissions. On any error the partial file is removed and path
// is left as it was.
func Write(path string, perm os.FileMode, write func(*os.File) error) error {
	partial := path + Suffix
	f, err := os.OpenFile(partial, os.O_RDWR|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(partial, path)
	}
	if err != nil {
		os.Remove(partial)
		return err
	}
	SyncDir(filepath.Dir(path))
	return nil
}

// WriteBytes writes b as path (see Write).
func WriteBytes(path string, b []byte, perm os.FileMode) error {
	return Write(path, perm, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// SyncDir flushes a folder's entries, so a rename survives a power cut.
// It is best effort: not every file system, nor Windows, supports it.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Public is the mode of the files a person reads or sends on (reports,
// exports, printed lists): readable by others, never executable (excelize's
// SaveAs creates files with mode 0777 before the umask).
const Public os.FileMode = 0o644
