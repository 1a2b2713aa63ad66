package exchange

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// The outbox is recorded relative to the database's folder: bundles made
// with the database named from one working directory are sent again from
// another, and after the whole folder moved.
func TestOutbox_PathsRelativeToTheDatabase(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(2, "Đường")
	a.c.Store.Close()

	// The database is named relatively, from its parent folder.
	home := t.TempDir()
	inst := filepath.Join(home, "kh")
	if err := os.Rename(a.dir, inst); err != nil {
		t.Fatal(err)
	}
	t.Chdir(home)
	st := openAt(t, filepath.Join("kh", "k.db"))
	c := FoldersIn("kh").Config(st, units.Default())
	if _, err := Export(ctx, c, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// From another working directory, after the folder moved.
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.Rename(inst, moved); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	st = openAt(t, filepath.Join(moved, "k.db"))
	c = FoldersIn(moved).Config(st, units.Default())
	out, err := c.Store.OutBundles(ctx, 1)
	if err != nil || len(out) != 1 || !strings.HasPrefix(out[0].File, filepath.Join(moved, "outbox")) {
		t.Fatalf("the outbox as recorded: %+v %v", out, err)
	}
	w, err := Resend(ctx, c, t.TempDir(), 1)
	if err != nil || len(w) != 1 {
		t.Fatalf("resend from elsewhere: %+v %v", w, err)
	}
	if o := d.importFiles(w[0].Path)[0]; o.Status != Imported {
		t.Fatalf("the resent bundle: %+v", o)
	}
}

// What a killed export left in the outbox — the payload's temporary file
// and the bundle's .partial copy — is gone at the next export, which
// still sends every change.
func TestOutbox_LeftoversRemovedAtTheNextExport(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(2, "Sót")
	if err := os.MkdirAll(a.c.Outbox, 0o700); err != nil {
		t.Fatal(err)
	}
	left := []string{"payload-123456.tmp", "commune-12694-000001-0190f3a2.khb.partial"}
	for _, n := range left {
		if err := os.WriteFile(filepath.Join(a.c.Outbox, n), []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := a.export(t.TempDir())
	for _, n := range left {
		if _, err := os.Stat(filepath.Join(a.c.Outbox, n)); !os.IsNotExist(err) {
			t.Errorf("%s still in the outbox (%v)", n, err)
		}
	}
	names, _ := os.ReadDir(a.c.Outbox)
	if len(names) != 1 || len(w) != 1 || w[0].Rows != 4 {
		t.Fatalf("outbox %v, written %+v", names, w)
	}
	if o := d.importFiles(w[0].Path)[0]; o.Status != Imported {
		t.Fatal(o)
	}
}

// The desktop app removes them when it starts (CleanOutbox), before any
// export; the bundles made stay.
func TestOutbox_CleanOutboxKeepsTheBundlesMade(t *testing.T) {
	dir := t.TempDir()
	names := []string{"payload-9.tmp", "commune-12694-000002-0190f3a2.khb.partial", "commune-12694-000001-0190f3a1.khb"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	CleanOutbox(dir)
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != names[2] {
		t.Errorf("left %v, want only %s", left, names[2])
	}
}

func openAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
