package tabular

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
)

// exportTwice writes st's citizens in the data form to path, then again
// with export, which must fail with want: the first file is left byte for
// byte, and no partial file beside it.
func exportTwice(t *testing.T, st *store.Store, path string, export func() error, want error) {
	t.Helper()
	first := Export
	if ext := filepath.Ext(path); ext == ".pdf" {
		first = func(ctx context.Context, st *store.Store, k Kind, _, path string) (int, error) {
			return ExportList(ctx, st, k, path, sampleListMeta)
		}
	}
	if _, err := first(context.Background(), st, Citizens, "", path); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := export(); !errors.Is(err, want) {
		t.Fatalf("second export: %v, want %v", err, want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the failed export took the earlier file: %v", err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the failed export changed the earlier file: %d bytes, then %d", len(before), len(after))
	}
	if _, err := os.Stat(path + atomicfile.Suffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partial file left: %v", err)
	}
}

// An export that fails once its file is open (here, its context ends)
// leaves the earlier file as it was, in every form and format.
func TestExport_FailedKeepsTheEarlierFile(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name, ext string
		export    func(st *store.Store, path string) error
	}{
		{"data", ".csv", func(st *store.Store, path string) error { _, err := Export(ctx, st, Citizens, "", path); return err }},
		{"data", ".xlsx", func(st *store.Store, path string) error { _, err := Export(ctx, st, Citizens, "", path); return err }},
		{"list", ".xlsx", func(st *store.Store, path string) error {
			_, err := ExportList(ctx, st, Citizens, path, sampleListMeta)
			return err
		}},
		{"list", ".pdf", func(st *store.Store, path string) error {
			_, err := ExportList(ctx, st, Citizens, path, sampleListMeta)
			return err
		}},
	} {
		t.Run(tc.name+tc.ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "citizens"+tc.ext)
			st := openStore(t)
			if _, err := importFile(t, st, Citizens, "citizens-good.csv", false); err != nil {
				t.Fatal(err)
			}
			exportTwice(t, st, path, func() error { return tc.export(st, path) }, context.Canceled)
		})
	}
}
