package data

// Centre is a community learning centre (Trung tâm học tập cộng đồng,
// TTHTCĐ), established by a decision of the commune.
type Centre struct {
	ID            string
	Unit          string
	Name          string
	DecisionNo    string
	EstablishedOn Date
	Status        string // a code of CentreStatuses
	MergedInto    string // id of the centre it merged into, when Status is sap_nhap
	Director      string
	Deputies      string
}

// CentreYear is a centre's activity in one year: classes and learner-times,
// funding, the yearly rating, and the centre's status that year.
type CentreYear struct {
	ID           string
	CentreID     string
	Unit         string
	Year         int
	Classes      int64
	LearnerTimes int64 // lượt người học
	BudgetVND    int64 // state budget
	SocialVND    int64 // socialised funding
	Rating       string
	Status       string
	ByProgramme  [NumProgrammes]ClassCount // classes and learner-times per programme, in the order of Programmes
}

// CentreEntry is one row of a centre file: the centre and, when the row has
// a year, that year's activity.
type CentreEntry struct {
	Centre Centre
	Year   *CentreYear
}

// yearCells are the cells that belong to a centre's year.
var yearCells = append([]string{"classes", "learner_times", "budget_vnd", "social_vnd", "rating", "year_status"},
	ProgrammeColumns()...)

// ParseCentre turns one centre row into typed records. A centre without a
// status is active (hoạt động); a year without its own status has the
// centre's; a year's classes and learner-times are at least the sums of
// its programmes' (an empty total takes the sum).
func ParseCentre(in Input) (CentreEntry, error) {
	p := &parser{in: in}
	var c Centre
	Centres.read(&c, p)
	if c.Status == "" {
		c.Status = "hoat_dong"
	}
	var y CentreYear
	CentreYears.read(&y, p)
	y.checkProgrammes(p)
	e := CentreEntry{Centre: c}
	switch {
	case y.Year != 0:
		if y.Status == "" {
			y.Status = c.Status
		}
		e.Year = &y
	case p.in.get("year") == "" && p.any(yearCells...):
		p.es.add("year", "", ErrRequired)
	}
	return e, p.es.err()
}

// FormatCentre writes a centre and a year (nil for none) as the cells of a
// file row or a form: the inverse of ParseCentre.
func FormatCentre(e CentreEntry, st Style) Input {
	in := Input{}
	Centres.write(&e.Centre, st, in)
	if e.Year != nil {
		CentreYears.write(e.Year, st, in)
	}
	return in
}
