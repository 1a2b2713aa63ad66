package ui

import (
	"context"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// citizensStore is what the citizen register needs of the store.
type citizensStore interface {
	citizenEditor
	unitsStore
	CitizenPage(ctx context.Context, q store.CitizenQuery) ([]store.CitizenItem, error)
	CountCitizens(ctx context.Context, q store.CitizenQuery) (int, error)
	Villages(ctx context.Context, unit string) ([]data.Village, error)
	RecordYears(ctx context.Context, kind store.Kind) ([]int, error)
	UsedVillages(ctx context.Context, unit string, kinds ...store.Kind) ([]string, error)
}

// citizensScreen is the register of learning citizens (Công dân học tập):
// searched as one types, filtered by year, village and result, read page
// by page however long it is.
type citizensScreen struct {
	*registerView[store.CitizenItem, store.CitizenQuery]
	st      citizensStore
	form    *citizenForm
	years   *yearFilter
	village *choiceFilter
	result  *choiceFilter
}

func newCitizensScreen(e *env, st citizensStore, files *store.Store) *citizensScreen {
	s := &citizensScreen{st: st}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	s.village = newChoiceFilter(e.keys, T("All villages"), func() { s.Refresh() })
	s.result = newResultFilter(e.keys, func() { s.Refresh() })
	s.form = newCitizenForm(e, st, s.years.value)
	cols := []column{{T("Full name"), 2.6}, {T("Born"), 1}, {T("Gender"), 1}, {T("Village"), 1.6},
		{T("Result"), 2.2}, {T("Score"), 0.5}}
	v := newRegisterView[store.CitizenItem, store.CitizenQuery](e, cols, s.form,
		func(it store.CitizenItem) string { return it.ID })
	s.registerView = v
	v.drop = []int{2, 1, 3, 5}
	v.cells = func(it store.CitizenItem) []string { return citizenCells(it, e.sess.Criteria, s.years.value() == 0) }
	v.query = s.query
	v.after = s.loadChoices
	v.count = func(n int) string { return T("%s citizens", num(int64(n), false)) }
	v.pager.count = func(q store.CitizenQuery) (int, error) {
		if e.sess.Level == "commune" {
			q.Unit = "" // a commune holds only its own unit; counting without it scans faster
		}
		return st.CountCitizens(e.ctx, q)
	}
	v.pager.page = func(q store.CitizenQuery, off, lim int) ([]store.CitizenItem, error) {
		q.Offset, q.Limit = off, lim
		items, err := st.CitizenPage(e.ctx, q)
		if err == nil && q.Year == 0 {
			err = latestAssessments(e.ctx, st, items)
		}
		return items, err
	}
	v.withSearch(T("Search name, CCCD, phone… (Ctrl+F)"))
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Citizen, func(it store.CitizenItem) string { return it.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	v.toolbar.Add(s.village.sel)
	v.toolbar.Add(s.result.sel)
	v.files = newFileActions(e, files, tabular.Citizens, func() { s.Show() })
	v.files.year = s.years.value
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func (s *citizensScreen) query() store.CitizenQuery {
	return store.CitizenQuery{Unit: s.unit(), Search: s.search.Text, Year: s.years.value(),
		Village: s.village.value(), Result: s.result.value()}
}

// unit names a commune's own unit in the list query, which lets the store
// read pages straight from its index (a commune's database holds no other
// unit); a district or province sees every unit it holds.
func (s *citizensScreen) unit() string {
	if s.env.sess.Level == "commune" {
		return s.env.sess.Unit
	}
	return s.units.value()
}

// citizenCells is a citizen's line: with the year filtered on, that year's
// result and score; under "all years", the latest year's, with the year.
// "Not passed" says why when the score tells (a total under the pass mark,
// or an indicator under the least allowed).
func citizenCells(it store.CitizenItem, cat *data.Catalog, allYears bool) []string {
	res, total := "", ""
	if it.Year != 0 {
		res = T("(none)")
		if it.Result != "" {
			res = label(data.Results, it.Result)
		}
		if it.Total >= 0 {
			total = score(it.Total)
			if it.Result == "chua_dat" {
				res = shortReason(it.Total, citizenSet(cat, it.Criteria).Rule)
			}
		}
		if allYears {
			res += " · " + itoa(it.Year)
		}
	}
	return []string{it.FullName(), yearText(it.BirthYear), label(data.Genders, it.Gender), it.Village, res, total}
}

// citizenSet is the citizens' criteria set of a version (the one in use
// when it is not installed here).
func citizenSet(cat *data.Catalog, version string) *data.CriteriaSet {
	if s, err := cat.Get(data.ModelCitizen, version); err == nil {
		return s
	}
	return cat.Current(data.ModelCitizen)
}

// latestAssessments fills in, for a page read without a year, each
// citizen's latest assessment: its year, result and score.
func latestAssessments(ctx context.Context, st citizenEditor, items []store.CitizenItem) error {
	for n := range items {
		as, err := st.Assessments(ctx, items[n].ID)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			continue
		}
		a := as[0] // newest year first
		items[n].Year, items[n].Result, items[n].Status, items[n].Total = a.Year, a.Result, a.Status, -1
		items[n].Criteria = a.Criteria
		if len(a.Scores) > 0 {
			items[n].Total = a.Total()
		}
	}
	return nil
}

// Show reloads the list, and the filter choices beside it.
func (s *citizensScreen) Show() {
	s.Refresh()
	s.loadChoices()
}

// loadChoices reloads the filters' choices: the years (a year just saved
// appears at once), the villages, the units.
func (s *citizensScreen) loadChoices() {
	var years []int
	var names []string
	var err error
	s.env.bg.Go(func() { years, names, err = s.choices() }, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.years.set(years, 0)
		s.village.set(names, names)
		s.form.setVillages(names)
	})
	s.loadUnits()
}

// choices are the years with assessments and the villages: those the
// commune keeps and those citizens are recorded in.
func (s *citizensScreen) choices() ([]int, []string, error) {
	years, err := s.st.RecordYears(s.env.ctx, store.Assessment)
	if err != nil {
		return nil, nil, err
	}
	names, err := villageChoices(s.env.ctx, s.st, s.env.sess.Unit, store.Citizen)
	if err != nil {
		return nil, nil, err
	}
	return years, names, nil
}
