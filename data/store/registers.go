package store

import (
	"database/sql"
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// saveRecord writes a record of t's kind through Put, giving it a new id when it
// has none.
func saveRecord[T any](e *Editor, t *data.Table[T], x *T) (bool, error) {
	id, unit := t.Key(x)
	if *id == "" {
		*id = NewID()
	}
	return e.Put(Kind(t.Name), *id, *unit, valuesOf(t, x))
}

// SaveCitizen creates or updates a citizen (a new one when c.ID is empty)
// and sets c.ID.
func (e *Editor) SaveCitizen(c *data.Citizen) (bool, error) { return saveRecord(e, data.Citizens, c) }

// SaveAssessment creates or updates the assessment of a citizen for a year.
func (e *Editor) SaveAssessment(a *data.Assessment) (bool, error) {
	a.ID = YearlyID(Assessment, a.CitizenID, a.Year)
	return saveRecord(e, data.Assessments, a)
}

// SaveCentre creates or updates a centre.
func (e *Editor) SaveCentre(c *data.Centre) (bool, error) { return saveRecord(e, data.Centres, c) }

// SaveCentreYear creates or updates a centre's activity for a year.
func (e *Editor) SaveCentreYear(y *data.CentreYear) (bool, error) {
	y.ID = YearlyID(CentreYear, y.CentreID, y.Year)
	return saveRecord(e, data.CentreYears, y)
}

// SaveAward creates or updates an award.
func (e *Editor) SaveAward(a *data.Award) (bool, error) { return saveRecord(e, data.Awards, a) }

// SaveFund creates or updates a ledger line.
func (e *Editor) SaveFund(f *data.FundLine) (bool, error) { return saveRecord(e, data.Funds, f) }

// SaveVillage creates or updates a village.
func (e *Editor) SaveVillage(v *data.Village) (bool, error) { return saveRecord(e, data.Villages, v) }

// SaveProfile sets a unit's profile for a year.
func (e *Editor) SaveProfile(p *data.Profile) (bool, error) {
	p.ID = YearlyID(Profile, p.Unit, p.Year)
	return saveRecord(e, data.Profiles, p)
}

// Match is a live record that may be the one a row of a file names: its
// id and the values of the columns asked for.
type Match struct {
	ID   string
	Vals []any
}

// Eq is a condition of Matches: a column (stored or derived) equal to a
// value, or with OrEmpty also empty (a value not recorded yet).
type Eq struct {
	Col     string
	Val     any
	OrEmpty bool
}

// Matches returns the live records of kind in unit whose columns equal
// every condition, oldest first, each with the values of cols. A condition
// on a non-empty text also asks the column to be non-empty, which lets
// SQLite use the partial index on CCCDs.
func (e *Editor) Matches(kind Kind, unit string, eq []Eq, cols []string) ([]Match, error) {
	sc := schemas[kind]
	if sc == nil {
		return nil, fmt.Errorf("%w: unknown kind %q", ErrBadRow, kind)
	}
	q := "SELECT id"
	for _, c := range cols {
		q += ", " + c
	}
	q += " FROM " + string(kind) + " WHERE unit = ? AND deleted = 0"
	args := []any{unit}
	for _, c := range eq {
		s, text := c.Val.(string)
		switch {
		case c.OrEmpty:
			q += " AND (" + c.Col + " = ? OR " + c.Col + " = '')"
		case text && s != "":
			q += " AND " + c.Col + " = ? AND " + c.Col + " <> ''"
		default:
			q += " AND " + c.Col + " = ?"
		}
		args = append(args, c.Val)
	}
	var out []Match
	err := e.each(q+" ORDER BY id", args, func(rows *sql.Rows) error {
		m := Match{Vals: make([]any, len(cols))}
		dest := []any{&m.ID}
		for n := range cols {
			dest = append(dest, &m.Vals[n])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// FindCentre returns the id of the live centre of the unit with that name.
func (e *Editor) FindCentre(unit, name string) (string, error) {
	return e.first(`SELECT id FROM centre WHERE unit = ? AND skey = ? AND deleted = 0 ORDER BY id LIMIT 1`,
		unit, text.Fold(name))
}

// FindVillage returns the id of the live village of the unit with that name.
func (e *Editor) FindVillage(unit, name string) (string, error) {
	return e.first(`SELECT id FROM village WHERE unit = ? AND skey = ? AND deleted = 0 ORDER BY id LIMIT 1`,
		unit, text.Fold(name))
}

func (e *Editor) first(query string, args ...any) (string, error) {
	ids, err := e.all(query, args...)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

func (e *Editor) all(query string, args ...any) ([]string, error) {
	var ids []string
	err := e.each(query, args, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

// each runs a query (its statement cached for the transaction) and calls
// row for each result.
func (e *Editor) each(query string, args []any, row func(*sql.Rows) error) error {
	st, err := e.t.stmt(query, query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(e.t.ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
