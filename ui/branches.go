package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// branchesStore is what the register of branches needs of the store.
type branchesStore interface {
	Branches(ctx context.Context, unit, period string) ([]store.BranchItem, error)
	yearsStore
	unitsStore
}

// branchesScreen is the register of the association's branches (chi hội,
// ban khuyến học) with their members in the half-year or year chosen.
type branchesScreen struct {
	*registerView[store.BranchItem, unitPeriod]
	st      branchesStore
	periods *periodFilter
}

// unitPeriod is the query of a register read by unit and period.
type unitPeriod struct {
	unit   string
	period string // "2026-H1", "2026"
}

func newBranchesScreen(e *env, st branchesStore, files *store.Store) *branchesScreen {
	s := &branchesScreen{st: st}
	s.periods = newPeriodFilter(e.keys, data.HalfOf(today(e)), s.periodChosen)
	f := newBranchForm(e, st, s.periods.value)
	cols := []column{{T("Name"), 2.6}, {T("Form"), 1.6}, {T("Set up in"), 1.6}, {T("Chair"), 1.7},
		{T("Association members"), 1.1}, {T("Admitted"), 1.1}, {T("Left"), 1}}
	v := newRegisterView[store.BranchItem, unitPeriod](e, cols, f, func(b store.BranchItem) string { return b.ID })
	s.registerView = v
	v.drop = []int{3, 2, 6, 5, 1}
	v.cells = branchCells
	v.query = func() unitPeriod { return unitPeriod{v.unitValue(), s.periods.value()} }
	v.after = s.loadChoices
	v.count = func(n int) string { return T("%s branches", num(int64(n), false)) }
	v.pager.count, v.pager.page = sliced(func(q unitPeriod) ([]store.BranchItem, error) {
		return st.Branches(e.ctx, q.unit, q.period)
	})
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Branch, func(b store.BranchItem) string { return b.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.periods.object())
	v.files = newFileActions(e, files, tabular.Branches, func() { s.Show() })
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func branchCells(b store.BranchItem) []string {
	cells := []string{b.Name, label(data.BranchForms, b.Form), data.SuggestionLabel(data.BranchTypes, b.Type, current), b.Chair}
	if m := b.Members; m.ID != "" {
		cells = append(cells, num(m.Total, false), num(m.Admitted, true), num(m.Left, true))
	}
	return cells
}

// periodChosen shows the branches' members in the period chosen; a form
// with nothing typed in it starts afresh for that period (a branch shown
// with another period's counts would read as this one's), a form being
// typed keeps what was typed, its own period included.
func (s *branchesScreen) periodChosen() {
	if !s.form.Dirty() {
		s.Clear()
	}
	s.Refresh()
}

// Show reloads the periods, then the list.
func (s *branchesScreen) Show() {
	s.periods.reload(s.env, s.st, s.Refresh)
	s.loadUnits()
}

// loadChoices offers a period just saved at once (and the units).
func (s *branchesScreen) loadChoices() {
	s.periods.reload(s.env, s.st, nil)
	s.loadUnits()
}

// branchForm is the form of a branch and its members in one period.
type branchForm struct {
	record
	env    *env
	st     branchesStore
	name   string
	period func() string
	item   store.BranchItem
	obj    fyne.CanvasObject
}

func newBranchForm(e *env, st branchesStore, period func() string) *branchForm {
	f := &branchForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st, period: period}
	f.text("name", T("Branch name")).SetPlaceHolder(T("e.g. Chi hội khuyến học thôn Đông"))
	f.pick("form", T("Form"), data.BranchForms)
	f.choice("branch_type", T("Set up in"), labels(data.BranchTypes))
	f.text("established_on", T("Established on")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.text("chair", T("Chair"))
	f.text("dissolved_on", T("Dissolved or merged on")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.text("note", T("Note"))
	f.text("period", T("Period")).SetPlaceHolder(T("e.g. %s, %s or %s", "2026-H1", "2026-H2", "2026"))
	f.text("members", T("Members at the end of the period"))
	f.text("admitted", T("Admitted in the period"))
	f.text("left", T("Left in the period"))
	f.persistent("form", "branch_type", "period")
	f.obj = container.NewVBox(f.summary,
		section(T("Branch"), f.grid("name", "form", "branch_type", "established_on", "chair", "dissolved_on", "note")),
		section(T("Members (counts only, no names)"), f.grid("period", "members", "admitted", "left")))
	return f
}

// Object is the form's content.
func (f *branchForm) Object() fyne.CanvasObject { return f.obj }

// Name is the branch's name.
func (f *branchForm) Name() string { return f.name }

// Item is the branch as the list shows it.
func (f *branchForm) Item() store.BranchItem { return f.item }

// Clear shows an empty form: a chi hội, its members in the period chosen.
func (f *branchForm) Clear() {
	f.id, f.unit, f.name = "", f.env.sess.Unit, T("New branch")
	f.load(data.Input{"form": "chi_hoi", "period": f.period()})
}

// Load shows a stored branch with its members in the period chosen.
func (f *branchForm) Load(b store.BranchItem) {
	f.id, f.unit, f.name, f.item = b.ID, b.Unit, b.Name, b
	e := data.BranchEntry{Branch: b.Branch}
	if b.Members.ID != "" {
		e.Members = &b.Members
	}
	in := data.FormatBranch(e, people())
	if in["period"] == "" {
		in["period"] = f.period()
	}
	f.load(in)
}

// Save validates with data.ParseBranch and prepares the write of the
// branch and its members.
func (f *branchForm) Save() (change, bool) {
	in := f.input()
	if in["members"] == "" && in["admitted"] == "" && in["left"] == "" {
		in["period"] = "" // no counts typed: the period shown is only the default
	}
	e, err := data.ParseBranch(in)
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	b, m := e.Branch, e.Members
	b.ID, b.Unit = f.id, f.unit
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			if _, err := ed.SaveBranch(&b); err != nil {
				return err
			}
			if m != nil {
				m.BranchID, m.Unit = b.ID, b.Unit
				_, err := ed.SaveMemberCount(m)
				return err
			}
			return nil
		})
	}
	period := f.period()
	return change{write: write, saved: func() {
		f.id, f.name = b.ID, b.Name
		f.item = store.BranchItem{Branch: b}
		if m != nil && m.Period == period {
			f.item.Members = *m
		}
		f.saved()
	}}, true
}

// Delete prepares the tombstone of the branch shown and its counts.
func (f *branchForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Branch, id) })
	}
}

// periodFilter is a drop-down of half-years and years: for each year that
// members were counted in (and the current one), its second half, its
// first half and the whole year, newest first.
type periodFilter struct {
	sel     *pickEntry
	periods []data.Period
	years   []int
	muted   bool
	chosen  bool
	pick    data.Period // until the person chooses
}

func newPeriodFilter(k *shortcuts, pick data.Period, onChange func()) *periodFilter {
	p := &periodFilter{pick: pick}
	p.sel = newPickEntry(k, nil, func(string) {
		if !p.muted {
			p.chosen = true
			onChange()
		}
	})
	p.set(nil)
	return p
}

// reload fetches the years members were counted in, then calls done.
func (p *periodFilter) reload(e *env, st yearsStore, done func()) {
	var years []int
	var err error
	e.bg.Go(func() { years, err = st.RecordYears(e.ctx, store.MemberCount) }, func() {
		if err != nil {
			e.fail(err)
			return
		}
		p.set(years)
		if done != nil {
			done()
		}
	})
}

// set offers the periods of years (and of the default's year), keeping the
// choice.
func (p *periodFilter) set(years []int) {
	keep := p.pick
	if v, ok := p.current(); ok && p.chosen {
		keep = v
	}
	years = append(slices.Clone(years), p.pick.Year())
	slices.SortFunc(years, func(a, b int) int { return b - a })
	p.years = slices.Compact(years)
	p.periods = nil
	var opts []string
	for _, y := range p.years {
		for _, q := range []data.Period{data.HalfYear(y, 2), data.HalfYear(y, 1), data.YearPeriod(y)} {
			p.periods = append(p.periods, q)
			opts = append(opts, periodName(q))
		}
	}
	p.muted = true
	p.sel.SetOptions(opts)
	p.sel.SetSelectedIndex(max(0, slices.Index(p.periods, keep)))
	p.muted = false
}

// object is the drop-down, as wide as its longest name (a half-year's):
// the period chosen is read whole, never cut short.
func (p *periodFilter) object() fyne.CanvasObject {
	long := max(fyne.MeasureText(T("Second half of %d", 2026), theme.TextSize(), fyne.TextStyle{}).Width,
		fyne.MeasureText(T("First half of %d", 2026), theme.TextSize(), fyne.TextStyle{}).Width)
	return container.New(fixedWidth{long + theme.IconInlineSize() + theme.InnerPadding()*4}, p.sel)
}

func (p *periodFilter) current() (data.Period, bool) {
	i := p.sel.SelectedIndex()
	if i < 0 || i >= len(p.periods) {
		return data.Period{}, false
	}
	return p.periods[i], true
}

// value is the period chosen, in its text form.
func (p *periodFilter) value() string {
	if q, ok := p.current(); ok {
		return q.String()
	}
	return p.pick.String()
}

// periodName names a period in the language of the window: a half-year,
// a year, or its first and last days.
func periodName(p data.Period) string {
	switch {
	case p.Half() == 1:
		return T("First half of %d", p.Year())
	case p.Half() == 2:
		return T("Second half of %d", p.Year())
	case p.IsYear():
		return T("Year %d", p.Year())
	}
	return T("From %s to %s", p.From.VN(), p.To.VN())
}

// periodDays is a period's name with its days when the name does not
// give them (6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)).
func periodDays(p data.Period) string {
	if p.Half() == 0 && !p.IsYear() {
		return periodName(p)
	}
	return T("%s (%s – %s)", periodName(p), p.From.VN(), p.To.VN())
}

// today is the day the app's clock says.
func today(e *env) data.Date {
	n := e.now()
	return data.Date{Y: n.Year(), M: int(n.Month()), D: n.Day()}
}
