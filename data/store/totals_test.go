package store

import (
	"context"
	"testing"

	"sokhuyenhoc/data"
)

func TestUnitTotals(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	d := func(s string) data.Date { x, _ := data.ParseDate(s); return x }
	err := s.Edit(ctx, "test", func(e *Editor) error {
		for i := 0; i < 4; i++ {
			c := newCitizen("Nguyễn Văn", string(rune('A'+i)))
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			res := []string{"dat", "dat", "chua_dat", ""}[i]
			status := []string{"cong_nhan", "khong_cong_nhan", "tu_danh_gia", "nhap"}[i]
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2026, Result: res, Status: status}); err != nil {
				return err
			}
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2025, Result: "dat", Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		if _, err := e.SaveProfile(&data.Profile{Unit: testUnit, Year: 2026, Adults: 1200}); err != nil {
			return err
		}
		for i, st := range []string{"hoat_dong", "hoat_dong", "giai_the"} {
			c := &data.Centre{Unit: testUnit, Name: "TT " + string(rune('A'+i)), Status: st}
			if _, err := e.SaveCentre(c); err != nil {
				return err
			}
			if _, err := e.SaveCentreYear(&data.CentreYear{CentreID: c.ID, Unit: testUnit, Year: 2026,
				Classes: 10, LearnerTimes: 100, Rating: []string{"tot", "kha", ""}[i], Status: st}); err != nil {
				return err
			}
		}
		for i, typ := range []string{"hoc_bong_vuot_kho", "hoc_bong_vuot_kho", "qua"} {
			a := &data.Award{Unit: testUnit, Person: data.Person{HoDem: "Lê", Ten: string(rune('A' + i))},
				AwardType: typ, AmountVND: 500000, AwardedOn: d("01/06/2026")}
			if _, err := e.SaveAward(a); err != nil {
				return err
			}
		}
		old := &data.Award{Unit: testUnit, Person: data.Person{Ten: "Cũ"}, AwardType: "qua", AmountVND: 1, SchoolYear: "2024-2025"}
		if _, err := e.SaveAward(old); err != nil {
			return err
		}
		for _, f := range []data.FundLine{
			{Date: d("01/01/2025"), Direction: "thu", AmountVND: 1000},
			{Date: d("01/02/2026"), Direction: "thu", AmountVND: 5000},
			{Date: d("01/03/2026"), Direction: "chi", AmountVND: 2000},
			{Date: d("01/01/2027"), Direction: "chi", AmountVND: 999},
		} {
			f.Unit = testUnit
			if _, err := e.SaveFund(&f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.UnitTotals(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	got := all[testUnit]
	if got == nil || len(all) != 1 {
		t.Fatalf("totals %v", all)
	}
	if c := got.Citizens; c != (data.CitizenTotals{Registered: 4, Assessed: 3, Passed: 2, Recognized: 1, Adults: 1200}) {
		t.Errorf("citizens %+v", c)
	}
	if c := got.Centres; c.Active != 2 || c.Classes != 30 || c.LearnerTimes != 300 || c.ByRating["tot"] != 1 || c.ByRating["kha"] != 1 || c.ByRating["yeu"] != 0 {
		t.Errorf("centres %+v", c)
	}
	if a := got.Awards; a.Count != 3 || a.AmountVND != 1500000 || *a.ByType["hoc_bong_vuot_kho"] != (data.TypeTotal{Count: 2, AmountVND: 1000000}) || *a.ByType["qua"] != (data.TypeTotal{Count: 1, AmountVND: 500000}) {
		t.Errorf("awards %+v", a)
	}
	if f := got.Funds; f.RaisedVND != 5000 || f.SpentVND != 2000 || f.BalanceVND != 4000 {
		t.Errorf("funds %+v", f)
	}
	old, _ := s.UnitTotals(ctx, 2025)
	if a := old[testUnit].Awards; a.Count != 1 || a.AmountVND != 1 {
		t.Errorf("2025 awards (from the school year) %+v", a)
	}
}

func TestDeleteCitizenDeletesAssessments(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	c := newCitizen("Lê Văn", "Tư")
	save(t, s, c)
	assess(t, s, c, 2026)
	remove(t, s, Citizen, c.ID)
	tot, _ := s.UnitTotals(ctx, 2026)
	if tot[testUnit] != nil && tot[testUnit].Citizens.Registered != 0 {
		t.Fatalf("a deleted citizen still counts: %+v", tot[testUnit].Citizens)
	}
	if as, _ := s.Assessments(ctx, c.ID); len(as) != 0 {
		t.Fatalf("assessments left: %+v", as)
	}
}

// An assessment edited elsewhere while its citizen was deleted here survives
// the merge; it must not count.
func TestOrphanedAssessmentDoesNotCount(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	var ids []string
	for _, ten := range []string{"Tư", "Năm"} {
		c := newCitizen("Lê Văn", ten)
		save(t, s, c)
		ids = append(ids, c.ID)
		assess(t, s, c, 2026)
	}
	remove(t, s, Citizen, ids[0])
	// What a merged concurrent edit of the assessment leaves behind.
	if _, err := s.w.Exec(`UPDATE assessment SET deleted = 0 WHERE citizen_id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	tot, err := s.UnitTotals(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if c := tot[testUnit].Citizens; c != (data.CitizenTotals{Registered: 1, Assessed: 1, Passed: 1, Recognized: 1}) {
		t.Fatalf("citizens %+v, want only the living one", c)
	}
}

// The orphan query must start from the deleted citizens: the other way
// round it visits every assessment of the year (seconds at a million).
func TestOrphanQueryPlan(t *testing.T) {
	s := MustOpen(t, "a")
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+totalQueries[1].sql, 2026)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	want := []string{"SEARCH c USING INDEX citizen_list (deleted=?)", "SEARCH a USING INDEX assessment_citizen (citizen_id=? AND year=?)"}
	if len(plan) < 2 || plan[0] != want[0] || plan[1] != want[1] {
		t.Fatalf("plan %q, want it to begin %q", plan, want)
	}
}

// Stored values far past the ceilings (written before they existed, or by
// hand) never make the totals fail: two awards of the largest int64 and a
// fund line beside them still give a report, at the ceiling rather than
// an overflow.
func TestUnitTotals_NoOverflow(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	err := s.Edit(ctx, "test", func(e *Editor) error {
		for i := 0; i < 2; i++ {
			if _, err := e.SaveAward(&data.Award{Unit: testUnit, AwardType: "qua", AwardedOn: data.Date{Y: 2026, M: 6, D: 1},
				Person: data.Person{HoDem: "Phạm", Ten: string(rune('A' + i))}, AmountVND: 1000}); err != nil {
				return err
			}
			if _, err := e.SaveFund(&data.FundLine{Unit: testUnit, Date: data.Date{Y: 2026, M: 1, D: 5 + i},
				Direction: "thu", AmountVND: 1000}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE award SET amount_vnd = 9223372036854775807",
		"UPDATE fund SET amount_vnd = 9223372036854775807"} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	tot, err := s.UnitTotals(ctx, 2026)
	if err != nil {
		t.Fatalf("totals over int64-max values: %v", err)
	}
	u := tot[testUnit]
	if u.Awards.Count != 2 || u.Awards.AmountVND != 1<<63-1 || u.Funds.RaisedVND != 1<<63-1 {
		t.Fatalf("totals %+v %+v", u.Awards, u.Funds)
	}
	sum := data.NewTotals()
	sum.Add(u)
	sum.Add(u) // a roll-up of two such units saturates instead of wrapping
	if sum.Awards.AmountVND != 1<<63-1 || sum.Funds.BalanceVND != 1<<63-1 {
		t.Fatalf("roll-up %+v %+v", sum.Awards, sum.Funds)
	}
}
