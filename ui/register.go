package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recordForm is the form half of a register screen.
type recordForm[R any] interface {
	Object() fyne.CanvasObject
	Load(item R) // show a stored record
	Clear()      // an empty form for a new record
	Revert()     // drop what was typed since the last load or save
	Save() bool  // validate and write; false leaves the inputs and shows why
	Delete() error
	Name() string // the record's name, for headings and questions
	HasRecord() bool
	Dirty() bool
	Focus()
}

// screen is one page of the main window.
type screen interface {
	keyTarget
	Object() fyne.CanvasObject
	Show()       // brought to the front: refresh
	Dirty() bool // typed but not saved
}

// registerView is a register screen: a toolbar of filters, a virtual list
// fed page by page from the store, and the form of the selected record.
type registerView[R any, Q any] struct {
	env     *env
	cols    []column
	cells   func(R) []string
	query   func() Q
	count   func(n int) string // status bar text
	pager   *pager[R, Q]
	list    *widget.List
	form    recordForm[R]
	heading *widget.Label
	delBtn  *widget.Button
	toolbar *fyne.Container
	search  *textEntry
	files   *fileActions
	obj     fyne.CanvasObject

	selected int
	muted    bool
}

func newRegisterView[R any, Q any](e *env, cols []column, f recordForm[R]) *registerView[R, Q] {
	v := &registerView[R, Q]{env: e, cols: cols, form: f, selected: -1}
	v.pager = &pager[R, Q]{bg: e.bg, onChange: v.redraw, onError: e.fail, onCount: v.counted}
	v.list = widget.NewList(v.pager.Len, func() fyne.CanvasObject { return row(cols, false) },
		func(id widget.ListItemID, o fyne.CanvasObject) { v.update(id, o.(*fyne.Container)) })
	v.list.OnSelected = v.selectRow
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

// build lays the screen out once filters and buttons are in the toolbar.
func (v *registerView[R, Q]) build(extra ...fyne.CanvasObject) {
	newBtn := widget.NewButtonWithIcon(T("New (Ctrl+N)"), theme.ContentAddIcon(), v.New)
	saveBtn := widget.NewButtonWithIcon(T("Save (Ctrl+S)"), theme.DocumentSaveIcon(), v.Save)
	saveBtn.Importance = widget.HighImportance
	v.delBtn = widget.NewButtonWithIcon(T("Delete"), theme.DeleteIcon(), v.askDelete)
	cancelBtn := widget.NewButton(T("Cancel (Esc)"), func() { v.Cancel() })
	buttons := container.NewHBox(saveBtn, cancelBtn, layout.NewSpacer(), v.delBtn)
	formSide := container.NewBorder(container.NewVBox(v.heading, buttons, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(v.form.Object()))
	var top []fyne.CanvasObject
	if v.search != nil {
		top = append(top, v.search)
	}
	if len(v.toolbar.Objects) > 0 {
		top = append(top, container.NewGridWithColumns(len(v.toolbar.Objects), v.toolbar.Objects...))
	}
	top = append(top, row(v.cols, true), widget.NewSeparator())
	bottom := container.NewHBox(append([]fyne.CanvasObject{newBtn, layout.NewSpacer()}, extra...)...)
	listSide := container.NewBorder(container.NewVBox(top...), bottom, nil, nil, v.list)
	split := container.NewHSplit(listSide, container.NewPadded(formSide))
	split.Offset = 0.6
	v.obj = split
	v.Clear()
}

// Object is the screen's content.
func (v *registerView[R, Q]) Object() fyne.CanvasObject { return v.obj }

// Show refreshes the list when the screen comes to the front.
func (v *registerView[R, Q]) Show() { v.Refresh() }

// Refresh runs the query again with the filters as they are now.
func (v *registerView[R, Q]) Refresh() {
	v.muted = true
	v.list.UnselectAll()
	v.muted = false
	v.selected = -1
	v.pager.Reset(v.query())
}

func (v *registerView[R, Q]) redraw() { v.list.Refresh() }

func (v *registerView[R, Q]) counted(n int) {
	if n == counting {
		v.env.status.SetCount(T("Counting…"))
		return
	}
	v.env.status.SetCount(v.count(n))
}

func (v *registerView[R, Q]) update(id widget.ListItemID, c *fyne.Container) {
	item, ok := v.pager.Get(id)
	if !ok {
		setRow(c, []string{"…"})
		return
	}
	setRow(c, v.cells(item))
}

func (v *registerView[R, Q]) selectRow(id widget.ListItemID) {
	if v.muted || id == v.selected {
		return
	}
	item, ok := v.pager.Get(id)
	if !ok {
		return
	}
	v.guard(func() {
		v.selected = id
		v.form.Load(item)
		v.showHeading()
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
	d := newDiscardQuestion(v.env, proceed, stay)
	d.Show()
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
}

// New starts a new record (Ctrl+N), asking first if something is unsaved.
func (v *registerView[R, Q]) New() {
	v.guard(func() { v.Clear(); v.form.Focus() }, nil)
}

// Save writes the form (Enter, Ctrl+S).
func (v *registerView[R, Q]) Save() {
	if !v.form.Save() {
		return
	}
	v.env.status.Say(T("Saved: %s", v.form.Name()))
	v.showHeading()
	sel := v.selected
	v.pager.Reset(v.query())
	v.selected = sel
}

// Cancel drops what was typed (Esc), asking first.
func (v *registerView[R, Q]) Cancel() bool {
	if !v.form.Dirty() {
		return false
	}
	v.guard(v.discard, nil)
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
	if !v.form.HasRecord() {
		return
	}
	name := v.form.Name()
	v.env.confirm(T("Delete"), T("Delete %s? The deletion is sent to the level above with the next bundle.", name),
		T("Delete"), func() {
			if err := v.form.Delete(); err != nil {
				v.env.fail(err)
				return
			}
			v.env.status.Say(T("Deleted: %s", name))
			v.Clear()
			v.Refresh()
		})
}
