package ui

import (
	"bytes"
	"log"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The status bar says what was saved, for a few seconds.
func TestFeedback_StatusBarSaysWhatWasSaved(t *testing.T) {
	u, _, _ := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	fill(t, s.base(), "full_name", "Nguyễn Văn An")
	s.Save()
	bar := u.shell.env.status
	if got := bar.msg.Text; got != "Đã lưu: Nguyễn Văn An" {
		t.Fatalf("status bar %q", got)
	}
	u.bg.fire("status") // a few seconds later
	if bar.msg.Text != "" {
		t.Errorf("the message stays: %q", bar.msg.Text)
	}
}

// A citizen saved while a year filter is set stays in sight, marked, even
// when it does not match the filter; the year filter gains a year just
// saved at once.
func TestFeedback_SavedRecordStaysInSightAndYearsFollow(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.years.sel.SetSelected("2026")
	before := s.rows.Len()
	s.New()
	fill(t, s.form.form, "full_name", "Quách Thị Ngọc")
	fill(t, s.form.form, "year", "2027")
	fill(t, s.form.form, "result", "Đạt")
	s.Save()
	if s.rows.Len() != before+1 || !s.rows.shown {
		t.Fatalf("%d lines (was %d), shown %v", s.rows.Len(), before, s.rows.shown)
	}
	it, _ := s.rows.Get(0)
	c := dropRow(s.cols, nil, false)
	s.update(0, c)
	if first := c.Objects[0].(*widget.Label).Text; it.FullName() != "Quách Thị Ngọc" || first != "✓ Quách Thị Ngọc" {
		t.Errorf("first line %q, %q", it.FullName(), first)
	}
	if !strings.Contains(u.shell.env.status.msg.Text, "không thuộc bộ lọc") {
		t.Errorf("status bar %q", u.shell.env.status.msg.Text)
	}
	if s.years.sel.Options[1] != "2027" || s.years.value() != 2026 {
		t.Errorf("year filter %v, chosen %d", s.years.sel.Options, s.years.value())
	}
	s.years.sel.SetSelected("2027") // a new filter: the line gives way
	if s.rows.shown || s.rows.Len() != 1 {
		t.Errorf("2027: %d lines, pinned %v", s.rows.Len(), s.rows.shown)
	}
}

// Under "Mọi năm" the list shows each citizen's latest result and score,
// and a "Chưa đạt" says why.
func TestFeedback_AllYearsShowTheLatestResultAndWhyNotPassed(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	lines := map[string][]string{}
	for n := 0; n < s.rows.Len(); n++ {
		it, _ := s.rows.Get(n)
		lines[it.FullName()] = citizenCells(it, s.env.sess.Criteria, s.years.value() == 0)
	}
	if got := lines["Nguyễn Thị Hòa"]; got[4] != "Đạt · 2026" || got[5] != "81" {
		t.Errorf("Nguyễn Thị Hòa under all years: %v", got)
	}
	if got := lines["Đào Thị Mai"]; got[4] != "Chưa đạt: tổng < 80 · 2026" || got[5] != "70" {
		t.Errorf("Đào Thị Mai: %v", got)
	}
	f := s.form
	s.New()
	for n, c := range scoreCols {
		v := "9"
		if n == 3 {
			v = "4"
		}
		fill(t, f.form, c, v)
	}
	if got := f.total.Text; got != "Tổng điểm: 85 / 100 · Kết quả: Chưa đạt (chỉ số 4 dưới 5)" {
		t.Errorf("total line %q", got)
	}
}

// The built-in Telex mode shows in the status bar and Ctrl+Shift+T turns
// it on and off, so English words are not mangled without warning.
func TestFeedback_TelexIndicatorAndToggle(t *testing.T) {
	u, _, _ := startCommune(t)
	s := openRegister(t, u, "Công dân học tập")
	name := s.base().byCol["full_name"].obj.(*textEntry)
	bar := u.shell.env.status
	if bar.telex.Text != "Telex: tắt (Ctrl+Shift+T)" {
		t.Fatalf("indicator %q", bar.telex.Text)
	}
	name.TypedShortcut(telexShortcut)
	if !u.telex.enabled || bar.telex.Text != "Telex: BẬT (Ctrl+Shift+T)" || !u.app.Preferences().Bool(prefTelex) {
		t.Fatalf("on: %v %q", u.telex.enabled, bar.telex.Text)
	}
	test.Type(name, "Nguyeenx")
	name.TypedShortcut(telexShortcut)
	test.Type(name, " Smith")
	if name.Text != "Nguyễn Smith" || u.telex.enabled || bar.telex.Text != "Telex: tắt (Ctrl+Shift+T)" {
		t.Errorf("typed %q, on %v, %q", name.Text, u.telex.enabled, bar.telex.Text)
	}
	s.base().load(nil) // nothing left unsaved
	set := openScreen(t, u, "Cài đặt").(*settingsScreen)
	shortcut(u, fyne.KeyT) // not the toggle (no Shift)
	u.keys.handle(telexShortcut)
	if !set.telex.Checked {
		t.Error("the settings' box follows the key")
	}
}

// A district's registers show the unit of each record and filter by unit.
func TestFeedback_DistrictRegistersHaveAUnitColumnAndFilter(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 2, "Xã")
	importFiles(t, dis, exportTo(t, com)...)
	u, _ := startUI(t, dis)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	if s.units == nil || len(s.units.values) != 1 {
		t.Fatalf("unit filter %+v", s.units)
	}
	c := s.list.CreateItem().(*fyne.Container)
	s.update(0, c)
	if got := c.Objects[0].(*widget.Label).Text; got != "Đông Hòa" {
		t.Errorf("unit column %q", got)
	}
	s.units.sel.SetSelectedIndex(1)
	if s.query().Unit != testCommune.String() || s.rows.Len() != 2 {
		t.Errorf("filtered on %q: %d lines", s.query().Unit, s.rows.Len())
	}
}

// Every screen and dialog speaks the app's language: Fyne logs no
// "Translation failure" (its own strings are in the catalogue, and the
// file dialogs are the app's).
func TestFeedback_NoTranslationFailure(t *testing.T) {
	var buf bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&buf)
	u, w, _ := startCommune(t)
	for n := range u.shell.items {
		u.shell.nav.Select(n)
		if r, ok := u.shell.screen().(register); ok {
			r.New()
			test.TapSecondary(r.base().fields[0].obj.(fyne.SecondaryTappable))
			w.Canvas().Overlays().Top().Hide()
		}
	}
	e := u.shell.env
	e.openFile([]string{".csv"}, func(string) {})
	press(w, fyne.KeyEscape)
	e.saveFile("a.xlsx", func(string) {})
	press(w, fyne.KeyEscape)
	e.openFolder(func(string) {})
	press(w, fyne.KeyEscape)
	e.ask(newDiscardQuestion(e, nil, nil))
	press(w, fyne.KeyEscape)
	if strings.Contains(buf.String(), "Translation failure") {
		t.Errorf("Fyne logged:\n%s", buf.String())
	}
}
