package data

import (
	"errors"
	"fmt"
)

// The tables and lists of the association's own records
// (association.go), the award's kind of recipient and campaign, the fund
// line's holder, and a centre's classes per programme.

// Rules of the association's records.
var (
	ErrDissolvedBefore = errors.New("data: dissolved before it was established")
	ErrMembersAdmitted = errors.New("data: more admitted than the members at the end and those who left")
	ErrProgrammeSum    = errors.New("data: less than the programmes' sum")
)

// Branches is the table of the association's branches.
var Branches = NewTable("branch", key(func(b *Branch) *string { return &b.ID }, func(b *Branch) *string { return &b.Unit }),
	Text("name", 200, func(b *Branch) *string { return &b.Name }, Required()),
	Text("form", 0, func(b *Branch) *string { return &b.Form }, Of(&BranchForms)),
	Text("branch_type", 120, func(b *Branch) *string { return &b.Type }, Suggest(BranchTypes)),
	Day("established_on", func(b *Branch) *Date { return &b.EstablishedOn }),
	Day("dissolved_on", func(b *Branch) *Date { return &b.DissolvedOn }),
	// The chair's name is a person's, held for the district to reach the
	// branch; no report counts it, so it goes no further up.
	Text("chair", 120, func(b *Branch) *string { return &b.Chair }, Reaching(OneUp)),
	Text("note", 500, func(b *Branch) *string { return &b.Note }),
)

// MemberCounts is the table of branches' members per period. Its
// period is a half-year or a year, in its text form ("2026-H1").
var MemberCounts = NewTable("member_count", key(func(m *MemberCount) *string { return &m.ID }, func(m *MemberCount) *string { return &m.Unit }),
	Ref("branch_id", func(m *MemberCount) *string { return &m.BranchID }, File("")),
	Text("period", 20, func(m *MemberCount) *string { return &m.Period }, Normalize(memberPeriod)),
	Count("total", func(m *MemberCount) *int64 { return &m.Total }, File("members"), Label("field branch members")),
	Count("admitted", func(m *MemberCount) *int64 { return &m.Admitted }),
	Count("departed", func(m *MemberCount) *int64 { return &m.Left }, File("left")),
)

// Activities is the table of the association's log.
var Activities = NewTable("activity", key(func(a *Activity) *string { return &a.ID }, func(a *Activity) *string { return &a.Unit }),
	Text("kind", 0, func(a *Activity) *string { return &a.Kind }, Of(&ActivityKinds), Required()),
	Day("date", func(a *Activity) *Date { return &a.Date }, Required()),
	Text("title", 300, func(a *Activity) *string { return &a.Title }),
	Count("participants", func(a *Activity) *int64 { return &a.Participants }),
	Text("publicity_kind", 120, func(a *Activity) *string { return &a.PublicityKind }, Suggest(PublicityKinds)),
	Count("times", func(a *Activity) *int64 { return &a.Times }),
	Text("document_no", 60, func(a *Activity) *string { return &a.DocumentNo }),
	Text("note", 500, func(a *Activity) *string { return &a.Note }),
)

// Columns of the association's files, in docs/CONTRACT.md order.
var (
	BranchColumns = []string{"name", "form", "branch_type", "established_on", "dissolved_on", "chair", "note",
		"period", "members", "admitted", "left"}
	ActivityColumns = []string{"kind", "date", "title", "participants", "publicity_kind", "times",
		"document_no", "note"}
)

// The closed lists of the association's records.
var (
	BranchForms = Enum{"form", []Option{
		{"chi_hoi", "Chi hội khuyến học", "Branch (chi hội)"},
		{"ban_khuyen_hoc", "Ban khuyến học", "Learning-promotion board"}}}
	ActivityKinds = Enum{"kind", []Option{
		{"tap_huan", "Tập huấn, bồi dưỡng", "Training course"},
		{"hoi_nghi", "Hội nghị, cuộc họp", "Meeting or conference"},
		{"tuyen_truyen", "Tuyên truyền", "Publicity"},
		{"van_ban", "Văn bản ban hành", "Document issued"}}}
)

// The usual values of the association's open lists.
var (
	BranchTypes = []Option{
		{"thon", "Thôn, tổ dân phố", "Village or residential group"},
		{"truong_hoc", "Trường học", "School"},
		{"co_quan", "Cơ quan", "Agency"},
		{"doanh_nghiep", "Doanh nghiệp", "Enterprise"},
		{"dong_ho", "Dòng họ", "Clan"},
		{"ton_giao", "Tôn giáo", "Religious community"},
		{"khac", "Khác", "Other"},
	}
	PublicityKinds = []Option{
		{"truyen_thanh", "Đài truyền thanh, loa", "Radio and loudspeakers"},
		{"bao_chi", "Báo, bản tin", "Newspapers and newsletters"},
		{"mang_xa_hoi", "Trang tin, mạng xã hội", "Websites and social media"},
		{"pano", "Pa nô, băng rôn, áp phích", "Banners and posters"},
		{"long_ghep", "Lồng ghép hội nghị, sinh hoạt", "At meetings and gatherings"},
		{"to_roi", "Tờ rơi, tài liệu", "Leaflets and handouts"},
		{"khac", "Khác", "Other"},
	}
	RecipientKinds = []Option{
		{"hoc_sinh", "Học sinh", "Pupil"},
		{"sinh_vien", "Sinh viên", "Student"},
		{"giao_vien", "Giáo viên", "Teacher"},
		{"nguoi_lon", "Người lớn học tập", "Adult learner"},
		{"gia_dinh", "Gia đình", "Family"},
		{"dong_ho", "Dòng họ", "Clan"},
		{"khac", "Khác", "Other"},
	}
	Campaigns = []Option{
		{"hoc_khong_bao_gio_cung", "Học không bao giờ cùng", "Learning never ends"},
	}
	FundHolders = []Option{
		{"hoi", "Hội khuyến học", "The association"},
		{"thon", "Thôn, tổ dân phố", "Village or residential group"},
		{"dong_ho", "Dòng họ", "Clan"},
		{"truong_hoc", "Trường học", "School"},
		{"co_quan", "Cơ quan, doanh nghiệp", "Agency or enterprise"},
		{"khac", "Khác", "Other"},
	}
)

// NumProgrammes is the number of programmes a centre's year counts its
// classes in: the length of Programmes.
const NumProgrammes = 9

// ClassCount is a centre's classes and learner-times in one programme.
type ClassCount struct {
	Classes      int64 `json:"classes"`
	LearnerTimes int64 `json:"learner_times"`
}

// programmeFields are the columns of a centre's year per programme:
// classes_<code> and learners_<code>, in the order of Programmes.
func programmeFields() []Field[CentreYear] {
	if len(Programmes) != NumProgrammes {
		panic(fmt.Sprintf("data: %d programmes, NumProgrammes is %d", len(Programmes), NumProgrammes))
	}
	var out []Field[CentreYear]
	for n, o := range Programmes {
		out = append(out,
			Count("classes_"+o.Code, func(y *CentreYear) *int64 { return &y.ByProgramme[n].Classes }),
			Count("learners_"+o.Code, func(y *CentreYear) *int64 { return &y.ByProgramme[n].LearnerTimes }))
	}
	return out
}

// ProgrammeColumns are the file columns of programmeFields.
func ProgrammeColumns() []string {
	var out []string
	for _, o := range Programmes {
		out = append(out, "classes_"+o.Code, "learners_"+o.Code)
	}
	return out
}

// programmeSums adds up a year's classes and learner-times over the
// programmes.
func (y *CentreYear) programmeSums() (classes, learners int64, any bool) {
	for _, c := range y.ByProgramme {
		classes += c.Classes
		learners += c.LearnerTimes
		any = any || c != ClassCount{}
	}
	return classes, learners, any
}

// checkProgrammes applies the rule of a year's programmes: an empty total
// takes their sum, and a total is never below it (classes not assigned to
// a programme are allowed: the difference).
func (y *CentreYear) checkProgrammes(p *parser) {
	classes, learners, any := y.programmeSums()
	if !any {
		return
	}
	for _, t := range []struct {
		col string
		v   *int64
		sum int64
	}{{"classes", &y.Classes, classes}, {"learner_times", &y.LearnerTimes, learners}} {
		switch {
		case p.in.get(t.col) == "":
			*t.v = t.sum
		case *t.v < t.sum:
			p.es.add(t.col, itoa(int(*t.v)), ErrProgrammeSum)
		}
	}
}
