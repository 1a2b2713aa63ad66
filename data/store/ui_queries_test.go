package store

import (
	"context"
	"errors"
	"reflect"
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
}
