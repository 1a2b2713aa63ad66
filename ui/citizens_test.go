package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data/store"
)

func citizensOf(t *testing.T, st *store.Store, q store.CitizenQuery) []store.CitizenItem {
	t.Helper()
	items, err := st.Citizens(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestCitizens_TypeANewCitizenAndSave(t *testing.T) {
	u, w, st := startCommune(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	f := s.form
	ctrl(s.search, fyne.KeyN) // Ctrl+N from the search box
	if w.Canvas().Focused() != f.byCol["full_name"].focus {
		t.Error("Ctrl+N should put the cursor in the name")
	}
	// Unikey (Telex) types "Nguyễn" as N-g-u-y-e, then rewrites the word
	// with backspaces and new letters: "Nguye" → "Nguyê" → "Nguyên" → "Nguyễn".
	name := f.byCol["full_name"].obj.(*textEntry)
	test.Type(name, "Nguye")
	typeKey(name, fyne.KeyBackspace)
	test.Type(name, "ê")
	test.Type(name, "n")
	typeKey(name, fyne.KeyBackspace)
	typeKey(name, fyne.KeyBackspace)
	test.Type(name, "ễn Thị Hoà")
	if name.Text != "Nguyễn Thị Hoà" {
		t.Fatalf("name typed as %q", name.Text)
	}
	fill(t, f.form, "gender", "Nữ")
	fill(t, f.form, "birth_year", "1985")
	fill(t, f.form, "village", "Thôn Đông")
	fill(t, f.form, "id_number", "034185001234")
	fill(t, f.form, "year", "2026")
	for _, c := range scoreCols {
		fill(t, f.form, c, "8,5")
	}
	if got := f.total.Text; got != "Tổng điểm: 85 / 100 · Kết quả: Đạt" {
		t.Errorf("live total %q", got)
	}
	ctrl(f.byCol["i10"].obj.(*textEntry), fyne.KeyS) // Ctrl+S saves from any field
	items := citizensOf(t, st, store.CitizenQuery{Year: 2026})
	if len(items) != 1 {
		t.Fatalf("%d citizens stored", len(items))
	}
	c := items[0]
	if c.FullName() != "Nguyễn Thị Hoà" || c.Gender != "nu" || c.IDNumber != "034185001234" ||
		c.Village != "Thôn Đông" || c.Result != "dat" || c.Total != 850 {
		t.Errorf("stored %+v", c)
	}
	if c.Status != "" { // a pass by the scores, no step chosen: the form invents none
		t.Errorf("stored step %q, want none", c.Status)
	}
	// The form is ready for the next citizen of the same village and year.
	if f.Dirty() || s.heading.Text != "Hồ sơ mới" || f.byCol["full_name"].get() != "" ||
		f.byCol["village"].get() != "Thôn Đông" || f.byCol["year"].get() != "2026" {
		t.Errorf("after save: dirty %v, heading %q, name %q, village %q, year %q", f.Dirty(), s.heading.Text,
			f.byCol["full_name"].get(), f.byCol["village"].get(), f.byCol["year"].get())
	}
	if got := u.shell.env.status.msg.Text; got != "Đã lưu: Nguyễn Thị Hoà" {
		t.Errorf("status bar %q", got)
	}
	if s.pager.Len() != 1 || u.shell.env.status.count.Text != "1 công dân" {
		t.Errorf("list %d rows, status %q", s.pager.Len(), u.shell.env.status.count.Text)
	}
}

func TestCitizens_BadInputKeepsEverythingTyped(t *testing.T) {
	u, w, st := startCommune(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	f := s.form
	fill(t, f.form, "full_name", "Trần Văn Đào")
	fill(t, f.form, "gender", "Nam")
	fill(t, f.form, "birth_year", "1962")
	fill(t, f.form, "id_number", "0340620099")
	fill(t, f.form, "phone", "0612345678")
	fill(t, f.form, "year", "2026")
	fill(t, f.form, "i1", "12")
	ctrl(f.byCol["phone"].obj.(*textEntry), fyne.KeyS) // Ctrl+S
	if n := len(citizensOf(t, st, store.CitizenQuery{})); n != 0 {
		t.Fatalf("%d citizens stored from a bad form", n)
	}
	for col, want := range map[string]string{
		"id_number": "Số CCCD «0340620099»: số CCCD phải có đúng 12 chữ số",
		"phone":     "Số điện thoại «0612345678»: không phải số điện thoại Việt Nam (10 số, bắt đầu 03/05/07/08/09)",
	} {
		if got := f.byCol[col].err.Text; got != want || !f.byCol[col].err.Visible() {
			t.Errorf("%s error %q, want %q", col, got, want)
		}
	}
	if f.byCol["i1"].err.Text == "" {
		t.Error("a score of 12 should be marked")
	}
	if got := f.byCol["full_name"].get(); got != "Trần Văn Đào" || f.byCol["id_number"].get() != "0340620099" {
		t.Errorf("typed text lost: %q", got)
	}
	if !f.summary.Visible() {
		t.Error("the summary should say the form is not saved")
	}
	if w.Canvas().Focused() != f.byCol["id_number"].focus {
		t.Errorf("the cursor should go to the first bad field, not %T %p (want %p)", w.Canvas().Focused(), w.Canvas().Focused(), f.byCol["id_number"].focus)
	}
	fill(t, f.form, "id_number", "034062009999")
	fill(t, f.form, "phone", "")
	fill(t, f.form, "i1", "")
	fill(t, f.form, "result", "Chưa đạt")
	s.Save()
	items := citizensOf(t, st, store.CitizenQuery{Year: 2026})
	if len(items) != 1 || items[0].Result != "chua_dat" || items[0].Total != -1 {
		t.Fatalf("stored %+v", items)
	}
	if f.byCol["id_number"].err.Visible() || f.summary.Visible() {
		t.Error("errors should clear after a good save")
	}
}

func TestCitizens_SearchAndFiltersAsYouType(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	if s.pager.Len() != 5 {
		t.Fatalf("%d rows before searching", s.pager.Len())
	}
	test.Type(s.search, "hoa") // finds Hòa and Hoà
	if got := rowNames(s); len(got) != 2 || got[0] != "Lê Văn Hoà" || got[1] != "Nguyễn Thị Hòa" {
		t.Errorf("search hoa: %v", got)
	}
	s.search.SetText("ĐÀO")
	if got := rowNames(s); len(got) != 2 {
		t.Errorf("search ĐÀO: %v", got)
	}
	s.search.SetText("")
	s.village.sel.SetSelected("Thôn Đông")
	if got := rowNames(s); len(got) != 2 {
		t.Errorf("village Thôn Đông: %v", got)
	}
	s.village.sel.SetSelectedIndex(0)
	s.years.sel.SetSelected("2026")
	s.result.sel.SetSelected("Chưa đạt")
	if got := rowNames(s); len(got) != 2 || u.shell.env.status.count.Text != "2 công dân" {
		t.Errorf("2026 chưa đạt: %v (status %q)", got, u.shell.env.status.count.Text)
	}
}

func rowNames(s *citizensScreen) []string {
	var out []string
	for n := 0; n < s.pager.Len(); n++ {
		it, _ := s.pager.Get(n)
		out = append(out, it.FullName())
	}
	return out
}

func TestCitizens_EscAsksBeforeDroppingTyping(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.list.Select(0)
	f := s.form
	before := f.byCol["full_name"].get()
	e := f.byCol["full_name"].obj.(*textEntry)
	w.Canvas().Focus(e)     // the name is selected…
	typeKey(e, fyne.KeyEnd) // …End goes after it
	test.Type(e, " Sửa")
	typeKey(e, fyne.KeyEscape)
	test.Tap(button(t, w, "Quay lại"))
	if e.Text != before+" Sửa" {
		t.Fatalf("going back should keep the typing: %q", e.Text)
	}
	s.list.Select(1) // another row: asks too
	test.Tap(button(t, w, "Quay lại"))
	if s.selected != 0 || e.Text != before+" Sửa" {
		t.Fatalf("selection moved to %d, text %q", s.selected, e.Text)
	}
	typeKey(e, fyne.KeyEscape)
	test.Tap(button(t, w, "Bỏ thay đổi"))
	if e.Text != before || f.Dirty() {
		t.Errorf("after discard: %q, dirty %v", e.Text, f.Dirty())
	}
}

func TestCitizens_DeleteAsksFirst(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.list.Select(0)
	name := s.form.Name()
	test.Tap(s.delBtn)
	test.Tap(button(t, w, "Quay lại"))
	if n := len(citizensOf(t, st, store.CitizenQuery{})); n != 5 {
		t.Fatalf("%d left after going back", n)
	}
	test.Tap(s.delBtn)
	test.Tap(button(t, w, "Xóa"))
	left := citizensOf(t, st, store.CitizenQuery{})
	if len(left) != 4 {
		t.Fatalf("%d left after delete", len(left))
	}
	for _, c := range left {
		if c.FullName() == name {
			t.Errorf("%s still listed", name)
		}
	}
	if s.pager.Len() != 4 {
		t.Errorf("list shows %d", s.pager.Len())
	}
}

func TestCitizens_LoadShowsTheYearsAssessment(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.search.SetText("Nguyễn Thị Hòa")
	s.list.Select(0)
	f := s.form
	if f.byCol["year"].get() != "2026" || f.byCol["i1"].get() != "9" || f.byCol["decision_no"].get() != "12/QĐ-UBND" {
		t.Errorf("assessment not shown: year %q i1 %q", f.byCol["year"].get(), f.byCol["i1"].get())
	}
	if f.total.Text != "Tổng điểm: 81 / 100 · Kết quả: Đạt" || f.Dirty() {
		t.Errorf("total %q dirty %v", f.total.Text, f.Dirty())
	}
}
