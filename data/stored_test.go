package data

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"sokhuyenhoc/data/text"
)

// Every full record as Parse makes it passes the stored-value rules: what
// a form or a file can store, a bundle can carry.
func TestCheckValues_ParsedRecordsPass(t *testing.T) {
	c, ce := fullCitizen(), fullCentre()
	a, f := fullAward(), fullFund()
	records := []struct {
		k    Kind
		vals []any
	}{
		{Citizens, Citizens.Values(&c.Citizen)},
		{Assessments, Assessments.Values(c.Assessment)},
		{Centres, Centres.Values(&ce.Centre)},
		{CentreYears, CentreYears.Values(ce.Year)},
		{Awards, Awards.Values(&a)},
		{Funds, Funds.Values(&f)},
		{Villages, Villages.Values(&Village{Name: "Thôn Đông", Note: "gần chợ"})},
		{Profiles, Profiles.Values(&Profile{Year: 2026, Adults: 4120})},
	}
	for _, r := range records {
		if err := CheckValues(r.k, r.vals); err != nil {
			t.Errorf("%s: %v", r.k.KindName(), err)
		}
		// The values as a bundle carries them, the store's tombstone after.
		if err := CheckValues(r.k, append(r.vals, int64(0))); err != nil {
			t.Errorf("%s with tombstone: %v", r.k.KindName(), err)
		}
	}
}

// Each rule of a column refuses what local input refuses, with its own
// sentinel, naming the column and quoting a short prefix of the value.
func TestCheckValues_Rules(t *testing.T) {
	long := strings.Repeat("Nguyễn", 30)
	cases := []struct {
		name  string
		k     Kind
		col   string
		value any
		want  error
	}{
		{"gender not a code", Citizens, "gender", "=HYPERLINK(\"http://x\")", ErrEnum},
		{"gender as a label", Citizens, "gender", "Nữ", ErrEnum},
		{"result not a code", Assessments, "result", "passed", ErrEnum},
		{"award consent not a code", Awards, "consent", "yes", ErrEnum},
		{"money negative", Awards, "amount_vnd", int64(-1), ErrNegative},
		{"money over the ceiling", Awards, "amount_vnd", int64(MaxVND + 1), ErrTooBig},
		{"money int64 max", Funds, "amount_vnd", int64(1<<63 - 1), ErrTooBig},
		{"money as text", Funds, "amount_vnd", "1000", ErrNumber},
		{"count over the ceiling", Profiles, "adults", int64(MaxCount + 1), ErrTooBig},
		{"count negative", CentreYears, "classes", int64(-3), ErrNegative},
		{"fund date 2025-13-45", Funds, "date", "2025-13-45", ErrNoSuchDay},
		{"date 31 February", Awards, "awarded_on", "2026-02-31", ErrNoSuchDay},
		{"date in people's form", Awards, "awarded_on", "01/06/2026", ErrDate},
		{"date out of range", Centres, "established_on", "1800-01-01", ErrYear},
		{"fund date missing", Funds, "date", "", ErrRequired},
		{"fund direction missing", Funds, "direction", "", ErrRequired},
		{"year out of range", Assessments, "year", int64(2999), ErrYear},
		{"year as text", Assessments, "year", "2026", ErrNumber},
		{"birth year negative", Citizens, "birth_year", int64(-5), ErrYear},
		{"scores: nine", Assessments, "scores", "80,80,80,80,80,80,80,80,80", ErrScoresPartial},
		{"scores: eleven out of range", Assessments, "scores", "80,80,80,80,80,80,80,80,80,101", ErrScore},
		{"scores: not the stored form", Assessments, "scores", "80,80,80,80,80,80,80,80,80,08", ErrScore},
		{"scores: letters", Assessments, "scores", "8a,80,80,80,80,80,80,80,80,80", ErrScore},
		{"CCCD of 11 digits", Citizens, "id_number", "03418500123", ErrCCCDLength},
		{"CCCD with dots", Citizens, "id_number", "034.185.001.234", ErrNotNormal},
		{"phone not Vietnamese", Citizens, "phone", "12345", ErrPhone},
		{"phone not normalised", Citizens, "phone", "+84912345678", ErrNotNormal},
		{"name missing", Citizens, "ten", "", ErrRequired},
		{"award name missing", Awards, "ten", "", ErrRequired},
		{"award type missing", Awards, "award_type", "", ErrRequired},
		{"centre name missing", Centres, "name", "", ErrRequired},
		{"village name too long", Villages, "name", long, ErrTooLong},
		{"note too long", Citizens, "note", strings.Repeat("a", 501), ErrTooLong},
		{"control character", Citizens, "note", "ghi\x07chú", ErrText},
		{"newline", Citizens, "village", "Thôn\nĐông", ErrText},
		{"not NFC", Citizens, "ten", "Hoa\u0300", ErrText},
		{"stray spaces", Citizens, "ho_dem", " Nguyễn  Thị", ErrText},
		{"right-to-left override", Awards, "school", "THCS \u202eabc", ErrText},
		{"null", Citizens, "note", nil, ErrNumber},
		{"award type as a formula", Awards, "award_type", `=HYPERLINK("http://x","Học bổng")`, ErrLabel},
		{"fund source as a command", Funds, "source", "+cmd|' /C calc'!A0", ErrLabel},
		{"subject group as a formula", Citizens, "grp", "@SUM(1+1)", ErrLabel},
		{"household members over the ceiling", Families, "members", int64(MaxCount + 1), ErrTooBig},
		{"clan name missing", Clans, "name", "", ErrRequired},
		{"community village missing", Communities, "village", "", ErrRequired},
		{"learning unit head with a control character", LearningUnits, "head", "Lê\x1bVăn", ErrText},
		{"model not a code", ModelYears, "model", "citizen", ErrEnum},
		{"model year registered not a code", ModelYears, "registered", "yes", ErrEnum},
		{"model year result not a code", ModelYears, "result", "passed", ErrEnum},
		{"model year scores: a criterion over 1000 points", ModelYears, "scores", "100,10001", ErrScore},
		{"model year scores: not the stored form", ModelYears, "scores", "100,,80", ErrScore},
		{"model year scores: more than a set has", ModelYears, "scores", strings.Repeat("1,", MaxSetCriteria) + "1", ErrScoresPartial},
		{"model year decision date", ModelYears, "decision_date", "15/12/2025", ErrDate},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			vals := validValues(t, tc.k)
			n := colIndex(tc.k, tc.col)
			vals[n] = tc.value
			err := CheckValues(tc.k, vals)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.col {
				t.Fatalf("error %v does not name column %s", err, tc.col)
			}
			if len([]rune(fe.Value)) > text.ShortMax+1 {
				t.Fatalf("quotes %d letters: %q", len([]rune(fe.Value)), fe.Value)
			}
		})
	}
}

// The ceilings are those of local input too.
func TestParse_Ceilings(t *testing.T) {
	if _, err := ParseVND("100.000.000.001"); !errors.Is(err, ErrTooBig) {
		t.Errorf("ParseVND over the ceiling: %v", err)
	}
	if v, err := ParseVND("100.000.000.000"); err != nil || v != MaxVND {
		t.Errorf("ParseVND at the ceiling: %d %v", v, err)
	}
	if _, err := ParseVND("99999999999999999999"); !errors.Is(err, ErrTooBig) {
		t.Errorf("ParseVND past int64: %v", err)
	}
	if _, err := ParseCount("100000001"); !errors.Is(err, ErrTooBig) {
		t.Errorf("ParseCount over the ceiling: %v", err)
	}
	if _, err := ParseFund(Input{"date": "01/03/2026", "direction": "thu", "amount_vnd": "1000000000000000"}); !errors.Is(err, ErrTooBig) {
		t.Errorf("a fund line of 10^15 đ: %v", err)
	}
	if _, err := ParseAward(Input{"full_name": "Phạm Đức", "award_type": "qua", "school": "a\x01b"}); !errors.Is(err, ErrText) {
		t.Errorf("a control character typed: %v", err)
	}
	if _, err := ParseAward(Input{"full_name": "Phạm Đức", "award_type": "=HYPERLINK(\"http://x\")"}); !errors.Is(err, ErrLabel) {
		t.Errorf("an award type typed as a formula: %v", err)
	}
}

// validValues returns the stored values of a valid record of k.
func validValues(t *testing.T, k Kind) []any {
	t.Helper()
	c, ce := fullCitizen(), fullCentre()
	a, f := fullAward(), fullFund()
	var vals []any
	switch k.KindName() {
	case "citizen":
		vals = Citizens.Values(&c.Citizen)
	case "assessment":
		vals = Assessments.Values(c.Assessment)
	case "centre":
		vals = Centres.Values(&ce.Centre)
	case "centre_year":
		vals = CentreYears.Values(ce.Year)
	case "award":
		vals = Awards.Values(&a)
	case "fund":
		vals = Funds.Values(&f)
	case "village":
		vals = Villages.Values(&Village{Name: "Thôn Đông"})
	case "profile":
		vals = Profiles.Values(&Profile{Year: 2026, Adults: 10})
	case "family":
		vals = Families.Values(&Family{HoDem: "Lê Văn", Ten: "Ba", Village: "Thôn Đông", Members: 4, Adults: 2})
	case "clan":
		vals = Clans.Values(&Clan{Name: "Họ Lê", Households: 12})
	case "community":
		vals = Communities.Values(&Community{Village: "Thôn Đông", Households: 120})
	case "learning_unit":
		vals = LearningUnits.Values(&LearningUnit{Name: "Trạm y tế xã", Type: "tram_y_te", Staff: 9, Head: "Lê Văn Y"})
	case "model_year":
		vals = ModelYears.Values(&ModelYear{RecordID: "0190f3a0-0000-7000-8000-000000000009", Model: "unit", Year: 2025,
			Registered: "co", Criteria: "BGDDT-TT22-2020", Scores: []int{100, 250, 0}, Result: "dat", Status: StepProposed})
	case "member":
		vals = Members.Values(&Member{RecordID: "0190f3a0-0000-7000-8000-000000000009", CitizenID: "0190f3a0-0000-7000-8000-00000000000a"})
	}
	if err := CheckValues(k, vals); err != nil {
		t.Fatalf("valid %s: %v", k.KindName(), err)
	}
	return vals
}

func colIndex(k Kind, name string) int {
	for n, c := range k.Cols() {
		if c.Name == name {
			return n
		}
	}
	panic(name)
}

// CheckText refuses exactly what text.Clean would change, what is not
// UTF-8, and control and bidirectional characters, with ErrText.
func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		bad  bool
	}{
		{"empty", "", false},
		{"ASCII", "Thon Dong", false},
		{"Vietnamese in NFC", "Nguyễn Thị Hoà", false},
		{"one letter", "A", false},
		{"a non-breaking word joiner is no space", "a\u2060b", false},
		{"not NFC: a combining grave", "Hoa\u0300", true},
		{"not NFC: decomposed ễ", "Nguye\u0302\u0303n", true},
		{"leading space", " An", true},
		{"trailing space", "An ", true},
		{"only a space", " ", true},
		{"doubled space", "Nguyễn  An", true},
		{"tab", "Nguyễn\tAn", true},
		{"leading tab", "\tAn", true},
		{"newline", "Thôn\nĐông", true},
		{"carriage return at the end", "An\r", true},
		{"no-break space", "Nguyễn\u00a0An", true},
		{"ideographic space", "Nguyễn\u3000An", true},
		{"line separator", "a\u2028b", true},
		{"NUL", "a\x00b", true},
		{"bell", "ghi\x07chú", true},
		{"DEL", "a\x7fb", true},
		{"C1 control", "a\u0085b", true},
		{"right-to-left override", "THCS \u202eabc", true},
		{"left-to-right mark", "a\u200eb", true},
		{"right-to-left isolate", "a\u2067b\u2069", true},
		{"Arabic letter mark", "a\u061cb", true},
		{"not UTF-8", "a\xffb", true},
		{"a lone continuation byte at the end", "An\x80", true},
	} {
		err := CheckText(tc.s)
		if tc.bad && err != ErrText || !tc.bad && err != nil {
			t.Errorf("%s (%q): %v, want bad=%v", tc.name, tc.s, err, tc.bad)
		}
	}
}

// checkTextByClean is CheckText's definition, written the slow way.
func checkTextByClean(s string) error {
	if !utf8.ValidString(s) || text.Clean(s) != s {
		return ErrText
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ErrText
		}
	}
	return nil
}

// CheckText agrees with its definition on any text.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", " ", "a  b", "Hoa\u0300", "Nguyễn Thị", "a\tb", "\u00a0", "a\u202eb", "\xff", "x\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CheckText(s), checkTextByClean(s); got != want {
			t.Fatalf("CheckText(%q) = %v, its definition says %v", s, got, want)
		}
	})
}

// The stored form of a day is yyyy-mm-dd with ASCII digits, of a real day
// between MinYear and MaxYear; nothing else.
func TestCheckStoredDate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want error
	}{
		{"2026-06-01", nil},
		{"2024-02-29", nil},
		{"1900-01-01", nil},
		{"2100-12-31", nil},
		{"2025-02-29", ErrNoSuchDay},
		{"2026-04-31", ErrNoSuchDay},
		{"2025-13-45", ErrNoSuchDay},
		{"2026-00-10", ErrNoSuchDay},
		{"2026-01-00", ErrNoSuchDay},
		{"1899-12-31", ErrYear},
		{"2101-01-01", ErrYear},
		{"0000-00-00", ErrYear},
		{"2026-1-05", ErrDate},
		{"2026-01-5", ErrDate},
		{"2026-01-5 ", ErrDate},
		{"01/06/2026", ErrDate},
		{"2026/06/01", ErrDate},
		{"+026-06-01", ErrDate},
		{"2026-0a-01", ErrDate},
		{"2026-06-01x", ErrDate},
		{"2026-٠٦-01", ErrDate}, // Arabic-Indic digits
		{"", ErrDate},
	} {
		if got := checkStoredDate(tc.s); got != tc.want {
			t.Errorf("checkStoredDate(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// The stored form of a day is what Date.String writes of a date ParseDate
// accepts, and only that ("" is left to the column: CheckStored never asks).
func FuzzCheckStoredDate(f *testing.F) {
	for _, s := range []string{"2026-06-01", "2025-13-45", "2026-1-05", "+026-06-01", "0000-00-00", "2024-02-29"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			t.Skip("an empty value is the column's to judge (required or not)")
		}
		d, err := ParseDate(s)
		stored := err == nil && d.String() == s
		if got := checkStoredDate(s); (got == nil) != stored {
			t.Fatalf("checkStoredDate(%q) = %v; ParseDate gives %v, %v", s, got, d, err)
		}
	})
}

// The checks run for every value of every row a bundle brings: they
// allocate nothing.
func TestStoredChecks_NoAllocation(t *testing.T) {
	scores := "80,75,100,0,60,90,85,70,65,95"
	for name, f := range map[string]func(){
		"CheckText ASCII":      func() { _ = CheckText("Thon Dong, xa An Binh") },
		"CheckText Vietnamese": func() { _ = CheckText("Nguyễn Thị Hoà, thôn Đông") },
		"checkStoredDate":      func() { _ = checkStoredDate("2026-06-01") },
		"checkStoredScores":    func() { _ = checkStoredScores(scores, Indicators, 100) },
		"setScores":            func() { _ = setScores("2500,80,0,10000") },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
}

// A stored value too long is quoted to 40 letters, then "…" (text.Short):
// the exact message.
func TestCheckValues_QuotesALongValueShort(t *testing.T) {
	vals := Villages.Values(&Village{Name: strings.Repeat("Đông ", 30) + "Tây"})
	want := `name: "Đông Đông Đông Đông Đông Đông Đông Đông …": text too long`
	if err := CheckValues(Villages, vals); !errors.Is(err, ErrTooLong) || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
