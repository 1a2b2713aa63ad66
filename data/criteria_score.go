package data

import (
	"errors"
	"strings"
)

// Scoring against a criteria set: the scores of an assessment are kept
// in tenths, one per criterion of its set, in the set's order; a criterion
// of a levels rule is met (10) or not (0).

// Errors of scores given against a set.
var (
	ErrScoreCode    = errors.New("data: the criteria set has no criterion with this code")
	ErrScoreMax     = errors.New("data: score above the criterion's maximum")
	ErrScoreMet     = errors.New("data: a criterion is met (1, đạt) or not (0, chưa đạt)")
	ErrScoreTwice   = errors.New("data: criterion scored twice")
	ErrScoreMissing = errors.New("data: score every criterion of the set, or none")
	ErrScoreNone    = errors.New("data: the criteria set has no criteria to score (enter the result)")
)

// Outcome is what a set's rule makes of the scores.
type Outcome struct {
	Result string // dat, chua_dat, or "" when the rule leaves it to a person
	Grade  string // the band's or level's code, or ""
	Total  int    // tenths
}

// Decides reports whether the rule computes the result from the scores.
func (s *CriteriaSet) Decides() bool { return s.Rule.Kind != RuleResultOnly && !s.Rule.Manual }

// Outcome applies the rule to scores (CheckScores first). A rule that
// does not decide gives only the total.
func (s *CriteriaSet) Outcome(scores []int) Outcome {
	o := Outcome{}
	for _, x := range scores {
		o.Total += x
	}
	if !s.Decides() || len(scores) != len(s.Criteria) {
		return o
	}
	if s.Rule.Kind == RuleLevels {
		return s.levelOutcome(scores, o)
	}
	pass := o.Total >= int(s.Rule.TotalMin)
	groups := map[string]int{}
	for n, x := range scores {
		if x < int(s.Rule.EachMin) {
			pass = false
		}
		groups[s.Criteria[n].Group] += x
	}
	for _, g := range s.Groups {
		if groups[g.Code] < int(g.Min) {
			pass = false
		}
	}
	if len(s.Rule.Bands) > 0 {
		band := s.Rule.Bands[len(s.Rule.Bands)-1]
		for _, b := range s.Rule.Bands {
			if o.Total >= int(b.Min) {
				band = b
				break
			}
		}
		o.Grade = band.Code
		pass = pass && band.Pass && o.Total >= int(band.Min)
	}
	o.Result = resultOf(pass)
	return o
}

// levelOutcome is the highest level whose criteria, and those of every
// level below it, are all met.
func (s *CriteriaSet) levelOutcome(scores []int, o Outcome) Outcome {
	reached := len(s.Rule.Levels)
	for n, x := range scores {
		if x == 0 {
			reached = min(reached, max(s.Criteria[n].Level, 1)-1)
		}
	}
	o.Result = resultOf(reached >= 1)
	if reached >= 1 {
		o.Grade = s.Rule.Levels[reached-1].Code
	}
	return o
}

func resultOf(pass bool) string {
	if pass {
		return "dat"
	}
	return "chua_dat"
}

// CheckScores refuses scores that do not fit the set: one per criterion,
// each within its maximum (points) or met or not (levels).
func (s *CriteriaSet) CheckScores(scores []int) error {
	if len(scores) == 0 {
		return nil
	}
	if len(s.Criteria) == 0 {
		return ErrScoreNone
	}
	if len(scores) != len(s.Criteria) {
		return ErrScoreMissing
	}
	for n, x := range scores {
		switch {
		case s.Rule.Kind == RuleLevels && x != 0 && x != 10:
			return &FieldError{Field: s.Criteria[n].Code, Err: ErrScoreMet}
		case s.Rule.Kind != RuleLevels && (x < 0 || x > int(s.Criteria[n].Max)):
			return &FieldError{Field: s.Criteria[n].Code, Value: FormatScore(x), Err: ErrScoreMax}
		}
	}
	return nil
}

// GradeLabel names a grade code of the set in lang ("Tốt", "Mức độ 1").
func (s *CriteriaSet) GradeLabel(code string) string {
	for _, b := range s.Rule.Bands {
		if b.Code == code {
			return b.Label
		}
	}
	for _, l := range s.Rule.Levels {
		if l.Code == code {
			return l.Label
		}
	}
	return code
}

// ParseScoreCell reads the scores of a model's assessment from one cell:
// "GD1.1=10; GD1.2=8,5" (the criteria's codes, "=" or ":", items apart
// by ";" or new lines; a levels criterion is 1 or 0, đạt or chưa đạt).
// Every criterion of the set, or none.
func (s *CriteriaSet) ParseScoreCell(cell string) ([]int, error) {
	items := strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' })
	given := map[string]int{}
	for _, it := range items {
		code, v, ok := strings.Cut(it, "=")
		if !ok {
			code, v, ok = strings.Cut(it, ":")
		}
		code, v = strings.TrimSpace(code), strings.TrimSpace(v)
		if code == "" && v == "" {
			continue
		}
		n := s.index(code)
		if !ok || n < 0 {
			return nil, &FieldError{Value: strings.TrimSpace(it), Err: ErrScoreCode}
		}
		code = s.Criteria[n].Code
		if has(given, code) {
			return nil, &FieldError{Value: code, Err: ErrScoreTwice}
		}
		x, err := s.parseScore(n, v)
		if err != nil {
			return nil, &FieldError{Value: strings.TrimSpace(it), Err: err}
		}
		given[code] = x
	}
	if len(given) == 0 {
		return nil, nil
	}
	out := make([]int, len(s.Criteria))
	for n, c := range s.Criteria {
		x, ok := given[c.Code]
		if !ok {
			return nil, &FieldError{Value: c.Code, Err: ErrScoreMissing}
		}
		out[n] = x
	}
	return out, nil
}

func has(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func (s *CriteriaSet) index(code string) int {
	for n, c := range s.Criteria {
		if strings.EqualFold(c.Code, code) {
			return n
		}
	}
	return -1
}

// parseScore reads one criterion's value in tenths.
func (s *CriteriaSet) parseScore(n int, v string) (int, error) {
	if s.Rule.Kind == RuleLevels {
		switch enumKey(v) {
		case "1", "x", "co", "yes", "met":
			return 10, nil
		case "0", "khong", "khongdat", "no":
			return 0, nil
		}
		switch r, _ := Results.Parse(v); r {
		case "dat":
			return 10, nil
		case "chua_dat":
			return 0, nil
		}
		return 0, ErrScoreMet
	}
	x, err := parsePoints(v)
	if err != nil {
		return 0, err
	}
	if x > int(s.Criteria[n].Max) {
		return 0, ErrScoreMax
	}
	return x, nil
}

// parsePoints reads a number of points with at most one decimal (comma
// or dot) in tenths.
func parsePoints(v string) (int, error) {
	v = strings.Replace(strings.TrimSpace(v), ",", ".", 1)
	whole, frac, dec := strings.Cut(v, ".")
	if !allDigits(whole) || len(whole) > 4 || dec && (len(frac) != 1 || !allDigits(frac)) {
		return 0, ErrScore
	}
	x := 0
	for _, c := range whole + frac {
		x = x*10 + int(c-'0')
	}
	if !dec {
		x *= 10
	}
	return x, nil
}

// FormatScoreCell writes scores as ParseScoreCell reads them: for a file
// "GD1.1=10; GD1.2=8.5", for people "GD1.1: 10; GD1.2: 8,5" (a levels
// criterion 1 or 0, for people Đạt or Chưa đạt).
func (s *CriteriaSet) FormatScoreCell(scores []int, st Style) string {
	if len(scores) != len(s.Criteria) {
		return EncodeScores(scores) // scores that do not fit the set are written as stored
	}
	parts := make([]string, len(scores))
	sep := "="
	if st.People {
		sep = ": "
	}
	for n, x := range scores {
		v := st.score(x)
		if s.Rule.Kind == RuleLevels {
			v = map[bool]string{true: "1", false: "0"}[x > 0]
			if st.People {
				v = Results.Label(resultOf(x > 0), st.Lang)
			}
		}
		parts[n] = s.Criteria[n].Code + sep + v
	}
	return strings.Join(parts, "; ")
}
