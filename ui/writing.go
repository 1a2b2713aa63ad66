package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Every change of the store the windows make — a save, a delete, a setting
// — can wait on the database's write lock (the command line importing, a
// second program): up to the store's busy timeout. It never waits on the
// UI goroutine. write runs it as a job of the bridge that closing waits
// for, with what it changes disabled and "Đang lưu…" shown; the keys typed
// meanwhile are kept by the type-ahead and handed, in order, to the field
// with the cursor once the change is written, so heads-down typing of the
// next record goes on.

// write runs change off the UI goroutine. widgets are disabled meanwhile
// (those already disabled stay so); done runs on the UI goroutine with the
// result, before the keys typed meanwhile are handed on (a failed change
// drops them: the form shows why, as typed).
func (e *env) write(widgets []fyne.Disableable, change func(ctx context.Context) error, done func(error)) {
	var off []fyne.Disableable
	for _, w := range widgets {
		if w != nil && !w.Disabled() {
			w.Disable()
			off = append(off, w)
		}
	}
	c := e.win.Canvas()
	focus := c.Focused()
	ahead := e.ahead != nil && !e.bg.sync
	if ahead {
		e.ahead.catch(c)
	}
	e.writes++
	saying := T("Saving…")
	if e.status != nil {
		e.status.Say(saying)
	}
	var err error
	finish := func() {
		e.writes--
		for _, w := range off {
			w.Enable()
		}
		if e.status != nil && e.status.msg.Text == saying {
			e.status.Say("")
		}
		done(err)
		if ahead {
			e.ahead.release(c, focus, err == nil)
		}
	}
	if !e.bg.Job(T("the save"), false, func(ctx context.Context) { err = change(ctx) }, finish) {
		err = context.Canceled // the window is closing or a restore holds the store
		finish()
	}
}

// writing reports a change under way: screens take no Save, New or other
// record meanwhile.
func (e *env) writing() bool { return e.writes > 0 }

// typeAhead holds the keyboard while a change is written: a widget of no
// size in the status bar that takes the focus and keeps every key, to
// replay them to the field that has the cursor afterwards. The shortcuts
// of the window still act (Ctrl+Q asks; Ctrl+S does nothing meanwhile).
type typeAhead struct {
	widget.BaseWidget
	keys   *shortcuts
	events []func(c fyne.Canvas)
	shift  bool
	on     bool
}

func newTypeAhead(k *shortcuts) *typeAhead {
	t := &typeAhead{keys: k}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws nothing.
func (t *typeAhead) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Disabled is true except while a change is written: the focus chain
// (Tab, Shift+Tab) passes it by, and only catch gives it the focus.
func (t *typeAhead) Disabled() bool { return !t.on }

// Enable and Disable do nothing: catch and release decide (fyne.Disableable).
func (t *typeAhead) Enable()  {}
func (t *typeAhead) Disable() {}

// MinSize is none: it takes no room in the status bar.
func (t *typeAhead) MinSize() fyne.Size { return fyne.Size{} }

func (t *typeAhead) catch(c fyne.Canvas) {
	t.events, t.on = nil, true
	c.Focus(t)
}

// release gives the focus back (unless done moved it) and, when replay,
// the keys kept, each to the widget with the focus at its turn.
func (t *typeAhead) release(c fyne.Canvas, focus fyne.Focusable, replay bool) {
	t.on = false
	if c.Focused() == t {
		if r, ok := focus.(interface{ returning() }); ok {
			r.returning() // the cursor comes back where it was: nothing selected anew
		}
		c.Focus(focus)
		if c.Focused() == t {
			c.Unfocus()
		}
	}
	events := t.events
	t.events = nil
	if !replay {
		return
	}
	for _, ev := range events {
		ev(c)
	}
}

// FocusGained does nothing.
func (t *typeAhead) FocusGained() {}

// FocusLost does nothing.
func (t *typeAhead) FocusLost() {}

// AcceptsTab keeps Tab (and Shift+Tab) for the replay.
func (t *typeAhead) AcceptsTab() bool { return true }

// TypedRune keeps a letter.
func (t *typeAhead) TypedRune(r rune) {
	t.keep(func(c fyne.Canvas) {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		}
	})
}

// TypedKey keeps a key; Esc acts at once (it closes a dialog, nothing else
// while a change is written).
func (t *typeAhead) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		t.keys.escape()
	case fyne.KeyTab:
		back := t.shift
		t.keep(func(c fyne.Canvas) {
			if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
				c.Focused().TypedKey(ev)
			} else if back {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		})
	default:
		t.keep(func(c fyne.Canvas) {
			if f := c.Focused(); f != nil {
				f.TypedKey(ev)
			} else if h := c.OnTypedKey(); h != nil {
				h(ev)
			}
		})
	}
}

// TypedShortcut runs the window's shortcuts, and keeps the others (a
// paste) for the replay.
func (t *typeAhead) TypedShortcut(s fyne.Shortcut) {
	if t.keys.handle(s) {
		return
	}
	t.keep(func(c fyne.Canvas) {
		if sc, ok := c.Focused().(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	})
}

// KeyDown notes Shift, for Shift+Tab.
func (t *typeAhead) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp notes Shift let go.
func (t *typeAhead) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

func (t *typeAhead) keep(ev func(fyne.Canvas)) {
	if t.on {
		t.events = append(t.events, ev)
	}
}
