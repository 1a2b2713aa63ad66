package ui

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// uiLoop stands in for the window's event loop in the tests where work
// really runs in the background: what the bridge hands the UI goroutine
// queues here, and the test — the UI goroutine — runs it.
type uiLoop struct{ q chan func() }

func newLoop() *uiLoop { return &uiLoop{q: make(chan func(), 4096)} }

func (l *uiLoop) post(fn func()) { l.q <- fn }

// hang bounds a wait for a condition: no result is expected this late, so
// reaching it means something hangs (it is no sleep standing for a result).
const hang = 2 * time.Minute

// until runs what the background hands the UI goroutine until cond holds.
func (l *uiLoop) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(hang)
	for !cond() {
		select {
		case fn := <-l.q:
			fn()
		case <-deadline:
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// startLive opens the main window of a commune with background work on
// goroutines, its results run by the test through loop.
func startLive(t *testing.T) (*UI, fyne.Window, *store.Store, *uiLoop) {
	t.Helper()
	st := openStore(t)
	initStore(t, st, units.Commune, testCommune)
	loop := newLoop()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	u := New(a, w, Deps{Store: st, Units: units.Default(), DBPath: st.Path(), Now: testNow, post: loop.post})
	w.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() {
		u.Shutdown() // before the store closes: nothing of the window touches it after
		if !u.closed {
			w.Close()
		}
	})
	return u, w, st, loop
}

// jobRunning reports whether the bridge runs a job called name.
func jobRunning(b *bridge, name string) bool {
	names, _ := b.running()
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// holdWriteLock makes another connection take the database's write lock,
// as the command line does while it imports; release lets it go.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", store.DSN(path, store.DSNOptions{TxLock: "immediate"}))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: the lock is held from here
	if err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			tx.Rollback()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// While another program holds the write lock, a save waits for it off the
// UI goroutine: the form says "Đang lưu…" and takes no input, the window
// goes on answering (the search box takes typing), the keys typed for the
// next citizen are kept; once the lock is let go the citizen is written
// with everything typed, the form is ready for the next one with its
// persistent fields, and the keys typed meanwhile are in its first field.
func TestSave_WaitsForTheLockOffTheUIGoroutine(t *testing.T) {
	u, w, st, loop := startLive(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	loop.until(t, "the list", func() bool { return s.pager.total == 0 && len(s.pager.loading) == 0 })
	s.New()
	f := s.form
	typed := map[string]string{"full_name": "Đinh Thị Hạnh", "birth_year": "1979", "village": "Thôn Đông",
		"phone": "0912345678", "year": "2026", "result": "Đạt"}
	for _, col := range []string{"full_name", "birth_year", "village", "phone", "year", "result"} {
		fill(t, f.form, col, typed[col])
	}
	fill(t, f.form, "gender", "Nữ")
	release := holdWriteLock(t, st.Path())

	w.Canvas().Focus(f.byCol["year"].focus.(*textEntry))
	ctrl(w.Canvas().Focused().(fyne.Shortcutable), fyne.KeyS) // Ctrl+S from the last field typed
	// The UI goroutine is back at once, with the write still waiting.
	if got := len(citizensOf(t, st, store.CitizenQuery{})); got != 0 {
		t.Fatalf("%d citizens written while another program holds the lock", got)
	}
	if !jobRunning(u.bg, "việc lưu") || s.saveBtn.Text != "Đang lưu…" || !s.saveBtn.Disabled() ||
		!f.byCol["full_name"].focus.(*textEntry).Disabled() {
		t.Fatalf("while saving: button %q disabled %v, name disabled %v", s.saveBtn.Text, s.saveBtn.Disabled(),
			f.byCol["full_name"].focus.(*textEntry).Disabled())
	}
	if u.shell.env.status.msg.Text != "Đang lưu…" {
		t.Errorf("status bar %q", u.shell.env.status.msg.Text)
	}
	// The window goes on: another widget takes an event, and the keys typed
	// for the next citizen are kept.
	test.Type(s.search, "zz")
	if s.search.Text != "zz" {
		t.Fatalf("the search box did not take typing during the save: %q", s.search.Text)
	}
	s.search.SetText("")
	w.Canvas().Focus(u.shell.env.ahead)
	for _, r := range "Lù Văn Sinh" {
		w.Canvas().Focused().TypedRune(r)
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.byCol["full_name"].get() != typed["full_name"] {
		t.Fatalf("the name changed during the save: %q", f.byCol["full_name"].get())
	}

	release()
	loop.until(t, "the save to finish", func() bool { return !u.shell.env.writing() })
	cs := citizensOf(t, st, store.CitizenQuery{Year: 2026})
	if len(cs) != 1 {
		t.Fatalf("%d citizens after the lock was let go", len(cs))
	}
	c := cs[0]
	if c.FullName() != typed["full_name"] || c.BirthYear != 1979 || c.Village != "Thôn Đông" || c.Phone != "0912345678" ||
		c.Gender != "nu" || c.Year != 2026 || c.Result != "dat" {
		t.Errorf("stored %+v, typed %v", c, typed)
	}
	if s.saveBtn.Text != "Lưu (Ctrl+S)" || s.saveBtn.Disabled() || f.byCol["full_name"].focus.(*textEntry).Disabled() {
		t.Errorf("after the save: button %q disabled %v", s.saveBtn.Text, s.saveBtn.Disabled())
	}
	if f.byCol["village"].get() != "Thôn Đông" || f.byCol["year"].get() != "2026" || f.byCol["birth_year"].get() != "" {
		t.Errorf("the next form: village %q, year %q, birth year %q", f.byCol["village"].get(), f.byCol["year"].get(),
			f.byCol["birth_year"].get())
	}
	if got := f.byCol["full_name"].get(); got != "Lù Văn Sinh" {
		t.Errorf("the name typed during the save: %q in the new form", got)
	}
	if got := stopName(f.form, s.saveBtn, w.Canvas().Focused()); got != "gender" {
		t.Errorf("Enter typed during the save moved to %s, want gender", got)
	}
}

// The type-ahead takes the keys only while a change is written: Tab and
// Shift+Tab never land on it otherwise (it draws nothing and keeps every
// key, Tab too, so a person who tabbed onto it could type nothing more).
func TestTypeAhead_IsNoTabStopWhenNothingIsWritten(t *testing.T) {
	u, w, _ := startCommune(t)
	c := w.Canvas()
	for _, step := range []func(){c.FocusNext, c.FocusPrevious} {
		for n := 0; n < 80; n++ {
			step()
			if c.Focused() == u.shell.env.ahead {
				t.Fatalf("after %d steps the focus is on the type-ahead: the keyboard is lost", n+1)
			}
		}
	}
}
