package data

// The tables of the record kinds, in the order bundles carry them (parents
// before children). Each field is declared once: its stored column, its
// cell in files and forms, its rules and its reach.

func key[T any](id, unit func(*T) *string) func(*T) (*string, *string) {
	return func(x *T) (*string, *string) { return id(x), unit(x) }
}

// Villages is the table of villages (thôn, tổ dân phố).
var Villages = NewTable("village", key(func(v *Village) *string { return &v.ID }, func(v *Village) *string { return &v.Unit }),
	Text("name", 120, func(v *Village) *string { return &v.Name }, Required()),
	Text("note", 500, func(v *Village) *string { return &v.Note }),
)

// Profiles is the table of the commune's yearly profile.
var Profiles = NewTable("profile", key(func(p *Profile) *string { return &p.ID }, func(p *Profile) *string { return &p.Unit }),
	Year("year", func(p *Profile) *int { return &p.Year }, Required()),
	Count("adults", func(p *Profile) *int64 { return &p.Adults }),
)

// Citizens is the table of the learning-citizen register. Họ đệm and tên
// are written together as full_name (ParseCitizen, FormatCitizen).
var Citizens = NewTable("citizen", key(func(c *Citizen) *string { return &c.ID }, func(c *Citizen) *string { return &c.Unit }),
	Text("ho_dem", 120, func(c *Citizen) *string { return &c.HoDem }, File(""), Identifying()),
	Text("ten", 120, func(c *Citizen) *string { return &c.Ten }, File(""), Required(), Identifying()),
	Text("gender", 0, func(c *Citizen) *string { return &c.Gender }, Of(&Genders)),
	Year("birth_year", func(c *Citizen) *int { return &c.BirthYear }),
	Day("birth_date", func(c *Citizen) *Date { return &c.BirthDate }, Reaching(OneUp), Identifying()),
	Text("id_number", 0, func(c *Citizen) *string { return &c.IDNumber }, Normalize(cccd), Form(cccdForm), Reaching(OneUp), Identifying()),
	Text("phone", 0, func(c *Citizen) *string { return &c.Phone }, Normalize(phone), Reaching(OneUp), Identifying()),
	// Ethnic origin is sensitive data (Law 91/2025) and no report uses it.
	Text("ethnicity", 60, func(c *Citizen) *string { return &c.Ethnicity }, Reaching(Home), Identifying()),
	Text("village", 120, func(c *Citizen) *string { return &c.Village }, Identifying()),
	Text("grp", 120, func(c *Citizen) *string { return &c.Group }, File("group"), Suggest(SubjectGroups)),
	Text("note", 500, func(c *Citizen) *string { return &c.Note }, Reaching(OneUp), Identifying()),
).About(About{Person: true})

// Assessments is the table of citizens' yearly assessments. The scores
// are written as i1…i10, the result and the workflow step by ParseCitizen
// and FormatCitizen, which apply their rules.
var Assessments = NewTable("assessment", key(func(a *Assessment) *string { return &a.ID }, func(a *Assessment) *string { return &a.Unit }),
	Ref("citizen_id", func(a *Assessment) *string { return &a.CitizenID }, File("")),
	Year("year", func(a *Assessment) *int { return &a.Year }),
	ScoreList("scores", func(a *Assessment) *[]int { return &a.Scores }),
	Text("result", 0, func(a *Assessment) *string { return &a.Result }, Of(&Results), File("")),
	Text("status", 0, func(a *Assessment) *string { return &a.Status }, Of(&AssessmentStatuses), File("")),
	Text("decision_no", 60, func(a *Assessment) *string { return &a.DecisionNo }),
	Day("decision_date", func(a *Assessment) *Date { return &a.DecisionDate }),
	Text("criteria", 40, func(a *Assessment) *string { return &a.Criteria }, Normalize(setVersion),
		Label("field criteria")),
).About(About{Through: "citizen_id"})

// Centres is the table of community learning centres.
var Centres = NewTable("centre", key(func(c *Centre) *string { return &c.ID }, func(c *Centre) *string { return &c.Unit }),
	Text("name", 200, func(c *Centre) *string { return &c.Name }, Required()),
	Text("decision_no", 60, func(c *Centre) *string { return &c.DecisionNo }),
	Day("established_on", func(c *Centre) *Date { return &c.EstablishedOn }),
	Text("status", 0, func(c *Centre) *string { return &c.Status }, Of(&CentreStatuses)),
	Ref("merged_into", func(c *Centre) *string { return &c.MergedInto }),
	Text("director", 120, func(c *Centre) *string { return &c.Director }),
	Text("deputies", 300, func(c *Centre) *string { return &c.Deputies }),
)

// CentreYears is the table of centres' yearly activity. Its status is
// written as year_status: a centre merged in 2026 was active in 2025.
// Its classes and learner-times per programme follow (programmeFields).
var CentreYears = NewTable("centre_year", key(func(y *CentreYear) *string { return &y.ID }, func(y *CentreYear) *string { return &y.Unit }), append([]Field[CentreYear]{
	Ref("centre_id", func(y *CentreYear) *string { return &y.CentreID }, File("")),
	Year("year", func(y *CentreYear) *int { return &y.Year }),
	Count("classes", func(y *CentreYear) *int64 { return &y.Classes }),
	Count("learner_times", func(y *CentreYear) *int64 { return &y.LearnerTimes }),
	Money("budget_vnd", func(y *CentreYear) *int64 { return &y.BudgetVND }),
	Money("social_vnd", func(y *CentreYear) *int64 { return &y.SocialVND }),
	Text("rating", 0, func(y *CentreYear) *string { return &y.Rating }, Of(&Ratings)),
	Text("status", 0, func(y *CentreYear) *string { return &y.Status }, Of(&CentreStatuses), File("year_status")),
}, programmeFields()...)...)

// Awards is the table of award and scholarship recipients.
var Awards = NewTable("award", key(func(a *Award) *string { return &a.ID }, func(a *Award) *string { return &a.Unit }),
	Text("ho_dem", 120, func(a *Award) *string { return &a.HoDem }, File(""), Identifying()),
	Text("ten", 120, func(a *Award) *string { return &a.Ten }, File(""), Required(), Identifying()),
	Text("gender", 0, func(a *Award) *string { return &a.Gender }, Of(&Genders)),
	Day("birth_date", func(a *Award) *Date { return &a.BirthDate }, Reaching(OneUp), Identifying()),
	Text("village", 120, func(a *Award) *string { return &a.Village }, Identifying()),
	Text("school", 200, func(a *Award) *string { return &a.School }, Identifying()),
	Text("grade", 30, func(a *Award) *string { return &a.Grade }, Identifying()),
	Text("school_year", 20, func(a *Award) *string { return &a.SchoolYear }),
	Text("guardian", 120, func(a *Award) *string { return &a.Guardian }, Reaching(OneUp), Identifying()),
	Text("award_type", 120, func(a *Award) *string { return &a.AwardType }, Required(), Suggest(AwardTypes)),
	Text("achievement", 300, func(a *Award) *string { return &a.Achievement }, Identifying()),
	Money("amount_vnd", func(a *Award) *int64 { return &a.AmountVND }),
	Money("in_kind_vnd", func(a *Award) *int64 { return &a.InKindVND }),
	Text("funding_source", 120, func(a *Award) *string { return &a.FundingSource }),
	Text("sponsor", 200, func(a *Award) *string { return &a.Sponsor }),
	Text("decision_no", 60, func(a *Award) *string { return &a.DecisionNo }),
	Day("decision_date", func(a *Award) *Date { return &a.DecisionDate }),
	Text("deciding_level", 60, func(a *Award) *string { return &a.DecidingLevel }),
	Day("awarded_on", func(a *Award) *Date { return &a.AwardedOn }),
	// The guardian's yes or no of versions before the consent records
	// (consent.go): still imported, read as the guardian's answer.
	Text("consent", 0, func(a *Award) *string { return &a.Consent }, Of(&Consents)),
	Ref("fund_id", func(a *Award) *string { return &a.FundID }),
	Text("recipient_kind", 60, func(a *Award) *string { return &a.RecipientKind }, Suggest(RecipientKinds)),
	Text("campaign", 200, func(a *Award) *string { return &a.Campaign }, Suggest(Campaigns)),
).OnLoad(func(a *Award) { a.BirthYear = a.BirthDate.Y }).
	About(About{Person: true, Minor: true, Required: true, Legacy: "consent"})

// Funds is the table of the fund's ledger lines.
var Funds = NewTable("fund", key(func(f *FundLine) *string { return &f.ID }, func(f *FundLine) *string { return &f.Unit }),
	Day("date", func(f *FundLine) *Date { return &f.Date }, Required()),
	Text("direction", 0, func(f *FundLine) *string { return &f.Direction }, Of(&Directions), Required()),
	Text("source", 120, func(f *FundLine) *string { return &f.Source }, Suggest(FundSources)),
	Money("amount_vnd", func(f *FundLine) *int64 { return &f.AmountVND }),
	Money("in_kind_vnd", func(f *FundLine) *int64 { return &f.InKindVND }),
	Text("voucher_no", 60, func(f *FundLine) *string { return &f.VoucherNo }),
	Text("note", 500, func(f *FundLine) *string { return &f.Note }),
	Text("holder", 60, func(f *FundLine) *string { return &f.Holder }, Suggest(FundHolders)),
)

// ConsentRecords is the table of consent decisions (consent.go): one record
// per decision, so that the history stays. A consent goes wherever its
// person's record goes; who gave it (a guardian's name) and how are
// identifying.
var ConsentRecords = NewTable("consent", key(func(c *Consent) *string { return &c.ID }, func(c *Consent) *string { return &c.Unit }),
	Ref("subject", func(c *Consent) *string { return &c.Subject }, File(""), Required()),
	Text("subject_kind", 0, func(c *Consent) *string { return &c.SubjectKind }, Of(&ConsentSubjects), File(""), Required()),
	Text("given_by", 0, func(c *Consent) *string { return &c.GivenBy }, Of(&ConsentParties), Required()),
	Text("by_name", 120, func(c *Consent) *string { return &c.Name }, Reaching(OneUp), Identifying()),
	Day("given_on", func(c *Consent) *Date { return &c.GivenOn }),
	Text("keep", 0, func(c *Consent) *string { return &c.Keep }, Of(&Consents)),
	Text("upward", 0, func(c *Consent) *string { return &c.Upward }, Of(&Consents)),
	Text("publish", 0, func(c *Consent) *string { return &c.Publish }, Of(&Consents)),
	Day("withdrawn_on", func(c *Consent) *Date { return &c.WithdrawnOn }),
	Text("note", 300, func(c *Consent) *string { return &c.Note }, Reaching(OneUp), Identifying()),
).About(About{Through: "subject"})

// Kind is what every table tells about itself without its Go type: what
// stores, bundles and the conflict screen need.
type Kind interface {
	KindName() string
	Cols() []Col
	Subject() *About // whose personal data its records are; nil for none
}

// KindName returns the kind's name.
func (t *Table[T]) KindName() string { return t.Name }

// AllKinds lists every table in bundle order.
var AllKinds = []Kind{Villages, Profiles, Citizens, Assessments, Centres, CentreYears, Awards, Funds, ConsentRecords,
	Families, Clans, Communities, LearningUnits, ModelYears, Members, Branches, MemberCounts, Activities}

// ColOf returns the column of kind named name, or nil.
func ColOf(kind, name string) *Col {
	for _, k := range AllKinds {
		if k.KindName() != kind {
			continue
		}
		for n, c := range k.Cols() {
			if c.Name == name {
				return &k.Cols()[n]
			}
		}
	}
	return nil
}

func cccd(s string) (string, error) { return NormalizeCCCD(s), nil }

func phone(s string) (string, error) { return NormalizePhone(s) }

func cccdForm(s string) error { return CheckCCCD(s, "", 0) }
