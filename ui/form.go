package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
)

// field is one input of a form: the column of data.Input it fills, its
// label and its inline error.
type field struct {
	col   string
	label *widget.Label
	obj   fyne.CanvasObject // the input
	box   fyne.CanvasObject // the input with its error, as laid out
	focus fyne.Focusable
	get   func() string
	set   func(string)
	err   *widget.Label
	keep  bool // persistent: carried over to the next new record
}

// form holds the inputs of a record's form. It turns them into a
// data.Input for the same Parse functions files go through, shows each
// field's error under the field, and knows whether anything was typed since
// the record was loaded. A failed save leaves every input as typed and puts
// the cursor in the first field in error.
//
// The keyboard walks it in the order of the paper form: Tab and Enter move
// to the next field (one stop per field), Shift+Tab back; Enter on the last
// field moves to the Save button (or submits a form without one). The
// field with the focus is brought into view (onFocus).
type form struct {
	keys     *shortcuts
	telex    *telexState
	fields   []*field
	byCol    map[string]*field
	dirty    bool
	loading  bool
	onChange func()                  // live calculations (the assessment total)
	onSubmit func()                  // Enter on the last field of a form without a Save button
	save     fyne.Focusable          // the Save button, where Enter on the last field goes
	onFocus  func(*field)            // a field gained the focus
	wheel    func(*fyne.ScrollEvent) // the mouse wheel over an input
	summary  *widget.Label           // the line above the form
	orig     data.Input              // what load showed last
}

func newForm(k *shortcuts, tx *telexState) *form {
	s := widget.NewLabel("")
	s.Importance = widget.DangerImportance
	s.Wrapping = fyne.TextWrapWord
	s.Hide()
	return &form{keys: k, telex: tx, byCol: map[string]*field{}, summary: s}
}

func (f *form) add(col, title string, obj fyne.CanvasObject, focus fyne.Focusable,
	get func() string, set func(string)) (*field, *fieldHooks) {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	fl := &field{col: col, label: widget.NewLabel(title), obj: obj, box: obj, focus: focus, get: get, set: set, err: e}
	f.fields = append(f.fields, fl)
	f.byCol[col] = fl
	return fl, &fieldHooks{enter: func() { f.next(fl) }, focus: func() { f.focused(fl) }}
}

// text adds a one-line entry.
func (f *form) text(col, title string) *textEntry {
	e := newTextEntry(f.keys)
	e.telex = f.telex
	e.OnChanged = func(string) { f.changed() }
	_, e.hooks = f.add(col, title, e, e, func() string { return e.Text }, e.SetText)
	return e
}

// choice adds an editable list: usual values, free text allowed.
func (f *form) choice(col, title string, options []string) *choiceEntry {
	e := newChoiceEntry(f.keys, options)
	e.telex = f.telex
	e.OnChanged = func(string) { f.changed() }
	_, e.hooks = f.add(col, title, e, e, func() string { return e.Text }, e.SetText)
	return e
}

// pick adds a drop-down of an enumeration; the Input gets the label, which
// the Parse functions accept in either language.
func (f *form) pick(col, title string, en data.Enum) *pickEntry {
	p := newPickEntry(f.keys, labels(en.Options), func(string) { f.changed() })
	p.PlaceHolder = T("(not given)")
	set := func(v string) {
		code, err := en.Parse(v)
		if err != nil || code == "" {
			p.ClearSelected()
			return
		}
		p.SetSelected(label(en, code))
	}
	_, p.hooks = f.add(col, title, p, p, func() string { return p.Selected }, set)
	return p
}

// persistent marks the fields carried over to the next new record (what
// CSPro calls persistent fields: the village, the year, the group of a run
// of paper forms).
func (f *form) persistent(cols ...string) {
	for _, c := range cols {
		f.byCol[c].keep = true
	}
}

// carried is what the persistent fields hold now.
func (f *form) carried() data.Input {
	in := data.Input{}
	for _, fl := range f.fields {
		if fl.keep {
			in[fl.col] = strings.TrimSpace(fl.get())
		}
	}
	return in
}

// carry puts the persistent values of the record saved last into a new
// form; the form stays clean (nothing typed yet).
func (f *form) carry(in data.Input) {
	f.loading = true
	for col, v := range in {
		if fl := f.byCol[col]; fl != nil {
			fl.set(v)
		}
	}
	if f.onChange != nil {
		f.onChange()
	}
	f.loading = false
	f.dirty = false
	f.orig = f.input()
}

// next moves the cursor to the field after fl that takes input, else to
// the Save button, else submits.
func (f *form) next(fl *field) {
	for n := f.indexOf(fl) + 1; n < len(f.fields); n++ {
		if f.takesInput(f.fields[n]) {
			f.focusField(f.fields[n])
			return
		}
	}
	switch {
	case f.save != nil:
		f.focusOn(f.save)
	case f.onSubmit != nil:
		f.onSubmit()
	}
}

func (f *form) indexOf(fl *field) int {
	for n, x := range f.fields {
		if x == fl {
			return n
		}
	}
	return -1
}

// takesInput reports a field the keyboard stops at: shown and enabled.
func (f *form) takesInput(fl *field) bool {
	if d, ok := fl.focus.(fyne.Disableable); ok && d.Disabled() {
		return false
	}
	return fl.obj.Visible()
}

func (f *form) focused(fl *field) {
	if f.onFocus != nil {
		f.onFocus(fl)
	}
}

// scrolled hands the mouse wheel over an input to the form's scroll.
func (f *form) scrolled(ev *fyne.ScrollEvent) {
	if f.wheel != nil {
		f.wheel(ev)
	}
}

// inputBox lays an input out with what hands the wheel on, for entries.
func (f *form) inputBox(fl *field) fyne.CanvasObject {
	switch fl.obj.(type) {
	case *textEntry, *choiceEntry:
		return container.NewStack(fl.obj, newWheelPass(f.scrolled))
	}
	return fl.obj
}

func (f *form) changed() {
	if f.loading {
		return
	}
	f.dirty = true
	if f.onChange != nil {
		f.onChange()
	}
}

// input returns what is typed, keyed by column.
func (f *form) input() data.Input {
	in := data.Input{}
	for _, fl := range f.fields {
		in[fl.col] = strings.TrimSpace(fl.get())
	}
	return in
}

// load shows in (missing columns empty) and clears errors and the dirty
// mark.
func (f *form) load(in data.Input) {
	f.orig = in
	f.loading = true
	for _, fl := range f.fields {
		fl.set(in[fl.col])
	}
	if f.onChange != nil {
		f.onChange()
	}
	f.loading = false
	f.dirty = false
	f.clearErrors()
}

func (f *form) clearErrors() {
	for _, fl := range f.fields {
		fl.err.SetText("")
		fl.err.Hide()
	}
	f.summary.SetText("")
	f.summary.Hide()
}

// showErrors puts each field error under its field and a summary above the
// form. Errors of columns the form lacks go into the summary.
func (f *form) showErrors(err error) {
	f.clearErrors()
	var es data.Errors
	if !errors.As(err, &es) {
		var fe *data.FieldError
		if !errors.As(err, &fe) {
			f.fail(reasonText(err)) // a Parse function's own error: what was typed, not a failure to log
			return
		}
		es = data.Errors{fe}
	}
	var other []string
	var first *field
	for _, fe := range es {
		fl := f.byCol[fe.Field]
		if fl == nil {
			other = append(other, fieldText(fe))
			continue
		}
		t := fieldText(fe)
		if fl.err.Text != "" {
			t = fl.err.Text + "\n" + t
		}
		fl.err.SetText(t)
		fl.err.Show()
	}
	for _, fl := range f.fields { // the first bad field in the order of the form
		if fl.err.Visible() && first == nil {
			first = fl
		}
	}
	sum := T("Not saved: please correct the fields marked in red. Everything you typed is kept.")
	if len(other) > 0 {
		sum += "\n" + strings.Join(other, "\n")
	}
	f.fail(sum)
	if first != nil {
		f.focusField(first)
	} else {
		f.focused(nil) // the summary at the top
	}
}

// fail shows a message above the form.
func (f *form) fail(s string) {
	f.summary.SetText(s)
	f.summary.Show()
}

// notWritten says above the form why the change was not written (said
// is the sentence of the store's error); every input stays as typed.
func (f *form) notWritten(said string) {
	f.clearErrors()
	f.fail(T("Not saved: %s. Everything you typed is kept.", said))
	f.focused(nil)
}

// inputs are the form's inputs that a write disables.
func (f *form) inputs() []fyne.Disableable {
	var out []fyne.Disableable
	for _, fl := range f.fields {
		if d, ok := fl.focus.(fyne.Disableable); ok {
			out = append(out, d)
		}
	}
	return out
}

func (f *form) focusOn(o fyne.Focusable) {
	if o != nil && f.keys != nil && f.keys.win != nil {
		f.keys.win.Canvas().Focus(o)
	}
}

// focusField puts the cursor in fl and brings it into view (again, when it
// had the focus already).
func (f *form) focusField(fl *field) {
	f.focusOn(fl.focus)
	f.focused(fl)
}

// focusFirst puts the cursor in the first field.
func (f *form) focusFirst() {
	for _, fl := range f.fields {
		if f.takesInput(fl) {
			f.focusField(fl)
			return
		}
	}
}

// grid lays out the named fields as label | input-with-error rows, in the
// order given: the order of the paper form, and so the Tab order.
func (f *form) grid(cols ...string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, c := range cols {
		fl := f.byCol[c]
		fl.box = container.NewVBox(f.inputBox(fl), fl.err)
		objs = append(objs, fl.label, fl.box)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// section is a heading over a group of fields.
func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(h, body)
}

// change is a record's save, prepared on the UI goroutine from what is
// typed and checked: write runs off it (it may wait on the write lock);
// saved, back on the UI goroutine after a success, takes the record as
// written (its new id).
type change struct {
	write func(ctx context.Context) error
	saved func()
}

// record is what every record form shares: the form, the id of the record
// shown ("" for a new one) and the unit it belongs to.
type record struct {
	*form
	id   string
	unit string
}

// HasRecord reports whether a stored record is shown.
func (r *record) HasRecord() bool { return r.id != "" }

// Dirty reports typing not yet saved.
func (r *record) Dirty() bool { return r.dirty }

// Focus puts the cursor in the first field.
func (r *record) Focus() { r.focusFirst() }

// Revert shows again what was loaded or saved last.
func (r *record) Revert() { r.load(r.orig) }

// base is the form, for the register view.
func (r *record) base() *form { return r.form }

// saved marks the form clean after a successful save.
func (r *record) saved() {
	r.orig = r.input()
	r.dirty = false
	r.clearErrors()
}
