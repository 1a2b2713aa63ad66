package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
)

// register is what these tests need of a register screen.
type register interface {
	screen
	base() *form
	view() (*container.Scroll, *keyButton)
}

func (v *registerView[R, Q]) base() *form                           { return v.form.base() }
func (v *registerView[R, Q]) view() (*container.Scroll, *keyButton) { return v.scroll, v.saveBtn }

// registers are the register screens, by the title of their navigation.
var registers = append(append([]string{"Công dân học tập", "Trung tâm học tập cộng đồng", "Khen thưởng – Học bổng", "Quỹ khuyến học"},
	modelTitles...), "Chi hội, hội viên", "Hoạt động của hội")

func openRegister(t *testing.T, u *UI, title string) register {
	t.Helper()
	s, ok := openScreen(t, u, title).(register)
	if !ok {
		t.Fatalf("%s is not a register", title)
	}
	s.New()
	return s
}

// stopName names what has the focus: a field's column, "save", or its type.
func stopName(f *form, save *keyButton, o fyne.Focusable) string {
	for _, fl := range f.fields {
		if fl.focus == o {
			return fl.col
		}
	}
	if o == save {
		return "save"
	}
	return "other"
}

// inputs lists the fields that take input, in order, then the Save button.
func inputs(f *form) []string {
	var out []string
	for _, fl := range f.fields {
		if f.takesInput(fl) {
			out = append(out, fl.col)
		}
	}
	return append(out, "save")
}

// Tab walks one stop per field in the paper form's order, to the Save
// button; Shift+Tab walks back. An editable list is one stop (its arrow
// takes none).
func TestForms_TabSequenceIsTheListOfFields(t *testing.T) {
	u, w, _ := startCommune(t)
	w.Resize(fyne.NewSize(1000, 700))
	for _, title := range registers {
		s := openRegister(t, u, title)
		f := s.base()
		_, save := s.view()
		want := inputs(f)
		got := []string{stopName(f, save, w.Canvas().Focused())}
		for range len(want) - 1 {
			press(w, fyne.KeyTab)
			got = append(got, stopName(f, save, w.Canvas().Focused()))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: Tab walks\n %v\nwant\n %v", title, got, want)
		}
		var back []string
		for range len(want) - 1 {
			shiftTab(w)
			back = append(back, stopName(f, save, w.Canvas().Focused()))
		}
		for n := range back {
			if back[n] != want[len(want)-2-n] {
				t.Errorf("%s: Shift+Tab walks back %v", title, back)
				break
			}
		}
	}
}

// Enter moves to the next field and, on the last, to Lưu; only Enter on
// Lưu (or Ctrl+S) saves. Typing a name, Enter, then the birth year used to
// save a citizen with only a name and "1999" appended to it.
func TestForms_EnterWalksTheFieldsAndSavesOnlyFromTheLast(t *testing.T) {
	u, w, st := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	f := s.base()
	_, save := s.view()
	test.Type(w.Canvas().Focused().(*textEntry), "Lò Văn Páo")
	press(w, fyne.KeyReturn)
	test.Type(w.Canvas().Focused(), "n") // gender: Nam
	press(w, fyne.KeyReturn)
	test.Type(w.Canvas().Focused(), "1999")
	press(w, fyne.KeyReturn)
	if got := f.byCol["full_name"].get(); got != "Lò Văn Páo" {
		t.Errorf("name %q", got)
	}
	if f.byCol["gender"].get() != "Nam" || f.byCol["birth_year"].get() != "1999" {
		t.Errorf("gender %q, birth year %q", f.byCol["gender"].get(), f.byCol["birth_year"].get())
	}
	for w.Canvas().Focused() != save {
		if n := len(citizensOf(t, st, store.CitizenQuery{})); n != 0 {
			t.Fatalf("saved before Lưu: %d", n)
		}
		name := stopName(f, save, w.Canvas().Focused())
		if name == "other" {
			t.Fatalf("Enter left the form: %T", w.Canvas().Focused())
		}
		press(w, fyne.KeyReturn)
	}
	if n := len(citizensOf(t, st, store.CitizenQuery{})); n != 0 {
		t.Fatalf("saved on reaching Lưu: %d", n)
	}
	press(w, fyne.KeyReturn) // on Lưu
	cs := citizensOf(t, st, store.CitizenQuery{})
	if len(cs) != 1 || cs[0].FullName() != "Lò Văn Páo" || cs[0].Gender != "nam" || cs[0].BirthYear != 1999 {
		t.Fatalf("stored %+v", cs)
	}
	if stopName(f, save, w.Canvas().Focused()) != "full_name" || f.byCol["full_name"].get() != "" {
		t.Error("after the save the cursor waits in the name of a new record")
	}
}

// After a new record is saved the form is ready for the next one, its
// persistent fields (village, year, subject group…) kept.
func TestForms_PersistentFieldsCarryOver(t *testing.T) {
	u, w, st := startCommune(t)
	for _, c := range []struct {
		title string
		fill  map[string]string
		keep  []string
		clear []string
	}{
		{"Công dân học tập", map[string]string{"full_name": "Hà Thị Lan", "village": "Thôn Đông",
			"group": "Nông dân, lao động nông thôn", "year": "2026", "result": "Đạt"},
			[]string{"village", "group", "year"}, []string{"full_name", "result"}},
		{"Khen thưởng – Học bổng", map[string]string{"full_name": "Vũ Minh Đức", "school": "THCS Đông Hòa",
			"school_year": "2025-2026", "award_type": "Học bổng hiếu học"},
			[]string{"school", "school_year", "award_type"}, []string{"full_name"}},
		{"Quỹ khuyến học", map[string]string{"date": "02/10/2026", "direction": "Thu", "source": "Doanh nghiệp",
			"amount_vnd": "5.000.000"}, []string{"direction", "source"}, []string{"date", "amount_vnd"}},
		{"Trung tâm học tập cộng đồng", map[string]string{"name": "TTHTCĐ thôn Tây", "year": "2026", "classes": "3"},
			[]string{"year"}, []string{"name", "classes"}},
		{"Chi hội, hội viên", map[string]string{"name": "Chi hội thôn Tây", "form": "Ban khuyến học",
			"branch_type": "Trường học", "period": "2026-H1", "members": "40"},
			[]string{"form", "branch_type", "period"}, []string{"name", "members"}},
		{"Hoạt động của hội", map[string]string{"date": "05/03/2026", "kind": "Tuyên truyền",
			"publicity_kind": "Đài truyền thanh, loa", "times": "3"},
			[]string{"kind", "publicity_kind"}, []string{"date", "times"}},
	} {
		s := openRegister(t, u, c.title)
		f := s.base()
		for col, v := range c.fill {
			fill(t, f, col, v)
		}
		ctrl(w.Canvas().Focused().(fyne.Shortcutable), fyne.KeyS)
		if f.summary.Visible() {
			t.Fatalf("%s: not saved: %s", c.title, f.summary.Text)
		}
		for _, col := range c.keep {
			if got := f.byCol[col].get(); got != c.fill[col] {
				t.Errorf("%s: %s carried as %q, want %q", c.title, col, got, c.fill[col])
			}
		}
		for _, col := range c.clear {
			if got := f.byCol[col].get(); got != "" {
				t.Errorf("%s: %s should be empty for the next record, is %q", c.title, col, got)
			}
		}
		if f.dirty || w.Canvas().Focused() != f.fields[0].focus {
			t.Errorf("%s: the next record starts clean with the cursor in the first field", c.title)
		}
	}
	if n := len(citizensOf(t, st, store.CitizenQuery{})); n != 1 {
		t.Errorf("%d citizens", n)
	}
}

// inView reports whether o lies inside the scroll's visible area.
func inView(s *container.Scroll, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	sp, op := d.AbsolutePositionForObject(s), d.AbsolutePositionForObject(o)
	return op.Y >= sp.Y-0.5 && op.Y+o.Size().Height <= sp.Y+s.Size().Height+0.5
}

// The field with the focus is always in view: after every Tab, after
// Ctrl+N (the top) and after a failed save (the first field in error).
func TestForms_FocusedFieldIsInView(t *testing.T) {
	u, w, _ := startCommune(t)
	w.Resize(fyne.NewSize(1000, 700))
	for _, title := range registers {
		s := openRegister(t, u, title)
		f := s.base()
		scroll, save := s.view()
		for range len(inputs(f)) - 1 {
			press(w, fyne.KeyTab)
			if o := w.Canvas().Focused(); o != save && !inView(scroll, o.(fyne.CanvasObject)) {
				t.Errorf("%s: %s has the focus out of view (offset %v)", title, stopName(f, save, o), scroll.Offset)
			}
		}
		press(w, fyne.KeyTab) // to Lưu, then Ctrl+N with the focus there: the window's shortcut
		u.keys.handle(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
		if scroll.Offset.Y != 0 || w.Canvas().Focused() != f.fields[0].focus {
			t.Errorf("%s: Ctrl+N leaves the form at %v, focus on %s", title, scroll.Offset, stopName(f, save, w.Canvas().Focused()))
		}
	}
	s := openRegister(t, u, "Công dân học tập")
	f := s.base()
	scroll, _ := s.view()
	fill(t, f, "full_name", "Trần Văn Đào")
	fill(t, f, "id_number", "0340620099") // 10 digits
	fill(t, f, "decision_date", "31/02/2026")
	f.focusField(f.byCol["decision_date"])
	ctrl(f.byCol["decision_date"].obj.(*textEntry), fyne.KeyS)
	if w.Canvas().Focused() != f.byCol["id_number"].focus || !inView(scroll, f.byCol["id_number"].obj) {
		t.Errorf("a failed save should bring the CCCD into view with the cursor (offset %v)", scroll.Offset)
	}
}

// The mouse wheel scrolls the form wherever the pointer is over it, an
// input included.
func TestForms_WheelScrollsOverAnInput(t *testing.T) {
	u, w, _ := startCommune(t)
	w.Resize(fyne.NewSize(1000, 700))
	s := openRegister(t, u, "Công dân học tập")
	scroll, _ := s.view()
	phone := s.base().byCol["phone"].obj
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(phone).Add(fyne.NewPos(10, 10))
	test.Scroll(w.Canvas(), at, 0, -120)
	if scroll.Offset.Y <= 0 {
		t.Errorf("the wheel over an entry left the form at %v", scroll.Offset)
	}
}

// Arriving by the keyboard at a field that holds a value (carried over or
// loaded) selects it: typing replaces it, Enter keeps it.
func TestForms_TypingOverAValueCarriedReplacesIt(t *testing.T) {
	u, w, _ := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	f := s.base()
	f.carry(map[string]string{"year": "2026", "village": "Thôn Đông"})
	f.focusField(f.byCol["village"])
	press(w, fyne.KeyReturn) // keeps Thôn Đông
	f.focusField(f.byCol["note"])
	press(w, fyne.KeyReturn) // to the year
	test.Type(w.Canvas().Focused(), "2025")
	if got := f.byCol["year"].get(); got != "2025" || f.byCol["village"].get() != "Thôn Đông" {
		t.Errorf("year %q, village %q", got, f.byCol["village"].get())
	}
}

// An editable list is worked by typing part of a value, Down to open the
// values that match, Enter to take one and move on.
func TestForms_EditableListByDownAndEnter(t *testing.T) {
	u, w, _ := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	f := s.base()
	f.focusField(f.byCol["group"])
	test.Type(w.Canvas().Focused(), "lao động") // part of "Nông dân, lao động nông thôn"
	press(w, fyne.KeyDown)
	m, ok := w.Canvas().Focused().(*widget.PopUpMenu)
	if !ok {
		t.Fatalf("Down should open the list, focus on %T", w.Canvas().Focused())
	}
	if n := len(m.Items); n != 3 { // farmers, craft workers and business employees say "lao động"
		t.Errorf("%d values match", n)
	}
	press(w, fyne.KeyDown) // the second: Công nhân, lao động thủ công
	press(w, fyne.KeyReturn)
	if got := f.byCol["group"].get(); got != "Công nhân, lao động thủ công" {
		t.Errorf("group %q", got)
	}
	if stopName(f, nil, w.Canvas().Focused()) != "note" {
		t.Errorf("Enter in the list should move on, focus on %T", w.Canvas().Focused())
	}
}

// The navigation and the register's list open what has the focus with
// Enter (as with Space); a record opened by Enter puts the cursor in its
// form.
func TestForms_EnterOpensScreensAndRows(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	w.Canvas().Focus(u.shell.nav)
	press(w, fyne.KeyDown) // from Công dân học tập to Trung tâm…
	press(w, fyne.KeyReturn)
	if u.shell.current != 1 {
		t.Fatalf("Enter on the navigation opened screen %d", u.shell.current)
	}
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	w.Canvas().Focus(s.list)
	press(w, fyne.KeyReturn)
	if s.selected != 0 || !s.form.HasRecord() || w.Canvas().Focused() != s.form.fields[0].focus {
		t.Errorf("Enter on a row: selected %d, record %v, focus %T", s.selected, s.form.HasRecord(), w.Canvas().Focused())
	}
}

// Ctrl+F puts the cursor in the search box of every register that has
// one (its hint promises it), from the form's first field.
func TestForms_CtrlFFindsOnEveryRegister(t *testing.T) {
	u, w, _ := startCommune(t)
	for _, title := range registers {
		if title == "Trung tâm học tập cộng đồng" || title == "Quỹ khuyến học" || title == "Chi hội, hội viên" {
			continue // these have no search box
		}
		s := openRegister(t, u, title)
		f := s.base()
		w.Canvas().Focus(f.fields[0].focus)
		ctrl(w.Canvas().Focused().(fyne.Shortcutable), fyne.KeyF)
		box, ok := s.(interface{ searchBox() *textEntry })
		if !ok || box.searchBox() == nil || w.Canvas().Focused() != box.searchBox() {
			t.Errorf("%s: Ctrl+F leaves the focus on %T", title, w.Canvas().Focused())
		}
	}
}
