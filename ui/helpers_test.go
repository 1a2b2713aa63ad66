package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

var testNow = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local) }

// testCommune is Xã Đông Hòa in the list before 1/7/2025.
var testCommune = units.Ref{List: units.List2024, Code: "12457"}

// openStore opens an empty database in a temporary folder.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kh.db"), store.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// initStore sets a database up as the wizard would.
func initStore(t *testing.T, st *store.Store, level string, ref units.Ref) *keys.Identity {
	t.Helper()
	id, err := setup.Init(context.Background(), st, units.Default(), setup.Params{Level: level, Unit: ref,
		Operator: "Cán bộ Thử", Now: testNow()})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// startUI opens the app on st in a test window, in Vietnamese, with
// background work run at once.
func startUI(t *testing.T, st *store.Store) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	u := New(a, w, Deps{Store: st, Units: units.Default(), DBPath: st.Path(), Now: testNow, Sync: true})
	t.Cleanup(func() {
		if !u.closed {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(1200, 800))
	return u, w
}

// startCommune opens the main window of a commune set up in a fresh
// database.
func startCommune(t *testing.T) (*UI, fyne.Window, *store.Store) {
	t.Helper()
	st := openStore(t)
	initStore(t, st, units.Commune, testCommune)
	u, w := startUI(t, st)
	return u, w, st
}

// openScreen brings the screen titled title to the front by tapping the
// navigation, as a person would.
func openScreen(t *testing.T, u *UI, title string) screen {
	t.Helper()
	for n, it := range u.shell.items {
		if it.title == title {
			if u.shell.current == n { // already in front: show it afresh
				u.shell.screen().Show()
			}
			u.shell.nav.Select(n)
			return u.shell.screen()
		}
	}
	t.Fatalf("no screen %q", title)
	return nil
}

// objects lists everything drawn in the window, dialogs included.
func objects(w fyne.Window) []fyne.CanvasObject {
	var all []fyne.CanvasObject
	ov := w.Canvas().Overlays().List()
	for n := len(ov) - 1; n >= 0; n-- { // the top dialog first
		all = append(all, test.LaidOutObjects(ov[n])...)
	}
	return append(all, test.LaidOutObjects(w.Canvas().Content())...)
}

// button finds a visible button by its text, failing when there is none.
func button(t *testing.T, w fyne.Window, text string) fyne.Tappable {
	t.Helper()
	for _, o := range objects(w) {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text && b.Visible() {
				return b
			}
		case *keyButton:
			if b.Text == text && b.Visible() {
				return b
			}
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// hasText reports whether a label or rich text shows text.
func hasText(w fyne.Window, text string) bool {
	for _, o := range objects(w) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && l.Visible() {
			return true
		}
	}
	return false
}

// press sends a key as the window does: to the widget with the focus, else
// to the window (Tab and Shift+Tab move the focus, as the window does
// for widgets that take no Tab themselves).
func press(w fyne.Window, k fyne.KeyName) {
	c := w.Canvas()
	f := c.Focused()
	if k == fyne.KeyTab {
		if tb, ok := f.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	ev := &fyne.KeyEvent{Name: k}
	if f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// shiftTab moves the focus back, as the window does on Shift+Tab.
func shiftTab(w fyne.Window) { w.Canvas().FocusPrevious() }

// typeKey sends a key to a focusable widget.
func typeKey(f fyne.Focusable, k fyne.KeyName) { f.TypedKey(&fyne.KeyEvent{Name: k}) }

// ctrl sends Ctrl+key to a widget that takes shortcuts.
func ctrl(s fyne.Shortcutable, k fyne.KeyName) {
	s.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
}

// fill types text into the form field of column col.
func fill(t *testing.T, f *form, col, text string) {
	t.Helper()
	fl := f.byCol[col]
	if fl == nil {
		t.Fatalf("no field %s", col)
	}
	switch e := fl.obj.(type) {
	case *textEntry:
		e.SetText("")
		test.Type(e, text)
	case *choiceEntry:
		e.SetText("")
		test.Type(e, text)
	case *pickEntry:
		e.SetSelected(text)
	default:
		t.Fatalf("field %s: %T", col, fl.obj)
	}
}

// fire runs the call After keeps under key (tests).
func (b *bridge) fire(key string) {
	b.mu.Lock()
	fn := b.due[key]
	delete(b.due, key)
	b.mu.Unlock()
	if fn != nil {
		fn()
	}
}
