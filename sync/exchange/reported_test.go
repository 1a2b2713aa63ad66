package exchange

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A held bundle whose copy into the held folder fails is not recorded as
// kept there: the outcome says so, and the record names the file as given,
// so a retry still finds it.
func TestImport_HeldCopyThatFailsIsReported(t *testing.T) {
	ctx := context.Background()
	d, b := newInstall(t, "district", district), newInstall(t, "commune", communeB)
	if _, err := setupUpstream(b, d); err != nil {
		t.Fatal(err)
	}
	b.addCitizens(1, "Chi")
	f := b.export(t.TempDir())[0].Path
	blocker := filepath.Join(t.TempDir(), "a file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	d.c.Held = filepath.Join(blocker, "held") // a folder cannot be made under a file
	o := d.importFiles(f)
	if o[0].Status != Quarantined || !errors.Is(o[0].Err, ErrUnknownKey) || !errors.Is(o[0].Err, ErrNotKept) {
		t.Fatalf("outcome %+v", o[0])
	}
	q, err := d.c.Store.QuarantineList(ctx)
	if err != nil || len(q) != 1 || q[0].File != f {
		t.Fatalf("quarantine %+v %v, want the file as given", q, err)
	}
	if _, err := trust(d, b); err != nil {
		t.Fatal(err)
	}
	if o, err := RetryHeld(ctx, d.c); err != nil || len(o) != 1 || o[0].Status != Imported || o[0].Err != nil {
		t.Fatalf("retry %+v %v", o, err)
	}
}

// An origin in the import ledger that does not parse stops the export
// instead of leaving a bundle out of the trace of sources.
func TestExport_BadSourceStops(t *testing.T) {
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	a.addCitizens(1, "An")
	if o := d.importFiles(a.export(t.TempDir())[0].Path); !o[0].OK() {
		t.Fatalf("%+v", o[0])
	}
	db, err := sql.Open("sqlite", filepath.Join(d.dir, "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE bundle_in SET origin = 'huyện 340'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Export(context.Background(), d.c, t.TempDir())
	if !errors.Is(err, ErrBadSource) {
		t.Fatalf("export: %v, want ErrBadSource", err)
	}
	if last, _ := d.c.Store.LastOut(context.Background()); last.Seq != 0 {
		t.Fatalf("a bundle was recorded: %+v", last)
	}
}
