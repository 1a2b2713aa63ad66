package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
)

// recordForm is the form half of a register screen.
type recordForm[R any] interface {
	Object() fyne.CanvasObject
	Load(item R)                         // show a stored record
	Clear()                              // an empty form for a new record
	Revert()                             // drop what was typed since the last load or save
	Save() (change, bool)                // validate; false leaves the inputs and shows why, else what to write
	Delete() func(context.Context) error // the deletion of the record shown, to run off the UI goroutine
	Name() string                        // the record's name, for headings and questions
	Item() R                             // the record shown as its list shows it (after a save)
	HasRecord() bool
	Dirty() bool
	Focus()
	base() *form
}

// screen is one page of the main window.
type screen interface {
	keyTarget
	Object() fyne.CanvasObject
	Show()       // brought to the front: refresh
	Dirty() bool // typed but not saved
}

// registerView is the machinery every register screen shares: a toolbar
// of filters, a virtual list fed page by page from the store, and the form
// of the selected record, side by side when the window is wide enough, the
// form over the list when it is not. The keyboard enters record after
// record: Ctrl+N a new one, Enter from field to field and on to Save,
// Ctrl+S from anywhere; a saved new record leaves the form ready for the
// next with its persistent fields kept, and stays in sight in the list.
type registerView[R any, Q any] struct {
	env     *env
	cols    []column
	drop    []int // the order in which a narrow list drops columns
	cells   func(R) []string
	id      func(R) string
	query   func() Q
	count   func(n int) string // status bar text
	after   func()             // a record was saved or deleted: reload the filters' choices
	pager   *pager[R, Q]
	list    *enterList
	form    recordForm[R]
	heading *widget.Label
	newBtn  *keyButton
	saveBtn *keyButton
	delBtn  *keyButton
	cancBtn *keyButton
	backBtn *keyButton // back to the list, when the form stands over it
	toolbar *fyne.Container
	search  *textEntry
	units   *unitFilter // districts and provinces: the Đơn vị column and filter
	files   *fileActions
	scroll  *container.Scroll // the form's
	split   *splitView
	obj     fyne.CanvasObject

	selected int
	muted    bool
	rows     listRows[R] // the just-saved record kept in sight
}

func newRegisterView[R any, Q any](e *env, cols []column, f recordForm[R], id func(R) string) *registerView[R, Q] {
	v := &registerView[R, Q]{env: e, cols: cols, form: f, id: id, selected: -1}
	v.pager = &pager[R, Q]{bg: e.bg, onChange: v.redraw, onError: e.fail, onCount: v.counted}
	v.rows = listRows[R]{id: id, pager: v.pager}
	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Truncation = fyne.TextTruncateEllipsis
	v.toolbar = container.NewHBox()
	return v
}

// withSearch adds the search box that filters as one types.
func (v *registerView[R, Q]) withSearch(placeholder string) *textEntry {
	v.search = newTextEntry(v.env.keys)
	v.search.telex = v.env.telex
	v.search.SetPlaceHolder(placeholder)
	v.search.OnChanged = func(string) { v.env.bg.Later("search", searchDelay, v.Refresh) }
	return v.search
}

// searchBox is the entry Ctrl+F focuses (nil without a search box).
func (v *registerView[R, Q]) searchBox() *textEntry { return v.search }

// build lays the screen out once filters and buttons are in the toolbar.
func (v *registerView[R, Q]) build(extra ...fyne.CanvasObject) {
	k := v.env.keys
	cols, drop := v.cols, v.drop
	if v.units != nil {
		cols = append([]column{{T("Unit"), 1.6}}, cols...)
		drop = []int{}
		for _, d := range v.drop {
			drop = append(drop, d+1)
		}
		drop = append(drop, 0) // the unit's name goes after the others

		v.toolbar.Objects = append([]fyne.CanvasObject{v.units.sel}, v.toolbar.Objects...)
	}
	v.list = newEnterList(k, v.rows.Len, func() fyne.CanvasObject { return dropRow(cols, drop, false) },
		func(id widget.ListItemID, o fyne.CanvasObject) { v.update(id, o.(*fyne.Container)) })
	v.list.OnSelected = v.selectRow
	v.list.opened = func() { // Enter on a row: the cursor goes into its form
		if !v.form.Dirty() {
			v.form.Focus()
		}
	}
	v.newBtn = newButton(k, T("New (Ctrl+N)"), theme.ContentAddIcon(), v.New)
	v.saveBtn = newButton(k, T("Save (Ctrl+S)"), theme.DocumentSaveIcon(), v.Save)
	v.saveBtn.Importance = widget.HighImportance
	v.delBtn = newButton(k, T("Delete"), theme.DeleteIcon(), v.askDelete)
	v.cancBtn = newButton(k, T("Cancel (Esc)"), nil, func() { v.Cancel() })
	v.backBtn = newButton(k, T("List"), theme.NavigateBackIcon(), func() { v.showList() })
	v.backBtn.Hide() // shown while the form stands over the list
	f := v.form.base()
	f.save, f.onFocus, f.wheel = v.saveBtn, v.reveal, v.wheel
	v.scroll = container.NewVScroll(v.form.Object())
	buttons := container.NewHBox(v.saveBtn, v.cancBtn, layout.NewSpacer(), v.delBtn)
	top := container.NewBorder(nil, nil, v.backBtn, nil, v.heading)
	formSide := container.NewBorder(container.NewVBox(top, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), buttons), nil, nil, v.scroll)
	var head []fyne.CanvasObject
	if v.search != nil {
		head = append(head, v.search)
	}
	if len(v.toolbar.Objects) > 0 {
		head = append(head, newFlow(v.toolbar.Objects...))
	}
	head = append(head, dropRow(cols, drop, true), widget.NewSeparator())
	bottom := newFlow(append([]fyne.CanvasObject{v.newBtn}, extra...)...)
	listSide := container.NewBorder(container.NewVBox(head...), bottom, nil, nil, v.list)
	v.split = newSplitView(listSide, container.NewPadded(formSide), func(narrow bool) {
		if narrow {
			v.backBtn.Show()
		} else {
			v.backBtn.Hide()
		}
	})
	v.obj = v.split.obj
	v.Clear()
}

// Object is the screen's content.
func (v *registerView[R, Q]) Object() fyne.CanvasObject { return v.obj }

// Show refreshes the list when the screen comes to the front.
func (v *registerView[R, Q]) Show() { v.Refresh() }

// Refresh runs the query again with the filters as they are now; the
// record kept in sight gives way to the new filter.
func (v *registerView[R, Q]) Refresh() {
	v.rows.unpin()
	v.reload()
}

// reload runs the query again, keeping the record in sight.
func (v *registerView[R, Q]) reload() {
	v.muted = true
	v.list.UnselectAll()
	v.muted = false
	v.selected = -1
	v.pager.Reset(v.query())
}

// redraw draws the list again; once the first page of a reload after a
// save is in, the record saved is found in it or shown above it.
func (v *registerView[R, Q]) redraw() {
	if n, ok := v.rows.settle(); ok {
		if v.rows.shown {
			v.env.status.Say(T("Saved: %s (outside the filter chosen, shown at the top of the list)", v.rows.name))
		}
		if v.form.HasRecord() && v.id(v.form.Item()) == v.rows.pinID {
			v.muted = true
			v.list.Select(n)
			v.muted = false
			v.selected = n
		}
	}
	v.list.Refresh()
}

func (v *registerView[R, Q]) counted(n int) {
	if n == counting {
		v.env.status.SetCount(T("Counting…"))
		return
	}
	v.env.status.SetCount(v.count(n))
}

func (v *registerView[R, Q]) update(id widget.ListItemID, c *fyne.Container) {
	item, ok := v.rows.Get(id)
	if !ok {
		setRow(c, []string{"…"})
		return
	}
	cells := v.cells(item)
	if v.units != nil {
		cells = append([]string{v.units.short(v.units.of(item))}, cells...)
	}
	if mark := v.rows.mark(id, item); mark != "" {
		cells[0] = mark + " " + cells[0]
	}
	setRow(c, cells)
}

func (v *registerView[R, Q]) selectRow(id widget.ListItemID) {
	if v.muted || id == v.selected {
		return
	}
	if v.env.writing() { // the form is being written: it stays until done
		v.muted = true
		if v.selected >= 0 {
			v.list.Select(v.selected)
		} else {
			v.list.UnselectAll()
		}
		v.muted = false
		return
	}
	item, ok := v.rows.Get(id)
	if !ok {
		return
	}
	v.guard(func() {
		v.selected = id
		v.form.Load(item)
		v.showHeading()
		v.split.showForm()
	}, func() {
		v.muted = true
		if v.selected >= 0 {
			v.list.Select(v.selected)
		} else {
			v.list.UnselectAll()
		}
		v.muted = false
	})
}

// guard runs proceed at once when nothing is unsaved, else after asking.
func (v *registerView[R, Q]) guard(proceed, stay func()) {
	if !v.form.Dirty() {
		proceed()
		return
	}
	v.env.ask(newDiscardQuestion(v.env, proceed, stay))
}

func (v *registerView[R, Q]) showHeading() {
	if v.form.HasRecord() {
		v.heading.SetText(v.form.Name())
		v.delBtn.Enable()
	} else {
		v.heading.SetText(T("New record"))
		v.delBtn.Disable()
	}
}

// Clear shows an empty form for a new record.
func (v *registerView[R, Q]) Clear() {
	v.muted = true
	v.list.UnselectAll()
	v.muted = false
	v.selected = -1
	v.form.Clear()
	v.showHeading()
	v.scroll.ScrollToTop()
}

// New starts a new record (Ctrl+N), asking first if something is unsaved:
// the form scrolled to its top, the cursor in the first field.
func (v *registerView[R, Q]) New() {
	if v.env.writing() {
		return
	}
	v.guard(func() {
		v.Clear()
		v.split.showForm()
		v.form.Focus()
	}, nil)
}

// Save writes the form (Ctrl+S, or Enter on the Save button) off the UI
// goroutine, the form disabled and the button saying "Đang lưu…" until the
// store has it (writing.go). A new record saved leaves the form ready for
// the next one, its persistent fields kept and the cursor in the first
// field; the record saved stays in sight in the list, selected when it is
// the one the form shows. A failed write leaves every input as typed.
func (v *registerView[R, Q]) Save() {
	if v.env.writing() {
		return
	}
	if warn := heldYear(v.env, inputYear(v.form.base().input())); warn != "" {
		v.env.confirm(T("A year already approved"), warn, T("Save"), v.save)
		return
	}
	v.save()
}

// save writes the form once any warning was answered (a year the level
// above approved: periods.go).
func (v *registerView[R, Q]) save() {
	if v.env.writing() {
		return
	}
	wasNew := !v.form.HasRecord()
	c, ok := v.form.Save()
	if !ok {
		return
	}
	v.saveBtn.SetText(T("Saving…"))
	v.env.write(v.busyWidgets(), c.write, func(err error) {
		v.saveBtn.SetText(T("Save (Ctrl+S)"))
		var fe *data.FieldError
		switch {
		case errors.As(err, &fe):
			// A value the store refused by what it holds (a member's
			// CCCD no citizen has, a village that has its community):
			// said at its field, as a Parse complaint is.
			v.form.base().showErrors(err)
			return
		case err != nil:
			v.form.base().notWritten(v.env.explain(fmt.Errorf("save record: %w", err)))
			return
		}
		c.saved()
		v.saved(wasNew)
	})
}

// busyWidgets are what a write disables: the form and its buttons.
func (v *registerView[R, Q]) busyWidgets() []fyne.Disableable {
	return append(v.form.base().inputs(), v.saveBtn, v.cancBtn, v.delBtn, v.newBtn)
}

// saved follows a record written: the status bar says so, a new record's
// form is cleared for the next (persistent fields kept), the list reloads
// with the record in sight.
func (v *registerView[R, Q]) saved(wasNew bool) {
	name, item := v.form.Name(), v.form.Item()
	v.env.status.Say(T("Saved: %s", name))
	if wasNew {
		keep := v.form.base().carried()
		v.Clear()
		v.form.base().carry(keep)
		v.form.Focus()
	}
	v.showHeading()
	v.rows.pin(item, name)
	v.reload()
	if v.after != nil {
		v.after()
	}
}

// Cancel drops what was typed (Esc), asking first; with nothing typed, Esc
// goes back from a form standing over the list.
func (v *registerView[R, Q]) Cancel() bool {
	if v.env.writing() {
		return true // the form is being written: nothing to cancel meanwhile
	}
	if !v.form.Dirty() {
		return v.showList()
	}
	v.guard(v.discard, nil)
	return true
}

// showList goes back from a form standing over the list; it reports
// whether it did.
func (v *registerView[R, Q]) showList() bool {
	if !v.split.narrow || !v.split.formShown {
		return false
	}
	v.guard(func() {
		v.form.Revert()
		v.split.showList()
		v.env.win.Canvas().Focus(v.list)
	}, nil)
	return true
}

// discard shows the record as stored again, or an empty form.
func (v *registerView[R, Q]) discard() {
	v.form.Revert()
	v.showHeading()
}

// Dirty reports unsaved typing.
func (v *registerView[R, Q]) Dirty() bool { return v.form.Dirty() }

func (v *registerView[R, Q]) askDelete() {
	if !v.form.HasRecord() || v.env.writing() {
		return
	}
	name := v.form.Name()
	v.env.confirmLoss(T("Delete"), T("Delete %s? The deletion is sent to the level above with the next bundle.", name),
		T("Delete"), func() {
			v.env.write(v.busyWidgets(), v.form.Delete(), func(err error) {
				if err != nil {
					v.env.fail(fmt.Errorf("delete record: %w", err))
					return
				}
				v.env.status.Say(T("Deleted: %s", name))
				v.Clear()
				v.Refresh()
				if v.after != nil {
					v.after()
				}
			})
		})
}

// reveal scrolls the form so that fl (nil: the top, where the summary of
// errors stands) is in view, with a little room around it.
func (v *registerView[R, Q]) reveal(fl *field) {
	if fl == nil {
		v.scroll.ScrollToTop()
		return
	}
	revealIn(v.scroll, fl.box)
}

// wheel scrolls the form (the wheel turned over one of its inputs).
func (v *registerView[R, Q]) wheel(ev *fyne.ScrollEvent) { v.scroll.Scrolled(ev) }
