package tabular

import (
	"errors"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

// importer writes the rows of one file through an editor.
type importer struct {
	e    *store.Editor
	k    Kind
	opt  Options
	res  *Result
	cols map[string]bool // the file's columns
	cur  *Change         // the row being imported
	// claimed holds, for each record this import matched or made, the years
	// its rows covered: a file is a set of distinct records, so two rows of
	// one file never land on one record for the same year (two namesakes
	// born the same year in one village are two people), while importing the
	// file again matches every row to its record once.
	claimed map[string]map[int]bool
	cix     *citizenIndex // the unit's citizens by name, read at the first row that needs it
}

// importers holds each kind's row import: parse the row alone to find the
// record it names, lay it over that record (data.Overlay), check what
// results, and only then write it.
var importers = map[Kind]func(*importer, data.Input) error{
	Citizens:    (*importer).citizen,
	Centres:     (*importer).centre,
	Awards:      (*importer).award,
	Funds:       (*importer).fund,
	Families:    func(im *importer, in data.Input) error { return importModel(im, familyImport, in) },
	Clans:       func(im *importer, in data.Input) error { return importModel(im, clanImport, in) },
	Communities: func(im *importer, in data.Input) error { return importModel(im, communityImport, in) },
	Units:       func(im *importer, in data.Input) error { return importModel(im, unitImport, in) },

	Branches:   (*importer).branch,
	Activities: (*importer).activity,
}

// mainKind is the record a row of k is about (its yearly row aside).
var mainKind = map[Kind]store.Kind{Citizens: store.Citizen, Centres: store.Centre, Awards: store.Award, Funds: store.Fund,
	Families: store.Family, Clans: store.Clan, Communities: store.Community, Units: store.LearningUnit,
	Branches: store.Branch, Activities: store.Activity}

// rowError marks a row that is rejected: its reason.
type rowError struct{ err error }

func (r rowError) Error() string { return r.err.Error() }

func (im *importer) row(r Row) error {
	im.cur = &Change{Line: r.Line}
	err := importers[im.k](im, r.Input)
	var rej rowError
	if errors.As(err, &rej) {
		im.res.Problems = append(im.res.Problems, Problem{Line: r.Line, Err: r.explain(rej.err)})
		return nil
	}
	if err != nil {
		return err
	}
	c := im.cur
	switch {
	case c.Created:
		im.res.Created++
	case len(c.Fields) > 0:
		im.res.Updated++
	default:
		im.res.Unchanged++
		return nil
	}
	if len(im.res.Changes) < im.opt.MaxChanges {
		im.res.Changes = append(im.res.Changes, *c)
	} else {
		im.res.Unlisted++
	}
	return nil
}

// changed records what the editor wrote for the current row.
func (im *importer) changed(c store.Change) {
	switch {
	case c.Created && c.Kind == mainKind[im.k]:
		im.cur.Created = true
	case c.Created:
		im.cur.Fields = append(im.cur.Fields, FieldChange{Kind: c.Kind, Col: "", New: c.ID})
	default:
		for n, col := range c.Cols {
			im.cur.Fields = append(im.cur.Fields, FieldChange{Kind: c.Kind, Col: col, Old: c.Old[n], New: c.New[n]})
		}
	}
}

// merged lays the row over the stored record's cells, or returns a copy of
// the row for a new record.
func (im *importer) merged(base, in data.Input) data.Input {
	if base == nil {
		return data.Overlay(data.Input{}, in, true)
	}
	return data.Overlay(base, in, im.opt.ClearEmpty)
}

// gives reports whether the row sets column col: a value, or an empty cell
// with ClearEmpty.
func (im *importer) gives(in data.Input, col string) bool {
	return strings.TrimSpace(in[col]) != "" || im.opt.ClearEmpty && im.cols[col]
}

func (im *importer) citizen(in data.Input) error {
	restore := im.inUse(in, data.ModelCitizen)                // a new assessment is scored against the set in use
	alone, aloneErr := data.ParseCitizen(in, im.opt.Criteria) // who the row is about, even if it fails alone
	restore()
	year := 0
	if alone.Assessment != nil {
		year = alone.Assessment.Year
	}
	id, err := im.matchCitizen(alone.Citizen, in, year)
	if err != nil {
		return err
	}
	givesStep := im.gives(in, "status")
	e, stored, bad := alone, (*data.Assessment)(nil), aloneErr // a new record is the row alone
	if id != "" {
		if e, stored, bad, err = im.overCitizen(id, year, in, givesStep); err != nil {
			return err
		}
	}
	if bad != nil {
		return rowError{bad}
	}
	if a := e.Assessment; a != nil && !givesStep {
		if a.Status, err = data.CheckedFileStep(*a, stored); err != nil {
			return rowError{err}
		}
	}
	c := e.Citizen
	c.ID, c.Unit = id, im.opt.Unit
	im.cur.Name = c.FullName()
	if _, err := im.e.SaveCitizen(&c); err != nil {
		return err
	}
	if im.cix != nil {
		im.cix.saved(c)
	}
	im.mark(c.ID, year)
	if a := e.Assessment; a != nil {
		a.CitizenID, a.Unit = c.ID, im.opt.Unit
		_, err := im.e.SaveAssessment(a)
		return err
	}
	return nil
}

// overCitizen lays a row over the stored citizen id and its assessment of
// year: the cells the row gives win, the others keep their values. bad is
// why what results is refused; err a failure of the store.
func (im *importer) overCitizen(id string, year int, in data.Input, givesStep bool) (e data.CitizenEntry,
	stored *data.Assessment, bad, err error) {
	cur, err := im.e.Load(store.Citizen, id)
	if err != nil {
		return e, nil, nil, err
	}
	if stored, err = im.assessment(id, year); err != nil {
		return e, nil, nil, err
	}
	base := data.FormatCitizen(data.CitizenEntry{Citizen: store.CitizenOf(cur), Assessment: stored}, data.FileStyle)
	if hasScores(in) {
		delete(base, "result") // scores given: the result is computed afresh
	}
	next := im.merged(base, in)
	if !givesStep {
		next["status"] = "" // the step follows the rules of data.FileStep
	}
	if stored == nil && year != 0 && next.Get("criteria") == "" {
		next["criteria"] = im.opt.Criteria.Current(data.ModelCitizen).Version // a new year: the set in use
	}
	e, bad = data.ParseCitizen(next, im.opt.Criteria)
	return e, stored, bad, nil
}

// assessment returns the live assessment of a citizen for year, or nil.
func (im *importer) assessment(citizenID string, year int) (*data.Assessment, error) {
	if year == 0 {
		return nil, nil
	}
	r, err := im.e.Load(store.Assessment, store.YearlyID(store.Assessment, citizenID, year))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case r.Deleted():
		return nil, nil
	}
	a := store.AssessmentOf(r)
	return &a, nil
}

// matchCitizen finds the citizen a row names: the one with its CCCD; else,
// among citizens without another CCCD, the one with its name and, when the
// row gives them, birth year and village (citizenIndex).
func (im *importer) matchCitizen(c data.Citizen, in data.Input, year int) (string, error) {
	if c.IDNumber != "" {
		ms, err := im.e.Matches(store.Citizen, im.opt.Unit, []store.Eq{{Col: "id_number", Val: c.IDNumber}}, nil)
		if err != nil {
			return "", err
		}
		if id := im.claim(ms, year); id != "" {
			return id, nil
		}
	}
	if im.cix == nil {
		var err error
		if im.cix, err = loadCitizenIndex(im.e, im.opt.Unit); err != nil {
			return "", err
		}
	}
	k := groupKey{nkey: string(text.NameKey(c.HoDem, c.Ten)), needsNoIDNumber: c.IDNumber != ""}
	if in.Get("birth_year") != "" || in.Get("birth_date") != "" {
		k.givesYear, k.birthYear = true, int64(c.BirthYear)
	}
	if in.Get("village") != "" {
		k.givesVillage, k.vkey = true, text.Fold(c.Village)
	}
	return im.cix.pick(k, year, func(id string, y int) bool { return im.claimed[id][y] })
}

func hasScores(in data.Input) bool {
	for _, c := range data.ScoreColumns {
		if strings.TrimSpace(in[c]) != "" {
			return true
		}
	}
	return false
}

// pick chooses the record a row names among the matches not yet claimed
// for year. When the row leaves an identity column open (its cell empty or
// missing) and the records differ in it, the row cannot tell them apart:
// it is rejected rather than laid over the wrong one.
func (im *importer) pick(ms []store.Match, year int, open []string) (string, error) {
	var free []store.Match
	for _, m := range ms {
		if !im.claimed[m.ID][year] {
			free = append(free, m)
		}
	}
	if len(free) == 0 {
		return "", nil
	}
	for _, m := range free[1:] {
		for n := range open {
			if !sameValue(m.Vals[n], free[0].Vals[n]) {
				return "", rowError{&AmbiguousError{Candidates: len(free), Column: openColumn(open[n])}}
			}
		}
	}
	return free[0].ID, nil
}

func sameValue(a, b any) bool {
	x, ok1 := a.([]byte)
	y, ok2 := b.([]byte)
	if ok1 || ok2 {
		return ok1 && ok2 && string(x) == string(y)
	}
	return a == b
}

// openColumn names a stored or derived identity column by its file column.
func openColumn(col string) string {
	switch col {
	case "vkey":
		return "village"
	case "nkey":
		return "full_name"
	}
	return col
}

// claim picks the first match not yet used for year by this import.
func (im *importer) claim(ms []store.Match, year int) string {
	for _, m := range ms {
		if !im.claimed[m.ID][year] {
			return m.ID
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

func nameKey(p data.Person) []byte { return text.NameKey(p.HoDem, p.Ten) }
