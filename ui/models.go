package ui

import (
	"context"

	"fyne.io/fyne/v2/theme"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// The registers of the four learning models of QĐ 387 (Gia đình học tập,
// Dòng họ học tập, Cộng đồng học tập, Đơn vị học tập): one screen each,
// on the register machinery every register shares (registerView: list,
// search, filters, keyboard entry, import and export), told apart by a
// modelUI describing its record's fields and list columns. The form
// (model_form.go) takes the yearly assessment, scored against the
// criteria set it records.

// modelUI describes one model's screen.
type modelUI[R any] struct {
	kind    *data.ModelKind[R]
	skind   store.Kind
	file    tabular.Kind
	newName string                            // the heading of an empty form
	count   string                            // the status bar's "%s families"
	cols    []column                          // the list's columns after the name
	cells   func(store.ModelItem[R]) []string // those columns' cells
	fields  func(f *modelForm[R])             // adds the record's fields
	grid    []string                          // the record's fields, in order
	village func(*R) string                   // the record's village, for the village filter (nil: none)
	title   string                            // the record section's title
	search  string                            // the search box's hint
	persist []string                          // fields carried to the next new record
	nameOf  func(in data.Input) string        // the record's name from its cells, before it is saved
}

// modelsStore is what a model's register needs of the store.
type modelsStore interface {
	yearsStore
	unitsStore
	CountModelRecords(ctx context.Context, k store.Kind, q store.ModelQuery) (int, error)
	ModelYearsOf(ctx context.Context, recordID string) ([]data.ModelYear, error)
	MembersOf(ctx context.Context, recordID string) ([]data.Citizen, error)
	villageChoicesStore
}

// modelScreen is the register of one model with each record's assessment
// of the chosen year.
type modelScreen[R any] struct {
	*registerView[store.ModelItem[R], store.ModelQuery]
	m       *modelUI[R]
	st      modelsStore
	years   *yearFilter
	village *choiceFilter
	result  *choiceFilter
}

func newModelScreen[R any](e *env, m *modelUI[R], st *store.Store) *modelScreen[R] {
	s := &modelScreen[R]{m: m, st: st}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	s.result = newResultFilter(e.keys, func() { s.Refresh() })
	f := newModelForm(e, m, st, s.years.value)
	cols := []column{{T("Name"), 2.6}}
	for _, c := range m.cols {
		cols = append(cols, column{T(c.title), c.weight})
	}
	cols = append(cols, column{T("Result"), 1.6}, column{T("Stage"), 1.4})
	v := newRegisterView[store.ModelItem[R], store.ModelQuery](e, cols, f, func(it store.ModelItem[R]) string {
		id, _ := m.kind.Table.Key(&it.Record)
		return *id
	})
	s.registerView = v
	v.drop = []int{len(cols) - 1} // a narrow list keeps the name and the result
	for n := len(cols) - 3; n >= 1; n-- {
		v.drop = append(v.drop, n)
	}
	v.cells = s.cells
	v.query = s.query
	v.after = s.loadChoices
	v.count = func(n int) string { return T(m.count, num(int64(n), false)) }
	v.pager.count = func(q store.ModelQuery) (int, error) { return st.CountModelRecords(e.ctx, m.skind, q) }
	v.pager.page = func(q store.ModelQuery, off, lim int) ([]store.ModelItem[R], error) {
		q.Offset, q.Limit = off, lim
		return store.ModelRecords(e.ctx, st, m.kind.Table, q)
	}
	v.withSearch(T(m.search))
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, m.skind, func(it store.ModelItem[R]) string {
			_, unit := m.kind.Table.Key(&it.Record)
			return *unit
		}, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	if m.village != nil {
		s.village = newChoiceFilter(e.keys, T("All villages"), func() { s.Refresh() })
		v.toolbar.Add(s.village.sel)
	}
	v.toolbar.Add(s.result.sel)
	v.files = newFileActions(e, st, m.file, func() { s.Show() })
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func (s *modelScreen[R]) query() store.ModelQuery {
	q := store.ModelQuery{Unit: s.unitValue(), Search: s.search.Text, Year: s.years.value(), Result: s.result.value()}
	if s.village != nil {
		q.Village = s.village.value()
	}
	return q
}

// cells is a record's line: its name, its own columns, and the result and
// step of the year's assessment.
func (s *modelScreen[R]) cells(it store.ModelItem[R]) []string {
	out := append([]string{s.m.kind.Name(&it.Record)}, s.m.cells(it)...)
	res, step := "", ""
	if y := it.Year; y.ID != "" {
		res = T("(none)")
		if y.Result != "" {
			res = label(data.Results, y.Result)
		}
		if y.Grade != "" {
			if set, err := s.env.sess.Criteria.Get(y.Model, y.Criteria); err == nil {
				res += " · " + set.GradeLabel(y.Grade)
			}
		}
		step = label(data.AssessmentStatuses, y.Status)
		if s.years.value() == 0 {
			res += " · " + itoa(y.Year)
		}
	}
	return append(out, res, step)
}

// Show reloads the years and villages, then the list.
func (s *modelScreen[R]) Show() {
	s.years.reload(s.env, s.st, s.m.skind, 0, s.Refresh)
	s.loadVillages()
	s.loadUnits()
}

// loadChoices offers a year just saved at once (and the units).
func (s *modelScreen[R]) loadChoices() {
	s.years.reload(s.env, s.st, s.m.skind, 0, nil)
	s.loadUnits()
}

func (s *modelScreen[R]) loadVillages() {
	if s.village == nil {
		return
	}
	var names []string
	var err error
	s.env.bg.Go(func() { names, err = villageChoices(s.env.ctx, s.st, s.env.sess.Unit, store.Citizen, s.m.skind) }, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.village.set(names, names)
		s.form.(*modelForm[R]).setVillages(names)
	})
}

// The four models' screens.

var familyUI = &modelUI[data.Family]{kind: data.FamilyKind, skind: store.Family, file: tabular.Families,
	newName: N("New family"), count: N("%s families"), title: N("Household"),
	search: N("Search head of household, village… (Ctrl+F)"),
	cols:   []column{{N("Village"), 1.6}, {N("Adults"), 0.9}},
	cells: func(it store.ModelItem[data.Family]) []string {
		return []string{it.Record.Village, num(it.Record.Adults, true)}
	},
	fields: func(f *modelForm[data.Family]) {
		f.text("head", T("Head of household")).SetPlaceHolder(T("e.g. Nguyễn Văn An"))
		f.choice("village", T("Village"), nil)
		f.text("members", T("Household members"))
		f.text("children", T("Children of school age"))
		f.text("adults", T("Adults"))
		f.text("clan", T("Clan (name or id)"))
		f.text("note", T("Note"))
	},
	grid:    []string{"head", "village", "members", "children", "adults", "clan", "note"},
	village: func(f *data.Family) string { return f.Village },
	persist: []string{"village"},
	nameOf:  func(in data.Input) string { return in.Get("head") }}

var clanUI = &modelUI[data.Clan]{kind: data.ClanKind, skind: store.Clan, file: tabular.Clans,
	newName: N("New clan"), count: N("%s clans"), title: N("Clan"),
	search: N("Search clan, branch, village… (Ctrl+F)"),
	cols:   []column{{N("Households"), 1}, {N("Members"), 1}},
	cells: func(it store.ModelItem[data.Clan]) []string {
		return []string{num(it.Record.Households, true), num(it.Record.Members, true)}
	},
	fields: func(f *modelForm[data.Clan]) {
		f.text("name", T("Clan name")).SetPlaceHolder(T("e.g. Họ Nguyễn Đình"))
		f.text("branch", T("Branch (chi, phái)"))
		f.text("head", T("Clan head"))
		f.text("villages", T("Villages it lives in"))
		f.text("households", T("Households"))
		f.text("members", T("Members"))
		f.text("note", T("Note"))
	},
	grid:   []string{"name", "branch", "head", "villages", "households", "members", "note"},
	nameOf: func(in data.Input) string { return in.Get("name") }}

var communityUI = &modelUI[data.Community]{kind: data.CommunityKind, skind: store.Community, file: tabular.Communities,
	newName: N("New village community"), count: N("%s villages"), title: N("Village"),
	search: N("Search village… (Ctrl+F)"),
	// The village's families recognised that year (derived from the family
	// register) before its households: a narrow list keeps them.
	cols: []column{{N("Families recognised"), 1.2}, {N("Households"), 1}},
	cells: func(it store.ModelItem[data.Community]) []string {
		return []string{num(int64(it.Families), true), num(it.Record.Households, true)}
	},
	fields: func(f *modelForm[data.Community]) {
		f.choice("village", T("Village"), nil)
		f.text("households", T("Households"))
		f.text("note", T("Note"))
	},
	grid:    []string{"village", "households", "note"},
	village: func(c *data.Community) string { return c.Village },
	nameOf:  func(in data.Input) string { return in.Get("village") }}

var unitUI = &modelUI[data.LearningUnit]{kind: data.UnitKind, skind: store.LearningUnit, file: tabular.Units,
	newName: N("New learning unit"), count: N("%s units"), title: N("Unit"),
	search: N("Search unit… (Ctrl+F)"),
	cols:   []column{{N("Type"), 1.6}, {N("Staff"), 0.9}},
	cells: func(it store.ModelItem[data.LearningUnit]) []string {
		u := it.Record
		return []string{data.SuggestionLabel(data.UnitTypes, u.Type, current), num(u.Staff, true)}
	},
	fields: func(f *modelForm[data.LearningUnit]) {
		f.text("name", T("Unit name")).SetPlaceHolder(T("e.g. Trường Tiểu học Đông Hòa"))
		f.choice("type", T("Type"), labels(data.UnitTypes))
		f.text("staff", T("Staff"))
		f.text("head", T("Head of unit"))
		f.text("note", T("Note"))
	},
	grid:   []string{"name", "type", "staff", "head", "note"},
	nameOf: func(in data.Input) string { return in.Get("name") }}

// modelNavItems are the navigation's entries of the four models.
func modelNavItems(e *env, st *store.Store) []navItem {
	return []navItem{
		{T("Learning families"), theme.AccountIcon(), func() screen { return newModelScreen(e, familyUI, st) }},
		{T("Learning clans"), theme.GridIcon(), func() screen { return newModelScreen(e, clanUI, st) }},
		{T("Learning communities (villages)"), theme.MenuIcon(), func() screen { return newModelScreen(e, communityUI, st) }},
		{T("Learning units"), theme.ComputerIcon(), func() screen { return newModelScreen(e, unitUI, st) }},
	}
}
