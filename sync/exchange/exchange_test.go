package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sokhuyenhoc/sync/setup"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
)

func TestExport_NothingToExport(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	if _, err := Export(context.Background(), a.c, t.TempDir()); !errors.Is(err, ErrNothing) {
		t.Fatalf("empty register: %v, want ErrNothing", err)
	}
	a.addCitizens(2, "An")
	stick := t.TempDir()
	if w := a.export(stick); len(w) != 1 || w[0].Seq != 1 || w[0].Rows != 4 {
		t.Fatalf("written %+v", w)
	}
	if _, err := Export(context.Background(), a.c, stick); !errors.Is(err, ErrNothing) {
		t.Fatalf("second export: %v, want ErrNothing", err)
	}
}

func TestExport_NeedsUpstream(t *testing.T) {
	a := newInstall(t, "commune", communeA)
	a.addCitizens(1, "An")
	if _, err := Export(context.Background(), a.c, t.TempDir()); !errors.Is(err, ErrNoUpstream) {
		t.Fatalf("err = %v, want ErrNoUpstream", err)
	}
}

func TestRoundTrip_ImportReplayAndEdits(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	ids := a.addCitizens(3, "Bình")
	stick := t.TempDir()
	w1 := a.export(stick)
	o := d.importFiles(stick)
	if len(o) != 1 || o[0].Status != Imported || o[0].Stats.Inserted != 6 || len(o[0].Gaps) != 0 {
		t.Fatalf("outcomes %+v", o)
	}
	if got, want := d.recordsOnly(), a.recordsOnly(); !reflect.DeepEqual(got, want) {
		t.Fatalf("district differs from commune\n%v\n%v", got, want)
	}
	if o := d.importFiles(w1[0].Path); o[0].Status != Duplicate {
		t.Fatalf("replay: %+v", o[0])
	}
	// An edit travels as a new bundle chained to the first; deleting a
	// citizen deletes its assessment too, so two records change.
	err := a.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error { return e.Delete(store.Citizen, ids[0]) })
	if err != nil {
		t.Fatal(err)
	}
	w2 := a.export(stick)
	if len(w2) != 1 || w2[0].Seq != 2 {
		t.Fatalf("second bundle %+v", w2)
	}
	if o := d.importFiles(w2[0].Path); o[0].Status != Imported || o[0].Stats.Updated != 2 {
		t.Fatalf("second import %+v", o[0])
	}
	if got, want := d.recordsOnly(), a.recordsOnly(); !reflect.DeepEqual(got, want) {
		t.Fatal("district differs after the delete")
	}
}

func TestImport_OutOfOrderShowsGapsThenConverges(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	var files []string
	for _, p := range []string{"A", "B", "C"} {
		a.addCitizens(2, p)
		files = append(files, a.export(t.TempDir())[0].Path)
	}
	o := d.importFiles(files[2])
	if o[0].Status != Imported || !reflect.DeepEqual(o[0].Gaps, []store.SeqRange{{From: 1, To: 2}}) {
		t.Fatalf("third first: %+v", o[0])
	}
	o = d.importFiles(files[0], files[1])
	if o[1].Status != Imported || len(o[1].Gaps) != 0 {
		t.Fatalf("then the rest: %+v", o)
	}
	if got, want := d.recordsOnly(), a.recordsOnly(); !reflect.DeepEqual(got, want) {
		t.Fatal("district differs after out-of-order import")
	}
}

func TestImport_UnknownKeyIsQuarantinedThenRetried(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	b := newInstall(t, "commune", communeB)
	if _, err := setupUpstream(b, d); err != nil {
		t.Fatal(err)
	}
	b.addCitizens(2, "Chi")
	f := b.export(t.TempDir())[0].Path
	before := d.recordsOnly()
	o := d.importFiles(f)
	if o[0].Status != Quarantined || !errors.Is(o[0].Err, ErrUnknownKey) {
		t.Fatalf("unknown key: %+v", o[0])
	}
	if !reflect.DeepEqual(d.recordsOnly(), before) {
		t.Fatal("a quarantined bundle changed the register")
	}
	q, _ := d.c.Store.QuarantineList(ctx)
	if len(q) != 1 || q[0].Reason != "unknown_key" {
		t.Fatalf("quarantine %+v", q)
	}
	if _, err := trust(d, b); err != nil {
		t.Fatal(err)
	}
	o, err := RetryHeld(ctx, d.c)
	if err != nil || len(o) != 1 || o[0].Status != Imported {
		t.Fatalf("retry: %+v %v", o, err)
	}
	if q, _ := d.c.Store.QuarantineList(ctx); len(q) != 0 {
		t.Fatalf("still held: %+v", q)
	}
}

func TestImport_RevokedKeyIsQuarantined(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(1, "Dung")
	f := a.export(t.TempDir())[0].Path
	if err := revoke(d, a); err != nil {
		t.Fatal(err)
	}
	before := d.snapshot()
	o := d.importFiles(f)
	if o[0].Status != Quarantined || !errors.Is(o[0].Err, ErrRevokedKey) {
		t.Fatalf("revoked: %+v", o[0])
	}
	if !reflect.DeepEqual(d.snapshot(), before) {
		t.Fatal("a revoked signer's bundle changed the store")
	}
}

func TestImport_EquivocationFromAClonedInstall(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(1, "Em")
	first := a.export(t.TempDir())[0].Path
	// Clone the installation: same keys, same site, same next number.
	clone := cloneInstall(t, a)
	a.addCitizens(1, "Giang")
	clone.addCitizens(1, "Hà")
	two := a.export(t.TempDir())[0].Path
	twin := clone.export(t.TempDir())[0].Path
	o := d.importFiles(first, two, twin)
	if o[0].Status != Imported || o[1].Status != Imported || o[2].Status != Quarantined || !errors.Is(o[2].Err, ErrEquivocation) {
		t.Fatalf("outcomes %+v", o)
	}
}

func TestImport_BatchGoesOnPastABadFile(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(1, "Ích")
	dir := t.TempDir()
	a.export(dir)
	if err := os.WriteFile(filepath.Join(dir, "aaa-garbage.khb"), []byte("not a bundle"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := d.importFiles(dir)
	if len(o) != 2 || o[0].Status != Rejected || o[1].Status != Imported {
		t.Fatalf("outcomes %+v", o)
	}
}

func TestKeyRotation_AnnouncedInABundleSignedByTheOldKey(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(1, "Cũ")
	first := a.export(t.TempDir())[0].Path
	next, err := setup.Rotate(ctx, a.c.Store, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Rotate(ctx, a.c.Store, time.Now()); !errors.Is(err, setup.ErrRotationPending) {
		t.Fatalf("second rotation: %v", err)
	}
	// The announcing bundle goes out even with no record changed.
	announce := a.export(t.TempDir())[0].Path
	if id, _ := setup.Identity(ctx, a.c.Store); id.Public().Fingerprint() != next.Fingerprint() {
		t.Fatal("the installation did not switch to its new key after announcing it")
	}
	a.addCitizens(1, "Mới")
	third := a.export(t.TempDir())[0].Path
	// Signed by the new key: unknown until the announcement is imported.
	if o := d.importFiles(third)[0]; o.Status != Quarantined || !errors.Is(o.Err, ErrUnknownKey) {
		t.Fatalf("new key before the announcement: %+v", o)
	}
	o := d.importFiles(first, announce)
	if o[0].Status != Imported || o[1].Status != Imported {
		t.Fatalf("%+v", o)
	}
	held, err := RetryHeld(ctx, d.c)
	if err != nil || len(held) != 1 || held[0].Status != Imported {
		t.Fatalf("retry after the announcement: %+v %v", held, err)
	}
	ks, _ := d.c.Store.PeerKeys(ctx, store.RoleBelow)
	status := map[string]string{}
	for _, k := range ks {
		status[k.Fingerprint] = k.Status
	}
	if status[next.Fingerprint()] != store.Trusted || status[a.id.Public().Fingerprint()] != store.Replaced {
		t.Fatalf("keys %v", status)
	}
}
