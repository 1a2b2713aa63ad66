package data

// How each kind of record counts in a period (docs/reports.md, "Periods"):
// a dated record by its day; a record kept by the year (an assessment, a
// centre's year, a profile) in every period of its year, so that a
// half-year report gives the year's figures as they stand; the fund's
// balance at the period's end; members by their counts (MemberFigures).

// Day is the day an award counts on: the day it was given, else the day
// of its decision; zero when it has neither.
func (a Award) Day() Date {
	if !a.AwardedOn.IsZero() {
		return a.AwardedOn
	}
	return a.DecisionDate
}

// CountsIn reports whether an award counts in period p: by its day, or,
// without one, in every period of the year its school year ends in.
func (a Award) CountsIn(p Period) bool {
	if d := a.Day(); !d.IsZero() {
		return p.Contains(d)
	}
	return a.Year() != 0 && a.Year() == p.Year()
}

// BranchFigures counts a unit's branches for period p: those existing on
// its last day, by type and form, and those established or dissolved in it.
func BranchFigures(bs []Branch, p Period) BranchTotals {
	t := NewAssociationTotals().Branches
	for _, b := range bs {
		if b.ExistsOn(p.To) {
			t.Count++
			t.ByType[b.Type]++
			t.ByForm[b.Form]++
		}
		if p.Contains(b.EstablishedOn) {
			t.Established++
		}
		if p.Contains(b.DissolvedOn) {
			t.Dissolved++
		}
	}
	return t
}

// MemberFigures counts the members of a unit's branches for period p.
//
// Admitted and left add up the counts of periods lying within p: when p is
// a whole year and a branch has a count for that year, that count; else
// its half-year counts within p (a year's count cannot be split, so a
// half-year report does not see it). The total is, for each branch that
// exists on p's last day, the total of its latest count ending on or
// before that day — the members as last counted, carried forward — the
// year's count winning over the second half's, which ends the same day.
func MemberFigures(bs []Branch, counts []MemberCount, p Period) MemberTotals {
	type last struct {
		end  Date
		year bool
		n    int64
	}
	exists := map[string]bool{}
	for _, b := range bs {
		exists[b.ID] = b.ExistsOn(p.To)
	}
	yearly := map[string]bool{} // branches with a count for the whole of p
	for _, c := range counts {
		if s := c.Span(); s.IsYear() && s == p {
			yearly[c.BranchID] = true
		}
	}
	var t MemberTotals
	latest := map[string]last{}
	for _, c := range counts {
		s := c.Span()
		if s.IsZero() {
			continue
		}
		if s.Within(p) && (s.IsYear() || !yearly[c.BranchID]) {
			t.Admitted += c.Admitted
			t.Left += c.Left
		}
		if p.To.Before(s.To) {
			continue
		}
		l, ok := latest[c.BranchID]
		if !ok || l.end.Before(s.To) || (l.end == s.To && s.IsYear() && !l.year) {
			latest[c.BranchID] = last{s.To, s.IsYear(), c.Total}
		}
	}
	for id, l := range latest {
		if exists[id] {
			t.Total += l.n
		}
	}
	return t
}
