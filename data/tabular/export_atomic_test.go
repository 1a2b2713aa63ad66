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
	if _, err := Export(context.Background(), st, Citizens, "", path); err != nil {
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
// leaves the earlier export as it was, in both formats.
func TestExport_FailedKeepsTheEarlierFile(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "citizens"+ext)
			st := openStore(t)
			if _, err := importFile(t, st, Citizens, "citizens-good.csv", false); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			exportTwice(t, st, path, func() error { _, err := Export(ctx, st, Citizens, "", path); return err }, context.Canceled)
		})
	}
}
