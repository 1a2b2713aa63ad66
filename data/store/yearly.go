package store

import "fmt"

// Yearly rows (an assessment, a centre's year, a commune's profile, a
// learning model's year) belong to a parent — a citizen, a centre, the
// unit itself, a record of the model's register — and their id is derived
// from the parent and the year (YearlyID); a branch's member count is
// derived likewise from its branch and its period (PeriodID).
// yearlyParents is the one table of those relations: the delete that takes
// a record's yearly rows with it (Editor.Delete), their restore, and the
// checks a receiver makes of rows from below all read it. Member links (a
// citizen in a family or a learning unit) belong to both records they
// link, and their id is derived from the two (MemberID).
var yearlyParents = map[Kind]struct {
	Parent  Kind   // "" for the unit itself (the profile), or when ByModel
	Col     string // the column holding the parent's id
	ByModel bool   // the parent is a record of the register its model column names (modelKinds)
	Period  bool   // the id derives from the period column, not the year
}{
	Assessment:  {Citizen, "citizen_id", false, false},
	CentreYear:  {Centre, "centre_id", false, false},
	Profile:     {"", "", false, false},
	ModelYear:   {"", "record_id", true, false},
	MemberCount: {Branch, "branch_id", false, true},
}

// modelKinds are the registers of the learning models, by model code
// (data.ModelCodes).
var modelKinds = map[string]Kind{"family": Family, "clan": Clan, "community": Community, "unit": LearningUnit}

// memberParents are the kinds whose records a member link belongs to, by
// the link's column.
var memberParents = map[string][]Kind{"citizen_id": {Citizen}, "record_id": {Family, LearningUnit}}

// ErrDerivedID reports a yearly row whose id is not the one its parent and
// year give, or that lacks a parent or a year; or a member link whose id is
// not the one its record and citizen give.
var ErrDerivedID = fmt.Errorf("%w: a yearly record's id is not the one its parent and year give", ErrBadRow)

// ParentOf returns, for a yearly row, the kind and id of its parent (kind
// "" and the row's unit for a profile); ok is false for other kinds. A
// model year of an unknown model has no kind (its values' check refuses it).
func ParentOf(r *Row) (kind Kind, id string, ok bool) {
	y, ok := yearlyParents[r.Kind]
	switch {
	case !ok:
		return "", "", false
	case y.ByModel:
		return modelKinds[r.Get("model")], r.Get(y.Col), true
	case y.Parent == "":
		return "", r.Unit, true
	}
	return y.Parent, r.Get(y.Col), true
}

// Parent is a record a row belongs to: its id, and the kinds it may be of
// (a member link's record is a family or a learning unit).
type Parent struct {
	Kinds []Kind
	ID    string
}

// ParentsOf returns the records r belongs to and must come with: a yearly
// row's parent (none for a profile, which belongs to its unit), a member
// link's citizen and record; none for other kinds.
func ParentsOf(r *Row) []Parent {
	if r.Kind == Member {
		var out []Parent
		for _, col := range []string{"citizen_id", "record_id"} {
			out = append(out, Parent{Kinds: memberParents[col], ID: r.Get(col)})
		}
		return out
	}
	kind, id, ok := ParentOf(r)
	if !ok || kind == "" {
		return nil // not a yearly row, or the profile: its unit is its parent
	}
	return []Parent{{Kinds: []Kind{kind}, ID: id}}
}

// CheckDerivedID checks that a yearly row's id is the one derived from its
// own parent (its unit, for a profile) and year, and a member link's the
// one its record and citizen give: a row naming another unit's id is
// refused, so nobody can take the id of a neighbour's record. Other kinds
// pass.
func CheckDerivedID(r *Row) error {
	if r.Kind == Member {
		rec, cit := r.Get("record_id"), r.Get("citizen_id")
		if rec == "" || cit == "" || r.ID != MemberID(rec, cit) {
			return fmt.Errorf("%w: member %s of %q and %q should be %s", ErrDerivedID, r.ID, rec, cit, MemberID(rec, cit))
		}
		return nil
	}
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

// child names rows that belong to a record: their kind and the column
// holding the record's id.
type child struct {
	kind Kind
	col  string
}

// children names the rows that belong to a record of kind (its yearly
// rows, its member links): deleted with it and restored with it.
func children(kind Kind) []child {
	if kind == "" {
		return nil
	}
	var out []child
	for _, k := range Kinds { // in bundle order, so a delete's edits come in one order
		y, ok := yearlyParents[k]
		if ok && (y.Parent == kind || y.ByModel && isModelKind(kind)) {
			out = append(out, child{k, y.Col})
		}
	}
	for col, parents := range memberParents {
		for _, p := range parents {
			if p == kind {
				out = append(out, child{Member, col})
			}
		}
	}
	return out
}

func isModelKind(k Kind) bool {
	for _, m := range modelKinds {
		if m == k {
			return true
		}
	}
	return false
}
