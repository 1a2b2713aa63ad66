package data

import (
	"encoding/json"
	"errors"
	"testing"
)

func ymd(y, m, d int) Date { return Date{y, m, d} }

func TestParsePeriod_Forms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Period
		text string
	}{
		{"2026", Period{ymd(2026, 1, 1), ymd(2026, 12, 31)}, "2026"},
		{"2026-H1", Period{ymd(2026, 1, 1), ymd(2026, 6, 30)}, "2026-H1"},
		{"2026-h2", Period{ymd(2026, 7, 1), ymd(2026, 12, 31)}, "2026-H2"},
		{"2026H1", HalfYear(2026, 1), "2026-H1"},
		{"H2/2025", HalfYear(2025, 2), "2025-H2"},
		{" H1-2024 ", HalfYear(2024, 1), "2024-H1"},
		{"2026-01-01..2026-08-18", Period{ymd(2026, 1, 1), ymd(2026, 8, 18)}, "2026-01-01..2026-08-18"},
		{"01/01/2026..18/08/2026", Period{ymd(2026, 1, 1), ymd(2026, 8, 18)}, "2026-01-01..2026-08-18"},
		{"2026-01-01..2026-06-30", HalfYear(2026, 1), "2026-H1"}, // a span that is a half-year is written as one
		{"2026-01-01..2026-12-31", YearPeriod(2026), "2026"},
		{"2024-02-29..2024-02-29", Period{ymd(2024, 2, 29), ymd(2024, 2, 29)}, "2024-02-29..2024-02-29"},
	} {
		got, err := ParsePeriod(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			continue
		}
		if got.String() != tc.text {
			t.Errorf("%q: String() = %q, want %q", tc.in, got.String(), tc.text)
		}
		if back, err := ParsePeriod(got.String()); err != nil || back != got {
			t.Errorf("%q: ParsePeriod(String()) = %v, %v", tc.in, back, err)
		}
	}
}

func TestParsePeriod_Refusals(t *testing.T) {
	for in, want := range map[string]error{
		"":                       ErrPeriod,
		"2026-H3":                ErrPeriod,
		"H1":                     ErrPeriod,
		"26":                     ErrPeriod,
		"2026-01-01..":           ErrPeriod,
		"..2026-08-18":           ErrPeriod,
		"2026-08-18..2026-01-01": ErrPeriodOrder,
		"2025-07-01..2026-06-30": ErrPeriodYears,
		"2025-02-29..2025-03-01": ErrNoSuchDay,
		"1800":                   ErrYear,
		"1800-H1":                ErrYear,
		"2026-13-01..2026-12-31": ErrNoSuchDay,
	} {
		if _, err := ParsePeriod(in); !errors.Is(err, want) {
			t.Errorf("ParsePeriod(%q): %v, want %v", in, err, want)
		}
	}
}

func TestPeriod_HalfYearsAndYears(t *testing.T) {
	h1, h2, y := HalfYear(2026, 1), HalfYear(2026, 2), YearPeriod(2026)
	if h1.Half() != 1 || h2.Half() != 2 || y.Half() != 0 || !y.IsYear() || h1.IsYear() {
		t.Fatalf("kinds: %d %d %d %v %v", h1.Half(), h2.Half(), y.Half(), y.IsYear(), h1.IsYear())
	}
	if h1.Days()+h2.Days() != y.Days() || y.Days() != 365 || YearPeriod(2024).Days() != 366 || HalfYear(2024, 1).Days() != 182 {
		t.Fatalf("days %d + %d = %d; 2024: %d", h1.Days(), h2.Days(), y.Days(), YearPeriod(2024).Days())
	}
	if !h1.Within(y) || !h2.Within(y) || y.Within(h1) || h1.Within(h2) {
		t.Fatal("within")
	}
	if HalfOf(ymd(2026, 6, 30)) != h1 || HalfOf(ymd(2026, 7, 1)) != h2 {
		t.Fatal("HalfOf at the seam")
	}
	if !h1.Contains(ymd(2026, 6, 30)) || h1.Contains(ymd(2026, 7, 1)) || !h2.Contains(ymd(2026, 12, 31)) ||
		y.Contains(ymd(2027, 1, 1)) || y.Contains(Date{}) {
		t.Fatal("contains")
	}
	if h1.Label() != "6 tháng đầu năm 2026" || h2.Label() != "6 tháng cuối năm 2026" || y.Label() != "năm 2026" ||
		YearToDate(ymd(2026, 8, 18)).Label() != "từ 01/01/2026 đến 18/08/2026" {
		t.Fatalf("labels %q %q %q", h1.Label(), h2.Label(), y.Label())
	}
}

// The same period a year earlier, across 29 February both ways.
func TestPeriod_Previous(t *testing.T) {
	for _, tc := range []struct{ p, want Period }{
		{HalfYear(2026, 1), HalfYear(2025, 1)},
		{HalfYear(2025, 2), HalfYear(2024, 2)},
		{YearPeriod(2025), YearPeriod(2024)},
		{YearToDate(ymd(2026, 8, 18)), YearToDate(ymd(2025, 8, 18))},
		// Year to date on 29 February: the year before has no such day.
		{YearToDate(ymd(2024, 2, 29)), YearToDate(ymd(2023, 2, 28))},
		// To the last day of February: the whole of February a year before.
		{YearToDate(ymd(2025, 2, 28)), YearToDate(ymd(2024, 2, 29))},
		{YearToDate(ymd(2025, 2, 27)), YearToDate(ymd(2024, 2, 27))},
		{YearToDate(ymd(2024, 3, 1)), YearToDate(ymd(2023, 3, 1))},
		{Period{ymd(2024, 2, 29), ymd(2024, 3, 10)}, Period{ymd(2023, 2, 28), ymd(2023, 3, 10)}},
		{Period{ymd(2026, 4, 1), ymd(2026, 4, 30)}, Period{ymd(2025, 4, 1), ymd(2025, 4, 30)}},
	} {
		if got := tc.p.Previous(); got != tc.want {
			t.Errorf("%v.Previous() = %v, want %v", tc.p, got, tc.want)
		}
	}
	if YearToDate(ymd(2024, 2, 29)).Days() != 60 || YearToDate(ymd(2023, 2, 28)).Days() != 59 {
		t.Fatal("year-to-date days")
	}
}

func TestPeriod_JSON(t *testing.T) {
	b, err := json.Marshal(struct {
		P Period `json:"period"`
	}{YearToDate(ymd(2026, 8, 18))})
	if err != nil || string(b) != `{"period":{"from":"2026-01-01","to":"2026-08-18"}}` {
		t.Fatalf("%s %v", b, err)
	}
	var p Period
	if err := json.Unmarshal([]byte(`{"from":"2026-07-01","to":"2026-12-31"}`), &p); err != nil || p != HalfYear(2026, 2) {
		t.Fatalf("%v %v", p, err)
	}
	if err := json.Unmarshal([]byte(`{"from":"2026-07-01","to":"2025-12-31"}`), &p); !errors.Is(err, ErrPeriodOrder) {
		t.Fatalf("reversed: %v", err)
	}
}

func TestAward_CountsIn(t *testing.T) {
	h1, h2 := HalfYear(2026, 1), HalfYear(2026, 2)
	for _, tc := range []struct {
		a      Award
		h1, h2 bool
	}{
		{Award{AwardedOn: ymd(2026, 6, 30)}, true, false},
		{Award{AwardedOn: ymd(2026, 7, 1), DecisionDate: ymd(2026, 6, 1)}, false, true}, // the day it was given wins
		{Award{DecisionDate: ymd(2026, 3, 1)}, true, false},
		{Award{SchoolYear: "2025-2026"}, true, true}, // no day: the year of its school year, in every period of it
		{Award{SchoolYear: "2024-2025"}, false, false},
		{Award{}, false, false},
	} {
		if got1, got2 := tc.a.CountsIn(h1), tc.a.CountsIn(h2); got1 != tc.h1 || got2 != tc.h2 {
			t.Errorf("%+v: H1 %v H2 %v, want %v %v", tc.a, got1, got2, tc.h1, tc.h2)
		}
	}
}
