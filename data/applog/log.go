package applog

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Dir is the folder of the logs beside the database at dbPath.
func Dir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "logs") }

// Sizes of a log: each file at most MaxBytes, with Keep older files
// (NAME.log.1 … NAME.log.3): 4 MiB per program at most.
const (
	MaxBytes = 1 << 20
	Keep     = 3
)

// Log is an open log file and the logger writing to it.
type Log struct {
	*slog.Logger
	Path string // the current file
	w    *Writer
}

// Open opens the log of program (e.g. "khuyenhoc") in dir, creating dir
// readable by the user only: dir/program.log.
func Open(dir, program string) (*Log, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, program+".log")
	w, err := OpenWriter(path, MaxBytes, Keep)
	if err != nil {
		return nil, err
	}
	return &Log{Logger: New(w), Path: path, w: w}, nil
}

// Close closes the file.
func (l *Log) Close() error {
	if l == nil || l.w == nil {
		return nil
	}
	return l.w.Close()
}

// New returns a logger writing slog's text form to w, masking personal
// data (Redact) in the message, in errors and in text values.
func New(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: redactAttr}))
}

// Discard is a logger that writes nothing (tests, or when no log opens).
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

func redactAttr(_ []string, a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Redact(v.String()))
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, Redact(err.Error()))
		}
		if s, ok := v.Any().(interface{ String() string }); ok {
			return slog.String(a.Key, Redact(s.String()))
		}
		return slog.String(a.Key, Redact(v.String()))
	}
	return a
}

// LineWriter is an io.Writer for the standard library's log package (which
// Fyne writes its errors to): each line becomes one record of l at Warn,
// under msg, masked like every other.
func LineWriter(l *slog.Logger, msg string) io.Writer { return lineWriter{l, msg} }

type lineWriter struct {
	l   *slog.Logger
	msg string
}

func (w lineWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if line != "" {
			w.l.Warn(w.msg, "text", line)
		}
	}
	return len(p), nil
}
