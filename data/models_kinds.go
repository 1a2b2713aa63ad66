package data

import "sokhuyenhoc/data/text"

// The tables of the four learning models, their yearly assessments and
// their members. What travels above the district (Reach, docs/exchange.md,
// docs/privacy.md §2): counts, villages, names of clans and bodies,
// results and decisions, and the member links the programme's Công dân
// học tập share is counted over; the names of heads of household, clan
// heads and heads of bodies, and notes, stay with the commune and the
// level above it. A family is about its head of household, a person of the
// consent rules (About): the head's name and the family's note reach the
// district only with the head's consent to sending upward. Its village,
// counts and clan are figures (the bases and the programme's shares are
// counted over them at every level), not identifying.

// Registrations says whether a record registered (đăng ký) for the year.
var Registrations = Enum{"registered", []Option{{"co", "Có", "Yes"}, {"khong", "Không", "No"}}}

// ModelCodes are the four models (Models without the citizens).
var ModelCodes = Enum{"model", Models.Options[1:]}

// UnitTypes are the usual kinds of learning unit.
var UnitTypes = []Option{
	{"co_quan", "Cơ quan, tổ chức", "Agency, organisation"},
	{"truong_hoc", "Trường học", "School"},
	{"doanh_nghiep", "Doanh nghiệp, cơ sở sản xuất", "Enterprise, workshop"},
	{"tram_y_te", "Trạm y tế", "Health station"},
	{"luc_luong_vu_trang", "Lực lượng vũ trang", "Armed forces unit"},
	{"khac", "Khác", "Other"},
}

// Families is the table of the learning-family register. The head's họ
// đệm and tên are written together as head.
var Families = NewTable("family", key(func(f *Family) *string { return &f.ID }, func(f *Family) *string { return &f.Unit }),
	Text("ho_dem", 120, func(f *Family) *string { return &f.HoDem }, File(""), Reaching(OneUp), Identifying(), Label("field head")),
	Text("ten", 120, func(f *Family) *string { return &f.Ten }, File(""), Reaching(OneUp), Identifying(), Label("field head")),
	Text("village", 120, func(f *Family) *string { return &f.Village }),
	Count("members", func(f *Family) *int64 { return &f.Members }, Label("field household members")),
	Count("children", func(f *Family) *int64 { return &f.Children }),
	Count("adults", func(f *Family) *int64 { return &f.Adults }),
	Text("clan_id", 200, func(f *Family) *string { return &f.ClanID }, File("clan"), Label("field clan")),
	Text("note", 500, func(f *Family) *string { return &f.Note }, Reaching(OneUp), Identifying()),
).About(About{Person: true})

// Clans is the table of the learning-clan register.
var Clans = NewTable("clan", key(func(c *Clan) *string { return &c.ID }, func(c *Clan) *string { return &c.Unit }),
	Text("name", 200, func(c *Clan) *string { return &c.Name }, Required(), Label("field clan name")),
	Text("branch", 120, func(c *Clan) *string { return &c.Branch }),
	Text("head", 120, func(c *Clan) *string { return &c.Head }, Reaching(OneUp), Label("field clan head")),
	Text("villages", 500, func(c *Clan) *string { return &c.Villages }),
	Count("households", func(c *Clan) *int64 { return &c.Households }),
	Count("members", func(c *Clan) *int64 { return &c.Members }, Label("field clan members")),
	Text("note", 500, func(c *Clan) *string { return &c.Note }, Reaching(OneUp)),
)

// Communities is the table of the learning-community register.
var Communities = NewTable("community", key(func(c *Community) *string { return &c.ID }, func(c *Community) *string { return &c.Unit }),
	Text("village", 120, func(c *Community) *string { return &c.Village }, Required()),
	Count("households", func(c *Community) *int64 { return &c.Households }),
	Text("note", 500, func(c *Community) *string { return &c.Note }, Reaching(OneUp)),
)

// LearningUnits is the table of the learning-unit register.
var LearningUnits = NewTable("learning_unit", key(func(u *LearningUnit) *string { return &u.ID }, func(u *LearningUnit) *string { return &u.Unit }),
	Text("name", 200, func(u *LearningUnit) *string { return &u.Name }, Required(), Label("field unit name")),
	Text("type", 120, func(u *LearningUnit) *string { return &u.Type }, Suggest(UnitTypes), Label("field unit type")),
	Count("staff", func(u *LearningUnit) *int64 { return &u.Staff }),
	Text("head", 120, func(u *LearningUnit) *string { return &u.Head }, Reaching(OneUp), Label("field unit head")),
	Text("note", 500, func(u *LearningUnit) *string { return &u.Note }, Reaching(OneUp)),
)

// ModelYears is the table of the models' yearly assessments. The scores,
// result, grade and step are written by ParseModel and FormatModel, which
// judge them by the criteria set.
var ModelYears = NewTable("model_year", key(func(y *ModelYear) *string { return &y.ID }, func(y *ModelYear) *string { return &y.Unit }),
	Ref("record_id", func(y *ModelYear) *string { return &y.RecordID }, File("")),
	Text("model", 0, func(y *ModelYear) *string { return &y.Model }, Of(&ModelCodes), File("")),
	Year("year", func(y *ModelYear) *int { return &y.Year }),
	Text("registered", 0, func(y *ModelYear) *string { return &y.Registered }, Of(&Registrations)),
	Text("criteria", 40, func(y *ModelYear) *string { return &y.Criteria }, Normalize(setVersion)),
	ScoreList("scores", func(y *ModelYear) *[]int { return &y.Scores }, Form(setScores), Label("field scores")),
	Text("result", 0, func(y *ModelYear) *string { return &y.Result }, Of(&Results), File("")),
	Text("rating", 40, func(y *ModelYear) *string { return &y.Grade }, File(""), Label("field rating")),
	Text("status", 0, func(y *ModelYear) *string { return &y.Status }, Of(&AssessmentStatuses), File("")),
	Text("decision_no", 60, func(y *ModelYear) *string { return &y.DecisionNo }),
	Day("decision_date", func(y *ModelYear) *Date { return &y.DecisionDate }),
	Text("deciding_level", 60, func(y *ModelYear) *string { return &y.DecidingLevel }),
).About(About{Through: "record_id"}) // a family's years go, and are purged, with it

// Members is the table of the links between citizens and the families and
// learning units they belong to.
var Members = NewTable("member", key(func(m *Member) *string { return &m.ID }, func(m *Member) *string { return &m.Unit }),
	Ref("record_id", func(m *Member) *string { return &m.RecordID }, File(""), Label("field member of")),
	Ref("citizen_id", func(m *Member) *string { return &m.CitizenID }, File("citizens"), Label("field member citizen")),
).About(About{Through: "citizen_id"}) // that a citizen is in a household is the citizen's data

// The model registers' file columns, in docs/CONTRACT.md order.
var (
	yearColumns      = []string{"year", "registered", "criteria", "scores", "result", "rating", "status", "decision_no", "decision_date", "deciding_level"}
	FamilyColumns    = append([]string{"head", "village", "members", "children", "adults", "clan", "note"}, append(yearColumns, "citizens")...)
	ClanColumns      = append([]string{"name", "branch", "head", "villages", "households", "members", "note"}, yearColumns...)
	CommunityColumns = append([]string{"village", "households", "note"}, yearColumns...)
	UnitColumns      = append([]string{"name", "type", "staff", "head", "note"}, append(yearColumns, "citizens")...)
)

// The four model kinds.
var (
	FamilyKind = &ModelKind[Family]{Model: ModelFamily, Table: Families, Columns: FamilyColumns, Links: true,
		Name: func(f *Family) string { return f.Head() }, read: readFamily,
		write: func(f *Family, in Input) { in["head"] = f.Head() }}
	ClanKind = &ModelKind[Clan]{Model: ModelClan, Table: Clans, Columns: ClanColumns,
		Name: func(c *Clan) string { return text.JoinName(c.Name, c.Branch) }}
	CommunityKind = &ModelKind[Community]{Model: ModelCommunity, Table: Communities, Columns: CommunityColumns,
		Name: func(c *Community) string { return c.Village }}
	UnitKind = &ModelKind[LearningUnit]{Model: ModelUnit, Table: LearningUnits, Columns: UnitColumns, Links: true,
		Name: func(u *LearningUnit) string { return u.Name }}
)

// readFamily reads the head's name and checks the household's counts.
func readFamily(f *Family, p *parser) {
	f.HoDem, f.Ten = text.SplitName(p.in.get("head"))
	if f.Ten == "" {
		p.es.add("head", "", ErrRequired)
	}
	p.es.add("head", f.Head(), maxLen(f.Head(), 120))
	if f.Members > 0 && f.Adults+f.Children > f.Members {
		p.es.add("members", itoa(int(f.Members)), ErrCounts)
	}
}
