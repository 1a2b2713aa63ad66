package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// centresStore is what the centre register needs of the store.
type centresStore interface {
	Centres(ctx context.Context, unit string, year int) ([]store.CentreItem, error)
	yearsStore
	unitsStore
}

// centresScreen is the register of community learning centres (TTHTCĐ)
// with their activity in the chosen year.
type centresScreen struct {
	*registerView[store.CentreItem, unitYear]
	st    centresStore
	years *yearFilter
}

func newCentresScreen(e *env, st centresStore, files *store.Store) *centresScreen {
	s := &centresScreen{st: st}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	f := newCentreForm(e, st, s.years.value)
	cols := []column{{T("Name"), 2.6}, {T("Status"), 1.4}, {T("Director"), 1.7}, {T("Classes"), 1.1},
		{T("Learner-times"), 1.3}, {T("Rating"), 1.3}}
	v := newRegisterView[store.CentreItem, unitYear](e, cols, f, func(c store.CentreItem) string { return c.ID })
	s.registerView = v
	v.drop = []int{2, 3, 4, 5}
	v.cells = centreCells
	v.query = func() unitYear { return unitYear{v.unitValue(), s.years.value()} }
	v.after = s.loadChoices
	v.count = func(n int) string { return T("%s centres", num(int64(n), false)) }
	v.pager.count, v.pager.page = sliced(func(q unitYear) ([]store.CentreItem, error) { return st.Centres(e.ctx, q.unit, q.year) })
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Centre, func(c store.CentreItem) string { return c.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	v.files = newFileActions(e, files, tabular.Centres, func() { s.Show() })
	v.files.year = s.years.value
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func centreCells(c store.CentreItem) []string {
	y := c.Year
	if y.Year == 0 {
		return []string{c.Name, label(data.CentreStatuses, c.Status), c.Director}
	}
	return []string{c.Name, label(data.CentreStatuses, c.Status), c.Director, num(y.Classes, true),
		num(y.LearnerTimes, true), label(data.Ratings, y.Rating)}
}

// Show reloads the years, then the list.
func (s *centresScreen) Show() {
	s.years.reload(s.env, s.st, store.CentreYear, s.env.year(), s.Refresh)
	s.loadUnits()
}

// loadChoices offers a year just saved at once (and the units).
func (s *centresScreen) loadChoices() {
	s.years.reload(s.env, s.st, store.CentreYear, s.env.year(), nil)
	s.loadUnits()
}

// centreForm is the form of a centre and its activity in one year.
type centreForm struct {
	record
	env    *env
	st     centresStore
	name   string
	merged string
	year   func() int
	item   store.CentreItem
	obj    fyne.CanvasObject
}

func newCentreForm(e *env, st centresStore, year func() int) *centreForm {
	f := &centreForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st, year: year}
	f.text("name", T("Centre name")).SetPlaceHolder(T("e.g. TTHTCĐ xã Đông Hòa"))
	f.text("decision_no", T("Establishment decision"))
	f.text("established_on", T("Established on")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.pick("status", T("Status"), data.CentreStatuses)
	f.text("director", T("Director"))
	f.text("deputies", T("Deputy directors"))
	f.text("year", T("Year")).SetPlaceHolder(T("e.g. %d", e.year()))
	f.text("classes", T("Classes"))
	f.text("learner_times", T("Learner-times"))
	f.text("budget_vnd", T("State budget (VND)")).SetPlaceHolder(T("e.g. %s", "15.000.000"))
	f.text("social_vnd", T("Socialised funding (VND)"))
	f.pick("rating", T("Rating"), data.Ratings)
	f.persistent("year")
	f.obj = container.NewVBox(f.summary,
		section(T("Centre"), f.grid("name", "decision_no", "established_on", "status", "director", "deputies")),
		section(T("Activity in the year"), f.grid("year", "classes", "learner_times", "budget_vnd", "social_vnd", "rating")),
		section(T("Classes per programme in the year"), f.programmeFields()))
	return f
}

// Object is the form's content.
func (f *centreForm) Object() fyne.CanvasObject { return f.obj }

// Name is the centre's name.
func (f *centreForm) Name() string { return f.name }

// Item is the centre as the list shows it.
func (f *centreForm) Item() store.CentreItem { return f.item }

// Clear shows an empty form.
func (f *centreForm) Clear() {
	f.id, f.unit, f.name, f.merged = "", f.env.sess.Unit, T("New centre"), ""
	f.load(data.Input{"status": "hoat_dong"})
}

// Load shows a stored centre.
func (f *centreForm) Load(c store.CentreItem) {
	f.id, f.unit, f.name, f.merged, f.item = c.ID, c.Unit, c.Name, c.MergedInto, c
	e := data.CentreEntry{Centre: c.Centre}
	if c.Year.Year != 0 {
		e.Year = &c.Year
	}
	f.load(data.FormatCentre(e, people()))
}

// Save validates with data.ParseCentre and prepares the write of the
// centre and its year.
func (f *centreForm) Save() (change, bool) {
	in := f.input()
	if in["year"] != "" {
		in["year_status"] = in["status"] // the form shows one status: the centre's, and the year's it edits
	}
	e, err := data.ParseCentre(in)
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	c := e.Centre
	c.ID, c.Unit, c.MergedInto = f.id, f.unit, f.merged
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			if _, err := ed.SaveCentre(&c); err != nil {
				return err
			}
			if y := e.Year; y != nil {
				y.CentreID, y.Unit = c.ID, c.Unit
				_, err := ed.SaveCentreYear(y)
				return err
			}
			return nil
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name = c.ID, c.Name
		f.item = store.CentreItem{Centre: c}
		if y := e.Year; y != nil {
			f.item.Year = *y
		}
		f.saved()
	}}, true
}

// Delete prepares the tombstone of the centre shown.
func (f *centreForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Centre, id) })
	}
}
