package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// activitiesStore is what the association's log needs of the store.
type activitiesStore interface {
	Activities(ctx context.Context, q store.ActivityQuery) ([]data.Activity, error)
	CountActivities(ctx context.Context, q store.ActivityQuery) (int, error)
	yearsStore
	unitsStore
}

// activitiesScreen is the log of what the association did: training
// courses for its officers, meetings and conferences, publicity, documents
// issued; newest first, a year and a kind at a time.
type activitiesScreen struct {
	*registerView[data.Activity, store.ActivityQuery]
	st    activitiesStore
	years *yearFilter
	kinds *choiceFilter
}

func newActivitiesScreen(e *env, st activitiesStore, files *store.Store) *activitiesScreen {
	s := &activitiesScreen{st: st}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	s.kinds = newChoiceFilter(e.keys, T("All kinds"), func() { s.Refresh() })
	s.kinds.set(data.ActivityKinds.Codes(), labels(data.ActivityKinds.Options))
	f := newActivityForm(e, st)
	cols := []column{{T("Date"), 1.7}, {T("Kind"), 1.8}, {T("Title"), 3}, {T("People"), 1},
		{T("Times"), 0.9}, {T("Number"), 1.3}}
	v := newRegisterView[data.Activity, store.ActivityQuery](e, cols, f, func(a data.Activity) string { return a.ID })
	s.registerView = v
	v.drop = []int{5, 4, 3}
	v.cells = activityCells
	v.after = s.loadChoices
	v.query = func() store.ActivityQuery {
		return store.ActivityQuery{Unit: v.unitValue(), Year: s.years.value(), Kind: s.kinds.value(), Search: s.search.Text}
	}
	v.count = func(n int) string { return T("%s activities", num(int64(n), false)) }
	v.pager.count = func(q store.ActivityQuery) (int, error) { return st.CountActivities(e.ctx, q) }
	v.pager.page = func(q store.ActivityQuery, off, lim int) ([]data.Activity, error) {
		q.Offset, q.Limit = off, lim
		return st.Activities(e.ctx, q)
	}
	v.withSearch(T("Search title or number… (Ctrl+F)"))
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Activity, func(a data.Activity) string { return a.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	v.toolbar.Add(s.kinds.sel)
	v.files = newFileActions(e, files, tabular.Activities, func() { s.Show() })
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func activityCells(a data.Activity) []string {
	return []string{a.Date.VN(), label(data.ActivityKinds, a.Kind), a.Title, num(a.Participants, true),
		num(a.Times, true), a.DocumentNo}
}

// Show reloads the years, then the list.
func (s *activitiesScreen) Show() {
	s.years.reload(s.env, s.st, store.Activity, s.env.year(), s.Refresh)
	s.loadUnits()
}

// loadChoices offers a year just saved at once (and the units).
func (s *activitiesScreen) loadChoices() {
	s.years.reload(s.env, s.st, store.Activity, s.env.year(), nil)
	s.loadUnits()
}

// activityForm is the form of one entry of the log.
type activityForm struct {
	record
	env  *env
	st   activitiesStore
	name string
	item data.Activity
	obj  fyne.CanvasObject
}

func newActivityForm(e *env, st activitiesStore) *activityForm {
	f := &activityForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st}
	f.text("date", T("Date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.pick("kind", T("Kind of activity"), data.ActivityKinds)
	f.text("title", T("Title")).SetPlaceHolder(T("e.g. Tập huấn nghiệp vụ cho chi hội trưởng"))
	f.text("participants", T("People taking part"))
	f.choice("publicity_kind", T("Kind of publicity"), labels(data.PublicityKinds))
	f.text("times", T("Times (broadcasts, articles, posts)"))
	f.text("document_no", T("Document number")).SetPlaceHolder(T("e.g. %s", "12/KH-HKH"))
	f.text("note", T("Note"))
	f.persistent("kind", "publicity_kind")
	f.obj = container.NewVBox(f.summary, section(T("Activity"),
		f.grid("date", "kind", "title", "participants", "publicity_kind", "times", "document_no", "note")))
	f.onChange = f.fitKind
	return f
}

// fitKind lets only the counts of the kind chosen be typed (data.
// ActivityTakes: a course's people, publicity's kind and times, a
// document's number), so that Enter goes from one to the next; a value
// already there stays in sight and is kept.
func (f *activityForm) fitKind() {
	a, _ := data.ParseActivity(f.input())
	for _, fl := range f.fields {
		if d, ok := fl.focus.(fyne.Disableable); ok {
			if data.ActivityTakes(a.Kind, fl.col) {
				d.Enable()
			} else {
				d.Disable()
			}
		}
	}
}

// Object is the form's content.
func (f *activityForm) Object() fyne.CanvasObject { return f.obj }

// Name names the entry by its day and title.
func (f *activityForm) Name() string { return f.name }

// Item is the entry as the list shows it.
func (f *activityForm) Item() data.Activity { return f.item }

func activityName(a data.Activity) string {
	return T("%s of %s", label(data.ActivityKinds, a.Kind), a.Date.VN())
}

// Clear shows an empty form.
func (f *activityForm) Clear() {
	f.id, f.unit, f.name = "", f.env.sess.Unit, T("New activity")
	f.load(data.Input{})
}

// Load shows a stored entry.
func (f *activityForm) Load(a data.Activity) {
	f.id, f.unit, f.name, f.item = a.ID, a.Unit, activityName(a), a
	f.load(data.FormatActivity(a, people()))
}

// Save validates with data.ParseActivity and prepares the write of the
// entry.
func (f *activityForm) Save() (change, bool) {
	a, err := data.ParseActivity(f.input())
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	a.ID, a.Unit = f.id, f.unit
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			_, err := ed.SaveActivity(&a)
			return err
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name, f.item = a.ID, activityName(a), a
		f.saved()
	}}, true
}

// Delete prepares the tombstone of the entry shown.
func (f *activityForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Activity, id) })
	}
}
