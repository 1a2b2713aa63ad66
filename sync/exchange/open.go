package exchange

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Files that come in are opened only when they are regular files: a pipe
// (a FIFO named *.khb on a stick) would block the import for ever, a
// device would read without end, and a link could lead out of the folder
// being imported. Every read is bounded by a deadline (Config.FileTime).

// inFile is an opened bundle file: its path, the file and its size.
type inFile struct {
	path string
	f    *os.File
	size int64
}

// openRegular opens path for reading if it is a regular file. within is
// the folder it was found in ("" for a file named by the user): a link
// found in a folder must lead to a regular file inside that folder. The
// file is opened without blocking (a pipe swapped in after the check does
// not hang) and checked again once open.
func openRegular(path, within string) (*inFile, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		if info, err = followLink(path, within); err != nil {
			return nil, err
		}
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s (%s)", ErrNotRegular, path, info.Mode().Type())
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || !os.SameFile(st, info) {
		f.Close()
		return nil, fmt.Errorf("%w: %s changed while it was opened", ErrNotRegular, path)
	}
	return &inFile{path: path, f: f, size: st.Size()}, nil
}

// followLink returns what a link leads to, refusing a link found in a
// folder that leads out of it.
func followLink(path, within string) (os.FileInfo, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	if within != "" {
		dir, err := filepath.EvalSymlinks(within)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(dir, target)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return nil, fmt.Errorf("%w: %s leads out of %s", ErrNotRegular, path, within)
		}
	}
	return os.Stat(target)
}

// deadlineReader reads the file until ctx ends (the file's deadline, or
// the import stopped by a signal): a stick that stops answering does not
// hold the import for ever.
type deadlineReader struct {
	ctx context.Context
	r   io.ReaderAt
}

func (d deadlineReader) ReadAt(p []byte, off int64) (int, error) {
	if err := d.ctx.Err(); err != nil {
		if err == context.DeadlineExceeded {
			return 0, ErrTimeout
		}
		return 0, err
	}
	return d.r.ReadAt(p, off)
}

func (c *Config) fileTime() time.Duration {
	if c.FileTime <= 0 {
		return DefaultFileTime
	}
	return c.FileTime
}
