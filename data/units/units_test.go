package units

import (
	"errors"
	"testing"
)

func TestLoadCounts(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	count := func(list, level string) int {
		n := 0
		for _, u := range r.all[list] {
			if u.Level == level {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		list, level string
		want        int
	}{
		{List2024, Province, 63}, {List2024, District, 696}, {List2024, Commune, 10035},
		{List2025, Province, 34}, {List2025, District, 0}, {List2025, Commune, 3321},
	} {
		if got := count(tc.list, tc.level); got != tc.want {
			t.Errorf("%s %s: %d units, want %d", tc.list, tc.level, got, tc.want)
		}
	}
}

func TestHierarchy(t *testing.T) {
	r := Default()
	tb := Ref{List2024, "34"}
	p, err := r.Get(tb)
	if err != nil || p.Name != "Thái Bình" || p.Level != Province {
		t.Fatalf("Get(34) = %+v, %v", p, err)
	}
	districts := r.Children(tb)
	if len(districts) != 8 {
		t.Fatalf("Thái Bình has %d districts, want 8", len(districts))
	}
	communes := 0
	for _, d := range districts {
		if d.Level != District {
			t.Errorf("%s is %s", d.FullName, d.Level)
		}
		for _, c := range r.Children(d.Ref) {
			communes++
			if !r.Within(c.Ref, tb) || !r.Within(c.Ref, d.Ref) {
				t.Errorf("%s not within its district and province", c.FullName)
			}
			if got := r.ChildOf(tb, c.Ref); got == nil || got.Ref != d.Ref {
				t.Errorf("ChildOf(province, %s) = %v, want its district", c.FullName, got)
			}
		}
	}
	if communes != 242 {
		t.Errorf("Thái Bình has %d communes, want 242", communes)
	}
	// From 1/7/2025 communes sit straight under provinces.
	hn := Ref{List2025, "01"}
	for _, c := range r.Children(hn) {
		if c.Level != Commune {
			t.Fatalf("%s under Hà Nội (2025) is %s", c.FullName, c.Level)
		}
	}
	if r.Within(Ref{List2025, r.Children(hn)[0].Code}, Ref{List2024, "01"}) {
		t.Error("a unit of one list must not be within a unit of the other")
	}
}

func TestGetUnknown(t *testing.T) {
	if _, err := Default().Get(Ref{List2025, "99999"}); !errors.Is(err, ErrUnknown) {
		t.Errorf("err = %v, want ErrUnknown", err)
	}
	for _, bad := range []string{"2023:00001", "2025:340", "2024:1234", "2024:0a004", "2024", "2024:"} {
		if _, err := ParseRef(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("ParseRef(%q) err = %v, want ErrMalformed", bad, err)
		}
	}
	if ref, err := ParseRef("2025:00004"); err != nil || ref != (Ref{List2025, "00004"}) {
		t.Errorf("ParseRef = %v, %v", ref, err)
	}
}

func TestSearchIgnoresMarks(t *testing.T) {
	r := Default()
	got := r.Search(List2024, Province, "thai binh", 5)
	if len(got) != 1 || got[0].Code != "34" {
		t.Fatalf("Search(thai binh) = %v", got)
	}
	got = r.Search(List2024, District, "đông hưng", 5)
	if len(got) == 0 || got[0].Name != "Đông Hưng" {
		t.Fatalf("Search(đông hưng) = %v", got)
	}
	for _, u := range r.Search(List2024, Commune, "dong hung thai binh", 50) {
		if !r.Within(u.Ref, Ref{List2024, "34"}) {
			t.Errorf("%s is not in Thái Bình", r.Label(u.Ref))
		}
	}
}
