package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"sokhuyenhoc/data"
)

func TestStore_RecordYears(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	var gone string
	err := s.Edit(ctx, "test", func(e *Editor) error {
		c := &data.Citizen{Unit: testUnit, Person: data.Person{HoDem: "Lê Văn", Ten: "An"}}
		if _, err := e.SaveCitizen(c); err != nil {
			return err
		}
		for _, y := range []int{2024, 2026, 2025} {
			a := &data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: y, Result: "dat", Status: "cong_nhan"}
			if _, err := e.SaveAssessment(a); err != nil {
				return err
			}
			if y == 2024 {
				gone = a.ID
			}
		}
		for _, d := range []data.Date{{Y: 2025, M: 12, D: 15}, {Y: 2026, M: 1, D: 5}, {Y: 2026, M: 3, D: 20}} {
			if _, err := e.SaveFund(&data.FundLine{Unit: testUnit, Date: d, Direction: "thu", AmountVND: 1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Edit(ctx, "test", func(e *Editor) error { return e.Delete(Assessment, gone) }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kind Kind
		want []int
	}{
		{Assessment, []int{2026, 2025}}, // the 2024 row is deleted
		{Fund, []int{2026, 2025}},
		{Award, nil},
	} {
		got, err := s.RecordYears(ctx, tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.kind, got, tc.want)
		}
	}
	if _, err := s.RecordYears(ctx, Citizen); !errors.Is(err, ErrBadRow) {
		t.Errorf("citizen: got %v, want ErrBadRow", err)
	}
}

func TestStore_CitizenVillages(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	var gone *data.Citizen
	err := s.Edit(ctx, "test", func(e *Editor) error {
		for _, v := range []string{"Thôn Tây", "Thôn Đông", "thôn đông", "Xóm Bãi", ""} {
			c := &data.Citizen{Unit: testUnit, Person: data.Person{HoDem: "Lê Văn", Ten: "An", Village: v}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			if v == "Xóm Bãi" {
				gone = c
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Edit(ctx, "test", func(e *Editor) error { return e.Delete(Citizen, gone.ID) }); err != nil {
		t.Fatal(err)
	}
	got, err := s.CitizenVillages(ctx, testUnit)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Thôn Đông", "Thôn Tây"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// The models' villages join them, one spelling per village.
	err = s.Edit(ctx, "test", func(e *Editor) error {
		if _, err := e.SaveFamily(&data.Family{Unit: testUnit, HoDem: "Lê", Ten: "Ba", Village: "THÔN TÂY"}); err != nil {
			return err
		}
		_, err := e.SaveCommunity(&data.Community{Unit: testUnit, Village: "Xóm Mới"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err = s.UsedVillages(ctx, testUnit, Citizen, Family, Community)
	if want := []string{"Thôn Đông", "Thôn Tây", "Xóm Mới"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("with the models: got %q (%v), want %q", got, err, want)
	}
	if got, err := s.UsedVillages(ctx, testUnit, Family); err != nil || !reflect.DeepEqual(got, []string{"THÔN TÂY"}) {
		t.Errorf("families: got %q (%v)", got, err)
	}
	if _, err := s.UsedVillages(ctx, testUnit, Clan); !errors.Is(err, ErrBadRow) {
		t.Errorf("clan: got %v, want ErrBadRow", err)
	}
}

func TestStore_CitizenPage(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	err := s.Edit(ctx, "test", func(e *Editor) error {
		for _, n := range []string{"Đào", "Anh", "Ánh", "Bình", "Ân", "Hoà"} {
			c := &data.Citizen{Unit: testUnit, Person: data.Person{HoDem: "Lê Văn", Ten: n}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2026,
				Result: "dat", Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []CitizenQuery{{}, {Unit: testUnit}, {Unit: testUnit, Year: 2026}, {Search: "hoa"},
		{Unit: testUnit, Limit: 2, Offset: 3}} {
		want, err := s.Citizens(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.CitizenPage(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(names(got), names(want)) || len(got) != len(want) {
			t.Errorf("%+v: got %v, want %v", q, names(got), names(want))
		}
	}
	// With the unit given the page comes from the index, unsorted.
	var plan string
	rows, err := s.r.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT c.id FROM citizen c,
		(SELECT 0 AS year, '' AS result, '' AS status, '' AS scores) a
		WHERE c.deleted = 0 AND c.unit = ? ORDER BY c.nkey, c.rowid LIMIT 100`, testUnit)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, parent, notused int
		var detail string
		rows.Scan(&id, &parent, &notused, &detail)
		plan += detail + "\n"
	}
	rows.Close()
	if strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("the page sorts:\n%s", plan)
	}
}
