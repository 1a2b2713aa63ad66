package report

import (
	"strconv"

	"sokhuyenhoc/data"
)

// The CSV's columns of the period and the association's figures, after
// the others: the period's first and last days, then the branches,
// members and activities (docs/reports.md).
var assocCSVColumns = []string{"period_from", "period_to", "branches", "branches_chi_hoi",
	"branches_ban_khuyen_hoc", "branches_established", "members", "members_admitted", "members_left",
	"training_courses", "training_participants", "meetings", "meeting_participants", "publicity",
	"publicity_times", "documents"}

// span is the report's period (a report made without one is of its year).
func (r *Report) span() data.Period {
	if r.Period.IsZero() {
		return data.YearPeriod(r.Year)
	}
	return r.Period
}

func (r *Report) assocCells() []string {
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	a := r.Association
	b, m, x := a.Branches, a.Members, a.Activities
	p := r.span()
	return []string{p.From.String(), p.To.String(), n(b.Count), n(b.ByForm["chi_hoi"]), n(b.ByForm["ban_khuyen_hoc"]),
		n(b.Established), n(m.Total), n(m.Admitted), n(m.Left), n(x.Training.Count), n(x.Training.Participants),
		n(x.Meetings.Count), n(x.Meetings.Participants), n(x.Publicity.Count), n(x.Publicity.Times), n(x.Documents.Count)}
}
