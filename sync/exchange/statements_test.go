package exchange

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/statement"
)

// signed makes a statement file signed by id.
func signed(t *testing.T, id *keys.Identity, s statement.Statement) []byte {
	t.Helper()
	s.Issuer, s.KeyID, s.Site = id.Unit.String(), id.Public().KeyIDString(), id.Site
	if s.N == 0 {
		s.N = 100
	}
	s.Issued = "2026-12-01T09:00:00Z"
	if s.Period == "" {
		s.Period = "2026"
	}
	f, err := statement.Sign(id, s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func submission(unit string) statement.Statement {
	return statement.Statement{Kind: statement.Submission, Unit: unit, Totals: data.NewTotals(), RestsOn: 1}
}

// stmtTable is a payload table of statement files (as an export writes
// them) carried as rows of unit.
func stmtTable(site string, khkey []byte, files ...[]byte) ctable {
	tb := ctable{kind: statementKind, cols: statementCols}
	for _, f := range files {
		s, err := statement.Parse(f)
		if err != nil {
			s.Unit = communeA.String()
		}
		tb.rows = append(tb.rows, bundle.Row{ID: store.NewID(), Unit: s.Unit, Ver: bundle.Version{L: 1, S: site},
			Values: []any{string(f), string(khkey), "2026-12-01"}})
	}
	return tb
}

// statementState is what a refused statement must leave as it was.
func statementState(t *testing.T, in *install) []string {
	t.Helper()
	sts, err := in.c.Store.Statements(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := in.snapshot()
	for _, s := range sts {
		out = append(out, s.Hash)
	}
	return out
}

// Every statement a district must refuse holds the bundle with its exact
// reason and changes nothing: forged, replayed, for another unit, for a
// period already approved, malformed.
func TestStatements_RefusedWithTheirReason(t *testing.T) {
	ctx := context.Background()
	d, a, b := newInstall(t, "district", district), newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	a.addCitizens(2, "Gốc")
	a.submit(year2026)
	mustImported(t, d.importFiles(paths(a.export(t.TempDir()))...))
	sts, _ := a.c.Store.Statements(ctx)
	genuine := sts[0].File
	A, B := communeA.String(), communeB.String()
	next := crafted{seq: a.lastOut().Seq + 1, prev: a.lastOut().ManifestSHA256}
	stranger, err := keys.Generate(communeA, units.Commune, "Xã giả", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(signed(t, a.id, submission(A)), []byte(`"registered":0`), []byte(`"registered":9`), 1)
	approveB := signed(t, a.id, statement.Statement{Kind: statement.Approval, Unit: B, Approved: true})
	cases := []struct {
		name string
		file []byte
		by   *keys.Identity
		want error
	}{
		{"totals edited after signing", tampered, a.id, ErrStatementForged},
		{"signed by a key that is not the unit's", signed(t, stranger, submission(A)), a.id, ErrStatementForged},
		{"the genuine submission again", genuine, a.id, ErrStatementReplayed},
		{"another commune's genuine submission", signed(t, b.id, submission(B)), a.id, ErrStatementScope},
		{"a commune approving its neighbour", approveB, a.id, ErrStatementScope},
		{"the district's own deadlines, brought up by its commune", signed(t, d.id, statement.Statement{Kind: statement.Deadlines,
			Unit: district.String(), Due: map[string]string{units.Commune: "2026-12-31"}}), a.id, ErrStatementScope},
		{"not a statement", []byte("khs/1\nnot signed\n"), a.id, ErrStatementMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := statementState(t, d)
			o := d.importBytes(t, "x", craft(t, tc.by, d, next, stmtTable(a.id.Site, a.key, tc.file)))
			if o.Status != Quarantined || !errors.Is(o.Err, tc.want) {
				t.Fatalf("got %s %v, want held for %v", o.Status, o.Err, tc.want)
			}
			if after := statementState(t, d); !reflect.DeepEqual(before, after) {
				t.Fatalf("a refused statement changed the district")
			}
		})
	}

	// A submission of a period the district approved: held until the
	// approval is undone, then taken on retry.
	d.approve(communeA, false)
	a.addCitizens(1, "Sau")
	a.submit(year2026)
	made := paths(a.export(t.TempDir()))
	if len(made) != 2 {
		t.Fatalf("submit seals the records first, then the statement travels: %d bundles", len(made))
	}
	mustImported(t, d.importFiles(made[0])) // the record is held as a locked change
	before := statementState(t, d)
	last := d.importFiles(made[1])[0]
	if last.Status != Quarantined || !errors.Is(last.Err, ErrPeriodApproved) {
		t.Fatalf("a submission of an approved year: %s %v", last.Status, last.Err)
	}
	if !reflect.DeepEqual(before, statementState(t, d)) {
		t.Fatal("the held submission changed the district")
	}
	d.approve(communeA, true)
	retried, err := RetryHeld(ctx, d.c)
	if err != nil || len(retried) == 0 || retried[len(retried)-1].Status != Imported {
		t.Fatalf("retry after the approval was undone: %+v, %v", retried, err)
	}
	_, dv := d.periodUnits()
	// The new submission counts three citizens; the district still holds
	// the third one's year as a locked change: the figures differ.
	expect(t, "district", dv[communeA.Code], check{true, false, false, true, OnTime})
	if dv[communeA.Code].SubmittedTotals.Citizens.Registered != 3 {
		t.Errorf("the submission in force is not the newer one: %+v", dv[communeA.Code].SubmittedTotals)
	}
	cs, err := d.c.Store.Conflicts(ctx, A)
	if err != nil || len(cs) != 1 {
		t.Fatalf("held changes: %v %v", cs, err)
	}
	if err := d.c.Store.Resolve(ctx, cs[0].Kind, cs[0].RecID, cs[0].Field, cs[0].Site, store.TakeLoser); err != nil {
		t.Fatal(err)
	}
	_, dv = d.periodUnits()
	expect(t, "district, the change taken", dv[communeA.Code], check{true, false, false, false, OnTime})
}

// An approval undone and redone reaches the province, and the commune, in
// any order, and every order ends in the same state.
func TestApprovals_UndoRedoAnyOrderConverges(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	p0 := newInstall(t, "province", provinceTB)
	link(t, p0, d)
	link(t, d, a)
	a.addCitizens(1, "Một")
	a.submit(year2026)
	mustImported(t, d.importFiles(paths(a.export(t.TempDir()))...))
	var bundles [][]string
	var notices [][]byte
	for _, undo := range []bool{false, true, false} {
		d.approve(communeA, undo)
		bundles = append(bundles, paths(d.export(t.TempDir())))
		f, _, err := WriteNotice(ctx, d.c, communeA, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		notices = append(notices, lastStatement(readFile(t, f)))
	}
	for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		p := cloneInstall(t, p0)
		c := newInstall(t, "commune", communeA)
		if _, err := setupUpstream(c, d); err != nil {
			t.Fatal(err)
		}
		for _, n := range order {
			mustImported(t, p.importFiles(bundles[n]...))
			if _, err := ImportNotice(ctx, c.c, notices[n]); err != nil {
				t.Fatal(err)
			}
		}
		_, pv := p.periodUnits()
		if u := pv[communeA.Code]; !u.Approved || !u.Submitted {
			t.Errorf("order %v: the province sees %+v", order, u)
		}
		ps, err := Periods(ctx, c.c, communeA, true, time.Now())
		if err != nil || len(ps) != 1 || !ps[0].Units[0].Approved {
			t.Errorf("order %v: the commune sees %+v, %v", order, ps, err)
		}
	}
}

// lastStatement keeps the last statement of a notice (each step's own).
func lastStatement(notice []byte) []byte {
	docs, _ := statement.SplitNotice(notice)
	return docs[len(docs)-1]
}

// A notice from anyone but the unit above, or about another unit, is
// refused whole.
func TestNotices_Refused(t *testing.T) {
	ctx := context.Background()
	d, a, b := newInstall(t, "district", district), newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	other := newInstall(t, "district", units.Ref{List: "2024", Code: "341"})
	good := signed(t, d.id, statement.Statement{Kind: statement.Approval, Unit: communeA.String(), Approved: true})
	cases := []struct {
		name string
		file []byte
		want error
	}{
		{"about another commune", signed(t, d.id, statement.Statement{Kind: statement.Approval, Unit: communeB.String(), Approved: true}), ErrStatementScope},
		{"signed by another district", signed(t, other.id, statement.Statement{Kind: statement.Approval, Unit: communeA.String(), Approved: true}), ErrStatementForged},
		{"edited", bytes.Replace(good, []byte(`"approved":true`), []byte(`"approved":false`), 1), ErrStatementForged},
		{"cut short", good[:len(good)-3], ErrStatementMalformed},
		{"the district's deadlines (they travel up only)", signed(t, d.id, statement.Statement{Kind: statement.Deadlines,
			Unit: district.String(), Due: map[string]string{units.Commune: "2026-12-10"}}), ErrStatementScope},
	}
	for _, tc := range cases {
		if _, err := ImportNotice(ctx, a.c, append(append([]byte{}, good...), tc.file...)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if sts, _ := a.c.Store.Statements(ctx); len(sts) != 0 {
			t.Fatalf("%s: a refused notice left %d statements", tc.name, len(sts))
		}
	}
}
