package store

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sokhuyenhoc/data"
)

var tens = []int{90, 90, 90, 90, 90, 90, 90, 90, 90, 90}

// saveAssessment writes what the release before migration 7 stored: the
// step it gave a row is the Status given here.
func saveAssessment(t *testing.T, s *Store, a *data.Assessment) {
	t.Helper()
	if err := s.Edit(context.Background(), "test", func(e *Editor) error { _, err := e.SaveAssessment(a); return err }); err != nil {
		t.Fatal(err)
	}
}

// A database of the release before migration 7, at a district that enters
// records of its own and holds a commune's: its own scored passes marked
// công nhận without a decision go back to đề nghị as its own versioned
// edits, carried by its next bundle; the commune's copy and every row with
// a decision or without scores stay as they were.
func TestMigrate7_RecognitionWithoutDecision(t *testing.T) {
	ctx := context.Background()
	src, commune := MustOpen(t, "a"), MustOpen(t, "b")
	mk := func(s *Store, ten string) *data.Citizen {
		c := newCitizen("Lê Văn", ten)
		save(t, s, c)
		return c
	}
	theirs := mk(commune, "Bốn")
	saveAssessment(t, commune, &data.Assessment{CitizenID: theirs.ID, Unit: testUnit, Year: 2026, Scores: tens, Result: "dat", Status: "cong_nhan"})
	rows, _ := ship(t, commune, 0)
	apply(t, src, rows)
	cases := []struct {
		a    data.Assessment
		want string
	}{
		{data.Assessment{Scores: tens, Result: "dat", Status: "cong_nhan"}, data.StepProposed},
		{data.Assessment{Scores: tens, Result: "dat", Status: "cong_nhan", DecisionDate: data.Date{Y: 2026, M: 11, D: 15}}, "cong_nhan"},
		{data.Assessment{Result: "dat", Status: "cong_nhan"}, "cong_nhan"}, // a legacy row: recognised
		{data.Assessment{Scores: tens, Result: "chua_dat", Status: "tu_danh_gia"}, "tu_danh_gia"},
	}
	ids := make([]string, len(cases))
	for n := range cases {
		c := mk(src, string(rune('A'+n)))
		a := cases[n].a
		a.CitizenID, a.Unit, a.Year = c.ID, testUnit, 2026
		saveAssessment(t, src, &a)
		ids[n] = a.ID
	}
	lseqBefore, _ := src.Meta(ctx, MetaLseq)
	before := state(t, src)
	old := filepath.Join(t.TempDir(), "v6.db")
	makeVersion(t, src.Path(), old, 6)

	st, err := Open(ctx, old, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	notes := st.MigrationNotes()
	if len(notes) < 1 || !strings.HasPrefix(notes[0], "migration 0007: 1 assessment(s)") || !strings.Contains(notes[0], "; 1 such row(s) held from other installations") {
		t.Fatalf("notes %q", notes)
	}
	sc := schemas[Assessment]
	status := sc.Index("status")
	for n, tc := range cases {
		r, err := st.Get(ctx, Assessment, ids[n])
		if err != nil || r.Get("status") != tc.want {
			t.Errorf("case %d: status %q %v, want %q", n, r.Get("status"), err, tc.want)
		}
	}
	moved, _ := st.Get(ctx, Assessment, ids[0])
	was, _ := src.Get(ctx, Assessment, ids[0])
	if v := moved.FV[status].Ver; v.S != "a" || !was.FV[status].Ver.Less(v) {
		t.Errorf("the step's version %v, want a new version of this installation after %v", v, was.FV[status].Ver)
	}
	for n := range moved.FV {
		if n != status && !reflect.DeepEqual(moved.FV[n], was.FV[n]) {
			t.Errorf("%s's version changed: %v -> %v", sc.Cols[n].Name, was.FV[n], moved.FV[n])
		}
	}
	// The commune's row is untouched, versions and all.
	after := state(t, st)
	changed := 0
	for n := range before {
		if before[n] != after[n] {
			changed++
			if !strings.Contains(before[n], ids[0]) {
				t.Errorf("a row other than the one moved changed:\n%s\n%s", before[n], after[n])
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d rows changed, want 1", changed)
	}
	// The next bundle carries the edit upward.
	var mark int64
	fmtSscan(lseqBefore, &mark)
	sn, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var carried []string
	sn.Rows(Assessment, mark, func(r *Row) error { carried = append(carried, r.ID); return nil })
	sn.Close()
	if len(carried) != 1 || carried[0] != ids[0] {
		t.Errorf("rows changed since the last mark %v, want the moved one", carried)
	}
	var audits int
	st.r.QueryRow("SELECT count(*) FROM audit WHERE action = 'migrate:workflow' AND rec_id = ?", ids[0]).Scan(&audits)
	if audits != 1 {
		t.Errorf("%d audit rows", audits)
	}
	tot, err := st.UnitTotals(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	// Passed: the four đạt (three here, the commune's copy); recognised: the
	// decision, the legacy row and the commune's copy, until it corrects it.
	if c := tot[testUnit].Citizens; c.Passed != 4 || c.Recognized != 3 || c.Registered != 5 {
		t.Errorf("totals %+v", c)
	}
	st.Close()
	again, err := Open(ctx, old, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := again.MigrationNotes(); len(n) != 0 {
		t.Errorf("the migration ran twice: %q", n)
	}
}

// A database never set up comes through migration 7 with nothing to say.
func TestMigrate7_NotSetUp(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "new.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n := st.MigrationNotes(); len(n) != 0 {
		t.Fatalf("notes %q", n)
	}
}
