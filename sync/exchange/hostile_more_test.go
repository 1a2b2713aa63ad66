package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/setup"
)

// A squatter who knows a victim's random ids (it copied the victim's
// database, say) gets its bundle in first: nothing in it is wrong on its
// own. The victim's genuine bundle is then held (id_taken), never
// refused; once a person revokes the squatter's key, the retry gives the
// records to the victim, whole.
func TestImport_SquattedRandomIDYieldsOnceTheSquatterIsRevoked(t *testing.T) {
	ctx := context.Background()
	d, a, b := newInstall(t, "district", district), newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	aIDs := a.addCitizens(2, "Nạn")
	a1 := a.export(t.TempDir())[0].Path
	B := communeB.String()
	squat := craft(t, b.id, d, crafted{}, ctable{kind: "citizen",
		rows: []bundle.Row{row(aIDs[0], B, 5, b.id.Site, citizenVals(B, "Chiếm"))}})
	if o := d.importBytes(t, "squat", squat); o.Status != Imported {
		t.Fatalf("the squat, valid on its own: %+v", o)
	}
	before := d.snapshot()
	o := d.importFiles(a1)[0]
	if o.Status != Quarantined || !errors.Is(o.Err, ErrIDTaken) {
		t.Fatalf("the victim's bundle: %+v, want held for id_taken", o)
	}
	if !reflect.DeepEqual(d.snapshot(), before) {
		t.Fatal("the held bundle changed the store")
	}
	if out, err := RetryHeld(ctx, d.c); err != nil || out[0].Status != Quarantined {
		t.Fatalf("retry before the review: %+v %v", out, err)
	}
	if err := revoke(d, b); err != nil {
		t.Fatal(err)
	}
	out, err := RetryHeld(ctx, d.c)
	if err != nil || len(out) != 1 || out[0].Status != Imported {
		t.Fatalf("retry once the squatter is revoked: %+v %v", out, err)
	}
	A := communeA.String()
	if got, want := recordsOfUnit(d.snapshot(), A), recordsOfUnit(a.snapshot(), A); !reflect.DeepEqual(got, want) || len(got) != 4 {
		t.Fatalf("A's records\n%v\nwant\n%v", got, want)
	}
	if got := recordsOfUnit(d.snapshot(), B); len(got) != 0 {
		t.Fatalf("the squatter keeps %v", got)
	}
	checkCounts(t, d)
}

// checkCounts compares the live counts the store keeps with a count.
func checkCounts(t *testing.T, in *install) {
	t.Helper()
	got, err := in.c.Store.RecordCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[store.Kind]int64{}
	snap, _ := in.c.Store.Snapshot(context.Background())
	defer snap.Close()
	for _, k := range store.Kinds {
		snap.Rows(k, 0, func(r *store.Row) error {
			if !r.Deleted() {
				if want[r.Unit] == nil {
					want[r.Unit] = map[store.Kind]int64{}
				}
				want[r.Unit][k]++
			}
			return nil
		})
	}
	for u, ks := range got {
		for k, n := range ks {
			if n != want[u][k] {
				t.Errorf("live count %s %s = %d, counted %d", u, k, n, want[u][k])
			}
		}
	}
}

// After a rotation, the replaced key may still sign the parts of the
// export that announced its successor, and nothing past that grace; nor
// may it announce another key.
func TestImport_ReplacedKeyPastItsGrace(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(1, "Cũ")
	old := a.id
	if _, err := setup.Rotate(ctx, a.c.Store, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	announce := a.export(t.TempDir())[0].Path // number 1, signed by the old key
	if o := d.importFiles(announce)[0]; o.Status != Imported {
		t.Fatalf("the announcement: %+v", o)
	}
	A, site := communeA.String(), a.id.Site
	within := craft(t, old, d, crafted{seq: 1 + RotationGrace}, ctable{kind: "village",
		rows: []bundle.Row{row(store.NewID(), A, 9, site, []any{"Thôn Cũ", "", int64(0)})}})
	past := craft(t, old, d, crafted{seq: 2 + RotationGrace}, ctable{kind: "village",
		rows: []bundle.Row{row(store.NewID(), A, 9, site, []any{"Thôn Mới", "", int64(0)})}})
	again := craft(t, old, d, crafted{seq: 2, prev: manifestHash(t, announce)}, ctable{kind: rotationKind, cols: rotationCols,
		rows: []bundle.Row{row(store.NewID(), A, 1, site, []any{"x", "y"})}})
	runHostile(t, d, []hostileCase{
		{"the replaced key past its grace", past, Quarantined, []error{ErrReplacedKey}},
		{"the replaced key announcing another", again, Quarantined, []error{ErrBadRotation}},
	})
	if o := d.importBytes(t, "within", within); o.Status != Imported {
		t.Fatalf("the replaced key within its grace: %+v", o)
	}
	if q, _ := d.c.Store.QuarantineList(ctx); len(q) != 2 || q[0].Reason != "replaced_key" && q[1].Reason != "replaced_key" {
		t.Fatalf("held %+v", q)
	}
}

// What a person may overrule after review, they can: a bundle over the
// budget, a second installation of a unit (its PC replaced without its
// database), a number far ahead. Accepted, the bundle goes in; the other
// checks still hold.
func TestImport_AcceptedAfterReview(t *testing.T) {
	ctx := context.Background()
	d, a, b := newInstall(t, "district", district), newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	a.addCitizens(3, "Lớn")
	big := a.export(t.TempDir())[0].Path
	d.c.Budget = Budget{BundleRows: 5}
	o := d.importFiles(big)[0]
	if o.Status != Quarantined || !errors.Is(o.Err, ErrOverBudget) {
		t.Fatalf("over the budget: %+v", o)
	}
	hash := manifestHash(t, big)
	if o, err := Accept(ctx, d.c, hash, "Nguyễn Thị Lan"); err != nil || o.Status != Imported {
		t.Fatalf("accepted: %+v %v", o, err)
	}
	d.c.Budget = Budget{}

	// The period's budget, stored: a second bundle within it is held.
	if _, err := SetBudget(ctx, d.c.Store, Budget{PeriodRows: 8}); err != nil {
		t.Fatal(err)
	}
	a.addCitizens(2, "Thêm")
	if o := d.importFiles(a.export(t.TempDir())[0].Path)[0]; o.Status != Quarantined || !errors.Is(o.Err, ErrOverBudget) {
		t.Fatalf("over the period's budget: %+v", o)
	}
	if _, err := SetBudget(ctx, d.c.Store, Budget{PeriodRows: DefaultBudget.PeriodRows}); err != nil {
		t.Fatal(err)
	}
	if out, err := RetryHeld(ctx, d.c); err != nil || len(out) != 1 || out[0].Status != Imported {
		t.Fatalf("retried once the budget was raised: %+v %v", out, err)
	}

	// A second installation of B: held, then accepted.
	b.addCitizens(1, "Một")
	if o := d.importFiles(b.export(t.TempDir())[0].Path)[0]; o.Status != Imported {
		t.Fatal(o)
	}
	second := withSite(b.id, "00000000000000b2")
	B := communeB.String()
	moved := craft(t, second, d, crafted{}, ctable{kind: "citizen",
		rows: []bundle.Row{row(store.NewID(), B, 5, second.Site, citizenVals(B, "Máy mới"))}})
	if o := d.importBytes(t, "moved", moved); o.Status != Quarantined || !errors.Is(o.Err, ErrSecondSite) {
		t.Fatalf("second site: %+v", o)
	}
	if o, err := Accept(ctx, d.c, hashOf(t, moved), "Nguyễn Thị Lan"); err != nil || o.Status != Imported {
		t.Fatalf("second site accepted: %+v %v", o, err)
	}
	// Accepting does not overrule a fault of the rows themselves.
	bad := craft(t, second, d, crafted{seq: 2, prev: hashOf(t, moved)}, ctable{kind: "award",
		rows: []bundle.Row{row(store.NewID(), B, 6, second.Site, awardVals(-1))}})
	if o := d.importBytes(t, "bad", bad); o.Status != Quarantined || !errors.Is(o.Err, ErrInvalidRow) {
		t.Fatalf("bad row: %+v", o)
	}
	if o, err := Accept(ctx, d.c, hashOf(t, bad), "Nguyễn Thị Lan"); err != nil || o.Status != Quarantined {
		t.Fatalf("a bad row accepted: %+v %v", o, err)
	}
	if _, err := Accept(ctx, d.c, "00", "x"); !errors.Is(err, ErrNotAccepted) {
		t.Fatalf("accepting nothing: %v", err)
	}
}

// A district whose genuine key sends for communes it does not hold, or
// mixes its communes' records, is held at the province; its genuine
// consolidation still goes in.
func TestConsolidation_HostileDistrict(t *testing.T) {
	p, d, a, c := newInstall(t, "province", provinceTB), newInstall(t, "district", district),
		newInstall(t, "commune", communeA), newInstall(t, "commune", communeC)
	link(t, p, d)
	link(t, d, a)
	link(t, d, c)
	a.addCitizens(2, "Xã A")
	c.fillCommune(2, 3)
	for _, in := range []*install{a, c} {
		if o := d.importFiles(in.export(t.TempDir())[0].Path)[0]; o.Status != Imported {
			t.Fatal(o)
		}
	}
	genuine := d.export(t.TempDir())[0].Path
	next := crafted{seq: 2, prev: manifestHash(t, genuine)}
	A, C, O := communeA.String(), communeC.String(), outsider.String()
	aCitizen := store.NewID()
	cases := []hostileCase{
		{"sources of a commune of another district", craft(t, d.id, p, crafted{seq: 2, prev: next.prev, sources: []bundle.Source{{
			Origin: bundle.Origin{Ref: outsider, Level: "commune", Site: "00000000000000c1"}, Seq: 1, ManifestSHA256: repeat64()}}},
			ctable{kind: "village", rows: []bundle.Row{row(store.NewID(), O, 5, "00000000000000c1", []any{"Thôn", "", int64(0)})}}),
			Quarantined, []error{ErrBadSources}},
		{"rows of a commune of another district", craft(t, d.id, p, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), O, 5, d.id.Site, citizenVals(O, "Ngoài"))}}), Quarantined, []error{ErrRowOutOfScope}},
		{"a commune's rows with a site nobody announced", craft(t, d.id, p, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), A, 5, "00000000000000c9", citizenVals(A, "Ma"))}}), Quarantined, []error{ErrForeignSite}},
		{"an assessment of A naming C's citizen", craft(t, d.id, p, next,
			ctable{kind: "citizen", rows: []bundle.Row{row(aCitizen, C, 5, d.id.Site, citizenVals(C, "Bên C"))}},
			ctable{kind: "assessment", rows: []bundle.Row{row(store.YearlyID(store.Assessment, aCitizen, 2026), A, 5, d.id.Site,
				assessmentVals(aCitizen, 2026))}}), Quarantined, []error{ErrNoParent}},
		{"the district sending as commune A's installation", craft(t, withSite(d.id, a.id.Site), p, crafted{seq: 1}, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), A, 5, a.id.Site, citizenVals(A, "Giả"))}}), Quarantined, []error{ErrSiteTaken}},
	}
	// The province knows A's site once the genuine consolidation named it:
	// import it first, then the hostile ones must not move anything.
	if o := p.importFiles(genuine)[0]; o.Status != Imported {
		t.Fatalf("genuine consolidation: %+v", o)
	}
	runHostile(t, p, cases[:4])
	// A site known as a commune's through sources is not the district's to send from.
	runHostile(t, p, cases[4:])
}

func repeat64() string {
	return "0000000000000000000000000000000000000000000000000000000000000000"
}

// A verification runs every check an import runs and keeps nothing: a
// hostile bundle gives the same reason, a genuine one is verified.
func TestVerify_SameChecksNothingKept(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(2, "Thử")
	genuine := a.export(t.TempDir())[0].Path
	A := communeA.String()
	hostile := craft(t, a.id, d, crafted{seq: 2, prev: a.lastOut().ManifestSHA256}, ctable{kind: "fund",
		rows: []bundle.Row{row(store.NewID(), A, 5, a.id.Site, fundVals("2025-13-45", 1))}})
	f := writeTemp(t, hostile)
	before := d.snapshot()
	out, err := Verify(ctx, d.c, []string{genuine, f})
	if err != nil || out[0].Status != Verified || out[1].Status != Quarantined || !errors.Is(out[1].Err, ErrInvalidRow) {
		t.Fatalf("verify %+v %v", out, err)
	}
	if !reflect.DeepEqual(d.snapshot(), before) {
		t.Fatal("verify changed the store")
	}
	if q, _ := d.c.Store.QuarantineList(ctx); len(q) != 0 {
		t.Fatalf("verify held %+v", q)
	}
	if claims, _ := d.c.Store.SiteClaims(ctx); len(claims) != 0 {
		t.Fatalf("verify kept claims %+v", claims)
	}
}

// Missing numbers are kept as ranges, however far apart the bundles that
// did arrive.
func TestImport_GapsAsRanges(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	A, site := communeA.String(), a.id.Site
	for _, seq := range []int64{1, 5, MaxSeqJump + 5} {
		b := craft(t, a.id, d, crafted{seq: seq},
			ctable{kind: "village", rows: []bundle.Row{row(store.NewID(), A, seq, site, []any{"Thôn", "", int64(0)})}})
		if o := d.importBytes(t, "gap", b); o.Status != Imported {
			t.Fatalf("seq %d: %+v", seq, o)
		}
	}
	gaps, err := d.c.Store.GapRanges(context.Background(), A, site)
	want := []store.SeqRange{{From: 2, To: 4}, {From: 6, To: MaxSeqJump + 4}}
	if err != nil || !reflect.DeepEqual(gaps, want) {
		t.Fatalf("gaps %v %v, want %v", gaps, err, want)
	}
	rep, err := UnitsStatus(context.Background(), d.c, StatusOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Units {
		if u.Unit == communeA.Code && !reflect.DeepEqual(u.Gaps, want) {
			t.Fatalf("status gaps %v, want %v", u.Gaps, want)
		}
	}
}

// Export never fails because of what was received: the highest Lamport
// time a district accepts still leaves its own edits and its bundle to
// the province room below the format's ceiling.
func TestExport_NeverFailsOnReceivedClock(t *testing.T) {
	ctx := context.Background()
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	A := communeA.String()
	far := craft(t, a.id, d, crafted{}, ctable{kind: "citizen",
		rows: []bundle.Row{row(store.NewID(), A, MaxLamport, a.id.Site, citizenVals(A, "Xa"))}})
	o := d.importBytes(t, "far", far)
	if o.Status != Quarantined || !errors.Is(o.Err, ErrClockAhead) {
		t.Fatalf("far ahead: %+v", o)
	}
	if o, err := Accept(ctx, d.c, hashOf(t, far), "Nguyễn Thị Lan"); err != nil || o.Status != Imported {
		t.Fatalf("accepted: %+v %v", o, err)
	}
	beyond := craft(t, a.id, d, crafted{seq: 2, prev: hashOf(t, far)}, ctable{kind: "citizen",
		rows: []bundle.Row{row(store.NewID(), A, MaxLamport+1, a.id.Site, citizenVals(A, "Xa"))}})
	if o := d.importBytes(t, "beyond", beyond); o.Status != Quarantined || !errors.Is(o.Err, ErrClockAhead) {
		t.Fatalf("beyond the cap: %+v", o)
	}
	if o, err := Accept(ctx, d.c, hashOf(t, beyond), "Nguyễn Thị Lan"); err != nil || o.Status != Quarantined {
		t.Fatalf("beyond the cap, accepted: %+v %v", o, err)
	}
	d.addCitizens(1, "Huyện")
	if _, err := Export(ctx, d.c, t.TempDir()); err != nil {
		t.Fatalf("the district's export after the clock moved to %d: %v", MaxLamport, err)
	}
}

func manifestHash(t *testing.T, path string) string {
	t.Helper()
	b, err := readBack(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.khb")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// A district that imported more bundles since its last export than one
// manifest can name (a commune sending hundreds) still exports: the
// sources fill parts of their own, ahead of the rows, and the province
// takes every part.
func TestExport_ManySourcesNeverFail(t *testing.T) {
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	A, site := communeA.String(), a.id.Site
	prev, n := "", 400 // one manifest names about 385
	dir := t.TempDir()
	for seq := 1; seq <= n; seq++ {
		b := craft(t, a.id, d, crafted{seq: int64(seq), prev: prev}, ctable{kind: "village",
			rows: []bundle.Row{row(store.NewID(), A, int64(seq), site, []any{"Thôn", "", int64(0)})}})
		prev = hashOf(t, b)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("b%04d.khb", seq)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range d.importFiles(dir) {
		if o.Status != Imported {
			t.Fatalf("%+v", o)
		}
	}
	w, err := Export(context.Background(), d.c, t.TempDir())
	if err != nil || len(w) != 2 {
		t.Fatalf("export after %d bundles: %d parts, %v", n, len(w), err)
	}
	var sources int
	for i, x := range w {
		m := manifestOf(t, x.Path)
		sources += len(m.Sources)
		if rows := total(m.Counts); i == 0 && (rows != 0 || len(m.Sources) != MaxSources) || i == 1 && rows != int64(n) {
			t.Fatalf("part %d carries %d rows", i+1, rows)
		}
		if o := p.importFiles(x.Path)[0]; o.Status != Imported {
			t.Fatalf("part %d at the province: %+v", i+1, o)
		}
	}
	if sources != n {
		t.Fatalf("%d sources named, want %d", sources, n)
	}
	if got, want := recordsOfUnit(p.snapshot(), A), recordsOfUnit(d.snapshot(), A); !reflect.DeepEqual(got, want) || len(got) != n {
		t.Fatalf("%d records at the province, want %d", len(got), len(want))
	}
}
