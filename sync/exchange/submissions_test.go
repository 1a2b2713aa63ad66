package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

var year2026 = data.YearPeriod(2026)

func day2026(m, d int) func() time.Time {
	return func() time.Time { return time.Date(2026, time.Month(m), d, 9, 0, 0, 0, time.UTC) }
}

func (in *install) submit(p data.Period) store.Statement {
	in.t.Helper()
	st, err := Submit(context.Background(), in.c, p)
	if err != nil {
		in.t.Fatal(err)
	}
	return st
}

func (in *install) approve(unit units.Ref, undo bool) {
	in.t.Helper()
	if _, err := Approve(context.Background(), in.c, unit, year2026, undo, "test"); err != nil {
		in.t.Fatal(err)
	}
}

func (in *install) deadline(due string, level string) {
	in.t.Helper()
	if _, err := SetDeadline(context.Background(), in.c, store.Deadline{Period: "2026", Level: level, Due: due, SetBy: "test"}); err != nil {
		in.t.Fatal(err)
	}
}

// periodUnits is this installation's view of every unit below for 2026.
func (in *install) periodUnits() (PeriodStatus, map[string]PeriodUnit) {
	in.t.Helper()
	ref, _ := units.ParseRef(in.unit())
	ps, err := Periods(context.Background(), in.c, ref, false, in.c.now())
	if err != nil {
		in.t.Fatal(err)
	}
	for _, p := range ps {
		if p.Period == "2026" {
			m := map[string]PeriodUnit{}
			for _, u := range p.Units {
				m[u.Unit] = u
			}
			return p, m
		}
	}
	in.t.Fatalf("no period 2026 in %+v", ps)
	return PeriodStatus{}, nil
}

func mustImported(t *testing.T, outs []Outcome) {
	t.Helper()
	for _, o := range outs {
		if o.Status != Imported {
			t.Fatalf("%s: %s %v", o.File, o.Status, o.Err)
		}
	}
}

type check struct {
	submitted, approved, accepted, changed bool
	timeliness                             string
}

func expect(t *testing.T, where string, got PeriodUnit, want check) {
	t.Helper()
	g := check{got.Submitted, got.Approved, got.Accepted, got.ChangedAfter, got.Timeliness}
	if g != want {
		t.Errorf("%s, %s: got %+v, want %+v", where, got.Unit, g, want)
	}
}

// Commune → district → province: A submits on time, B late, C never; the
// district approves A and B, A edits after the approval (held at the
// district, then accepted there), and the province accepts the district.
// The province sees each as it is.
func TestSubmissions_ThreeLevels(t *testing.T) {
	p, d := newInstall(t, "province", provinceTB), newInstall(t, "district", district)
	link(t, p, d)
	a, b, c := newInstall(t, "commune", communeA), newInstall(t, "commune", communeB), newInstall(t, "commune", communeC)
	for n, cm := range []*install{a, b, c} {
		link(t, d, cm)
		cm.fillCommune(2+n, int64(n+1))
		cm.c.Now = day2026(12, 1)
	}
	// The district sets its communes' deadline, the province its
	// districts': the province judges the communes by the district's,
	// which its signed deadlines statement brings up.
	d.deadline("2026-12-10", units.Commune)
	p.deadline("2026-12-20", units.District)

	sa := a.submit(year2026)
	if sa.RestsOn != 1 || sa.Issuer != a.unit() {
		t.Fatalf("submission rests on %d, by %s", sa.RestsOn, sa.Issuer)
	}
	b.submit(year2026)
	// B's records bundle is lost on the way: its submission, which rests
	// on it, shows as incomplete until it arrives.
	bRecords := paths(b.export(t.TempDir()))
	bFirst, bRest := bRecords[0], bRecords[1:]
	d.c.Now = day2026(12, 8)
	aOuts := d.importFiles(paths(a.export(t.TempDir()))...)
	mustImported(t, aOuts)
	if n := aOuts[len(aOuts)-1].Statements; n != 1 {
		t.Errorf("A's last bundle brought %d statements, want its submission", n)
	}
	mustImported(t, d.importFiles(paths(c.export(t.TempDir()))...)) // C sends records, never a submission
	d.c.Now = day2026(12, 12)
	mustImported(t, d.importFiles(bRest...)) // after the district's deadline
	if _, dv := d.periodUnits(); !dv[communeB.Code].Incomplete || dv[communeA.Code].Incomplete {
		t.Fatalf("B's submission rests on a bundle not received: %+v", dv[communeB.Code])
	}
	mustImported(t, d.importFiles(bFirst))

	d.approve(communeA, false)
	d.approve(communeB, false)
	// A edits its approved year: the change is held at the district.
	a.addCitizens(1, "Sau")
	d.c.Now = day2026(12, 14)
	mustImported(t, d.importFiles(paths(a.export(t.TempDir()))...))
	_, dv := d.periodUnits()
	expect(t, "district", dv[communeA.Code], check{true, true, false, false, OnTime})
	if dv[communeA.Code].Held != 1 || dv[communeB.Code].Held != 0 {
		t.Errorf("changes held after approval: A %d, B %d", dv[communeA.Code].Held, dv[communeB.Code].Held)
	}
	expect(t, "district", dv[communeB.Code], check{true, true, false, false, Late})
	expect(t, "district", dv[communeC.Code], check{false, false, false, false, Missing})

	d.submit(year2026)
	p.c.Now = day2026(12, 15)
	mustImported(t, p.importFiles(paths(d.export(t.TempDir()))...))
	p.c.Now = day2026(12, 21)
	ps, pv := p.periodUnits()
	expect(t, "province", pv[district.Code], check{true, false, false, false, OnTime})
	expect(t, "province", pv[communeA.Code], check{true, true, false, false, OnTime})
	expect(t, "province", pv[communeB.Code], check{true, true, false, false, Late})
	expect(t, "province", pv[communeC.Code], check{false, false, false, false, Missing})
	if got := pv[communeB.Code].Deadline; got != "2026-12-10" {
		t.Errorf("B's deadline at the province %q, want the district's 2026-12-10", got)
	}
	if got := pv[district.Code].Deadline; got != "2026-12-20" {
		t.Errorf("the district's deadline at the province %q, want its own 2026-12-20", got)
	}
	if got := pv[communeB.Code].SubmittedOn; got != "2026-12-12" {
		t.Errorf("B submitted on %s at the province, want the district's day of receipt 2026-12-12", got)
	}

	// The district takes A's held change: the figures it holds now differ
	// from those A submitted, here and at the province.
	conflicts, err := d.c.Store.Conflicts(context.Background(), a.unit())
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("conflicts held at the district: %v, %v", conflicts, err)
	}
	k := conflicts[0]
	if err := d.c.Store.Resolve(context.Background(), k.Kind, k.RecID, k.Field, k.Site, store.TakeLoser); err != nil {
		t.Fatal(err)
	}
	_, dv = d.periodUnits()
	expect(t, "district after taking the change", dv[communeA.Code], check{true, true, false, true, OnTime})
	if got, want := dv[communeA.Code].Totals.Citizens.Registered, dv[communeA.Code].SubmittedTotals.Citizens.Registered+1; got != want {
		t.Errorf("A's citizens held %d, want %d", got, want)
	}
	mustImported(t, p.importFiles(paths(d.export(t.TempDir()))...))
	p.approve(district, false) // the province accepts the district's year
	ps, pv = p.periodUnits()
	expect(t, "province", pv[district.Code], check{true, true, true, true, OnTime})
	expect(t, "province", pv[communeA.Code], check{true, true, true, true, OnTime})
	expect(t, "province", pv[communeB.Code], check{true, true, true, false, Late})
	expect(t, "province", pv[communeC.Code], check{false, false, false, false, Missing}) // nothing of C's to accept
	if ps.Expected != 4 || ps.Submitted != 3 || ps.OnTime != 2 || ps.Late != 1 || ps.Missing != 1 || ps.Completeness != 75 {
		t.Errorf("province period %+v", ps)
	}
}

func paths(ws []Written) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Path)
	}
	return out
}

// The district's approval reaches the commune in a notice; the commune
// then refuses to submit the approved period again.
func TestApprovals_NoticeReachesTheCommune(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.fillCommune(2, 1)
	a.submit(year2026)
	mustImported(t, d.importFiles(paths(a.export(t.TempDir()))...))
	d.c.Now = day2026(12, 5)
	d.approve(communeA, false)
	stick := t.TempDir()
	file, n, err := WriteNotice(ctx, d.c, communeA, stick)
	if err != nil || n != 1 {
		t.Fatalf("notice: %d, %v", n, err)
	}
	if _, _, err := WriteNotice(ctx, d.c, communeB, stick); !errors.Is(err, ErrNoNotice) {
		t.Fatalf("notice for a unit never approved: %v", err)
	}
	rep, err := ImportNotice(ctx, a.c, readFile(t, file))
	if err != nil || rep.New != 1 {
		t.Fatalf("import notice: %+v, %v", rep, err)
	}
	if rep, err := ImportNotice(ctx, a.c, readFile(t, file)); err != nil || rep.New != 0 || rep.Statements != 1 {
		t.Fatalf("the same notice again: %+v, %v", rep, err)
	}
	ps, err := Periods(ctx, a.c, communeA, true, a.c.now())
	if err != nil || len(ps) != 1 || !ps[0].Units[0].Approved || ps[0].Units[0].ApprovedOn != "2026-12-05" {
		t.Fatalf("the commune's view: %+v, %v", ps, err)
	}
	if _, err := Submit(ctx, a.c, year2026); !errors.Is(err, ErrPeriodApproved) {
		t.Fatalf("submitting an approved year: %v", err)
	}
	d.approve(communeA, true)
	file, _, err = WriteNotice(ctx, d.c, communeA, stick)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ImportNotice(ctx, a.c, readFile(t, file)); err != nil {
		t.Fatal(err)
	}
	if _, err := Submit(ctx, a.c, year2026); err != nil {
		t.Fatalf("submitting again once the approval is undone: %v", err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := readAll(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var _ = filepath.Join

func readAll(path string) ([]byte, error) { return os.ReadFile(path) }
