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
	a := Award{
		Person:        p.person(),
		School:        p.text("school", 200),
		Grade:         p.text("grade", 30),
		SchoolYear:    p.text("school_year", 20),
		Guardian:      p.text("guardian", 120),
		AwardType:     p.required("award_type", 120),
		Achievement:   p.text("achievement", 300),
		AmountVND:     p.vnd("amount_vnd"),
		InKindVND:     p.vnd("in_kind_vnd"),
		FundingSource: p.text("funding_source", 120),
		Sponsor:       p.text("sponsor", 200),
		DecisionNo:    p.text("decision_no", 60),
		DecisionDate:  p.date("decision_date"),
		DecidingLevel: p.text("deciding_level", 60),
		AwardedOn:     p.date("awarded_on"),
		Consent:       p.enum("consent", Consents),
	}
	a.Person.validate(&p.es)
	return a, p.es.err()
}
