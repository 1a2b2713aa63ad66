package ui

import (
	"context"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
)

// conflictsScreen lists the open conflicts of a district or a province:
// the record, the field, the value kept and the other one, where that came
// from and why a person must choose; the two buttons settle the one
// selected (store.Resolve), after a question.
type conflictsScreen struct {
	plainScreen
	env      *env
	st       *store.Store
	items    []conflictItem
	selected int
	table    *widget.Table
	summary  *widget.Label
	heading  *widget.Label
	current  *widget.Label
	other    *widget.Label
	reason   *widget.Label
	keep     *keyButton
	take     *keyButton
	obj      fyne.CanvasObject
}

func newConflictsScreen(e *env, st *store.Store) *conflictsScreen {
	s := &conflictsScreen{env: e, st: st, selected: -1, summary: widget.NewLabel(""), current: widget.NewLabel(""),
		other: widget.NewLabel(""), reason: widget.NewLabel("")}
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	for _, l := range []*widget.Label{s.summary, s.heading, s.current, s.other, s.reason} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.table = newGrid(conflictCols, func() int { return len(s.items) }, s.cell)
	s.table.OnSelected = func(id widget.TableCellID) { s.pick(id.Row) }
	s.keep = newButton(e.keys, T("Keep the current value"), theme.ConfirmIcon(), func() { s.ask(store.KeepCurrent) })
	s.take = newButton(e.keys, T("Take the other value"), theme.ContentRedoIcon(), func() { s.ask(store.TakeLoser) })
	refresh := newButton(e.keys, T("Refresh"), theme.ViewRefreshIcon(), s.Show)
	top := container.NewBorder(nil, nil, nil, refresh, s.summary)
	detail := container.NewVBox(widget.NewSeparator(), s.heading, s.current, s.other, s.reason,
		container.NewHBox(s.keep, s.take))
	s.obj = container.NewBorder(top, detail, nil, nil, s.table)
	s.pick(-1)
	return s
}

// conflictCols are the columns of the conflicts.
var conflictCols = []column{{N("Unit"), 150}, {N("Record"), 250}, {N("Field"), 125}, {N("Current value"), 150},
	{N("Other value"), 150}, {N("Why"), 150}, {N("Came from"), 160}}

func (s *conflictsScreen) cell(r, c int) (string, widget.Importance) {
	it := s.items[r]
	text := []string{it.UnitName, it.RecordName, it.FieldName, it.Cur, it.Oth, it.Short, it.From}[c]
	if c == 5 && it.Reason == "locked" {
		return text, widget.WarningImportance
	}
	return text, widget.MediumImportance
}

// Object is the screen's content.
func (s *conflictsScreen) Object() fyne.CanvasObject { return s.obj }

// Show reads the open conflicts and the names of their records.
func (s *conflictsScreen) Show() {
	var items []conflictItem
	var err error
	s.env.bg.Go(func() { items, err = loadConflicts(s.env.ctx, s.st, s.env.reg) }, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.items = items
		s.table.UnselectAll()
		s.table.Refresh()
		s.pick(-1)
		if len(items) == 0 {
			s.summary.SetText(T("No open conflict: every value received agrees, or was settled."))
		} else {
			s.summary.SetText(T("%d open conflict(s). Choose one, compare the two values, then keep the current one or take the other.",
				len(items)))
		}
		s.env.status.SetCount(T("%d open conflict(s)", len(items)))
	})
}

// pick shows the conflict of row r (-1: none) below the table.
func (s *conflictsScreen) pick(r int) {
	if r < 0 || r >= len(s.items) {
		s.selected = -1
		s.heading.SetText(T("Choose a conflict in the list."))
		for _, l := range []*widget.Label{s.current, s.other, s.reason} {
			l.SetText("")
		}
		s.keep.Disable()
		s.take.Disable()
		return
	}
	s.selected = r
	it := s.items[r]
	s.heading.SetText(it.RecordName + " · " + it.FieldName + " · " + it.UnitName)
	s.current.SetText(T("Current value: %s", it.Cur))
	s.other.SetText(T("Other value, from %s (imported %s): %s", it.From, stampText(it.Detected), it.Oth))
	s.reason.SetText(T("Why: %s", it.Why))
	s.keep.Enable()
	s.take.Enable()
}

// ask confirms the choice on the conflict selected, then settles it.
func (s *conflictsScreen) ask(choice store.Resolution) {
	if s.selected < 0 {
		return
	}
	it := s.items[s.selected]
	title, yes := T("Keep the current value"), T("Keep the current value")
	if choice == store.TakeLoser {
		title, yes = T("Take the other value"), T("Take the other value")
	}
	s.env.confirm(title, it.Question(choice), yes, func() { s.Resolve(it, choice) })
}

// Resolve settles a conflict and reloads the list.
func (s *conflictsScreen) Resolve(it conflictItem, choice store.Resolution) {
	s.env.write(nil, func(ctx context.Context) error {
		return s.st.Resolve(ctx, it.Kind, it.RecID, it.Field, it.Site, choice)
	}, func(err error) {
		if err != nil {
			s.env.fail(err)
		} else {
			s.env.status.Say(T("Conflict settled: %s · %s", it.RecordName, it.FieldName))
		}
		s.Show()
	})
}
