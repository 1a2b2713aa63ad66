package data

// Consent is one consent decision about a person's record (Law
// 91/2025/QH15, Decree 356/2025/NĐ-CP): who gave it, when, the answer for
// each purpose, and its withdrawal. Consent is specific and recorded:
// silence is not consent, so a purpose left blank is no answer at all. A
// new decision is a new record; the history stays (the person export shows
// it), and the newest answer of each party decides (consent_rules.go).
type Consent struct {
	ID          string
	Unit        string
	Subject     string // the id of the record it is about (an award, a citizen)
	SubjectKind string // a code of ConsentSubjects: the kind of that record
	GivenBy     string // a code of ConsentParties
	Name        string // who gave it: the guardian's name; "" for the person themself
	GivenOn     Date
	Keep        string // "co", "khong" or "" (not asked): keep the record
	Upward      string // idem: send it to the levels above
	Publish     string // idem: the name on printed and exported lists and certificates
	WithdrawnOn Date   // the day it was withdrawn: its yes answers end then
	Note        string // how it was given (a form's number …)
}

// Purpose is what a consent is for.
type Purpose string

// The purposes a consent answers.
const (
	Keep    Purpose = "keep"    // keep the record at all
	Upward  Purpose = "upward"  // send the person's details to the levels above
	Publish Purpose = "publish" // print the name on lists and certificates
)

// Purposes lists them in the order forms and files show them.
var Purposes = []Purpose{Keep, Upward, Publish}

// Answer returns the answer recorded for p ("co", "khong" or "").
func (c Consent) Answer(p Purpose) string {
	switch p {
	case Keep:
		return c.Keep
	case Upward:
		return c.Upward
	case Publish:
		return c.Publish
	}
	return ""
}

// Who gives consent, and what records it covers.
var (
	ConsentParties = Enum{"given_by", []Option{
		{"nguoi_giam_ho", "Cha, mẹ hoặc người giám hộ", "Parent or guardian"},
		{"tre_em", "Trẻ em (từ đủ 7 tuổi)", "The child (aged 7 or more)"},
		{"ban_than", "Chính người đó", "The person themself"}}}
	ConsentSubjects = Enum{"subject_kind", []Option{
		{"award", "Khen thưởng, học bổng", "Award"},
		{"citizen", "Công dân học tập", "Learning citizen"},
		{"family", "Gia đình học tập (chủ hộ)", "Learning family (head of household)"}}}
	PurposeLabels = Enum{"purpose", []Option{
		{string(Keep), "Lưu giữ hồ sơ", "Keep the record"},
		{string(Upward), "Gửi lên cấp trên", "Send it to the levels above"},
		{string(Publish), "Công bố tên trên danh sách, giấy khen", "Publish the name on lists and certificates"}}}
)

// Parties, in codes.
const (
	Guardian = "nguoi_giam_ho"
	Child    = "tre_em"
	Self     = "ban_than"
)

// ConsentColumns are the cells of a consent decision in forms and files.
var ConsentColumns = []string{"given_by", "by_name", "given_on", "keep", "upward", "publish", "withdrawn_on", "note"}

// ParseConsent turns the cells of a consent decision into a record; the
// caller sets the subject.
func ParseConsent(in Input) (Consent, error) {
	p := &parser{in: in}
	var c Consent
	ConsentRecords.read(&c, p)
	if !c.WithdrawnOn.IsZero() && !c.GivenOn.IsZero() && dayBefore(c.WithdrawnOn, c.GivenOn) {
		p.es.add("withdrawn_on", c.WithdrawnOn.VN(), ErrWithdrawnBefore)
	}
	if c.Keep == "" && c.Upward == "" && c.Publish == "" {
		p.es.add("keep", "", ErrNoAnswer)
	}
	return c, p.es.err()
}

// FormatConsent writes a consent decision as its cells: the inverse of
// ParseConsent.
func FormatConsent(c Consent, st Style) Input { return formatTable(ConsentRecords, c, st) }

func dayBefore(a, b Date) bool {
	if a.Y != b.Y {
		return a.Y < b.Y
	}
	if a.M != b.M {
		return a.M < b.M
	}
	return a.D < b.D
}
