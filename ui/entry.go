package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// keyTarget is what the keyboard shortcuts act on: the screen in front.
type keyTarget interface {
	Save()        // Enter, Ctrl+S
	New()         // Ctrl+N
	Cancel() bool // Esc; false when there was nothing to cancel
}

// shortcuts routes the application's shortcuts to the screen in front, whether
// the focus is in an entry (which would otherwise swallow them) or nowhere.
type shortcuts struct {
	win    fyne.Window
	target keyTarget
	find   func() // Ctrl+F: focus the search box
	quit   func() // Ctrl+Q
}

var shortcutKeys = []fyne.KeyName{fyne.KeyS, fyne.KeyN, fyne.KeyF, fyne.KeyQ}

// handle runs the action of a shortcut and reports whether it had one.
func (k *shortcuts) handle(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || k == nil || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyS:
		if k.target != nil {
			k.target.Save()
		}
	case fyne.KeyN:
		if k.target != nil {
			k.target.New()
		}
	case fyne.KeyF:
		if k.find != nil {
			k.find()
		}
	case fyne.KeyQ:
		if k.quit != nil {
			k.quit()
		}
	default:
		return false
	}
	return true
}

// escape cancels on the screen in front.
func (k *shortcuts) escape() bool {
	return k != nil && k.target != nil && k.target.Cancel()
}

// register adds the shortcuts to a canvas, for when no entry has the focus.
func (k *shortcuts) register(c fyne.Canvas) {
	for _, name := range shortcutKeys {
		sc := &desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(s fyne.Shortcut) { k.handle(s) })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			k.escape()
		}
	})
}

// textEntry is a one-line entry that passes the application's shortcuts and
// Esc on instead of swallowing them. Typing goes through Fyne's Entry
// unchanged, so the backspace-and-retype bursts of Unikey and EVKey edit
// the text exactly; with Telex on, the entry composes Vietnamese itself.
type textEntry struct {
	widget.Entry
	keys  *shortcuts
	telex *telexState
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

// TypedKey lets Esc cancel the form.
func (e *textEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.keys.escape() {
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

// choiceEntry is a text entry with a list of usual values; any other text
// is kept as typed.
type choiceEntry struct {
	widget.SelectEntry
	keys  *shortcuts
	telex *telexState
}

func newChoiceEntry(k *shortcuts, options []string) *choiceEntry {
	e := &choiceEntry{keys: k}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedShortcut runs the application's shortcuts, then the entry's own.
func (e *choiceEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.keys.handle(s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// TypedKey lets Esc cancel the form.
func (e *choiceEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.keys.escape() {
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// TypedRune composes Vietnamese when the built-in Telex mode is on.
func (e *choiceEntry) TypedRune(r rune) {
	if e.telex.on() && e.telex.typeRune(&e.Entry, r) {
		return
	}
	e.SelectEntry.TypedRune(r)
}
