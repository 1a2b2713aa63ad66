package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/text"
)

// textEntry is a one-line entry that passes the application's shortcuts and
// Esc on instead of swallowing them. Typing goes through Fyne's Entry
// unchanged, so the backspace-and-retype bursts of Unikey and EVKey edit
// the text exactly; with Telex on, the entry composes Vietnamese itself. In
// a form, Enter moves to the next field (hooks).
type textEntry struct {
	widget.Entry
	keys     *shortcuts
	telex    *telexState
	hooks    *fieldHooks
	hasFocus bool
}

func newTextEntry(k *shortcuts) *textEntry {
	e := &textEntry{keys: k}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedShortcut runs the application's shortcuts, then the entry's own.
func (e *textEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.keys.handle(s) {
		e.Entry.TypedShortcut(s)
	}
}

// TypedKey lets Esc cancel and, in a form, Enter move on.
func (e *textEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && e.keys.escape():
		return
	case isEnter(ev.Name) && e.hooks.onEnter():
		return
	case ev.Name == fyne.KeyDown && e.hooks != nil && e.hooks.down != nil:
		e.hooks.down()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedRune composes Vietnamese when the built-in Telex mode is on.
func (e *textEntry) TypedRune(r rune) {
	if e.telex.on() && e.telex.typeRune(&e.Entry, r) {
		return
	}
	e.Entry.TypedRune(r)
}

// FocusGained tells the form, which brings the field into view. In a
// form, what the field holds is selected, so that typing replaces a value
// carried over or loaded, as on Windows (a click then puts the cursor
// where it points).
func (e *textEntry) FocusGained() {
	arrived := !e.hasFocus
	e.hasFocus = true
	e.Entry.FocusGained()
	if arrived && e.hooks != nil && e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	e.hooks.onFocus()
}

// returning tells the entry the cursor comes back after a change was
// written (writing.go): what it holds is not selected anew.
func (e *textEntry) returning() { e.hasFocus = true }

// FocusLost notes that the cursor left.
func (e *textEntry) FocusLost() {
	e.hasFocus = false
	e.Entry.FocusLost()
}

// choiceEntry is an editable list: an entry with usual values to choose
// from and any other text kept as typed. It is one Tab stop: its arrow
// takes none. Down opens the list of the values that match what is typed
// (all of them when nothing is); Up, Down and Enter pick (and move on to
// the next field), Esc closes it.
type choiceEntry struct {
	textEntry
	options []string
	menu    *widget.PopUpMenu // the list while it is open
}

func newChoiceEntry(k *shortcuts, options []string) *choiceEntry {
	e := &choiceEntry{options: options}
	e.keys = k
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ActionItem = newDropButton(e.open)
	return e
}

// SetOptions sets the usual values.
func (e *choiceEntry) SetOptions(options []string) { e.options = options }

// TypedKey opens the list on Down.
func (e *choiceEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyDown {
		e.open()
		return
	}
	e.textEntry.TypedKey(ev)
}

// open shows the values matching the text, the first one highlighted.
func (e *choiceEntry) open() {
	opts := matching(e.options, e.Text)
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(e)
	if c == nil || len(opts) == 0 {
		return
	}
	items := make([]*fyne.MenuItem, len(opts))
	for n, o := range opts {
		items[n] = fyne.NewMenuItem(o, func() { e.pick(o) })
	}
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	m.ShowAtPosition(d.AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height)))
	m.Resize(fyne.NewSize(e.Size().Width, m.MinSize().Height))
	m.ActivateNext()
	e.menu = m
}

// pick puts a value of the list in the entry and, in a form, moves on to
// the next field (choosing from the list completes the field).
func (e *choiceEntry) pick(o string) {
	e.menu = nil
	e.SetText(o)
	e.CursorColumn = len([]rune(o))
	e.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
	e.hooks.onEnter()
}

// matching lists the options containing what is typed, ignoring marks and
// case, those starting with it first; every option when nothing is typed
// or the text is one of them.
func matching(options []string, typed string) []string {
	q := text.Fold(strings.TrimSpace(typed))
	if q == "" {
		return options
	}
	var first, rest []string
	for _, o := range options {
		f := text.Fold(o)
		switch {
		case f == q:
			return options
		case strings.HasPrefix(f, q):
			first = append(first, o)
		case strings.Contains(f, q):
			rest = append(rest, o)
		}
	}
	return append(first, rest...)
}
