package data

// Award is an award or scholarship (khen thưởng, học bổng) given to a
// recipient, usually a pupil and so a minor whose data needs the legal
// representative's consent (Law 91/2025/QH15).
type Award struct {
	ID            string
	Unit          string
	Person        // the recipient; only name, gender, birth date and village are used
	School        string
	Grade         string // lớp
	SchoolYear    string // năm học, e.g. "2025-2026"
	Guardian      string
	AwardType     string // a code of AwardTypes or free text
	Achievement   string
	AmountVND     int64
	InKindVND     int64
	FundingSource string
	Sponsor       string
	DecisionNo    string
	DecisionDate  Date
	DecidingLevel string
	AwardedOn     Date
	Consent       string // "co", "khong" or "" (not recorded)
	FundID        string // the ledger line that paid it, if any
	RecipientKind string // a code of RecipientKinds or free text: pupil, student, teacher …
	Campaign      string // the named campaign or scholarship, a code of Campaigns or free text
}

// Year is the year an award counts in reports: the year it was given, else
// the year of its decision, else the year a school year "2025-2026" ends in.
func (a Award) Year() int {
	switch {
	case !a.AwardedOn.IsZero():
		return a.AwardedOn.Y
	case !a.DecisionDate.IsZero():
		return a.DecisionDate.Y
	}
	return schoolYearEnd(a.SchoolYear)
}

func schoolYearEnd(s string) int {
	if len(s) < 4 {
		return 0
	}
	y, err := ParseYear(s[len(s)-4:])
	if err != nil {
		return 0
	}
	return y
}

// ParseAward turns one award row into a typed record.
func ParseAward(in Input) (Award, error) {
	p := &parser{in: in}
	var a Award
	p.name(&a.Person)
	Awards.read(&a, p)
	a.Person.validate(&p.es)
	return a, p.es.err()
}

// FormatAward writes an award as the cells of a file row or a form: the
// inverse of ParseAward.
func FormatAward(a Award, st Style) Input {
	in := Input{"full_name": a.FullName()}
	Awards.write(&a, st, in)
	return in
}
