package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog the keyboard answers: Enter takes its default button,
// Esc its way out, Tab moves between its buttons (the default one has the
// focus when it opens). shortcuts keeps the dialogs open: keys go to the
// one in front and never to the screen behind, and a dialog asking what
// an open one asks is not opened twice.
type modal struct {
	k     *shortcuts
	key   string // what it asks
	d     *dialog.CustomDialog
	def   *keyButton     // Enter; nil: Enter does nothing
	out   func()         // Esc; nil: Esc does nothing (work under way)
	focus fyne.Focusable // focused when shown; the default button when nil
}

// newModal makes a dialog with body and no buttons yet; key names what it
// asks (title and message are a good key).
func newModal(k *shortcuts, key, title string, body fyne.CanvasObject) *modal {
	m := &modal{k: k, key: key}
	m.d = dialog.NewCustomWithoutButtons(title, body, k.win)
	return m
}

// button adds a button that closes the dialog, then runs fn.
func (m *modal) button(label string, importance widget.Importance, fn func()) *keyButton {
	b := newButton(m.k, label, nil, func() {
		m.hide()
		if fn != nil {
			fn()
		}
	})
	b.Importance = importance
	return b
}

// setButtons lays the buttons out; def is taken by Enter, out by Esc.
func (m *modal) setButtons(def, out *keyButton, all ...*keyButton) {
	objs := make([]fyne.CanvasObject, len(all))
	for n, b := range all {
		objs[n] = b
	}
	m.d.SetButtons(objs)
	m.def = def
	if out != nil {
		m.out = func() { out.Tapped(nil) }
	}
}

// show opens the dialog unless one asking the same is open; it reports
// whether it opened.
func (m *modal) show() bool {
	for _, o := range m.k.dialogs {
		if o.key == m.key {
			return false
		}
	}
	m.k.dialogs = append(m.k.dialogs, m)
	m.d.SetOnClosed(func() { m.k.closed(m) })
	m.d.Show()
	f := m.focus
	if f == nil && m.def != nil {
		f = m.def
	}
	if f != nil {
		m.k.win.Canvas().Focus(f)
	}
	return true
}

func (m *modal) hide() { m.d.Hide() }

func (m *modal) enter() {
	if m.def != nil && !m.def.Disabled() {
		m.def.Tapped(nil)
	}
}

func (m *modal) escape() {
	if m.out != nil {
		m.out()
	}
}

// shortcuts are the window's keys; an env made for a moment (the wizard's,
// a restore's) without them gets a set of its own for the window.
func (e *env) shortcuts() *shortcuts {
	if e.keys == nil {
		e.keys = &shortcuts{win: e.win}
	}
	return e.keys
}

// modal returns the dialog in front, nil when none is open.
func (k *shortcuts) modal() *modal {
	if k == nil || len(k.dialogs) == 0 {
		return nil
	}
	return k.dialogs[len(k.dialogs)-1]
}

func (k *shortcuts) closed(m *modal) {
	for n, o := range k.dialogs {
		if o == m {
			k.dialogs = append(k.dialogs[:n], k.dialogs[n+1:]...)
			return
		}
	}
}

// question is a yes/no dialog. Enter takes yes, or "go back" when safe is
// set (a question whose yes loses work: discarding typing, deleting);
// Esc always goes back.
type question struct {
	title, message string
	yes, no        string // button labels; no is "Go back" when empty
	onYes, onNo    func()
	safe           bool
}

func (e *env) ask(q question) *modal {
	if q.no == "" {
		q.no = T("Go back")
	}
	l := widget.NewLabel(q.message)
	l.Wrapping = fyne.TextWrapWord
	m := newModal(e.shortcuts(), q.title+"\n"+q.message, q.title, container.NewPadded(l))
	yes := m.button(q.yes, widget.MediumImportance, q.onYes)
	no := m.button(q.no, widget.MediumImportance, q.onNo)
	def := yes
	if q.safe {
		def = no
	}
	def.Importance = widget.HighImportance
	m.setButtons(def, no, no, yes)
	m.fitText(q.message)
	m.show()
	return m
}

// confirm asks a yes/no question; yes runs only on the first button, which
// Enter takes.
func (e *env) confirm(title, message, yesLabel string, yes func()) {
	e.ask(question{title: title, message: message, yes: yesLabel, onYes: yes})
}

// confirmLoss asks before something that loses work: Enter goes back.
func (e *env) confirmLoss(title, message, yesLabel string, yes func()) {
	e.ask(question{title: title, message: message, yes: yesLabel, onYes: yes, safe: true})
}

// info shows a message; Enter and Esc close it.
func (e *env) info(title, message string) {
	l := widget.NewLabel(message)
	l.Wrapping = fyne.TextWrapWord
	m := newModal(e.shortcuts(), title+"\n"+message, title, container.NewPadded(l))
	ok := m.button(T("OK"), widget.HighImportance, nil)
	m.setButtons(ok, ok, ok)
	m.fitText(message)
	m.show()
}

// newDiscardQuestion asks whether to drop unsaved typing: proceed runs on
// "discard", stay (may be nil) on "go back", which Enter and Esc take.
func newDiscardQuestion(e *env, proceed, stay func()) question {
	return question{title: T("Unsaved changes"), message: T("You have typed changes that are not saved. Discard them?"),
		yes: T("Discard changes"), onYes: proceed, onNo: stay, safe: true}
}

// fitText makes a dialog of a message as wide as the message on one line,
// up to 560 units and 90 % of the window (a 1024×768 screen), the height
// following.
func (m *modal) fitText(message string) {
	w := min(widget.NewLabel(message).MinSize().Width+60, 560)
	if c := m.k.win.Canvas().Size().Width * 0.9; c > 0 {
		w = min(w, c)
	}
	m.d.Resize(fyne.NewSize(w, m.d.MinSize().Height))
}
