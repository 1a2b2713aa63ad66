package units

import (
	"strings"
	"testing"
)

func names(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.FullName)
	}
	return out
}

func TestFind_WholeWordsOfTheNameFirst(t *testing.T) {
	r := Default()
	got := r.Find(List2024, Commune, "dong phuong", 5)
	if len(got) == 0 || got[0].FullName != "Xã Đông Phương" {
		t.Fatalf("dong phuong: %v", names(got))
	}
	// Phường Đồng… hold both words (one as the kind of unit): after every
	// unit called Đông Phương.
	seen := false
	for _, m := range r.Find(List2024, Commune, "dong phuong", 50) {
		if strings.HasPrefix(m.FullName, "Phường Đồng") {
			seen = true
		} else if m.Name == "Đông Phương" && seen {
			t.Errorf("%s after a Phường Đồng…", m.FullName)
		}
	}
	if !seen {
		t.Error("the partial matches should follow")
	}
}

func TestFind_LevelChosenFirst(t *testing.T) {
	r := Default()
	got := r.Find(List2024, District, "dong hung", 10)
	if len(got) < 2 || got[0].FullName != "Huyện Đông Hưng" || got[0].Level != District {
		t.Fatalf("district dong hung: %v", names(got))
	}
	// Communes named Đông Hưng come after the district.
	for _, m := range got[1:] {
		if m.Level == District && got[0].Level != District {
			t.Errorf("district %s after a commune", m.FullName)
		}
	}
	var levels []string
	for _, m := range r.Find(List2024, Commune, "dong hung", 60) {
		levels = append(levels, m.Level)
	}
	last := strings.LastIndex(strings.Join(levels, " "), Commune)
	first := strings.Index(strings.Join(levels, " "), District)
	if first >= 0 && first < last {
		t.Errorf("a district among the communes: %v", levels)
	}
}

func TestFind_ByCode(t *testing.T) {
	got := Default().Find(List2024, Commune, "12457", 3)
	if len(got) == 0 || got[0].Code != "12457" || got[0].FullName != "Xã Đông Hòa" {
		t.Fatalf("12457: %v", names(got))
	}
}

func TestFind_FormerProvinceFindsItsSuccessor(t *testing.T) {
	r := Default()
	got := r.Find(List2025, Province, "thai binh", 5)
	if len(got) == 0 || got[0].FullName != "Tỉnh Hưng Yên" || got[0].Former == nil || got[0].Former.Name != "Thái Bình" {
		t.Fatalf("thai binh on the 2025 list: %v (%+v)", names(got), got)
	}
	marked := 0
	for _, m := range r.Find(List2025, Commune, "dong thai binh", 100) {
		if m.Former != nil {
			marked++
			if !r.Within(m.Ref, got[0].Ref) || m.Former.Name != "Thái Bình" {
				t.Errorf("%s is marked but not in Hưng Yên", m.FullName)
			}
		}
	}
	if marked == 0 {
		t.Error("units called Đông… in Hưng Yên should be found, marked as once in Thái Bình")
	}
	// On the list before, Thái Bình is itself.
	if got := r.Find(List2024, Province, "thai binh", 5); len(got) == 0 || got[0].FullName != "Tỉnh Thái Bình" || got[0].Former != nil {
		t.Errorf("thai binh on the 2024 list: %v", names(got))
	}
	// A province kept on 1/7/2025 is not a former one.
	if got := r.Find(List2025, Province, "hung yen", 5); len(got) == 0 || got[0].Former != nil {
		t.Errorf("hung yen: %+v", got)
	}
}

func TestSuccessor_EveryFormerProvinceHasOne(t *testing.T) {
	r := Default()
	for _, c := range []struct{ old, now string }{
		{"Thái Bình", "Hưng Yên"}, {"Hà Giang", "Tuyên Quang"}, {"Bắc Kạn", "Thái Nguyên"}, {"Yên Bái", "Lào Cai"},
		{"Hoà Bình", "Phú Thọ"}, {"Vĩnh Phúc", "Phú Thọ"}, {"Bắc Giang", "Bắc Ninh"}, {"Hải Dương", "Hải Phòng"},
		{"Hà Nam", "Ninh Bình"}, {"Nam Định", "Ninh Bình"}, {"Quảng Bình", "Quảng Trị"}, {"Quảng Nam", "Đà Nẵng"},
		{"Kon Tum", "Quảng Ngãi"}, {"Bình Định", "Gia Lai"}, {"Phú Yên", "Đắk Lắk"}, {"Ninh Thuận", "Khánh Hoà"},
		{"Bình Thuận", "Lâm Đồng"}, {"Đắk Nông", "Lâm Đồng"}, {"Bình Phước", "Đồng Nai"}, {"Bình Dương", "Hồ Chí Minh"},
		{"Bà Rịa - Vũng Tàu", "Hồ Chí Minh"}, {"Long An", "Tây Ninh"}, {"Tiền Giang", "Đồng Tháp"},
		{"Bến Tre", "Vĩnh Long"}, {"Trà Vinh", "Vĩnh Long"}, {"Kiên Giang", "An Giang"}, {"Hậu Giang", "Cần Thơ"},
		{"Sóc Trăng", "Cần Thơ"}, {"Bạc Liêu", "Cà Mau"}, {"Hà Nội", "Hà Nội"},
	} {
		var old *Unit
		for _, p := range r.provinces(List2024) {
			if p.Name == c.old {
				old = p
			}
		}
		if old == nil {
			t.Errorf("no province %s in the 2024 list", c.old)
			continue
		}
		if s := r.Successor(old); s == nil || s.Name != c.now {
			t.Errorf("Successor(%s) = %v, want %s", c.old, s, c.now)
		}
	}
	if r.Successor(nil) != nil {
		t.Error("Successor(nil)")
	}
}

func TestFind_MarksTypedBreakTies(t *testing.T) {
	got := Default().Find(List2024, Commune, "đông hòa", 3)
	if len(got) == 0 || got[0].Name != "Đông Hòa" {
		t.Errorf("đông hòa: %v", names(got))
	}
}

func TestFind_FormerProvinceAndUnitsOfThatName(t *testing.T) {
	// On the 2025 list "thai binh" is still the name of a few communes: they
	// come first (the level asked), the province that took Thái Bình over
	// after the communes.
	got := Default().Find(List2025, Commune, "thai binh", 100)
	if len(got) < 3 {
		t.Fatalf("thai binh: %v", names(got))
	}
	for _, m := range got[:3] {
		if m.Name != "Thái Bình" || m.Level != Commune || m.Former != nil {
			t.Errorf("first matches: %v", names(got[:3]))
		}
	}
	found := false
	for n, m := range got {
		if m.FullName == "Tỉnh Hưng Yên" && m.Former != nil {
			found = true
			for _, later := range got[n+1:] {
				if later.Level == Commune {
					t.Errorf("commune %s after the province", later.FullName)
				}
			}
		}
	}
	if !found {
		t.Errorf("Hưng Yên, which took Thái Bình over, is not among %v", names(got))
	}
}
