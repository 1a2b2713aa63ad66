package applog

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// Writer appends to a file and, when a write would take it past MaxBytes,
// renames it to NAME.1 (NAME.1 to NAME.2 …, the oldest beyond Keep removed)
// and starts a new one. Each Write is one append, so that two programs on
// one file interleave whole lines. When the file cannot be renamed (another
// program holds it open on Windows), writing goes on in the same file and
// the rotation is tried again at the next write. Safe for concurrent use.
type Writer struct {
	path string
	max  int64
	keep int

	mu   sync.Mutex
	f    *os.File
	size int64
}

// OpenWriter opens (creating, readable by the user only) the file at path.
// maxBytes < 1 means 1 MiB; keep < 1 means 3.
func OpenWriter(path string, maxBytes int64, keep int) (*Writer, error) {
	if maxBytes < 1 {
		maxBytes = 1 << 20
	}
	if keep < 1 {
		keep = 3
	}
	w := &Writer{path: path, max: maxBytes, keep: keep}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) open() error {
	f, err := os.OpenFile(w.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	w.f, w.size = f, fi.Size()
	return nil
}

// Write appends p, rotating first when p would take the file past the cap.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return 0, os.ErrClosed
	}
	if w.size > 0 && w.size+int64(len(p)) > w.max {
		if err := w.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := w.f.Write(p)
	w.size += int64(n)
	return n, err
}

// rotate shifts the older files up by one and opens a new file; when a
// rename fails it reopens the file it had. It fails only when no file
// opens, and then the Writer is closed.
func (w *Writer) rotate() error {
	w.f.Close()
	w.f = nil
	shift(w.path, w.keep) // a failure leaves the file in place, reopened below
	return w.open()
}

func shift(path string, keep int) error {
	if err := os.Remove(fmt.Sprintf("%s.%d", path, keep)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for i := keep - 1; i >= 1; i-- {
		err := os.Rename(fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(path, path+".1")
}

// Close closes the file; later writes fail with os.ErrClosed.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}
