package data

import (
	"fmt"
	"strings"
)

// Citizen is an entry of the learning-citizen register (Công dân học tập,
// QĐ 677/QĐ-TTg): a person of the commune and the subject group they belong to.
type Citizen struct {
	ID   string
	Unit string
	Person
	Group string // nhóm đối tượng: a code of SubjectGroups or free text
	Note  string
}

// Indicators is the number of indicators (chỉ số) scored each year.
const Indicators = 10

// Assessment is a citizen's yearly assessment: the ten indicator scores (or
// none, for past years where only the result is known), the result, the
// recognition workflow, and the criteria set it was scored against.
type Assessment struct {
	ID           string
	CitizenID    string
	Unit         string
	Year         int
	Scores       []int  // len 0 or Indicators; tenths of a point, 0–100
	Result       string // "dat", "chua_dat" or "" (not assessed yet)
	Status       string // a code of AssessmentStatuses
	DecisionNo   string
	DecisionDate Date
	Criteria     string // the version of the citizens' criteria set; "" for LegacyCitizenSet
}

// Total returns the sum of the scores in tenths.
func (a Assessment) Total() int {
	t := 0
	for _, s := range a.Scores {
		t += s
	}
	return t
}

// CitizenEntry is one row of a citizen file: the person and, when the row
// has a year, that year's assessment.
type CitizenEntry struct {
	Citizen    Citizen
	Assessment *Assessment
}

// ScoreColumns are the file columns of the ten scores.
var ScoreColumns = []string{"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10"}

// assessmentCells are the cells that belong to a year's assessment.
var assessmentCells = append([]string{"result", "status", "decision_no", "decision_date", "criteria"}, ScoreColumns...)

// ParseCitizen turns one citizen row into typed records, applying every rule
// of the register. The scores are judged by the criteria set the row's
// criteria cell names, from cat (nil: the sets that ship); an empty cell
// names LegacyCitizenSet (a new assessment is given the set in use by
// whoever makes it: the import, the form). With the ten scores the result
// is computed and a contradicting result column is an error; without them
// the result is required whenever a year is given (unless the row names a
// step). The workflow step is the one the row names, or none: Parse never
// invents a step (see FileStep for rows read from a file).
func ParseCitizen(in Input, cat *Catalog) (CitizenEntry, error) {
	p := &parser{in: in}
	var c Citizen
	p.name(&c.Person)
	Citizens.read(&c, p)
	c.Person.validate(&p.es)
	var a Assessment
	Assessments.read(&a, p)
	e := CitizenEntry{Citizen: c}
	switch {
	case a.Year != 0:
		p.assess(&a, cat)
		if a.Criteria == LegacyCitizenSet {
			a.Criteria = "" // one value for one set: the one every older row records as ""
		}
		if c.BirthYear > a.Year {
			p.es.add("birth_year", itoa(c.BirthYear), ErrAfterYear)
		}
		e.Assessment = &a
	case p.in.get("year") == "" && p.any(assessmentCells...):
		p.es.add("year", "", ErrRequired)
	}
	return e, p.es.err()
}

func (p *parser) assess(a *Assessment, cat *Catalog) {
	a.Scores = p.scores()
	given := p.enum("result", Results)
	a.Status = p.enum("status", AssessmentStatuses)
	a.Result, _ = p.judge(verdictOf{model: ModelCitizen, version: a.Criteria, scores: a.Scores, given: given,
		stepGiven: a.Status != "", scoreCol: func(n int) string { return ScoreColumns[n] }}, cat)
	p.es.add("status", p.in.get("status"), a.CheckStep())
}

// FormatCitizen writes a citizen and an assessment (nil for none) as the
// cells of a file row or a form: the inverse of ParseCitizen, for every
// field.
func FormatCitizen(e CitizenEntry, st Style) Input {
	c := e.Citizen
	in := Input{"full_name": c.FullName()}
	Citizens.write(&c, st, in)
	if a := e.Assessment; a != nil {
		Assessments.write(a, st, in)
		in["result"] = colResult.text(a.Result, st)
		in["status"] = colStatus.text(a.Status, st)
		for n, s := range a.Scores {
			in[ScoreColumns[n]] = st.score(s)
		}
	}
	return in
}

var colResult, colStatus = ColOf("assessment", "result"), ColOf("assessment", "status")

// scores reads i1…i10; all or none. A score is 0–10 with at most one
// decimal (comma or dot), kept in tenths.
func (p *parser) scores() []int {
	var out []int
	missing := 0
	for _, col := range ScoreColumns {
		v := p.in.get(col)
		if v == "" {
			missing++
			continue
		}
		s, err := ParseScore(v)
		p.es.add(col, v, err)
		out = append(out, s)
	}
	if missing == Indicators {
		return nil
	}
	if missing != 0 {
		p.es.add("i1", "", ErrScoresPartial)
		return nil
	}
	return out
}

// ParseScore reads one indicator score, 0 to 10 with at most one decimal,
// and returns it in tenths.
func ParseScore(s string) (int, error) {
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if !allDigits(whole) || hasFrac && (len(frac) != 1 || !allDigits(frac)) || len(whole) > 2 {
		return 0, ErrScore
	}
	v := 0
	for _, c := range whole {
		v = v*10 + int(c-'0')
	}
	v *= 10
	if hasFrac {
		v += int(frac[0] - '0')
	}
	if v > 100 {
		return 0, ErrScore
	}
	return v, nil
}

// FormatScore writes a score in tenths as people write it: "8", "8,5".
func FormatScore(tenths int) string {
	if tenths%10 == 0 {
		return itoa(tenths / 10)
	}
	return fmt.Sprintf("%d,%d", tenths/10, tenths%10)
}
