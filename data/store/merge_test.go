package store

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"sokhuyenhoc/data"
)

// ship returns every row src changed after lseq, as a bundle would carry it.
func ship(t *testing.T, src *Store, after int64) ([]*Row, int64) {
	t.Helper()
	sn, err := src.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer sn.Close()
	var out []*Row
	for _, k := range Kinds {
		if err := sn.Rows(k, after, func(r *Row) error { out = append(out, r); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	return out, sn.Lseq
}

func apply(t *testing.T, dst *Store, rows []*Row) MergeStats {
	t.Helper()
	var st MergeStats
	err := dst.Merge(context.Background(), func(m *Merger) error {
		for _, r := range rows {
			cp := *r
			cp.Vals = append([]any(nil), r.Vals...)
			cp.FV = append([]FieldVersion(nil), r.FV...)
			if err := m.Merge(&cp); err != nil {
				return err
			}
		}
		if err := m.Flush(); err != nil {
			return err
		}
		st = m.Stats
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// state is everything observable of a store's records and conflicts.
func state(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for _, k := range Kinds {
		rows, err := s.r.Query("SELECT " + SchemaOf(k).selectCols() + " FROM " + string(k) + " ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			r, err := scanRow(SchemaOf(k), rows)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %s %v %v", k, r.ID, r.Vals, r.FV))
		}
		rows.Close()
	}
	cs, err := s.Conflicts(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		out = append(out, fmt.Sprintf("conflict %s %s %s %s %v", c.Kind, c.RecID, c.Field, c.Site, c.Value))
	}
	return out
}

func edit(t *testing.T, s *Store, id string, fn func(c *data.Citizen)) {
	t.Helper()
	c, _, err := s.GetCitizen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	fn(&c)
	save(t, s, &c)
}

func TestMerge_NewRowsInsertedOnce(t *testing.T) {
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	save(t, a, newCitizen("Nguyễn Văn", "An"), newCitizen("Trần Thị", "Bình"))
	rows, _ := ship(t, a, 0)
	if st := apply(t, d, rows); st.Inserted != 2 || st.Updated != 0 {
		t.Fatalf("first import %+v", st)
	}
	if st := apply(t, d, rows); st.Inserted != 0 || st.Unchanged != 2 {
		t.Fatalf("replay %+v", st)
	}
	if !reflect.DeepEqual(stateRecords(t, a), stateRecords(t, d)) {
		t.Fatal("district differs from commune after import")
	}
}

func stateRecords(t *testing.T, s *Store) []string {
	var out []string
	for _, l := range state(t, s) {
		if len(l) < 8 || l[:8] != "conflict" {
			out = append(out, l)
		}
	}
	return out
}

func TestMerge_ConcurrentEditKeepsLoser(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	c := newCitizen("Lê Thị", "Hoa")
	save(t, a, c)
	first, lseq := ship(t, a, 0)
	apply(t, d, first)
	edit(t, d, c.ID, func(c *data.Citizen) { c.Phone = "0911111111" }) // district corrects
	edit(t, a, c.ID, func(c *data.Citizen) { c.Phone = "0922222222" }) // commune edits, unaware
	second, _ := ship(t, a, lseq)
	st := apply(t, d, second)
	if st.Conflicts != 1 {
		t.Fatalf("stats %+v, want one conflict", st)
	}
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 || cs[0].Field != "phone" {
		t.Fatalf("conflicts %+v", cs)
	}
	// Both versions carry Lamport 2; site "d" > "a" so the district's value wins.
	got, _, _ := d.GetCitizen(ctx, c.ID)
	if got.Phone != "0911111111" || cs[0].Value != "0922222222" || cs[0].Site != "a" {
		t.Fatalf("phone %q, loser %v from %s", got.Phone, cs[0].Value, cs[0].Site)
	}
	// A person takes the commune's value.
	if err := d.Resolve(ctx, Citizen, c.ID, "phone", "a", TakeLoser); err != nil {
		t.Fatal(err)
	}
	got, _, _ = d.GetCitizen(ctx, c.ID)
	if cs, _ := d.Conflicts(ctx, ""); len(cs) != 0 || got.Phone != "0922222222" {
		t.Fatalf("after resolve: phone %q, conflicts %+v", got.Phone, cs)
	}
	if err := d.Resolve(ctx, Citizen, c.ID, "phone", "a", TakeLoser); err == nil {
		t.Fatal("resolving twice must fail with ErrNoConflict")
	}
}

func TestMerge_SuccessorIsNotAConflict(t *testing.T) {
	a, d, p := MustOpen(t, "a"), MustOpen(t, "d"), MustOpen(t, "p")
	c := newCitizen("Phạm Văn", "Đức")
	save(t, a, c)
	rows, _ := ship(t, a, 0)
	apply(t, d, rows)
	dRows, dl := ship(t, d, 0)
	apply(t, p, dRows)
	// The district corrects twice; the province only ever sees the last.
	edit(t, d, c.ID, func(c *data.Citizen) { c.Village = "Thôn Tây" })
	edit(t, d, c.ID, func(c *data.Citizen) { c.Village = "Thôn Nam" })
	dRows, _ = ship(t, d, dl)
	if st := apply(t, p, dRows); st.Conflicts != 0 || st.Updated != 1 {
		t.Fatalf("province stats %+v: a chain of corrections is not a conflict", st)
	}
}

func TestMerge_DeleteRacingEdit(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	c := newCitizen("Vũ Thị", "Lan")
	save(t, a, c)
	rows, lseq := ship(t, a, 0)
	apply(t, d, rows)
	if err := d.Edit(ctx, "form", func(e *Editor) error { return e.Delete(Citizen, c.ID) }); err != nil {
		t.Fatal(err)
	}
	edit(t, a, c.ID, func(c *data.Citizen) { c.Phone = "0933333333" })
	edit(t, a, c.ID, func(c *data.Citizen) { c.Ethnicity = "Tày" }) // Lamport 3 > the delete's base
	rows, _ = ship(t, a, lseq)
	apply(t, d, rows)
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 || cs[0].Field != "_deleted" || cs[0].Reason != "delete_edit" {
		t.Fatalf("conflicts %+v, want a delete/edit conflict", cs)
	}
	if err := d.Resolve(ctx, Citizen, c.ID, "_deleted", cs[0].Site, TakeLoser); err != nil {
		t.Fatal(err)
	}
	got, deleted, _ := d.GetCitizen(ctx, c.ID)
	if deleted || got.Ethnicity != "Tày" {
		t.Fatalf("restored = %+v deleted=%v", got, deleted)
	}
	if cs, _ := d.Conflicts(ctx, ""); len(cs) != 0 {
		t.Fatalf("conflicts left: %+v", cs)
	}
}

// Three installations edit the same records; their bundles reach a fourth in
// every order and it ends in one state.
func TestMerge_EveryOrderConverges(t *testing.T) {
	a, b, c := MustOpen(t, "a"), MustOpen(t, "b"), MustOpen(t, "c")
	x := newCitizen("Hoàng Văn", "Minh")
	save(t, a, x)
	base, _ := ship(t, a, 0)
	apply(t, b, base)
	apply(t, c, base)
	edit(t, a, x.ID, func(p *data.Citizen) { p.Phone = "0911111111"; p.Group = "nong_dan" })
	edit(t, a, x.ID, func(p *data.Citizen) { p.Phone = "0911111112" })
	edit(t, b, x.ID, func(p *data.Citizen) { p.Phone = "0922222222" })
	edit(t, c, x.ID, func(p *data.Citizen) { p.Village = "Thôn Bắc"; p.Group = "can_bo" })
	y := newCitizen("Ngô Thị", "Yến")
	save(t, c, y)
	bundles := [][]*Row{base}
	for _, s := range []*Store{a, b, c} {
		rows, _ := ship(t, s, 0)
		bundles = append(bundles, rows)
	}
	var want []string
	perms := permutations(len(bundles))
	for _, order := range perms {
		d := MustOpen(t, "z")
		for _, i := range order {
			apply(t, d, bundles[i])
		}
		got := state(t, d)
		sort.Strings(got)
		if want == nil {
			want = got
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("order %v gives\n%v\nwant\n%v", order, got, want)
		}
	}
	if len(perms) != 24 {
		t.Fatalf("%d orders", len(perms))
	}
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

func TestMerge_RejectsMalformedRows(t *testing.T) {
	d := MustOpen(t, "d")
	sc := SchemaOf(Citizen)
	col := sc.Index
	good := func() *Row {
		return &Row{Kind: Citizen, ID: "0190f3a0-0000-7000-8000-000000000001", Unit: testUnit,
			Vals: valuesOf(data.Citizens, newCitizen("A", "B")),
			FV:   Expand(len(sc.Cols), FieldVersion{Ver: Version{5, "a"}}, nil)}
	}
	for name, mut := range map[string]func(r *Row){
		"unknown kind": func(r *Row) { r.Kind = "secret" },
		"few values":   func(r *Row) { r.Vals = r.Vals[:3] },
		"int as text":  func(r *Row) { r.Vals[col("birth_year")] = "1980" },
		"text as int":  func(r *Row) { r.Vals[col("ho_dem")] = int64(1) },
		"deleted 2":    func(r *Row) { r.Vals[col("deleted")] = int64(2) },
		"no version":   func(r *Row) { r.FV[col("gender")] = FieldVersion{} },
		"no id":        func(r *Row) { r.ID = "" },
		"float":        func(r *Row) { r.Vals[col("birth_year")] = 1980.5 },
		"huge text":    func(r *Row) { r.Vals[col("note")] = string(make([]byte, 5000)) },
	} {
		before := state(t, d)
		r := good()
		mut(r)
		err := d.Merge(context.Background(), func(m *Merger) error { return m.Merge(r) })
		if err == nil || !errorsIs(err, ErrBadRow) {
			t.Errorf("%s: err = %v, want ErrBadRow", name, err)
		}
		if !reflect.DeepEqual(state(t, d), before) {
			t.Errorf("%s: store changed", name)
		}
	}
}

func TestMerge_ApprovedYearHoldsChanges(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	c := newCitizen("Lê Thị", "Thu")
	save(t, a, c)
	err := a.Edit(ctx, "test", func(e *Editor) error {
		_, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2026, Result: "chua_dat", Status: "tu_danh_gia"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, lseq := ship(t, a, 0)
	apply(t, d, rows)
	if err := d.Approve(ctx, testUnit, 2026, "Huyện"); err != nil {
		t.Fatal(err)
	}
	// The commune changes the locked year's result, and adds a 2025 entry.
	err = a.Edit(ctx, "test", func(e *Editor) error {
		if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2026, Result: "dat", Status: "cong_nhan"}); err != nil {
			return err
		}
		_, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2025, Result: "dat", Status: "cong_nhan"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = ship(t, a, lseq)
	st := apply(t, d, rows)
	if st.Conflicts != 1 || st.Inserted != 1 {
		t.Fatalf("stats %+v: the 2025 row goes in, the 2026 change is held", st)
	}
	as, _ := d.Assessments(ctx, c.ID)
	if len(as) != 2 || as[0].Year != 2026 || as[0].Result != "chua_dat" {
		t.Fatalf("assessments %+v: the locked year must not change silently", as)
	}
	if again := apply(t, d, rows); again.Conflicts != 0 {
		t.Fatalf("replaying the same rows holds them again: %+v", again)
	}
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 || cs[0].Field != "_locked" || cs[0].Reason != "locked" {
		t.Fatalf("conflicts %+v", cs)
	}
	if err := d.Resolve(ctx, Assessment, cs[0].RecID, "_locked", cs[0].Site, TakeLoser); err != nil {
		t.Fatal(err)
	}
	as, _ = d.Assessments(ctx, c.ID)
	if as[0].Result != "dat" {
		t.Fatalf("accepted change not applied: %+v", as[0])
	}
	if cs, _ := d.Conflicts(ctx, ""); len(cs) != 0 {
		t.Fatalf("conflicts left %+v", cs)
	}
	if got, want := stateRecords(t, d), stateRecords(t, a); !reflect.DeepEqual(got, want) {
		t.Fatal("after accepting, the district must hold exactly the commune's versions")
	}
}

func TestMerge_ApprovalCoversUnitsInside(t *testing.T) {
	ctx := context.Background()
	a, p := MustOpen(t, "a"), MustOpen(t, "p")
	c := newCitizen("Đỗ Văn", "Hải")
	c.Unit = "2024:12694" // Xã Đông Phương, in Huyện Đông Hưng (340)
	save(t, a, c)
	if err := p.Approve(ctx, "2024:340", 2026, "Tỉnh"); err != nil {
		t.Fatal(err)
	}
	err := a.Edit(ctx, "t", func(e *Editor) error {
		_, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: c.Unit, Year: 2026, Result: "dat", Status: "cong_nhan"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := ship(t, a, 0)
	if st := apply(t, p, rows); st.Conflicts != 1 || st.Inserted != 1 {
		t.Fatalf("stats %+v: the citizen goes in, its 2026 entry is held by the district's approval", st)
	}
}

// A row prepared on the reader's goroutine is stored exactly as one that
// was not; a malformed row is left for the merge to refuse.
func TestMerge_PreparedRowsStoreTheSameKeys(t *testing.T) {
	a := MustOpen(t, "a")
	save(t, a, newCitizen("Đặng Thị", "Hoà"))
	rows, _ := ship(t, a, 0)
	keys := func(prepare bool) string {
		d := MustOpen(t, "d")
		for _, r := range rows {
			if prepare {
				r.Prepare()
			}
		}
		apply(t, d, rows)
		var k string
		if err := d.r.QueryRow("SELECT skey || '|' || hex(nkey) || '|' || vkey FROM citizen").Scan(&k); err != nil {
			t.Fatal(err)
		}
		return k
	}
	if plain, prepared := keys(false), keys(true); plain != prepared || plain == "||" {
		t.Fatalf("prepared row stored %q, plain %q", prepared, plain)
	}
	bad := *rows[0]
	bad.Vals = append([]any(nil), rows[0].Vals...)
	bad.Vals[SchemaOf(Citizen).Index("ho_dem")] = int64(7)
	bad.derived = nil
	bad.Prepare()
	if bad.derived != nil {
		t.Fatal("a malformed row was prepared")
	}
	e := MustOpen(t, "e")
	err := e.Merge(context.Background(), func(m *Merger) error { return m.Merge(&bad) })
	if !errorsIs(err, ErrBadRow) || err.Error() != "store: malformed row: citizen.ho_dem must be text" {
		t.Fatalf("err = %v, want ErrBadRow naming citizen.ho_dem", err)
	}
	if got := state(t, e); len(got) != 0 {
		t.Fatalf("a refused row left %v", got)
	}
}

// Bringing back a citizen whose delete raced an edit brings back the
// assessments that delete took with it, not one deleted on its own before.
func TestMerge_RestoreBringsBackWhatTheDeleteTook(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	c := newCitizen("Vũ Thị", "Lan")
	save(t, a, c)
	ids := map[int]string{2025: assess(t, a, c, 2025), 2026: assess(t, a, c, 2026)}
	rows, lseq := ship(t, a, 0)
	apply(t, d, rows)
	remove(t, d, Assessment, ids[2025])
	remove(t, d, Citizen, c.ID)
	edit(t, a, c.ID, func(c *data.Citizen) { c.Phone = "0933333333" })
	edit(t, a, c.ID, func(c *data.Citizen) { c.Ethnicity = "Tày" })
	rows, _ = ship(t, a, lseq)
	apply(t, d, rows)
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 || cs[0].Field != "_deleted" {
		t.Fatalf("conflicts %+v", cs)
	}
	if err := d.Resolve(ctx, Citizen, c.ID, "_deleted", cs[0].Site, TakeLoser); err != nil {
		t.Fatal(err)
	}
	got, err := d.Assessments(ctx, c.ID)
	if err != nil || len(got) != 1 || got[0].ID != ids[2026] {
		t.Fatalf("assessments after the restore: %+v (%v), want only 2026's", got, err)
	}
	checkLive(t, d)
}
