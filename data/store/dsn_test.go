package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// awkwardDirs are folder names a file: URI would cut or decode if the path
// were not escaped: each must open the file inside it and no other.
var awkwardDirs = []string{"Sổ #2", "hỏi?đáp", "100%41 xong", "a b#c?d%e", "Đông Hưng %23"}

func TestDSN_AwkwardPathsOpenTheirOwnFile(t *testing.T) {
	for _, name := range awkwardDirs {
		root := t.TempDir()
		dir := filepath.Join(root, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "khuyenhoc.db")
		s, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if err := s.SetMeta(context.Background(), "probe", name); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := dirNames(t, root); !slices.Equal(got, []string{name}) {
			t.Errorf("%q: the parent folder holds %q, want only the folder itself", name, got)
		}
		if got := dirNames(t, dir); !slices.Contains(got, "khuyenhoc.db") {
			t.Errorf("%q: the folder holds %q, no khuyenhoc.db", name, got)
		}
		s, err = Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.Meta(context.Background(), "probe")
		s.Close()
		if err != nil || v != name {
			t.Errorf("%q: reopened, meta probe = %q, %v", name, v, err)
		}
	}
}

func TestDSN_EscapesAndOptions(t *testing.T) {
	got := DSN("/x/Sổ #2?a%b", DSNOptions{TxLock: "immediate", ReadOnly: true, Pragmas: []string{"cache_size(-1)"}})
	want := "file:/x/Sổ %232%3Fa%25b?_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29" +
		"&_pragma=synchronous%28FULL%29&_pragma=foreign_keys%281%29&_pragma=cache_size%28-1%29" +
		"&_pragma=query_only%281%29&_txlock=immediate"
	if got != want {
		t.Fatalf("DSN\n got %s\nwant %s", got, want)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}
