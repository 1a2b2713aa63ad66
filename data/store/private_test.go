package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// The database, its WAL and shared memory are readable by their user only,
// and a database an earlier version left readable by others is narrowed.
func TestOpen_DatabaseReadableByItsUserOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows files take their folder's permissions")
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	if err := os.WriteFile(old, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "new.db"), old} {
		s, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Init(context.Background(), Setup{Site: "a", Unit: testUnit, Level: "commune"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if m := st.Mode().Perm(); m != 0o600 {
				t.Errorf("%s: mode %o, want 600", filepath.Base(p), m)
			}
		}
		s.Close()
	}
}
