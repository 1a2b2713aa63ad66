package store

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"sokhuyenhoc/data"
)

// modelCase is one kind of the learning models' registers, for the tests
// every kind goes through: how a record of it is made (with what it needs,
// e.g. a model year's family), and two of its columns edited elsewhere.
type modelCase struct {
	kind       Kind
	make       func(t *testing.T, s *Store) string
	col1, col2 string
	val1, val2 func(n int) any
}

func textVal(prefix string) func(int) any {
	return func(n int) any { return prefix + string(rune('A'+n)) }
}
func intVal(n int) any { return int64(10 + n) }

func saveIn(t *testing.T, s *Store, fn func(e *Editor) error) {
	t.Helper()
	if err := s.Edit(context.Background(), "test", fn); err != nil {
		t.Fatal(err)
	}
}

func newFamily(t *testing.T, s *Store) string {
	f := &data.Family{Unit: testUnit, HoDem: "Nguyễn Văn", Ten: "Nam", Village: "Thôn Đông", Members: 5, Adults: 3, Children: 2}
	saveIn(t, s, func(e *Editor) error { _, err := e.SaveFamily(f); return err })
	return f.ID
}

// communities numbers the villages of the communities modelCases make.
var communities int

var modelCases = []modelCase{
	{kind: Family, make: newFamily, col1: "village", col2: "adults", val1: textVal("Thôn "), val2: intVal},
	{kind: Clan, make: func(t *testing.T, s *Store) string {
		c := &data.Clan{Unit: testUnit, Name: "Họ Nguyễn Đình", Households: 40, Members: 180}
		saveIn(t, s, func(e *Editor) error { _, err := e.SaveClan(c); return err })
		return c.ID
	}, col1: "branch", col2: "members", val1: textVal("Chi "), val2: intVal},
	{kind: Community, make: func(t *testing.T, s *Store) string {
		communities++ // a village of its own: one community per village
		c := &data.Community{Unit: testUnit, Village: "Thôn " + strconv.Itoa(communities), Households: 120}
		saveIn(t, s, func(e *Editor) error { _, err := e.SaveCommunity(c); return err })
		return c.ID
	}, col1: "note", col2: "households", val1: textVal("ghi chú "), val2: intVal},
	{kind: LearningUnit, make: func(t *testing.T, s *Store) string {
		u := &data.LearningUnit{Unit: testUnit, Name: "Trường Tiểu học Đông Hòa", Type: "truong_hoc", Staff: 30}
		saveIn(t, s, func(e *Editor) error { _, err := e.SaveLearningUnit(u); return err })
		return u.ID
	}, col1: "head", col2: "staff", val1: textVal("Hiệu trưởng "), val2: intVal},
	{kind: ModelYear, make: func(t *testing.T, s *Store) string {
		y := &data.ModelYear{RecordID: newFamily(t, s), Unit: testUnit, Model: "family", Year: 2026,
			Registered: "co", Criteria: data.ResultOnlySet, Result: "dat", Status: data.StepProposed}
		saveIn(t, s, func(e *Editor) error { _, err := e.SaveModelYear(y); return err })
		return y.ID
	}, col1: "decision_no", col2: "deciding_level", val1: textVal("QĐ "), val2: textVal("cấp ")},
}

// editCol sets one column of a record, as a form would.
func editCol(t *testing.T, s *Store, kind Kind, id, col string, v any) {
	t.Helper()
	saveIn(t, s, func(e *Editor) error {
		r, err := e.Load(kind, id)
		if err != nil {
			return err
		}
		vals := append([]any(nil), r.Vals...)
		vals[SchemaOf(kind).Index(col)] = v
		_, err = e.Put(kind, id, r.Unit, vals)
		return err
	})
}

// Three installations edit one record of each kind; their bundles reach a
// fourth in every order and it ends in one state.
func TestModels_EveryOrderConverges(t *testing.T) {
	for _, mc := range modelCases {
		t.Run(string(mc.kind), func(t *testing.T) {
			a, b, c := MustOpen(t, "a"), MustOpen(t, "b"), MustOpen(t, "c")
			id := mc.make(t, a)
			base, _ := ship(t, a, 0)
			apply(t, b, base)
			apply(t, c, base)
			editCol(t, a, mc.kind, id, mc.col1, mc.val1(1))
			editCol(t, a, mc.kind, id, mc.col1, mc.val1(2))
			editCol(t, b, mc.kind, id, mc.col1, mc.val1(3))
			editCol(t, c, mc.kind, id, mc.col2, mc.val2(4))
			mc.make(t, c) // and a record of its own
			bundles := [][]*Row{base}
			for _, s := range []*Store{a, b, c} {
				rows, _ := ship(t, s, 0)
				bundles = append(bundles, rows)
			}
			var want []string
			for _, order := range permutations(len(bundles)) {
				d := MustOpen(t, "z")
				for _, i := range order {
					apply(t, d, bundles[i])
				}
				got := state(t, d)
				sort.Strings(got)
				if want == nil {
					want = got
					if cs, _ := d.Conflicts(context.Background(), ""); len(cs) != 1 || cs[0].Field != mc.col1 {
						t.Fatalf("conflicts %+v: want the concurrent edit of %s kept", cs, mc.col1)
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("order %v gives\n%v\nwant\n%v", order, got, want)
				}
			}
		})
	}
}

// A delete racing an edit made elsewhere is a conflict for a person;
// bringing the record back keeps the edit.
func TestModels_DeleteRacingEdit(t *testing.T) {
	ctx := context.Background()
	for _, mc := range modelCases {
		t.Run(string(mc.kind), func(t *testing.T) {
			a, d := MustOpen(t, "a"), MustOpen(t, "d")
			id := mc.make(t, a)
			rows, lseq := ship(t, a, 0)
			apply(t, d, rows)
			remove(t, d, mc.kind, id)
			editCol(t, a, mc.kind, id, mc.col1, mc.val1(1))
			editCol(t, a, mc.kind, id, mc.col2, mc.val2(2)) // newer than the delete's base
			rows, _ = ship(t, a, lseq)
			apply(t, d, rows)
			cs, _ := d.Conflicts(ctx, "")
			if len(cs) != 1 || cs[0].Field != "_deleted" || cs[0].Reason != "delete_edit" {
				t.Fatalf("conflicts %+v, want a delete/edit conflict", cs)
			}
			if err := d.Resolve(ctx, mc.kind, id, "_deleted", cs[0].Site, TakeLoser); err != nil {
				t.Fatal(err)
			}
			r, err := d.Get(ctx, mc.kind, id)
			if err != nil || r.Deleted() || r.Vals[SchemaOf(mc.kind).Index(mc.col2)] != mc.val2(2) {
				t.Fatalf("restored %+v (%v)", r, err)
			}
			if cs, _ := d.Conflicts(ctx, ""); len(cs) != 0 {
				t.Fatalf("conflicts left: %+v", cs)
			}
		})
	}
}

// Linking and unlinking members at three installations converges too, and
// a family's delete takes its assessments and links with it, and its
// restore brings exactly those back.
func TestModels_MembersAndChildren(t *testing.T) {
	ctx := context.Background()
	a, b := MustOpen(t, "a"), MustOpen(t, "b")
	fam := newFamily(t, a)
	x, y := newCitizen("Nguyễn Văn", "Nam"), newCitizen("Nguyễn Thị", "Hoa")
	save(t, a, x, y)
	saveIn(t, a, func(e *Editor) error {
		if _, err := e.Link(fam, x.ID, testUnit); err != nil {
			return err
		}
		_, err := e.SaveModelYear(&data.ModelYear{RecordID: fam, Unit: testUnit, Model: "family", Year: 2025, Result: "dat"})
		return err
	})
	base, _ := ship(t, a, 0)
	apply(t, b, base)
	saveIn(t, a, func(e *Editor) error { return e.Unlink(fam, x.ID) })
	saveIn(t, b, func(e *Editor) error { _, err := e.Link(fam, y.ID, testUnit); return err })
	ra, _ := ship(t, a, 0)
	rb, _ := ship(t, b, 0)
	var want []string
	for _, order := range [][][]*Row{{base, ra, rb}, {rb, ra, base}, {ra, rb, base}, {rb, base, ra}} {
		d := MustOpen(t, "z")
		for _, rows := range order {
			apply(t, d, rows)
		}
		got := state(t, d)
		sort.Strings(got)
		if want == nil {
			want = got
			ms, err := d.MembersOf(ctx, fam)
			if err != nil || len(ms) != 1 || ms[0].ID != y.ID {
				t.Fatalf("members %+v (%v): want only the one linked last", ms, err)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("order gives\n%v\nwant\n%v", got, want)
		}
	}

	saveIn(t, b, func(e *Editor) error { return e.Unlink(fam, y.ID) })
	saveIn(t, b, func(e *Editor) error { _, err := e.Link(fam, x.ID, testUnit); return err })
	remove(t, b, Family, fam)
	if ys, _ := b.ModelYearsOf(ctx, fam); len(ys) != 0 {
		t.Fatalf("the family's years outlive it: %+v", ys)
	}
	if ms, _ := b.MembersOf(ctx, fam); len(ms) != 0 {
		t.Fatalf("the family's links outlive it: %+v", ms)
	}
	del, _ := b.Get(ctx, Family, fam)
	if err := b.Edit(ctx, "form", func(e *Editor) error {
		return e.restoreChildren(Family, fam, del.FV[SchemaOf(Family).deleted()].Ver)
	}); err != nil {
		t.Fatal(err)
	}
	if ys, _ := b.ModelYearsOf(ctx, fam); len(ys) != 1 {
		t.Fatalf("years after restore: %+v", ys)
	}
	if ms, _ := b.MembersOf(ctx, fam); len(ms) != 1 || ms[0].ID != x.ID {
		t.Fatalf("links after restore: %+v (the one unlinked before stays unlinked)", ms)
	}
}

// The lists page through a model's register in name order, filtered by
// year, result and village, with each record's assessment of the year.
func TestModels_List(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	var ids []string
	for _, n := range []string{"Bình", "An", "Cường"} {
		f := &data.Family{Unit: testUnit, HoDem: "Lê Văn", Ten: n, Village: "Thôn " + n}
		saveIn(t, s, func(e *Editor) error { _, err := e.SaveFamily(f); return err })
		ids = append(ids, f.ID)
	}
	saveIn(t, s, func(e *Editor) error {
		_, err := e.SaveModelYear(&data.ModelYear{RecordID: ids[0], Unit: testUnit, Model: "family", Year: 2026, Result: "dat"})
		return err
	})
	all, err := ModelRecords(ctx, s, data.Families, ModelQuery{})
	if err != nil || len(all) != 3 || all[0].Record.Ten != "An" || all[2].Record.Ten != "Cường" || all[0].Year.ID != "" ||
		all[1].Year.Year != 2026 { // without a year, each record's latest assessment
		t.Fatalf("all: %+v %v", all, err)
	}
	for q, want := range map[ModelQuery]int{{Year: 2026}: 1, {Year: 2025}: 0, {Result: "dat"}: 1, {Result: "chua_dat"}: 0,
		{Village: "thon an"}: 1, {Search: "cuong"}: 1, {Unit: "2025:99999"}: 0} {
		got, err := ModelRecords(ctx, s, data.Families, q)
		n, cerr := s.CountModelRecords(ctx, Family, q)
		if err != nil || cerr != nil || len(got) != want || n != want {
			t.Errorf("%+v: %d records, count %d (%v %v), want %d", q, len(got), n, err, cerr, want)
		}
	}
	got, _ := ModelRecords(ctx, s, data.Families, ModelQuery{Year: 2026})
	if got[0].Record.ID != ids[0] || got[0].Year.Result != "dat" {
		t.Fatalf("year row: %+v", got)
	}
}

// A district's approval of a commune's year holds a change to a model's
// assessment of that year as a conflict, as it does a citizen's.
func TestModels_ApprovedYearHoldsChanges(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	fam := newFamily(t, a)
	y := &data.ModelYear{RecordID: fam, Unit: testUnit, Model: "family", Year: 2026, Result: "chua_dat", Status: data.StepSelfAssessed}
	saveIn(t, a, func(e *Editor) error { _, err := e.SaveModelYear(y); return err })
	rows, lseq := ship(t, a, 0)
	apply(t, d, rows)
	if err := d.Approve(ctx, testUnit, 2026, "Huyện"); err != nil {
		t.Fatal(err)
	}
	y.Result, y.Status, y.DecisionNo = "dat", data.StepRecognized, "1/QĐ"
	saveIn(t, a, func(e *Editor) error { _, err := e.SaveModelYear(y); return err })
	rows, _ = ship(t, a, lseq)
	if st := apply(t, d, rows); st.Conflicts != 1 {
		t.Fatalf("stats %+v: the change to the approved year is held", st)
	}
	ys, _ := d.ModelYearsOf(ctx, fam)
	cs, _ := d.Conflicts(ctx, "")
	if len(ys) != 1 || ys[0].Result != "chua_dat" || len(cs) != 1 || cs[0].Field != "_locked" || cs[0].Kind != ModelYear {
		t.Fatalf("years %+v, conflicts %+v", ys, cs)
	}
}

// A village's community shows the families of its village recognised in
// the year, from the family register.
func TestModels_CommunityCountsItsRecognisedFamilies(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	saveIn(t, s, func(e *Editor) error {
		c := &data.Community{Unit: testUnit, Village: "Thôn Đông"}
		if _, err := e.SaveCommunity(c); err != nil {
			return err
		}
		if _, err := e.SaveModelYear(&data.ModelYear{RecordID: c.ID, Unit: testUnit, Model: "community", Year: 2026}); err != nil {
			return err
		}
		for n, v := range []string{"Thôn Đông", "thôn đông", "Thôn Tây", "Thôn Đông"} {
			f := &data.Family{Unit: testUnit, HoDem: "Lê", Ten: "Hộ " + string(rune('A'+n)), Village: v}
			if _, err := e.SaveFamily(f); err != nil {
				return err
			}
			y := &data.ModelYear{RecordID: f.ID, Unit: testUnit, Model: "family", Year: 2026, Result: "dat", Status: data.StepRecognized}
			if n == 3 {
				y.Status = data.StepProposed // passed, not recognised yet
			}
			if _, err := e.SaveModelYear(y); err != nil {
				return err
			}
		}
		return nil
	})
	items, err := ModelRecords(ctx, s, data.Communities, ModelQuery{Year: 2026})
	if err != nil || len(items) != 1 || items[0].Families != 2 {
		t.Fatalf("%+v %v: two families of Thôn Đông recognised", items, err)
	}
}

// One learning community per village: a second for a village another live
// community of the unit stands for (as written or folded) is refused at
// its village and nothing is written; the first is still edited, and once
// it is deleted the village takes a new one.
func TestModels_OneCommunityPerVillage(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	first := &data.Community{Unit: testUnit, Village: "Thôn Đông", Households: 80}
	saveIn(t, s, func(e *Editor) error { _, err := e.SaveCommunity(first); return err })
	for _, v := range []string{"Thôn Đông", "thôn  ĐÔNG"} {
		second := &data.Community{Unit: testUnit, Village: v, Households: 5}
		err := s.Edit(ctx, "test", func(e *Editor) error { _, err := e.SaveCommunity(second); return err })
		var fe *data.FieldError
		if !errors.As(err, &fe) || fe.Field != "village" || fe.Value != v || !errors.Is(err, ErrVillageTaken) {
			t.Fatalf("%q: a second community of the village: %v", v, err)
		}
		if n, err := s.CountModelRecords(ctx, Community, ModelQuery{}); n != 1 || err != nil || second.ID != "" {
			t.Fatalf("%q: %d communities after the refusal (%v), id %q", v, n, err, second.ID)
		}
	}
	first.Households = 85
	saveIn(t, s, func(e *Editor) error { _, err := e.SaveCommunity(first); return err })
	saveIn(t, s, func(e *Editor) error { return e.Delete(Community, first.ID) })
	again := &data.Community{Unit: testUnit, Village: "Thôn Đông", Households: 90}
	saveIn(t, s, func(e *Editor) error { _, err := e.SaveCommunity(again); return err })
	items, err := ModelRecords(ctx, s, data.Communities, ModelQuery{})
	if err != nil || len(items) != 1 || items[0].Record.ID != again.ID || items[0].Record.Households != 90 {
		t.Fatalf("after the delete: %+v %v", items, err)
	}
}

// A family is about its head of household: the head is found as a person
// (the subject's requests), and a consent can be recorded about the family.
func TestModels_FamilyHeadIsAPerson(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	f := &data.Family{Unit: testUnit, HoDem: "Lò Văn", Ten: "Páo", Village: "Bản Mòng"}
	saveIn(t, s, func(e *Editor) error { _, err := e.SaveFamily(f); return err })
	got, err := s.FindPeople(ctx, "", "pao", "vi", 10)
	if err != nil || len(got) != 1 || got[0].Kind != Family || got[0].ID != f.ID || got[0].Name != "Lò Văn Páo" || got[0].Village != "Bản Mòng" {
		t.Fatalf("found %+v %v", got, err)
	}
	saveIn(t, s, func(e *Editor) error {
		_, err := e.SaveConsent(&data.Consent{Subject: f.ID, SubjectKind: "family", GivenBy: data.Self,
			GivenOn: data.Date{Y: 2026, M: 3, D: 1}, Upward: "khong"})
		return err
	})
}
