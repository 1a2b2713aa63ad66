package store

import (
	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// SaveCitizen creates or updates a citizen (a new one when c.ID is empty)
// and sets c.ID.
func (e *Editor) SaveCitizen(c *data.Citizen) (bool, error) {
	if c.ID == "" {
		c.ID = NewID()
	}
	return e.Put(Citizen, c.ID, c.Unit, citizenVals(*c))
}

// SaveAssessment creates or updates the assessment of a citizen for a year.
func (e *Editor) SaveAssessment(a *data.Assessment) (bool, error) {
	a.ID = YearlyID(Assessment, a.CitizenID, a.Year)
	return e.Put(Assessment, a.ID, a.Unit, assessmentVals(*a))
}

// SaveCentre creates or updates a centre.
func (e *Editor) SaveCentre(c *data.Centre) (bool, error) {
	if c.ID == "" {
		c.ID = NewID()
	}
	return e.Put(Centre, c.ID, c.Unit, centreVals(*c))
}

// SaveCentreYear creates or updates a centre's activity for a year.
func (e *Editor) SaveCentreYear(y *data.CentreYear) (bool, error) {
	y.ID = YearlyID(CentreYear, y.CentreID, y.Year)
	return e.Put(CentreYear, y.ID, y.Unit, centreYearVals(*y))
}

// SaveAward creates or updates an award.
func (e *Editor) SaveAward(a *data.Award) (bool, error) {
	if a.ID == "" {
		a.ID = NewID()
	}
	return e.Put(Award, a.ID, a.Unit, awardVals(*a))
}

// SaveFund creates or updates a ledger line.
func (e *Editor) SaveFund(f *data.FundLine) (bool, error) {
	if f.ID == "" {
		f.ID = NewID()
	}
	return e.Put(Fund, f.ID, f.Unit, fundVals(*f))
}

// SaveVillage creates or updates a village.
func (e *Editor) SaveVillage(v *data.Village) (bool, error) {
	if v.ID == "" {
		v.ID = NewID()
	}
	return e.Put(Village, v.ID, v.Unit, villageVals(*v))
}

// SaveProfile sets a unit's profile for a year.
func (e *Editor) SaveProfile(p *data.Profile) (bool, error) {
	p.ID = YearlyID(Profile, p.Unit, p.Year)
	return e.Put(Profile, p.ID, p.Unit, profileVals(*p))
}

// FindCitizens returns the ids of the live citizens of the unit that may be
// the same person as c: the same CCCD, or, without one, the same name,
// birth year and village — oldest first. Importing a file twice so updates
// people instead of duplicating them.
func (e *Editor) FindCitizens(c data.Citizen) ([]string, error) {
	if c.IDNumber != "" { // "id_number <> ''" lets SQLite use the partial index
		return e.all(`SELECT id FROM citizen WHERE unit = ? AND id_number = ? AND id_number <> '' AND deleted = 0
			ORDER BY id`, c.Unit, c.IDNumber)
	}
	return e.all(`SELECT id FROM citizen WHERE unit = ? AND deleted = 0 AND nkey = ?
		AND birth_year = ? AND vkey = ? AND id_number = '' ORDER BY id`,
		c.Unit, text.NameKey(c.HoDem, c.Ten), c.BirthYear, text.Fold(c.Village))
}

// FindCentre returns the id of the live centre of the unit with that name.
func (e *Editor) FindCentre(unit, name string) (string, error) {
	return e.first(`SELECT id FROM centre WHERE unit = ? AND skey = ? AND deleted = 0 ORDER BY id LIMIT 1`,
		unit, text.Fold(name))
}

// FindAwards returns the ids of the live awards that are the same as a: the
// same recipient (name, birth date), type, school year, date, decision and
// amount — oldest first.
func (e *Editor) FindAwards(a data.Award) ([]string, error) {
	return e.all(`SELECT id FROM award WHERE unit = ? AND deleted = 0 AND nkey = ?
		AND birth_date = ? AND award_type = ? AND school_year = ? AND awarded_on = ?
		AND decision_no = ? AND amount_vnd = ? ORDER BY id`,
		a.Unit, text.NameKey(a.HoDem, a.Ten), a.BirthDate.String(), a.AwardType, a.SchoolYear,
		a.AwardedOn.String(), a.DecisionNo, a.AmountVND)
}

// FindFunds returns the ids of the live ledger lines with the same date,
// direction, source, amounts and voucher — oldest first.
func (e *Editor) FindFunds(f data.FundLine) ([]string, error) {
	return e.all(`SELECT id FROM fund WHERE unit = ? AND date = ? AND deleted = 0 AND direction = ?
		AND source = ? AND amount_vnd = ? AND in_kind_vnd = ? AND voucher_no = ? ORDER BY id`,
		f.Unit, f.Date.String(), f.Direction, f.Source, f.AmountVND, f.InKindVND, f.VoucherNo)
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
	st, err := e.t.stmt(query, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(e.t.ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
