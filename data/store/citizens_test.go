package store

import (
	"context"
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"

	"sokhuyenhoc/data"
)

func names(items []CitizenItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.FullName())
	}
	return out
}

func TestCitizens_SearchIgnoresMarksAndNormalisation(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	// Stored as typed: NFC "Hòa", old-style "Hoà", NFD input, and Đào.
	save(t, s, newCitizen("Nguyễn Thị", "Hòa"), newCitizen("Lê Văn", "Hoà"),
		newCitizen(norm.NFD.String("Trần Thị"), norm.NFD.String("Hòa")),
		newCitizen("Đào Văn", "Tú"), newCitizen("Phạm Thị", "Đào"), newCitizen("Vũ Văn", "Hoàng"))
	for _, tc := range []struct {
		search string
		want   []string
	}{
		{"hoa", []string{"Lê Văn Hoà", "Nguyễn Thị Hòa", "Trần Thị Hòa", "Vũ Văn Hoàng"}},
		{"Hòa", []string{"Lê Văn Hoà", "Nguyễn Thị Hòa", "Trần Thị Hòa", "Vũ Văn Hoàng"}},
		{norm.NFD.String("HOÀ"), []string{"Lê Văn Hoà", "Nguyễn Thị Hòa", "Trần Thị Hòa", "Vũ Văn Hoàng"}},
		{"dao", []string{"Phạm Thị Đào", "Đào Văn Tú"}},
		{"đào", []string{"Phạm Thị Đào", "Đào Văn Tú"}},
		{"thi hoa", []string{"Nguyễn Thị Hòa", "Trần Thị Hòa"}},
		{"nguyen h", []string{"Nguyễn Thị Hòa"}},
		{"xyz", nil},
		{`"*)(`, []string{"Phạm Thị Đào", "Lê Văn Hoà", "Nguyễn Thị Hòa", "Trần Thị Hòa", "Vũ Văn Hoàng", "Đào Văn Tú"}},
	} {
		got, err := s.Citizens(ctx, CitizenQuery{Search: tc.search})
		if err != nil {
			t.Fatalf("%q: %v", tc.search, err)
		}
		if !reflect.DeepEqual(names(got), tc.want) {
			t.Errorf("search %q = %q, want %q", tc.search, names(got), tc.want)
		}
		n, _ := s.CountCitizens(ctx, CitizenQuery{Search: tc.search})
		if n != len(tc.want) {
			t.Errorf("count %q = %d, want %d", tc.search, n, len(tc.want))
		}
	}
}

func TestCitizens_SearchFollowsEdits(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	c := newCitizen("Bùi Thị", "Mai")
	save(t, s, c)
	c.Ten = "Mơ"
	save(t, s, c)
	if got, _ := s.CountCitizens(ctx, CitizenQuery{Search: "mai"}); got != 0 {
		t.Errorf("old name still found")
	}
	if got, _ := s.CountCitizens(ctx, CitizenQuery{Search: "mo"}); got != 1 {
		t.Errorf("new name not found")
	}
}

func TestCitizens_FiltersAndPages(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	var cs []*data.Citizen
	for i, ten := range []string{"An", "Bình", "Chi", "Dũng", "Giang"} {
		c := newCitizen("Nguyễn Văn", ten)
		if i%2 == 1 {
			c.Village = "Thôn Tây"
		}
		cs = append(cs, c)
	}
	save(t, s, cs...)
	err := s.Edit(ctx, "test", func(e *Editor) error {
		for i, c := range cs[:3] {
			res := "dat"
			if i == 2 {
				res = "chua_dat"
			}
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: testUnit, Year: 2026, Result: res, Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    CitizenQuery
		want []string
	}{
		{CitizenQuery{Limit: 2}, []string{"Nguyễn Văn An", "Nguyễn Văn Bình"}},
		{CitizenQuery{Limit: 2, Offset: 2}, []string{"Nguyễn Văn Chi", "Nguyễn Văn Dũng"}},
		{CitizenQuery{Year: 2026}, []string{"Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Văn Chi"}},
		{CitizenQuery{Year: 2026, Result: "dat"}, []string{"Nguyễn Văn An", "Nguyễn Văn Bình"}},
		{CitizenQuery{Year: 2025}, nil},
		{CitizenQuery{Village: "thon tay"}, []string{"Nguyễn Văn Bình", "Nguyễn Văn Dũng"}},
		{CitizenQuery{Unit: "2024:00001"}, nil},
	} {
		got, err := s.Citizens(ctx, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(names(got), tc.want) {
			t.Errorf("%+v = %q, want %q", tc.q, names(got), tc.want)
		}
	}
}
