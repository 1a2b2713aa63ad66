package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite_ReplacesWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.khb")
	if err := WriteBytes(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "two" {
		t.Fatalf("%q %v", b, err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st.Mode(), err)
	}
}

// A write that fails halfway leaves the old file and no partial one.
func TestWrite_FailureLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.khb")
	if err := WriteBytes(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	pulled := errors.New("stick pulled out")
	err := Write(path, 0o600, func(f *os.File) error {
		f.Write([]byte("half of the new"))
		return pulled
	})
	if !errors.Is(err, pulled) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("file %q, want the old one", b)
	}
	if _, err := os.Stat(path + Suffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("partial file left: %v", err)
	}
}
