package data

import (
	"errors"
	"reflect"
	"testing"
)

// checkModelRoundTrip asserts ParseModel(FormatModel(e)) == e in every
// style, that Format writes only the kind's columns, and that what Parse
// makes passes the stored-value rules (what a form stores, a bundle can
// carry).
func checkModelRoundTrip[T any](t *testing.T, k *ModelKind[T], e ModelEntry[T]) {
	t.Helper()
	if err := CheckValues(k.Table, k.Table.Values(&e.Record)); err != nil {
		t.Errorf("%s: stored values: %v", k.Model, err)
	}
	if e.Year != nil {
		if err := CheckValues(ModelYears, ModelYears.Values(e.Year)); err != nil {
			t.Errorf("%s year: stored values: %v", k.Model, err)
		}
	}
	for _, st := range styles {
		in := FormatModel(k, e, nil, st)
		for col := range in {
			if !HasColumn(k.Columns, col) {
				t.Errorf("%s: Format wrote %q, not a column of the file", k.Model, col)
			}
		}
		got, err := ParseModel(k, in, nil)
		if err != nil {
			t.Fatalf("%s %+v: %v\n%v", k.Model, st, err, in)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("%s %+v:\n got %+v %+v\nwant %+v %+v", k.Model, st, got.Record, got.Year, e.Record, e.Year)
		}
	}
}

func TestModels_FormatParseRoundTrip(t *testing.T) {
	year := func(model, criteria string, scores []int, result, grade string) *ModelYear {
		return &ModelYear{Model: model, Year: 2025, Registered: "co", Criteria: criteria, Scores: scores, Result: result,
			Grade: grade, Status: StepRecognized, DecisionNo: "9/QĐ-UBND", DecisionDate: Date{2025, 12, 15}, DecidingLevel: "xã"}
	}
	checkModelRoundTrip(t, FamilyKind, ModelEntry[Family]{
		Record: Family{HoDem: "Nguyễn Văn", Ten: "An", Village: "Thôn Đông", Members: 5, Children: 2, Adults: 3,
			ClanID: "0190f3a0-0000-7000-8000-000000000009", Note: "hộ cận nghèo"},
		Year:     year("family", "HKHVN-448-2015", []int{100, 90, 85, 100}, "dat", ""),
		Citizens: []string{"034185001234", "0190f3a0-0000-7000-8000-00000000000a"}})
	checkModelRoundTrip(t, ClanKind, ModelEntry[Clan]{
		Record: Clan{Name: "Họ Nguyễn Đình", Branch: "Chi 2", Head: "Nguyễn Đình Tộc", Villages: "Thôn Đông; Thôn Tây",
			Households: 40, Members: 180, Note: "có quỹ khuyến học"},
		Year: year("clan", ResultOnlySet, nil, "dat", "")})
	checkModelRoundTrip(t, CommunityKind, ModelEntry[Community]{
		Record: Community{Village: "Thôn Đông", Households: 120, Note: "có nhà văn hóa"},
		Year:   year("community", ResultOnlySet, nil, "dat", "")})
	checkModelRoundTrip(t, UnitKind, ModelEntry[LearningUnit]{
		Record: LearningUnit{Name: "Trường Tiểu học Đông Hòa", Type: "truong_hoc", Staff: 32, Head: "Nguyễn Thị Hiệu", Note: "ghi chú"},
		Year:   year("unit", "BGDDT-TT22-2020", []int{100, 100, 80, 100, 50, 100, 50, 200, 100, 50}, "dat", "tot")})
	checkModelRoundTrip(t, UnitKind, ModelEntry[LearningUnit]{
		Record: LearningUnit{Name: "UBND xã"},
		Year: &ModelYear{Model: "unit", Year: 2026, Registered: "co", Criteria: "BGDDT-TT24-2023",
			Scores: []int{10, 10, 0, 10, 10}, Result: "dat", Grade: "muc_do_1", Status: StepProposed}})
}

func TestParseModel_Errors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		want  error
	}{
		{"no head", Input{"village": "Thôn Đông"}, "head", ErrRequired},
		{"counts", Input{"head": "Lê An", "members": "3", "adults": "3", "children": "1"}, "members", ErrCounts},
		{"year without a year", Input{"head": "Lê An", "result": "dat"}, "year", ErrRequired},
		{"an unknown set with scores", Input{"head": "Lê An", "year": "2025", "criteria": "TINH-9", "scores": "1,2"}, "criteria", ErrSetUnknown},
		{"a bad version", Input{"head": "Lê An", "year": "2025", "criteria": "tỉnh 9"}, "criteria", ErrSetVersion},
		{"scores against a result-only set", Input{"head": "Lê An", "year": "2025", "scores": "A=1"}, "scores", ErrScoreCode},
		{"a criterion left out", Input{"head": "Lê An", "year": "2025", "criteria": "HKHVN-448-2015", "scores": "GD1.1=10"}, "scores", ErrScoreMissing},
		{"above the maximum", Input{"head": "Lê An", "year": "2025", "criteria": "HKHVN-448-2015",
			"scores": "GD1.1=11; GD1.2=1; GD1.3=1; GD2.1=1"}, "scores", ErrScoreMax},
		{"not passed yet recognised", Input{"head": "Lê An", "year": "2025", "result": "chua_dat", "status": "cong_nhan"}, "status", ErrNotPassed},
	} {
		_, err := ParseModel(FamilyKind, tc.in, nil)
		var fe *FieldError
		if !errors.Is(err, tc.want) || !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v, want %s %v", tc.name, err, tc.field, tc.want)
		}
	}
	tt22 := Input{"name": "Trường", "year": "2025", "criteria": "BGDDT-TT22-2020",
		"scores": "1.1=10; 1.2=10; 1.3=10; 2.1=10; 2.2=5; 2.3=10; 2.4=5; 3.1=25; 3.2=10; 3.3=5"}
	for rating, want := range map[string]error{"kha": ErrResultMismatch, "Tốt": nil, "": nil} {
		in := Overlay(tt22, Input{"rating": rating}, false)
		e, err := ParseModel(UnitKind, in, nil)
		if !errors.Is(err, want) || err == nil && (e.Year.Grade != "tot" || e.Year.Result != "dat") {
			t.Errorf("rating %q: %+v %v, want %v", rating, e.Year, err, want)
		}
	}
	for result, want := range map[string]error{"chua_dat": ErrResultMismatch, "dat": nil} {
		if _, err := ParseModel(UnitKind, Overlay(tt22, Input{"result": result}, false), nil); !errors.Is(err, want) {
			t.Errorf("result %q against 100 points: %v", result, err)
		}
	}
	// Scores against a set not installed here are kept with the result
	// given: the result never changes without its set.
	e, err := ParseModel(UnitKind, Input{"name": "Trường", "year": "2025", "criteria": "TINH-9", "scores": "100,80", "result": "dat"}, nil)
	if err != nil || e.Year.Result != "dat" || !reflect.DeepEqual(e.Year.Scores, []int{100, 80}) {
		t.Errorf("a set not installed: %+v %v", e.Year, err)
	}
}
