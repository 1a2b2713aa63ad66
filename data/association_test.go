package data

import (
	"errors"
	"strings"
	"testing"
)

func init() {
	roundTrips["branch"] = roundTrip{BranchColumns, func(x any, st Style) Input { return FormatBranch(x.(BranchEntry), st) },
		func(in Input) (any, error) { return ParseBranch(in) }}
	roundTrips["activity"] = roundTrip{ActivityColumns, func(x any, st Style) Input { return FormatActivity(x.(Activity), st) },
		func(in Input) (any, error) { return ParseActivity(in) }}
}

func fullBranch() BranchEntry {
	return BranchEntry{
		Branch: Branch{Name: "Chi hội thôn Đông", Form: "ban_khuyen_hoc", Type: "thon", EstablishedOn: ymd(2010, 3, 8),
			DissolvedOn: ymd(2025, 6, 30), Chair: "Nguyễn Văn Tư", Note: "sáp nhập với thôn Tây"},
		Members: &MemberCount{Period: "2025-H1", Total: 120, Admitted: 12, Left: 3},
	}
}

func fullActivity() Activity {
	return Activity{Kind: "tuyen_truyen", Date: ymd(2026, 4, 2), Title: "Tháng khuyến học", Participants: 40,
		PublicityKind: "truyen_thanh", Times: 6, DocumentNo: "15/KH-HKH", Note: "phát 6 buổi sáng"}
}

func TestFormat_AssociationRoundTrips(t *testing.T) {
	for _, tc := range []struct {
		kind string
		x    any
	}{
		{"branch", fullBranch()},
		{"branch", BranchEntry{Branch: Branch{Name: "Ban khuyến học trường THCS", Form: "chi_hoi", Type: "Hội người cao tuổi"}}},
		{"branch", BranchEntry{Branch: Branch{Name: "Chi hội họ Phạm", Form: "chi_hoi", Type: "dong_ho"},
			Members: &MemberCount{Period: "2026", Total: 40}}},
		{"activity", fullActivity()},
		{"activity", Activity{Kind: "van_ban", Date: ymd(2026, 1, 5), Title: "Kế hoạch năm", DocumentNo: "01/KH-HKH"}},
		{"activity", Activity{Kind: "tap_huan", Date: ymd(2026, 5, 5), Title: "Tập huấn chi hội trưởng", Participants: 35}},
	} {
		checkRoundTrip(t, tc.kind, tc.x)
	}
	b, a := fullBranch(), fullActivity()
	for _, tc := range []struct {
		vals []any
		cols []Col
	}{
		{Branches.Values(&b.Branch), Branches.Cols()},
		{MemberCounts.Values(b.Members), MemberCounts.Cols()},
		{Activities.Values(&a), Activities.Cols()},
	} {
		for n, v := range tc.vals {
			if tc.cols[n].Name == "branch_id" {
				continue // set by the store
			}
			if v == "" || v == int64(0) {
				t.Errorf("%s is not set in the full record", tc.cols[n].Name)
			}
		}
	}
}

func TestParseBranch_Rules(t *testing.T) {
	e, err := ParseBranch(Input{"name": "Chi hội trường Tiểu học", "branch_type": "Trường học", "period": "6T đầu"})
	if !errors.Is(err, ErrPeriod) || fieldOf(err) != "period" {
		t.Fatalf("period: %v", err)
	}
	if _, err := ParseBranch(Input{"name": "A", "period": "2026-H1", "members": "0", "left": "35"}); err != nil {
		t.Fatalf("a branch whose members all left: %v", err)
	}
	e, err = ParseBranch(Input{"name": "A", "branch_type": "Trường học", "period": "2026-H1", "members": "50"})
	if err != nil || e.Branch.Form != "chi_hoi" || e.Branch.Type != "truong_hoc" || e.Members.Total != 50 {
		t.Fatalf("defaults: %+v %v", e, err)
	}
	for _, tc := range []struct {
		in    Input
		field string
		want  error
	}{
		{Input{"name": "A", "period": "2026-01-01..2026-03-31"}, "period", ErrMemberPeriod},
		{Input{"name": "A", "members": "10"}, "period", ErrRequired},
		{Input{"name": "A", "period": "2026", "members": "10", "admitted": "13", "left": "2"}, "admitted", ErrMembersAdmitted},
		{Input{"name": "A", "established_on": "2020-01-01", "dissolved_on": "2019-12-31"}, "dissolved_on", ErrDissolvedBefore},
		{Input{"name": "A", "form": "hội"}, "form", ErrEnum},
		{Input{"period": "2026"}, "name", ErrRequired},
	} {
		if _, err := ParseBranch(tc.in); !errors.Is(err, tc.want) || fieldOf(err) != tc.field {
			t.Errorf("%v: %v, want %s: %v", tc.in, err, tc.field, tc.want)
		}
	}
}

func TestParseActivity_Rules(t *testing.T) {
	a, err := ParseActivity(Input{"kind": "Tuyên truyền", "date": "02/04/2026", "publicity_kind": "Trang tin, mạng xã hội"})
	if err != nil || a.Times != 1 || a.PublicityKind != "mang_xa_hoi" || a.Kind != "tuyen_truyen" {
		t.Fatalf("publicity: %+v %v", a, err)
	}
	for _, tc := range []struct {
		in    Input
		field string
		want  error
	}{
		{Input{"kind": "van_ban", "date": "2026-01-05", "title": "Kế hoạch"}, "document_no", ErrRequired},
		{Input{"kind": "tap_huan", "date": "2026-01-05"}, "title", ErrRequired},
		{Input{"kind": "tap_huan", "title": "A"}, "date", ErrRequired},
		{Input{"date": "2026-01-05", "title": "A"}, "kind", ErrRequired},
		{Input{"kind": "dạy học", "date": "2026-01-05", "title": "A"}, "kind", ErrEnum},
		{Input{"kind": "hoi_nghi", "date": "2026-01-05", "title": "A", "participants": "-3"}, "participants", ErrNegative},
	} {
		if _, err := ParseActivity(tc.in); !errors.Is(err, tc.want) || fieldOf(err) != tc.field {
			t.Errorf("%v: %v, want %s: %v", tc.in, err, tc.field, tc.want)
		}
	}
}

// Each kind of entry has its own counts; the common cells belong to all,
// and every cell to an entry whose kind is not chosen yet.
func TestActivityTakes(t *testing.T) {
	want := map[string]string{ // the cells each kind takes, in ActivityColumns order
		"tap_huan":     "kind date title participants document_no note",
		"hoi_nghi":     "kind date title participants document_no note",
		"tuyen_truyen": "kind date title publicity_kind times note",
		"van_ban":      "kind date title document_no note",
		"":             "kind date title participants publicity_kind times document_no note",
		"khac":         "kind date title participants publicity_kind times document_no note",
	}
	for kind, cols := range want {
		var got []string
		for _, c := range ActivityColumns {
			if ActivityTakes(kind, c) {
				got = append(got, c)
			}
		}
		if strings.Join(got, " ") != cols {
			t.Errorf("%q takes %v, want %s", kind, got, cols)
		}
	}
}

func TestParseCentre_Programmes(t *testing.T) {
	in := Input{"name": "TT", "year": "2026", "classes_xoa_mu_chu": "2", "learners_xoa_mu_chu": "40",
		"classes_ky_nang_so": "3", "learners_ky_nang_so": "90"}
	e, err := ParseCentre(in)
	if err != nil || e.Year.Classes != 5 || e.Year.LearnerTimes != 130 || e.Year.ByProgramme[6] != (ClassCount{3, 90}) {
		t.Fatalf("empty totals take the sums: %+v %v", e.Year, err)
	}
	in["classes"], in["learner_times"] = "9", "130" // four classes of no programme named
	if e, err = ParseCentre(in); err != nil || e.Year.Classes != 9 {
		t.Fatalf("a larger total: %+v %v", e.Year, err)
	}
	in["classes"] = "4"
	if _, err = ParseCentre(in); !errors.Is(err, ErrProgrammeSum) || fieldOf(err) != "classes" {
		t.Fatalf("a total below the sum: %v", err)
	}
	if _, err = ParseCentre(Input{"name": "TT", "classes_phap_luat": "1"}); !errors.Is(err, ErrRequired) || fieldOf(err) != "year" {
		t.Fatalf("programme without a year: %v", err)
	}
	var cols []string
	for _, c := range CentreColumns {
		if len(cols) > 0 || c == "classes_xoa_mu_chu" {
			cols = append(cols, c)
		}
	}
	if got, want := cols, ProgrammeColumns(); len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		t.Fatalf("CentreColumns end with %v, want %v", got, want)
	}
	for n := range cols {
		if cols[n] != ProgrammeColumns()[n] {
			t.Fatalf("column %d: %s, want %s", n, cols[n], ProgrammeColumns()[n])
		}
	}
}

func fieldOf(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func TestBranchFigures(t *testing.T) {
	bs := []Branch{
		{ID: "a", Form: "chi_hoi", Type: "thon", EstablishedOn: ymd(2010, 1, 1)},
		{ID: "b", Form: "ban_khuyen_hoc", Type: "truong_hoc", EstablishedOn: ymd(2026, 3, 1)},
		{ID: "c", Form: "chi_hoi", Type: "doanh_nghiep", EstablishedOn: ymd(2026, 9, 1)},
		{ID: "d", Form: "chi_hoi", Type: "thon", DissolvedOn: ymd(2026, 5, 1)},
		{ID: "e", Form: "chi_hoi", Type: "Hội cựu giáo chức"},
	}
	h1 := BranchFigures(bs, HalfYear(2026, 1))
	if h1.Count != 3 || h1.ByType["thon"] != 1 || h1.ByType["truong_hoc"] != 1 || h1.ByType["doanh_nghiep"] != 0 ||
		h1.ByType["Hội cựu giáo chức"] != 1 || h1.ByForm["ban_khuyen_hoc"] != 1 || h1.ByForm["chi_hoi"] != 2 ||
		h1.Established != 1 || h1.Dissolved != 1 || h1.ByType["ton_giao"] != 0 || len(h1.ByType) != len(BranchTypes)+1 {
		t.Fatalf("H1 %+v", h1)
	}
	y := BranchFigures(bs, YearPeriod(2026))
	if y.Count != 4 || y.Established != 2 || y.ByType["doanh_nghiep"] != 1 {
		t.Fatalf("year %+v", y)
	}
	if p := BranchFigures(bs, YearPeriod(2025)); p.Count != 3 || p.Established != 0 || p.ByType["thon"] != 2 {
		t.Fatalf("2025 %+v", p)
	}
}

func TestMemberFigures(t *testing.T) {
	bs := []Branch{{ID: "a"}, {ID: "b"}, {ID: "c", DissolvedOn: ymd(2026, 3, 1)}, {ID: "y"}}
	mc := func(b, p string, total, in, out int64) MemberCount {
		return MemberCount{BranchID: b, Period: p, Total: total, Admitted: in, Left: out}
	}
	counts := []MemberCount{
		mc("a", "2025", 100, 20, 5),
		mc("a", "2026-H1", 110, 12, 2),
		mc("a", "2026-H2", 115, 7, 2),
		mc("b", "2025-H2", 50, 5, 0),
		mc("b", "2026-H2", 60, 10, 0), // no first half recorded
		mc("c", "2025", 30, 3, 1),
		mc("c", "2026-H1", 0, 0, 30), // dissolved: its members left
		mc("y", "2026-H1", 70, 9, 1),
		mc("y", "2026", 75, 20, 3), // a year count wins over the halves for the year
		mc("y", "2026-H2", 74, 10, 1),
	}
	for _, tc := range []struct {
		p    Period
		want MemberTotals
	}{
		{HalfYear(2026, 1), MemberTotals{Total: 110 + 50 + 70, Admitted: 12 + 9, Left: 2 + 30 + 1}},
		// y: the year's count, which ends the same day as the second half, gives the total.
		{HalfYear(2026, 2), MemberTotals{Total: 115 + 60 + 75, Admitted: 7 + 10 + 10, Left: 2 + 1}},
		{YearPeriod(2026), MemberTotals{Total: 115 + 60 + 75, Admitted: 12 + 7 + 10 + 20, Left: 2 + 2 + 30 + 3}},
		{YearToDate(ymd(2026, 8, 18)), MemberTotals{Total: 110 + 50 + 70, Admitted: 12 + 9, Left: 2 + 30 + 1}},
		{YearPeriod(2025), MemberTotals{Total: 100 + 50 + 30, Admitted: 20 + 5 + 3, Left: 5 + 1}},
		{HalfYear(2025, 1), MemberTotals{Total: 0}}, // nothing counted by 30/6/2025: a year's count cannot be split
		{YearPeriod(2024), MemberTotals{}},
	} {
		if got := MemberFigures(bs, counts, tc.p); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.p, got, tc.want)
		}
	}
}
