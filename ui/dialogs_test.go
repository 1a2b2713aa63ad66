package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data/store"
)

// overlays counts the dialogs drawn over the window.
func overlays(w fyne.Window) int { return len(w.Canvas().Overlays().List()) }

func shortcut(u *UI, k fyne.KeyName) {
	u.keys.handle(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
}

// Esc on the form asks about unsaved typing; Esc or Enter (whose default
// is "go back") closes the question, keeping the typing; no key opens it
// a second time.
func TestDialogs_UnsavedChangesAnswersEnterAndEscAndNeverStacks(t *testing.T) {
	u, w, _ := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	name := s.base().byCol["full_name"].obj.(*textEntry)
	test.Type(name, "Hà Thị")
	open := func() {
		t.Helper()
		press(w, fyne.KeyEscape)
		if overlays(w) != 1 || !hasText(w, "Bạn có thay đổi chưa lưu. Bỏ các thay đổi này?") {
			t.Fatalf("Esc on unsaved typing: %d dialogs", overlays(w))
		}
	}
	open()
	for _, k := range []fyne.KeyName{fyne.KeyQ, fyne.KeyN, fyne.KeyS, fyne.KeyF} {
		shortcut(u, k) // no key acts behind the dialog or opens another
	}
	if overlays(w) != 1 || u.closed || name.Text != "Hà Thị" {
		t.Fatalf("shortcuts behind the dialog: %d dialogs, closed %v, name %q", overlays(w), u.closed, name.Text)
	}
	press(w, fyne.KeyEscape) // Esc closes it: not a second one
	if overlays(w) != 0 || name.Text != "Hà Thị" {
		t.Fatalf("Esc: %d dialogs, name %q", overlays(w), name.Text)
	}
	open()
	press(w, fyne.KeyReturn) // the default: go back
	if overlays(w) != 0 || name.Text != "Hà Thị" {
		t.Fatalf("Enter: %d dialogs, name %q", overlays(w), name.Text)
	}
	open()
	press(w, fyne.KeyTab) // from "Quay lại" to "Bỏ thay đổi"
	press(w, fyne.KeyReturn)
	if overlays(w) != 0 || name.Text != "" {
		t.Errorf("discarding: %d dialogs, name %q", overlays(w), name.Text)
	}
}

// Every dialog answers Enter (its default button) and Esc (going back).
func TestDialogs_EveryDialogAnswersEnterAndEsc(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv") // "Đã nhập xong" closed by Enter
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.list.Select(0)
	home := t.TempDir()
	t.Setenv("HOME", home)
	os.WriteFile(filepath.Join(home, "a.csv"), []byte("x"), 0o600)
	s.env.lastDir = ""
	chosen := ""
	cases := []struct {
		name  string
		open  func()
		enter func() bool // what Enter did, checked after it
	}{
		{"delete", func() { test.Tap(s.delBtn) }, func() bool { return len(citizensOf(t, st, store.CitizenQuery{})) == 5 }},
		{"info", func() { s.env.info("Đã xuất xong", "Đã ghi 5 dòng") }, func() bool { return true }},
		{"file", func() { s.env.openFile([]string{".csv"}, func(p string) { chosen = p }) },
			func() bool { return chosen == filepath.Join(home, "a.csv") }},
		{"preview", func() { s.files.Preview("../testdata/records/citizens-good.csv") },
			func() bool { return u.keys.modal() != nil && strings.HasPrefix(u.keys.modal().key, "Đã nhập xong") }},
	}
	for _, c := range cases {
		c.open()
		if overlays(w) != 1 {
			t.Fatalf("%s: %d dialogs open", c.name, overlays(w))
		}
		c.open() // the same dialog again: not a second one
		if overlays(w) != 1 {
			t.Errorf("%s: opened twice", c.name)
		}
		press(w, fyne.KeyEscape)
		if overlays(w) != 0 {
			t.Fatalf("%s: Esc leaves %d dialogs", c.name, overlays(w))
		}
		c.open()
		press(w, fyne.KeyReturn)
		if !c.enter() {
			t.Errorf("%s: Enter did not take the default button", c.name)
		}
		for n := 0; u.keys.modal() != nil; n++ { // what Enter opened ("Import finished")
			if n == 3 {
				t.Fatalf("%s: dialogs left open: %s", c.name, u.keys.modal().key)
			}
			press(w, fyne.KeyReturn)
		}
	}
}
