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
	// claimed holds, for each record this import matched or made, the years
	// its rows covered: a file is a set of distinct records, so two rows of
	// one file never land on one record for the same year (two namesakes
	// born the same year in one village are two people), while importing the
	// file again matches every row to its record once.
	claimed map[string]map[int]bool
}

// claim picks the first candidate not yet used for year by this import.
func (im *importer) claim(candidates []string, year int) string {
	for _, id := range candidates {
		if !im.claimed[id][year] {
			return id
		}
	}
	return ""
}

func (im *importer) mark(id string, year int) {
	if im.claimed == nil {
		im.claimed = map[string]map[int]bool{}
	}
	if im.claimed[id] == nil {
		im.claimed[id] = map[int]bool{}
	}
	im.claimed[id][year] = true
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
	year := 0
	if e.Assessment != nil {
		year = e.Assessment.Year
	}
	candidates, err := im.e.FindCitizens(e.Citizen)
	if err != nil {
		return err
	}
	id := im.claim(candidates, year)
	if id != "" {
		if e, err = im.mergeCitizen(id, e, in); err != nil {
			return err
		}
	}
	changed, err := im.e.SaveCitizen(&e.Citizen)
	if err != nil {
		return err
	}
	im.mark(e.Citizen.ID, year)
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
	candidates, err := im.e.FindAwards(a)
	if err != nil {
		return err
	}
	a.ID = im.claim(candidates, 0)
	existed := a.ID != ""
	changed, err := im.e.SaveAward(&a)
	if err != nil {
		return err
	}
	im.mark(a.ID, 0)
	im.count(existed, changed)
	return nil
}

func (im *importer) fund(in data.Input) error {
	f, err := data.ParseFund(in)
	if err != nil {
		return rowError{err}
	}
	f.Unit = im.unit
	candidates, err := im.e.FindFunds(f)
	if err != nil {
		return err
	}
	f.ID = im.claim(candidates, 0)
	existed := f.ID != ""
	changed, err := im.e.SaveFund(&f)
	if err != nil {
		return err
	}
	im.mark(f.ID, 0)
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
