package tabular

import (
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// importer writes the rows of one file through an editor.
type importer struct {
	e    *store.Editor
	k    Kind
	unit string
	rule data.PassRule
	res  *Result
}

func (im *importer) count(existed, changed bool) {
	switch {
	case !existed:
		im.res.Created++
	case changed:
		im.res.Updated++
	default:
		im.res.Unchanged++
	}
}

func (im *importer) row(r Row) error {
	switch im.k {
	case Citizens:
		return im.citizen(r.Input)
	case Centres:
		return im.centre(r.Input)
	case Awards:
		return im.award(r.Input)
	}
	return im.fund(r.Input)
}

func (im *importer) citizen(in data.Input) error {
	e, err := data.ParseCitizen(in, im.rule)
	if err != nil {
		return rowError{err}
	}
	e.Citizen.Unit = im.unit
	id, err := im.e.FindCitizen(e.Citizen)
	if err != nil {
		return err
	}
	if id != "" {
		if e, err = im.mergeCitizen(id, e, in); err != nil {
			return err
		}
	}
	changed, err := im.e.SaveCitizen(&e.Citizen)
	if err != nil {
		return err
	}
	if a := e.Assessment; a != nil {
		a.CitizenID, a.Unit = e.Citizen.ID, im.unit
		c, err := im.e.SaveAssessment(a)
		if err != nil {
			return err
		}
		changed = changed || c
	}
	im.count(id != "", changed)
	return nil
}

// mergeCitizen lays the file's cells over the stored person (and the
// stored assessment of the row's year), so columns the file lacks keep
// their values.
func (im *importer) mergeCitizen(id string, e data.CitizenEntry, in data.Input) (data.CitizenEntry, error) {
	cur, err := im.e.Load(store.Citizen, id)
	if err != nil {
		return e, err
	}
	var a *data.Assessment
	if e.Assessment != nil {
		if r, err := im.e.Load(store.Assessment, store.YearlyID(store.Assessment, id, e.Assessment.Year)); err == nil && !r.Deleted() {
			x := store.AssessmentOf(r)
			a = &x
		}
	}
	base := citizenInput(store.CitizenOf(cur), a)
	if hasScores(in) {
		delete(base, "result") // scores given: the result is computed afresh
	}
	merged, err := data.ParseCitizen(overlay(base, in), im.rule)
	if err != nil {
		return e, rowError{err}
	}
	merged.Citizen.ID, merged.Citizen.Unit = id, im.unit
	return merged, nil
}

func (im *importer) centre(in data.Input) error {
	e, err := data.ParseCentre(in)
	if err != nil {
		return rowError{err}
	}
	e.Centre.Unit = im.unit
	id, err := im.e.FindCentre(im.unit, e.Centre.Name)
	if err != nil {
		return err
	}
	if id != "" {
		cur, err := im.e.Load(store.Centre, id)
		if err != nil {
			return err
		}
		if e, err = data.ParseCentre(overlay(centreInput(store.CentreOf(cur), nil), in)); err != nil {
			return rowError{err}
		}
		e.Centre.ID, e.Centre.Unit = id, im.unit
	}
	changed, err := im.e.SaveCentre(&e.Centre)
	if err != nil {
		return err
	}
	if y := e.Year; y != nil {
		y.CentreID, y.Unit = e.Centre.ID, im.unit
		c, err := im.e.SaveCentreYear(y)
		if err != nil {
			return err
		}
		changed = changed || c
	}
	im.count(id != "", changed)
	return nil
}

func (im *importer) award(in data.Input) error {
	a, err := data.ParseAward(in)
	if err != nil {
		return rowError{err}
	}
	a.Unit = im.unit
	if a.ID, err = im.e.FindAward(a); err != nil {
		return err
	}
	existed := a.ID != ""
	changed, err := im.e.SaveAward(&a)
	if err != nil {
		return err
	}
	im.count(existed, changed)
	return nil
}

func (im *importer) fund(in data.Input) error {
	f, err := data.ParseFund(in)
	if err != nil {
		return rowError{err}
	}
	f.Unit = im.unit
	if f.ID, err = im.e.FindFund(f); err != nil {
		return err
	}
	existed := f.ID != ""
	changed, err := im.e.SaveFund(&f)
	if err != nil {
		return err
	}
	im.count(existed, changed)
	return nil
}

func hasScores(in data.Input) bool {
	for k := 1; k <= data.Indicators; k++ {
		if in[fmt.Sprintf("i%d", k)] != "" {
			return true
		}
	}
	return false
}
