package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/text"
)

// pickEntry is a drop-down of fixed choices (gender, result, stage…) that
// the keyboard works: Space, Down or Up open the list, Left and Right step
// through the choices, Backspace or Delete clear it, and letters pick by
// their first letters (n → Nam, again n → Nữ; nu → Nữ), as Windows lists
// do. In a form, Enter moves to the next field.
type pickEntry struct {
	widget.Select
	keys  *shortcuts
	hooks *fieldHooks
	ahead typeahead
}

func newPickEntry(k *shortcuts, options []string, changed func(string)) *pickEntry {
	p := &pickEntry{keys: k}
	p.Options, p.OnChanged = options, changed
	p.ExtendBaseWidget(p)
	return p
}

// TypedKey moves on with Enter, cancels with Esc and clears with
// Backspace or Delete; the other keys work the list.
func (p *pickEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case isEnter(ev.Name):
		if !p.hooks.onEnter() {
			p.Select.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // outside a form Enter opens the list
		}
	case ev.Name == fyne.KeyEscape:
		p.keys.escape()
	case ev.Name == fyne.KeyBackspace || ev.Name == fyne.KeyDelete:
		if !p.Disabled() && p.Selected != "" {
			p.ClearSelected()
			if p.OnChanged != nil {
				p.OnChanged("")
			}
		}
	default:
		p.Select.TypedKey(ev)
	}
}

// TypedRune picks the choice whose first letters were typed.
func (p *pickEntry) TypedRune(r rune) {
	if p.Disabled() {
		return
	}
	if n := p.ahead.pick(p.Options, p.SelectedIndex(), r); n >= 0 {
		p.SetSelectedIndex(n)
	}
}

// TypedShortcut runs the application's shortcuts (Ctrl+S…).
func (p *pickEntry) TypedShortcut(s fyne.Shortcut) { p.keys.handle(s) }

// FocusGained tells the form, which brings the field into view.
func (p *pickEntry) FocusGained() {
	p.Select.FocusGained()
	p.hooks.onFocus()
}

// typeahead finds a choice by the letters typed, marks and case ignored:
// letters typed less than a second apart are the start of a choice; the
// same letter again steps to the next choice starting with it.
type typeahead struct {
	typed string
	at    time.Time
	now   func() time.Time // the clock (tests); time.Now when nil
}

// pick returns the choice for one more letter r, cur being the choice
// shown, or -1 when none fits.
func (t *typeahead) pick(options []string, cur int, r rune) int {
	now := time.Now
	if t.now != nil {
		now = t.now
	}
	if at := now(); at.Sub(t.at) > time.Second {
		t.typed, t.at = "", at
	} else {
		t.at = at
	}
	k := text.Fold(string(r))
	if strings.TrimSpace(k) == "" {
		return -1
	}
	t.typed += k
	if t.typed != strings.Repeat(k, len([]rune(t.typed))) {
		for n, o := range options {
			if strings.HasPrefix(text.Fold(o), t.typed) {
				return n
			}
		}
		t.typed = k
	}
	return next(options, cur, k)
}

// next is the first choice after cur (wrapping round) starting with k.
func next(options []string, cur int, k string) int {
	for i := 1; i <= len(options); i++ {
		n := (cur + i + len(options)) % len(options)
		if cur < 0 {
			n = i - 1
		}
		if strings.HasPrefix(text.Fold(options[n]), k) {
			return n
		}
	}
	return -1
}
