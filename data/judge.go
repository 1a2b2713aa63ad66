package data

import "errors"

// verdictOf is what a row says about one assessment's outcome: the set it
// names, its scores, the result and grade it gives, whether it names a
// step, and where its scores are written (for the errors).
type verdictOf struct {
	model, version string
	scores         []int
	given          string // the result the row gives, or ""
	grade          string // the grade the row gives, or ""
	stepGiven      bool
	scoreCol       func(n int) string // the file column of the nth score
}

// judge applies the criteria set a row names to its scores, recording
// every fault, and returns the result and grade to store:
//
//   - a set that decides computes them from the scores; a result given
//     that contradicts them is an error;
//   - otherwise (no scores, a result-only or manual set) the result is as
//     given, required unless the row names a step;
//   - scores against a set not installed here are kept with the result
//     given (the result never changes without its set); without a result
//     the row is refused, naming the set.
func (p *parser) judge(v verdictOf, cat *Catalog) (result, grade string) {
	if cat == nil {
		cat = Shipped()
	}
	set, err := cat.Get(v.model, v.version)
	if err != nil {
		if len(v.scores) > 0 && v.given == "" {
			p.es.add("criteria", v.version, ErrSetUnknown)
		}
		return v.given, v.grade
	}
	if n, err := set.checkScores(v.scores); err != nil {
		p.es.add(v.scoreCol(n), p.in.get(v.scoreCol(n)), err)
		return v.given, v.grade
	}
	if len(v.scores) > 0 && set.Decides() {
		o := set.Outcome(v.scores)
		if v.given != "" && v.given != o.Result {
			p.es.add("result", p.in.get("result"), ErrResultMismatch)
		}
		if v.grade != "" && v.grade != o.Grade {
			p.es.add("rating", p.in.get("rating"), ErrResultMismatch)
		}
		return o.Result, o.Grade
	}
	if v.given == "" && !v.stepGiven {
		p.es.add("result", "", ErrRequired)
	}
	if v.grade != "" && !set.hasGrade(v.grade) {
		p.es.add("rating", p.in.get("rating"), &FieldError{Err: ErrEnum, Want: set.gradeCodes()})
	}
	return v.given, v.grade
}

// checkScores is CheckScores with the index of the score at fault.
func (s *CriteriaSet) checkScores(scores []int) (int, error) {
	err := s.CheckScores(scores)
	var fe *FieldError
	if errors.As(err, &fe) {
		return max(s.index(fe.Field), 0), fe.Err
	}
	return 0, err
}

// GradeCode returns the code of a grade given by its code or its label
// ("Tốt", "Mức độ 1"); anything else is returned as it is.
func (s *CriteriaSet) GradeCode(v string) string {
	k := enumKey(v)
	for _, b := range s.Rule.Bands {
		if k == enumKey(b.Code) || k == enumKey(b.Label) {
			return b.Code
		}
	}
	for _, l := range s.Rule.Levels {
		if k == enumKey(l.Code) || k == enumKey(l.Label) {
			return l.Code
		}
	}
	return v
}

func (s *CriteriaSet) hasGrade(code string) bool {
	for _, b := range s.Rule.Bands {
		if b.Code == code {
			return true
		}
	}
	for _, l := range s.Rule.Levels {
		if l.Code == code {
			return true
		}
	}
	return false
}

func (s *CriteriaSet) gradeCodes() string {
	out := ""
	add := func(c string) {
		if out != "" {
			out += "|"
		}
		out += c
	}
	for _, b := range s.Rule.Bands {
		add(b.Code)
	}
	for _, l := range s.Rule.Levels {
		add(l.Code)
	}
	return out
}

// setVersion checks a criteria cell: a version as sets name them.
func setVersion(s string) (string, error) {
	if !codeLike(s, 40) {
		return "", ErrSetVersion
	}
	return s, nil
}
