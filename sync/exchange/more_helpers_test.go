package exchange

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

func setupUpstream(down, up *install) (keys.PublicKey, error) {
	return setup.SetUpstream(context.Background(), down.c.Store, units.Default(), up.key)
}

func trust(up, down *install) (keys.PublicKey, error) {
	return setup.Trust(context.Background(), up.c.Store, units.Default(), down.key, "")
}

func revoke(up, down *install) error {
	return setup.Revoke(context.Background(), up.c.Store, down.id.Public().Fingerprint())
}

// cloneInstall copies an installation's database file, as someone copying
// the app folder to a second PC would.
func cloneInstall(t testing.TB, in *install) *install {
	t.Helper()
	dir := t.TempDir()
	dst := filepath.Join(dir, "k.db")
	if err := in.c.Store.Backup(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), dst, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := *in.c
	c.Store, c.Outbox, c.Held = st, filepath.Join(dir, "outbox"), filepath.Join(dir, "held")
	return &install{t: t, c: &c, id: in.id, key: in.key, dir: dir}
}

func copyTo(t *testing.T, src, dir string) string {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	dst := filepath.Join(dir, filepath.Base(src))
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	return dst
}

func manifestOf(t *testing.T, path string) bundle.Manifest {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	b, err := bundle.Open(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return b.Manifest()
}
