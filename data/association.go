package data

import "slices"

// The association itself (docs/DOMAIN.md, "The association itself"): its
// branches, each branch's members counted per period (counts only: no
// named member lists, so no new personal data), and a log of what the
// association did.

// Branch is a chi hội or a ban khuyến học of the unit's association: in a
// village, a school, an agency, an enterprise, a clan or a religious
// community.
type Branch struct {
	ID            string
	Unit          string
	Name          string
	Form          string // a code of BranchForms: chi hội or ban khuyến học
	Type          string // a code of BranchTypes or free text
	EstablishedOn Date
	DissolvedOn   Date // when it ceased (merged, dissolved); zero while it exists
	Chair         string
	Note          string
}

// ExistsOn reports whether the branch existed on day d: established by
// then (or with no date recorded) and not yet dissolved.
func (b Branch) ExistsOn(d Date) bool {
	if !b.EstablishedOn.IsZero() && d.Before(b.EstablishedOn) {
		return false
	}
	return b.DissolvedOn.IsZero() || d.Before(b.DissolvedOn)
}

// MemberCount is a branch's members for a half-year or a year: how many
// at its end, how many were admitted and how many left during it.
type MemberCount struct {
	ID       string
	BranchID string
	Unit     string
	Period   string // "2026-H1", "2026-H2" or "2026" (Period.String)
	Total    int64
	Admitted int64
	Left     int64
}

// Span is the period the count is for (zero if its text is not one).
func (m MemberCount) Span() Period {
	p, _ := ParsePeriod(m.Period)
	return p
}

// Activity is one entry of the association's log: a training course for
// its officers, a meeting or conference, a publicity effort, or a
// document it issued.
type Activity struct {
	ID            string
	Unit          string
	Kind          string // a code of ActivityKinds
	Date          Date
	Title         string
	Participants  int64  // training courses and meetings: people taking part
	PublicityKind string // publicity: a code of PublicityKinds or free text
	Times         int64  // publicity: broadcasts, articles, posts … (1 when not given)
	DocumentNo    string // documents: the number, "12/KH-HKH"
	Note          string
}

// BranchEntry is one row of a branch file: the branch and, when the row
// names a period, its members then.
type BranchEntry struct {
	Branch  Branch
	Members *MemberCount
}

// memberCells are the cells that belong to a branch's member count.
var memberCells = []string{"members", "admitted", "left"}

// ParseBranch turns one branch row into typed records. A branch without a
// form is a chi hội.
func ParseBranch(in Input) (BranchEntry, error) {
	p := &parser{in: in}
	var b Branch
	Branches.read(&b, p)
	if b.Form == "" {
		b.Form = "chi_hoi"
	}
	if !b.DissolvedOn.IsZero() && !b.EstablishedOn.IsZero() && b.DissolvedOn.Before(b.EstablishedOn) {
		p.es.add("dissolved_on", b.DissolvedOn.VN(), ErrDissolvedBefore)
	}
	var m MemberCount
	MemberCounts.read(&m, p)
	e := BranchEntry{Branch: b}
	switch {
	case m.Period != "":
		if m.Admitted > m.Total+m.Left { // the members at the start would be fewer than none
			p.es.add("admitted", itoa(int(m.Admitted)), ErrMembersAdmitted)
		}
		e.Members = &m
	case p.in.get("period") == "" && p.any(memberCells...):
		p.es.add("period", "", ErrRequired)
	}
	return e, p.es.err()
}

// FormatBranch writes a branch and a member count (nil for none) as the
// cells of a file row or a form: the inverse of ParseBranch.
func FormatBranch(e BranchEntry, st Style) Input {
	in := Input{}
	Branches.write(&e.Branch, st, in)
	if e.Members != nil {
		MemberCounts.write(e.Members, st, in)
	}
	return in
}

// activityCounts are the counts and references each kind of log entry
// carries beyond its kind, day, title and note (Activity's fields say
// which): people at a course or meeting, the kind and times of publicity,
// a document's number (a course or a meeting may cite its plan's).
var activityCounts = map[string][]string{
	"tap_huan":     {"participants", "document_no"},
	"hoi_nghi":     {"participants", "document_no"},
	"tuyen_truyen": {"publicity_kind", "times"},
	"van_ban":      {"document_no"},
}

// ActivityTakes reports whether an entry of kind has a cell col: the
// common ones always, a kind's own counts (activityCounts) for it, every
// cell while no kind (or an unknown one) is chosen.
func ActivityTakes(kind, col string) bool {
	own, known := activityCounts[kind]
	if !known || slices.Contains(own, col) {
		return true
	}
	for _, cols := range activityCounts {
		if slices.Contains(cols, col) {
			return false // another kind's count
		}
	}
	return true
}

// ParseActivity turns one row of the association's log into a record:
// a document needs its number, the others a title; a publicity entry
// without a count is one.
func ParseActivity(in Input) (Activity, error) {
	p := &parser{in: in}
	var a Activity
	Activities.read(&a, p)
	if a.Kind != "" && a.Kind != "tuyen_truyen" && a.Title == "" {
		p.es.add("title", "", ErrRequired)
	}
	if a.Kind == "van_ban" && a.DocumentNo == "" {
		p.es.add("document_no", "", ErrRequired)
	}
	if a.Kind == "tuyen_truyen" && a.Times == 0 {
		a.Times = 1
	}
	return a, p.es.err()
}

// FormatActivity writes a log entry as cells: the inverse of ParseActivity.
func FormatActivity(a Activity, st Style) Input { return formatTable(Activities, a, st) }
