package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every set that ships parses, is in the catalog, and each model has a
// set in use; the citizens' set in use is the rule the app applied before
// sets were data (80 in total, none below 5).
func TestShippedCriteria(t *testing.T) {
	files, _ := filepath.Glob("../assets/criteria/*.json")
	c := Shipped()
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "in-use.json" {
			continue
		}
		b, _ := os.ReadFile(f)
		s, err := ParseCriteriaSet(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if want := s.Model + "-" + s.Version + ".json"; filepath.Base(f) != want {
			t.Errorf("%s: name it %s", f, want)
		}
		if len(s.Sources) == 0 {
			t.Errorf("%s names no source", f)
		}
		if got, err := c.Get(s.Model, s.Version); err != nil || got.Sum() != s.Sum() {
			t.Errorf("%s: not in the shipped catalog (%v)", f, err)
		}
		n++
	}
	if n < 8 {
		t.Fatalf("%d sets ship", n)
	}
	for _, m := range Models.Codes() {
		if c.Current(m) == nil {
			t.Errorf("no set in use for %s", m)
		}
	}
	cit := c.Current(ModelCitizen)
	if cit.Version != LegacyCitizenSet || cit.Rule.TotalMin != 800 || cit.Rule.EachMin != 50 || len(cit.Criteria) != Indicators {
		t.Errorf("citizens' set in use: %+v", cit.Rule)
	}
	if legacy, _ := c.Get(ModelCitizen, ""); legacy != cit {
		t.Errorf("an empty version is %v, not the legacy set", legacy.Key())
	}
	for _, m := range []string{ModelFamily, ModelClan, ModelCommunity, ModelUnit} {
		if s := c.Current(m); s.Rule.Kind != RuleResultOnly || s.Complete() {
			t.Errorf("%s: a result-only set, marked unconfirmed, is in use where no criteria were confirmed; got %s", m, s.Key())
		}
	}
}

const goodSet = `{"model": "family", "version": "T-1", "status": "unconfirmed",
 "groups": [{"code": "A", "label": "Nhóm A", "min": 5}],
 "criteria": [{"code": "a1", "group": "A", "label": "Một", "max": 10}, {"code": "a2", "group": "A", "label": "Hai", "max": 7.5}],
 "rule": {"kind": "points", "total_min": 12, "each_min": 2}}`

func TestParseCriteriaSet_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           error
		where          string
	}{
		{"not json", `{"model"`, `{"model`, ErrSetSyntax, ""},
		{"unknown field", `"status"`, `"colour": 1, "status"`, ErrSetField, "colour"},
		{"no model", `"model": "family"`, `"model": ""`, ErrSetRequired, "model"},
		{"bad model", `"model": "family"`, `"model": "house"`, ErrSetModel, "model"},
		{"bad version", `"T-1"`, `"T 1"`, ErrSetVersion, "version"},
		{"bad status", `"unconfirmed"`, `"maybe"`, ErrSetStatus, "status"},
		{"bad date", `"status"`, `"date": "1/12/2015", "status"`, ErrSetDate, "date"},
		{"code twice", `"code": "a2"`, `"code": "a1"`, ErrSetTwice, "criteria[1].code"},
		{"bad code", `"code": "a2"`, `"code": "a 2"`, ErrSetCode, "criteria[1].code"},
		{"no label", `"label": "Hai"`, `"label": ""`, ErrSetRequired, "criteria[1].label"},
		{"no such group", `"group": "A", "label": "Hai"`, `"group": "B", "label": "Hai"`, ErrSetGroup, "criteria[1].group"},
		{"two decimals", `7.5`, `7.25`, ErrSetPoints, "criteria[1].max"},
		{"text points", `7.5`, `"7.5"`, ErrSetPoints, "criteria[1].max"},
		{"negative", `"each_min": 2`, `"each_min": -2`, ErrSetPoints, "rule.each_min"},
		{"no max", `, "max": 7.5`, ``, ErrSetRequired, "criteria[1].max"},
		{"total above max", `"total_min": 12`, `"total_min": 18`, ErrSetRule, "rule.total_min"},
		{"rule kind", `"kind": "points"`, `"kind": "votes"`, ErrSetRuleKind, "rule.kind"},
		{"no rule", `"kind": "points", `, ``, ErrSetRequired, "rule.kind"},
		{"nothing decides", `, "total_min": 12, "each_min": 2`, ``, ErrSetRequired, "rule.total_min"},
		{"result only with criteria", `"kind": "points", "total_min": 12, "each_min": 2`, `"kind": "result_only"`, ErrSetRule, "groups[0].min"},
		{"levels with points", `"kind": "points"`, `"kind": "levels", "levels": [{"code": "m1", "label": "Mức 1"}]`, ErrSetRule, "criteria[0].max"},
		{"trailing", `"each_min": 2}}`, `"each_min": 2}} {}`, ErrSetSyntax, "after the set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(goodSet, tc.old, tc.new, 1)
			if in == goodSet {
				t.Fatalf("%q is not in the set", tc.old)
			}
			_, err := ParseCriteriaSet(strings.NewReader(in))
			var se *SetError
			if !errors.Is(err, tc.want) || !errors.As(err, &se) || (tc.where != "" && se.Where != tc.where) {
				t.Fatalf("got %v, want %v at %q", err, tc.want, tc.where)
			}
		})
	}
	if _, err := ParseCriteriaSet(strings.NewReader(goodSet)); err != nil {
		t.Fatal(err)
	}
	big := `{"note": "` + strings.Repeat("x", MaxSetSize) + `"}`
	if _, err := ParseCriteriaSet(strings.NewReader(big)); !errors.Is(err, ErrSetTooLarge) {
		t.Errorf("a huge file: %v", err)
	}
	var many []string
	for n := 0; n <= MaxSetCriteria; n++ {
		many = append(many, fmt.Sprintf(`{"code": "c%d", "label": "Tiêu chí %d", "max": 1}`, n, n))
	}
	tooMany := strings.Replace(goodSet, `{"code": "a1", "group": "A", "label": "Một", "max": 10}, {"code": "a2", "group": "A", "label": "Hai", "max": 7.5}`,
		strings.Join(many, ", "), 1)
	if _, err := ParseCriteriaSet(strings.NewReader(tooMany)); !errors.Is(err, ErrSetMany) {
		t.Errorf("a set of %d criteria: %v", MaxSetCriteria+1, err)
	}
	cit := strings.NewReplacer(`"family"`, `"citizen"`).Replace(goodSet)
	if _, err := ParseCriteriaSet(strings.NewReader(cit)); !errors.Is(err, ErrSetCitizen) {
		t.Errorf("a citizen set of two criteria: %v", err)
	}
}

func mustSet(t *testing.T, s string) *CriteriaSet {
	t.Helper()
	x, err := ParseCriteriaSet(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// The two rule kinds, worked by hand: points (total, each, group
// minimums; bands) and levels (each level needs its criteria and those
// below).
func TestCriteriaOutcome(t *testing.T) {
	pts := mustSet(t, goodSet)
	for _, tc := range []struct {
		scores []int
		want   string
	}{
		{[]int{100, 75}, "dat"},      // full marks
		{[]int{60, 60}, "dat"},       // 12 points, none below 2, group 12 ≥ 5
		{[]int{60, 59}, "chua_dat"},  // 11.9 < 12
		{[]int{100, 20}, "dat"},      // exactly the minimums
		{[]int{100, 19}, "chua_dat"}, // a criterion below 2
		{[]int{119, 1}, "chua_dat"},  // 12 in total, one at 0.1
		{[]int{0, 0}, "chua_dat"},    // nothing
		{[]int{100, 75, 0}, ""},      // not one score per criterion: no result
		{nil, ""},                    // none
	} {
		if got := pts.Outcome(tc.scores).Result; got != tc.want {
			t.Errorf("points %v: %q, want %q", tc.scores, got, tc.want)
		}
	}
	if err := pts.CheckScores([]int{100, 80}); !errors.Is(err, ErrScoreMax) {
		t.Errorf("8 of 7.5: %v", err)
	}
	if err := pts.CheckScores([]int{100}); !errors.Is(err, ErrScoreMissing) {
		t.Errorf("one of two: %v", err)
	}

	bands := Shipped().sets["unit/BGDDT-TT22-2020"]
	for total, want := range map[int][2]string{1000: {"dat", "tot"}, 850: {"dat", "tot"}, 849: {"dat", "kha"},
		700: {"dat", "kha"}, 699: {"dat", "trung_binh"}, 500: {"dat", "trung_binh"}, 499: {"chua_dat", "khong_dat"}, 0: {"chua_dat", "khong_dat"}} {
		scores := spread(bands, total)
		if o := bands.Outcome(scores); o.Result != want[0] || o.Grade != want[1] || o.Total != total {
			t.Errorf("TT 22, %d tenths: %+v, want %v", total, o, want)
		}
	}

	lv := mustSet(t, `{"model": "unit", "version": "L", "status": "partial",
	 "criteria": [{"code": "c1", "label": "Một", "level": 1}, {"code": "c2", "label": "Hai"}, {"code": "c3", "label": "Ba", "level": 2}],
	 "rule": {"kind": "levels", "levels": [{"code": "muc_do_1", "label": "Mức độ 1"}, {"code": "muc_do_2", "label": "Mức độ 2"}]}}`)
	for _, tc := range []struct {
		met         []int
		result, lvl string
	}{
		{[]int{10, 10, 10}, "dat", "muc_do_2"},
		{[]int{10, 10, 0}, "dat", "muc_do_1"},
		{[]int{10, 0, 10}, "chua_dat", ""}, // a level-1 criterion (no level given) not met
		{[]int{0, 10, 10}, "chua_dat", ""},
		{[]int{0, 0, 0}, "chua_dat", ""},
	} {
		if o := lv.Outcome(tc.met); o.Result != tc.result || o.Grade != tc.lvl {
			t.Errorf("levels %v: %+v, want %s %s", tc.met, o, tc.result, tc.lvl)
		}
	}
	if err := lv.CheckScores([]int{10, 5, 0}); !errors.Is(err, ErrScoreMet) {
		t.Errorf("half met: %v", err)
	}
	manual := Shipped().sets["family/HKHVN-448-2015"]
	if o := manual.Outcome([]int{100, 100, 100, 100}); o.Result != "" || o.Total != 400 || manual.Decides() {
		t.Errorf("a manual set decides: %+v", o)
	}
}

// spread gives a set's criteria scores that add up to total, each within
// its maximum.
func spread(s *CriteriaSet, total int) []int {
	out := make([]int, len(s.Criteria))
	for n, c := range s.Criteria {
		out[n] = min(int(c.Max), total)
		total -= out[n]
	}
	return out
}

func TestScoreCell(t *testing.T) {
	pts := mustSet(t, goodSet)
	got, err := pts.ParseScoreCell("a1 = 10; A2: 7,5")
	if err != nil || len(got) != 2 || got[0] != 100 || got[1] != 75 {
		t.Fatalf("%v %v", got, err)
	}
	for _, st := range []Style{FileStyle, PeopleStyle("vi")} {
		back, err := pts.ParseScoreCell(pts.FormatScoreCell(got, st))
		if err != nil || back[0] != 100 || back[1] != 75 {
			t.Errorf("%+v: %q reads %v %v", st, pts.FormatScoreCell(got, st), back, err)
		}
	}
	for cell, want := range map[string]error{"a1=10": ErrScoreMissing, "a1=10; a1=9; a2=1": ErrScoreTwice,
		"a1=10; b=1; a2=1": ErrScoreCode, "a1=11; a2=1": ErrScoreMax, "a1=ten; a2=1": ErrScore, "a1 10": ErrScoreCode} {
		if _, err := pts.ParseScoreCell(cell); !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", cell, err, want)
		}
	}
	if s, err := pts.ParseScoreCell(" ; "); s != nil || err != nil {
		t.Errorf("an empty cell: %v %v", s, err)
	}
}

func TestCatalog(t *testing.T) {
	c := Shipped()
	s := mustSet(t, goodSet)
	if err := c.Add(s); err != nil {
		t.Fatal(err)
	}
	if err := c.Add(mustSet(t, goodSet)); err != nil {
		t.Errorf("the same set twice: %v", err)
	}
	other := mustSet(t, strings.Replace(goodSet, `"total_min": 12`, `"total_min": 13`, 1))
	if err := c.Add(other); !errors.Is(err, ErrSetTaken) {
		t.Errorf("another set under the same version: %v", err)
	}
	if err := c.Use("family", "T-2"); !errors.Is(err, ErrSetUnknown) {
		t.Errorf("use of an unknown version: %v", err)
	}
	if err := c.Use("family", "T-1"); err != nil || c.Current("family") != s {
		t.Errorf("in use: %v %v", err, c.Current("family").Key())
	}
	if Shipped().Current("family") == s {
		t.Error("Shipped returned a shared catalog")
	}
	if IsShipped(s) || !IsShipped(Shipped().Current("citizen")) {
		t.Error("IsShipped")
	}
}
