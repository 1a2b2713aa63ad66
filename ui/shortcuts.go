package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// keyTarget is what the keyboard shortcuts act on: the screen in front.
type keyTarget interface {
	Save()        // Ctrl+S
	New()         // Ctrl+N
	Cancel() bool // Esc; false when there was nothing to cancel
}

// shortcuts routes the application's keys: Ctrl+S, Ctrl+N, Ctrl+F, Ctrl+Q
// and Esc to the screen in front, Ctrl+Shift+T to the Telex mode, and,
// while a dialog is open, Enter and Esc to the dialog and nothing to the
// screen behind it, so no key ever acts behind a dialog or opens a second
// one. Entries pass the keys on (they would swallow them); the canvas
// catches them when no entry has the focus.
type shortcuts struct {
	win     fyne.Window
	target  keyTarget
	find    func() // Ctrl+F: focus the search box
	quit    func() // Ctrl+Q
	telex   func() // Ctrl+Shift+T: the built-in Telex mode on or off
	dialogs []*modal
}

// Ctrl+key shortcuts of the application.
var shortcutKeys = []fyne.KeyName{fyne.KeyS, fyne.KeyN, fyne.KeyF, fyne.KeyQ}

// telexShortcut toggles the built-in Telex mode.
var telexShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyT,
	Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// handle runs the action of a shortcut and reports whether it had one.
func (k *shortcuts) handle(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || k == nil {
		return false
	}
	if cs.KeyName == telexShortcut.KeyName && cs.Modifier == telexShortcut.Modifier {
		if k.telex != nil {
			k.telex()
		}
		return true
	}
	if cs.Modifier != fyne.KeyModifierShortcutDefault || !isShortcutKey(cs.KeyName) {
		return false
	}
	if k.modal() != nil {
		return true // a dialog is in front: nothing acts behind it
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
	}
	return true
}

func isShortcutKey(n fyne.KeyName) bool {
	for _, k := range shortcutKeys {
		if k == n {
			return true
		}
	}
	return false
}

// escape closes the dialog in front, or cancels on the screen in front. It
// reports whether Esc did something.
func (k *shortcuts) escape() bool {
	if k == nil {
		return false
	}
	if m := k.modal(); m != nil {
		m.escape()
		return true
	}
	return k.target != nil && k.target.Cancel()
}

// enter takes the default button of the dialog in front, if one is open.
func (k *shortcuts) enter() bool {
	if m := k.modal(); m != nil {
		m.enter()
		return true
	}
	return false
}

// register adds the shortcuts to a canvas, for when no entry has the focus.
func (k *shortcuts) register(c fyne.Canvas) {
	for _, name := range shortcutKeys {
		sc := &desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(s fyne.Shortcut) { k.handle(s) })
	}
	c.AddShortcut(telexShortcut, func(s fyne.Shortcut) { k.handle(s) })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			k.escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			k.enter()
		}
	})
}

// isEnter reports Enter or Return.
func isEnter(n fyne.KeyName) bool { return n == fyne.KeyReturn || n == fyne.KeyEnter }
