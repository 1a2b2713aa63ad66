package store

import "fmt"

// Yearly rows (an assessment, a centre's year, a commune's profile) belong
// to a parent — a citizen, a centre, the unit itself — and their id is
// derived from the parent and the year (YearlyID); a branch's member count
// is derived likewise from its branch and its period (PeriodID).
// yearlyParents is the one table of those relations: the delete that
// takes a record's yearly rows with it (Editor.Delete), their restore, and
// the checks a receiver makes of rows from below all read it.
var yearlyParents = map[Kind]struct {
	Parent Kind   // "" for the unit itself (the profile)
	Col    string // the column holding the parent's id
	Period bool   // the id derives from the period column, not the year
}{
	Assessment:  {Citizen, "citizen_id", false},
	CentreYear:  {Centre, "centre_id", false},
	Profile:     {"", "", false},
	MemberCount: {Branch, "branch_id", true},
}

// ErrDerivedID reports a yearly row whose id is not the one its parent and
// year give, or that lacks a parent or a year.
var ErrDerivedID = fmt.Errorf("%w: a yearly record's id is not the one its parent and year give", ErrBadRow)

// ParentOf returns, for a yearly row, the kind and id of its parent (kind
// "" and the row's unit for a profile); ok is false for other kinds.
func ParentOf(r *Row) (kind Kind, id string, ok bool) {
	y, ok := yearlyParents[r.Kind]
	if !ok {
		return "", "", false
	}
	if y.Parent == "" {
		return "", r.Unit, true
	}
	return y.Parent, r.Get(y.Col), true
}

// CheckDerivedID checks that a yearly row's id is the one derived from its
// own parent (its unit, for a profile) and year: a row naming another
// unit's id is refused, so nobody can take the id of a neighbour's record.
// Other kinds pass.
func CheckDerivedID(r *Row) error {
	_, parent, ok := ParentOf(r)
	if !ok {
		return nil
	}
	if yearlyParents[r.Kind].Period {
		period := r.Get("period")
		if parent == "" || period == "" {
			return fmt.Errorf("%w: %s %s has no parent or no period", ErrDerivedID, r.Kind, r.ID)
		}
		if want := PeriodID(r.Kind, parent, period); r.ID != want {
			return fmt.Errorf("%w: %s %s of %s for %s should be %s", ErrDerivedID, r.Kind, r.ID, parent, period, want)
		}
		return nil
	}
	year := int(r.GetInt("year"))
	if parent == "" || year == 0 {
		return fmt.Errorf("%w: %s %s has no parent or no year", ErrDerivedID, r.Kind, r.ID)
	}
	if want := YearlyID(r.Kind, parent, year); r.ID != want {
		return fmt.Errorf("%w: %s %s of %s for %d should be %s", ErrDerivedID, r.Kind, r.ID, parent, year, want)
	}
	return nil
}

// children names the yearly rows that belong to a record of kind.
func children(kind Kind) (Kind, string) {
	for k, y := range yearlyParents {
		if y.Parent == kind && kind != "" {
			return k, y.Col
		}
	}
	return "", ""
}
