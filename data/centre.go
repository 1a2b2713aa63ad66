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
}

// CentreEntry is one row of a centre file: the centre and, when the row has
// a year, that year's activity.
type CentreEntry struct {
	Centre Centre
	Year   *CentreYear
}

// ParseCentre turns one centre row into typed records.
func ParseCentre(in Input) (CentreEntry, error) {
	p := &parser{in: in}
	c := Centre{
		Name:          p.required("name", 200),
		DecisionNo:    p.text("decision_no", 60),
		EstablishedOn: p.date("established_on"),
		Status:        p.enum("status", CentreStatuses),
		Director:      p.text("director", 120),
		Deputies:      p.text("deputies", 300),
	}
	if c.Status == "" {
		c.Status = "hoat_dong"
	}
	var y *CentreYear
	if year := p.year("year"); year != 0 {
		y = &CentreYear{Year: year, Classes: p.count("classes"),
			LearnerTimes: p.count("learner_times"), BudgetVND: p.vnd("budget_vnd"),
			SocialVND: p.vnd("social_vnd"), Rating: p.enum("rating", Ratings), Status: c.Status}
	} else {
		for _, col := range []string{"classes", "learner_times", "budget_vnd", "social_vnd", "rating"} {
			if p.in.get(col) != "" {
				p.es.add("year", "", ErrRequired)
				break
			}
		}
	}
	return CentreEntry{Centre: c, Year: y}, p.es.err()
}
