package store

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"sokhuyenhoc/data"
)

func editIn(t *testing.T, s *Store, fn func(e *Editor) error) {
	t.Helper()
	if err := s.Edit(context.Background(), "test", fn); err != nil {
		t.Fatal(err)
	}
}

func newBranch(t *testing.T, s *Store, b data.Branch, counts ...data.MemberCount) data.Branch {
	t.Helper()
	b.Unit = testUnit
	editIn(t, s, func(e *Editor) error {
		if _, err := e.SaveBranch(&b); err != nil {
			return err
		}
		for _, m := range counts {
			m.BranchID, m.Unit = b.ID, testUnit
			if _, err := e.SaveMemberCount(&m); err != nil {
				return err
			}
		}
		return nil
	})
	return b
}

func TestBranches_SaveListAndDelete(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	b := newBranch(t, s, data.Branch{Name: "Chi hội thôn Đông", Form: "chi_hoi", Type: "thon"},
		data.MemberCount{Period: "2026-H1", Total: 80, Admitted: 6, Left: 1},
		data.MemberCount{Period: "2025", Total: 75, Admitted: 10})
	newBranch(t, s, data.Branch{Name: "Ban khuyến học trường THCS", Form: "ban_khuyen_hoc", Type: "truong_hoc"})
	items, err := s.Branches(ctx, testUnit, "2026-H1")
	if err != nil || len(items) != 2 {
		t.Fatalf("branches %+v %v", items, err)
	}
	// Name order (Vietnamese: B before C), with the members of the period asked for.
	if items[0].Name != "Ban khuyến học trường THCS" || items[1].Members.Total != 80 || items[0].Members.Period != "" {
		t.Fatalf("list %+v", items)
	}
	// Entering the same branch's half-year again writes the same record.
	editIn(t, s, func(e *Editor) error {
		_, err := e.SaveMemberCount(&data.MemberCount{BranchID: b.ID, Unit: testUnit, Period: "2026-H1", Total: 81, Admitted: 7, Left: 1})
		return err
	})
	ms, _ := s.MemberCounts(ctx, b.ID)
	if len(ms) != 2 || ms[0].Period != "2025" || ms[1].Total != 81 {
		t.Fatalf("counts %+v", ms)
	}
	editIn(t, s, func(e *Editor) error { return e.Delete(Branch, b.ID) })
	if ms, _ := s.MemberCounts(ctx, b.ID); len(ms) != 0 {
		t.Fatalf("a branch's counts go with it: %+v", ms)
	}
	checkLive(t, s)
}

func TestActivities_PagesByYearKindAndSearch(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	editIn(t, s, func(e *Editor) error {
		for _, a := range []data.Activity{
			{Kind: "tap_huan", Date: data.Date{Y: 2026, M: 3, D: 2}, Title: "Tập huấn chi hội trưởng", Participants: 30},
			{Kind: "van_ban", Date: data.Date{Y: 2026, M: 1, D: 5}, Title: "Kế hoạch năm", DocumentNo: "01/KH-HKH"},
			{Kind: "tuyen_truyen", Date: data.Date{Y: 2025, M: 12, D: 1}, PublicityKind: "truyen_thanh", Times: 4},
		} {
			a.Unit = testUnit
			if _, err := e.SaveActivity(&a); err != nil {
				return err
			}
		}
		return nil
	})
	got, err := s.Activities(ctx, ActivityQuery{Unit: testUnit, Year: 2026})
	if err != nil || len(got) != 2 || got[0].Kind != "tap_huan" {
		t.Fatalf("2026, newest first: %+v %v", got, err)
	}
	if n, _ := s.CountActivities(ctx, ActivityQuery{Kind: "tuyen_truyen"}); n != 1 {
		t.Fatalf("publicity %d", n)
	}
	if got, _ := s.Activities(ctx, ActivityQuery{Search: "KE HOACH"}); len(got) != 1 || got[0].DocumentNo != "01/KH-HKH" {
		t.Fatalf("search %+v", got)
	}
	years, _ := s.RecordYears(ctx, Activity)
	if !reflect.DeepEqual(years, []int{2026, 2025}) {
		t.Fatalf("years %v", years)
	}
}

// A branch's half-year has one id wherever it is entered (PeriodID): edits
// of different fields at two installations merge field by field, and every
// order of arrival gives one state.
func TestMerge_MemberCountsConverge(t *testing.T) {
	a, b := MustOpen(t, "a"), MustOpen(t, "b")
	br := newBranch(t, a, data.Branch{Name: "Chi hội họ Nguyễn", Form: "chi_hoi", Type: "dong_ho"},
		data.MemberCount{Period: "2026-H1", Total: 50, Admitted: 5})
	base, lseq := ship(t, a, 0)
	apply(t, b, base)
	count := func(s *Store, fn func(m *data.MemberCount)) {
		r, err := s.Get(context.Background(), MemberCount, PeriodID(MemberCount, br.ID, "2026-H1"))
		if err != nil {
			t.Fatal(err)
		}
		m := MemberCountOf(r)
		fn(&m)
		editIn(t, s, func(e *Editor) error { _, err := e.SaveMemberCount(&m); return err })
	}
	count(a, func(m *data.MemberCount) { m.Total = 52 })
	count(b, func(m *data.MemberCount) { m.Left = 2 })
	ra, _ := ship(t, a, lseq)
	rb, _ := ship(t, b, 0)
	var want []string
	for _, order := range [][][]*Row{{base, ra, rb}, {rb, ra, base}, {ra, rb, base}, {base, rb, ra}} {
		d := MustOpen(t, "z")
		for _, rows := range order {
			apply(t, d, rows)
		}
		got := state(t, d)
		sort.Strings(got)
		if want == nil {
			want = got
		} else if !reflect.DeepEqual(got, want) {
			t.Fatalf("orders differ:\n%v\n%v", got, want)
		}
		ms, _ := d.MemberCounts(context.Background(), br.ID)
		if len(ms) != 1 || ms[0].Total != 52 || ms[0].Admitted != 5 || ms[0].Left != 2 {
			t.Fatalf("merged counts %+v", ms)
		}
		if cs, _ := d.Conflicts(context.Background(), ""); len(cs) != 0 {
			t.Fatalf("edits of different fields are no conflict: %+v", cs)
		}
	}
}

// A delete of a branch at the district races an edit of its name at the
// commune: a conflict for a person, as for every other kind.
func TestMerge_BranchDeleteRacingEdit(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	br := newBranch(t, a, data.Branch{Name: "Chi hội cơ quan", Form: "chi_hoi", Type: "co_quan"})
	rows, lseq := ship(t, a, 0)
	apply(t, d, rows)
	editIn(t, d, func(e *Editor) error { return e.Delete(Branch, br.ID) })
	for _, name := range []string{"Chi hội cơ quan xã", "Chi hội các cơ quan xã"} {
		br.Name = name
		editIn(t, a, func(e *Editor) error { _, err := e.SaveBranch(&br); return err })
	}
	rows, _ = ship(t, a, lseq)
	apply(t, d, rows)
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 || cs[0].Kind != Branch || cs[0].Field != "_deleted" {
		t.Fatalf("conflicts %+v", cs)
	}
}

// The figures of a period, on a fixture whose expected figures are
// written out by hand from the records below.
func TestPeriodTotals_AssociationAndBreakdowns(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	d := func(y, m, dd int) data.Date { return data.Date{Y: y, M: m, D: dd} }
	newBranch(t, s, data.Branch{Name: "A", Form: "chi_hoi", Type: "thon", EstablishedOn: d(2020, 1, 1)},
		data.MemberCount{Period: "2025", Total: 100, Admitted: 10, Left: 2},
		data.MemberCount{Period: "2026-H1", Total: 108, Admitted: 9, Left: 1})
	newBranch(t, s, data.Branch{Name: "B", Form: "ban_khuyen_hoc", Type: "truong_hoc", EstablishedOn: d(2026, 2, 1)},
		data.MemberCount{Period: "2026-H1", Total: 20, Admitted: 20})
	newBranch(t, s, data.Branch{Name: "C", Form: "chi_hoi", Type: "doanh_nghiep", EstablishedOn: d(2026, 8, 1)})
	editIn(t, s, func(e *Editor) error {
		for _, a := range []data.Activity{
			{Kind: "tap_huan", Date: d(2026, 3, 1), Title: "T1", Participants: 30},
			{Kind: "tap_huan", Date: d(2026, 9, 1), Title: "T2", Participants: 25},
			{Kind: "hoi_nghi", Date: d(2026, 1, 10), Title: "Hội nghị", Participants: 60},
			{Kind: "tuyen_truyen", Date: d(2026, 4, 1), PublicityKind: "truyen_thanh", Times: 8},
			{Kind: "tuyen_truyen", Date: d(2026, 5, 1), PublicityKind: "mang_xa_hoi", Times: 3},
			{Kind: "van_ban", Date: d(2026, 6, 30), Title: "KH", DocumentNo: "5/KH"},
			{Kind: "van_ban", Date: d(2025, 6, 30), Title: "KH", DocumentNo: "4/KH"},
		} {
			a.Unit = testUnit
			if _, err := e.SaveActivity(&a); err != nil {
				return err
			}
		}
		for _, a := range []data.Award{
			{Person: data.Person{Ten: "An"}, AwardType: "qua", AmountVND: 100, AwardedOn: d(2026, 5, 1), RecipientKind: "hoc_sinh", Campaign: "hoc_khong_bao_gio_cung"},
			{Person: data.Person{Ten: "Bình"}, AwardType: "qua", AmountVND: 200, DecisionDate: d(2026, 6, 30), RecipientKind: "giao_vien"},
			{Person: data.Person{Ten: "Chi"}, AwardType: "qua", AmountVND: 400, AwardedOn: d(2026, 7, 1), RecipientKind: "hoc_sinh"},
			{Person: data.Person{Ten: "Dũng"}, AwardType: "qua", AmountVND: 800, SchoolYear: "2025-2026"},
		} {
			a.Unit = testUnit
			if _, err := e.SaveAward(&a); err != nil {
				return err
			}
		}
		for _, f := range []data.FundLine{
			{Date: d(2025, 12, 1), Direction: "thu", AmountVND: 1000, Source: "hoi_vien"},
			{Date: d(2026, 2, 1), Direction: "thu", AmountVND: 500, Source: "doanh_nghiep", Holder: "dong_ho"},
			{Date: d(2026, 6, 1), Direction: "chi", AmountVND: 300, Source: "hoi_vien"},
			{Date: d(2026, 7, 1), Direction: "chi", AmountVND: 50, Holder: "dong_ho"},
		} {
			f.Unit = testUnit
			if _, err := e.SaveFund(&f); err != nil {
				return err
			}
		}
		c := &data.Centre{Unit: testUnit, Name: "TT", Status: "hoat_dong"}
		if _, err := e.SaveCentre(c); err != nil {
			return err
		}
		y := &data.CentreYear{CentreID: c.ID, Unit: testUnit, Year: 2026, Classes: 7, LearnerTimes: 200, Status: "hoat_dong"}
		y.ByProgramme[0] = data.ClassCount{Classes: 2, LearnerTimes: 50}
		y.ByProgramme[6] = data.ClassCount{Classes: 3, LearnerTimes: 100}
		_, err := e.SaveCentreYear(y)
		return err
	})
	h1, err := s.PeriodTotals(ctx, data.HalfYear(2026, 1))
	if err != nil {
		t.Fatal(err)
	}
	got := h1[testUnit]
	wantAssoc := data.NewAssociationTotals()
	wantAssoc.Branches.Count, wantAssoc.Branches.Established = 2, 1
	wantAssoc.Branches.ByType["thon"], wantAssoc.Branches.ByType["truong_hoc"] = 1, 1
	wantAssoc.Branches.ByForm["chi_hoi"], wantAssoc.Branches.ByForm["ban_khuyen_hoc"] = 1, 1
	wantAssoc.Members = data.MemberTotals{Total: 128, Admitted: 29, Left: 1}
	wantAssoc.Activities.Training = data.Gathering{Count: 1, Participants: 30}
	wantAssoc.Activities.Meetings = data.Gathering{Count: 1, Participants: 60}
	wantAssoc.Activities.Publicity = data.PublicityTotal{Count: 2, Times: 11, ByKind: map[string]int64{"truyen_thanh": 8, "mang_xa_hoi": 3}}
	wantAssoc.Activities.Documents.Count = 1
	if !reflect.DeepEqual(got.Association, wantAssoc) {
		t.Errorf("H1 association\n got %+v\nwant %+v", got.Association, wantAssoc)
	}
	// Awards: An (5/5), Bình (decided 30/6), Dũng (no day: the school year's 2026).
	if a := got.Awards; a.Count != 3 || a.AmountVND != 1100 || *a.ByRecipient["hoc_sinh"] != (data.TypeTotal{Count: 1, AmountVND: 100}) ||
		*a.ByRecipient["giao_vien"] != (data.TypeTotal{Count: 1, AmountVND: 200}) || *a.ByRecipient[""] != (data.TypeTotal{Count: 1, AmountVND: 800}) ||
		len(a.ByCampaign) != 1 || *a.ByCampaign["hoc_khong_bao_gio_cung"] != (data.TypeTotal{Count: 1, AmountVND: 100}) {
		t.Errorf("H1 awards %+v recipients %v", a, a.ByRecipient)
	}
	if f := got.Funds; f.RaisedVND != 500 || f.SpentVND != 300 || f.BalanceVND != 1200 ||
		*f.ByHolder["hoi"] != (data.HolderTotal{SpentVND: 300, BalanceVND: 700}) || len(f.ByHolder) != 2 ||
		*f.ByHolder["dong_ho"] != (data.HolderTotal{RaisedVND: 500, BalanceVND: 500}) ||
		*f.BySource["hoi_vien"] != (data.HolderTotal{SpentVND: 300, BalanceVND: 700}) {
		t.Errorf("H1 funds %+v holders %v sources %v", f, f.ByHolder, f.BySource)
	}
	if p := got.Centres.ByProgramme; *p["xoa_mu_chu"] != (data.ClassCount{Classes: 2, LearnerTimes: 50}) ||
		*p["ky_nang_so"] != (data.ClassCount{Classes: 3, LearnerTimes: 100}) || *p["phap_luat"] != (data.ClassCount{}) ||
		len(p) != data.NumProgrammes || got.Centres.Classes != 7 {
		t.Errorf("programmes %v", p)
	}
	// The whole year: C established, T2, the H2 award and ledger line.
	y, _ := s.PeriodTotals(ctx, data.YearPeriod(2026))
	ya := y[testUnit]
	if b := ya.Association.Branches; b.Count != 3 || b.Established != 2 || b.ByType["doanh_nghiep"] != 1 {
		t.Errorf("year branches %+v", b)
	}
	if ya.Association.Members != (data.MemberTotals{Total: 128, Admitted: 29, Left: 1}) ||
		ya.Association.Activities.Training != (data.Gathering{Count: 2, Participants: 55}) ||
		ya.Awards.Count != 4 || ya.Funds.BalanceVND != 1150 || ya.Funds.ByHolder["dong_ho"].BalanceVND != 450 {
		t.Errorf("year %+v %+v", ya.Association, ya.Funds)
	}
	// The same half a year earlier: only what existed then.
	prev, _ := s.PeriodTotals(ctx, data.HalfYear(2025, 1))
	if pa := prev[testUnit]; pa.Association.Branches.Count != 1 || pa.Association.Members != (data.MemberTotals{}) ||
		pa.Association.Activities.Documents.Count != 1 || pa.Awards.Count != 0 || pa.Funds.BalanceVND != 0 {
		t.Errorf("2025-H1 %+v %+v", pa.Association, pa.Funds)
	}
	// Before anything was recorded: the unit's branches answer, with zeros
	// (the models' figures name the bases they would be measured on).
	none, _ := s.PeriodTotals(ctx, data.YearPeriod(2019))
	want := data.NewTotals()
	if got := none[testUnit]; got == nil {
		t.Error("2019: the unit does not answer")
	} else if want.Models, want.Programme = got.Models, got.Programme; !reflect.DeepEqual(got, want) {
		t.Errorf("2019 %+v", got)
	}
}

// A database of the version before 0011 keeps its awards, ledger lines
// and centres' years, their versions and their figures through the
// rebuild of 0011.
func TestMigrate11_KeepsAwardsFundsAndCentreYears(t *testing.T) {
	ctx := context.Background()
	src := MustOpen(t, "a")
	editIn(t, src, func(e *Editor) error {
		for i := 0; i < 5; i++ {
			a := &data.Award{Unit: testUnit, Person: data.Person{HoDem: "Lê", Ten: string(rune('A' + i))},
				AwardType: "qua", AmountVND: int64(100 * (i + 1)), AwardedOn: data.Date{Y: 2026, M: 3, D: i + 1}}
			if _, err := e.SaveAward(a); err != nil {
				return err
			}
			if _, err := e.SaveFund(&data.FundLine{Unit: testUnit, Date: data.Date{Y: 2026, M: 2, D: i + 1},
				Direction: "thu", AmountVND: 1000}); err != nil {
				return err
			}
		}
		c := &data.Centre{Unit: testUnit, Name: "TT", Status: "hoat_dong"}
		if _, err := e.SaveCentre(c); err != nil {
			return err
		}
		_, err := e.SaveCentreYear(&data.CentreYear{CentreID: c.ID, Unit: testUnit, Year: 2026, Classes: 4, Status: "hoat_dong", Rating: "tot"})
		return err
	})
	old := filepath.Join(t.TempDir(), "v10.db")
	makeVersion(t, src.Path(), old, 10)
	st, err := Open(ctx, old, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, want := state(t, st), state(t, src); !reflect.DeepEqual(got, want) {
		t.Fatalf("records after migration 11 differ:\n%v\nwant\n%v", got, want)
	}
	checkLive(t, st)
	a, _ := st.UnitTotals(ctx, 2026)
	b, _ := src.UnitTotals(ctx, 2026)
	if !reflect.DeepEqual(a, b) || a[testUnit].Awards.AmountVND != 1500 || a[testUnit].Funds.RaisedVND != 5000 {
		t.Fatalf("totals %+v, want %+v", a[testUnit], b[testUnit])
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
