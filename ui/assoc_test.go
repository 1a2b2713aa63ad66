package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// A branch typed with its members in the half-year the screen shows; the
// next branch keeps the form, the type and the period; the list shows the
// members of the period chosen.
func TestBranches_TypeBranchesWithTheirMembers(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Chi hội, hội viên").(*branchesScreen)
	f := s.form.(*branchForm)
	if got := f.byCol["period"].get(); got != data.HalfOf(today(u.shell.env)).String() {
		t.Fatalf("the period shown is %q", got)
	}
	fill(t, f.form, "name", "Chi hội thôn Đông")
	fill(t, f.form, "branch_type", "Thôn, tổ dân phố")
	fill(t, f.form, "established_on", "08/03/2010")
	fill(t, f.form, "chair", "Nguyễn Văn Tư")
	fill(t, f.form, "period", "2026-H1")
	fill(t, f.form, "members", "120")
	fill(t, f.form, "admitted", "12")
	fill(t, f.form, "left", "3")
	ctrl(f.byCol["left"].obj.(*textEntry), fyne.KeyS) // Ctrl+S saves from any field
	if f.summary.Visible() {
		t.Fatalf("not saved: %s", f.summary.Text)
	}
	if got := f.byCol["branch_type"].get(); got != "Thôn, tổ dân phố" || f.byCol["period"].get() != "2026-H1" || f.byCol["members"].get() != "" {
		t.Errorf("carried %q %q, members %q", got, f.byCol["period"].get(), f.byCol["members"].get())
	}
	fill(t, f.form, "name", "Chi hội thôn Tây")
	fill(t, f.form, "members", "5")
	fill(t, f.form, "admitted", "9") // more admitted than there are: refused, nothing lost
	s.Save()
	if f.byCol["admitted"].err.Text == "" || f.byCol["name"].get() != "Chi hội thôn Tây" {
		t.Fatalf("refusal: %q, name %q", f.byCol["admitted"].err.Text, f.byCol["name"].get())
	}
	fill(t, f.form, "admitted", "1")
	s.Save()
	bs, err := st.Branches(context.Background(), "", "2026-H1")
	if err != nil || len(bs) != 2 {
		t.Fatalf("branches %+v %v", bs, err)
	}
	if b := bs[0]; b.Name != "Chi hội thôn Đông" || b.Type != "thon" || b.Form != "chi_hoi" || b.Members.Total != 120 || b.Members.Left != 3 {
		t.Errorf("stored %+v", b)
	}
	if bs[1].Members.Total != 5 || bs[1].Type != "thon" {
		t.Errorf("the second %+v", bs[1])
	}
	// Another period chosen: the list shows its counts (none yet), and the
	// empty form is for that period.
	s.periods.sel.SetSelected("Cả năm 2026")
	if got := f.byCol["period"].get(); got != "2026" || s.periods.value() != "2026" || s.pager.Len() != 2 {
		t.Errorf("the form's period %q, the filter's %q", got, s.periods.value())
	}
	// A form being typed keeps its own period when the filter changes.
	fill(t, f.form, "name", "Chi hội thôn Nam")
	s.periods.sel.SetSelected("6 tháng đầu năm 2026")
	if got := f.byCol["period"].get(); got != "2026" || f.byCol["name"].get() != "Chi hội thôn Nam" {
		t.Errorf("typing lost: period %q, name %q", got, f.byCol["name"].get())
	}
}

// The log: a training course, a publicity entry without a count (one
// time) and a document, which needs its number.
func TestActivities_TypeTheLog(t *testing.T) {
	u, w, st := startCommune(t)
	s := openScreen(t, u, "Hoạt động của hội").(*activitiesScreen)
	f := s.form.(*activityForm)
	fill(t, f.form, "date", "02/03/2026")
	fill(t, f.form, "kind", "Tập huấn, bồi dưỡng")
	fill(t, f.form, "title", "Tập huấn chi hội trưởng")
	fill(t, f.form, "participants", "35")
	ctrl(f.byCol["participants"].obj.(*textEntry), fyne.KeyS)
	fill(t, f.form, "date", "05/01/2026")
	fill(t, f.form, "kind", "Văn bản ban hành")
	fill(t, f.form, "title", "Kế hoạch năm")
	s.Save()
	if f.byCol["document_no"].err.Text == "" {
		t.Fatal("a document needs its number")
	}
	fill(t, f.form, "document_no", "01/KH-HKH")
	s.Save()
	fill(t, f.form, "date", "01/04/2026")
	fill(t, f.form, "kind", "Tuyên truyền")
	// Publicity: Enter goes from the title to its kind and times, past the
	// people taking part and the document's number.
	w.Canvas().Focus(f.byCol["title"].focus)
	var walk []string
	for range 3 {
		press(w, fyne.KeyReturn)
		walk = append(walk, stopName(f.form, nil, w.Canvas().Focused()))
	}
	if strings.Join(walk, " ") != "publicity_kind times note" {
		t.Errorf("Enter from the title of a publicity entry walks %v", walk)
	}
	fill(t, f.form, "publicity_kind", "Đài truyền thanh, loa")
	s.Save()
	as, err := st.Activities(context.Background(), store.ActivityQuery{})
	if err != nil || len(as) != 3 {
		t.Fatalf("log %+v %v", as, err)
	}
	if as[0].Kind != "tuyen_truyen" || as[0].Times != 1 || as[0].PublicityKind != "truyen_thanh" ||
		as[1].Participants != 35 || as[2].DocumentNo != "01/KH-HKH" {
		t.Errorf("stored %+v", as)
	}
	if s.pager.Len() != 3 || u.shell.env.status.count.Text != "3 hoạt động" {
		t.Errorf("list %d, status %q", s.pager.Len(), u.shell.env.status.count.Text)
	}
}

// An award points at the ledger line that paid it, chosen in its form,
// with the kind of recipient and the campaign; the ledger line its holder.
func TestAwards_PaidByALedgerLine(t *testing.T) {
	u, _, st := startCommune(t)
	fs := openScreen(t, u, "Quỹ khuyến học").(*fundsScreen)
	ff := fs.form.(*fundForm)
	fill(t, ff.form, "date", "02/06/2026")
	fill(t, ff.form, "direction", "Chi")
	fill(t, ff.form, "amount_vnd", "2.000.000")
	fill(t, ff.form, "voucher_no", "PC-12")
	fill(t, ff.form, "holder", "Dòng họ")
	fs.Save()
	lines, _ := st.FundLines(context.Background(), "", 0)
	if len(lines) != 1 || lines[0].Holder != "dong_ho" {
		t.Fatalf("ledger %+v", lines)
	}
	s := openScreen(t, u, "Khen thưởng – Học bổng").(*awardsScreen)
	s.New()
	f := s.form.(*awardForm)
	if len(f.fund.Options) != 1 || f.fund.Options[0] != "02/06/2026 · 2.000.000 ₫ · PC-12" {
		t.Fatalf("ledger lines offered %q", f.fund.Options)
	}
	fill(t, f.form, "full_name", "Trần Văn Giáo")
	fill(t, f.form, "award_type", "Quà")
	fill(t, f.form, "amount_vnd", "2.000.000")
	fill(t, f.form, "recipient_kind", "Giáo viên")
	fill(t, f.form, "campaign", "Học không bao giờ cùng")
	f.fund.SetSelectedIndex(0)
	s.Save()
	as, _ := st.Awards(context.Background(), store.AwardQuery{})
	if len(as) != 1 || as[0].FundID != lines[0].ID || as[0].RecipientKind != "giao_vien" || as[0].Campaign != "hoc_khong_bao_gio_cung" {
		t.Fatalf("award %+v", as)
	}
	f.Load(as[0])
	if f.fund.SelectedIndex() != 0 || f.Dirty() {
		t.Errorf("the line stays chosen when the award is shown again (dirty %v)", f.Dirty())
	}
}

// Classes per programme: an empty total takes their sum.
func TestCentres_ClassesPerProgramme(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Trung tâm học tập cộng đồng").(*centresScreen)
	f := s.form.(*centreForm)
	fill(t, f.form, "name", "TTHTCĐ xã")
	fill(t, f.form, "year", "2026")
	fill(t, f.form, "classes_ky_nang_so", "3")
	fill(t, f.form, "learners_ky_nang_so", "90")
	fill(t, f.form, "classes_phap_luat", "2")
	if got := f.byCol["classes"].obj.(*textEntry).PlaceHolder; got != "ít nhất 5 (tổng các chương trình)" {
		t.Errorf("hint %q", got)
	}
	s.Save()
	cs, _ := st.Centres(context.Background(), "", 2026)
	if len(cs) != 1 || cs[0].Year.Classes != 5 || cs[0].Year.LearnerTimes != 90 || cs[0].Year.ByProgramme[6].Classes != 3 {
		t.Fatalf("centre %+v", cs)
	}
}

// Báo cáo: the first half of a year beside the first half of the year
// before, and from 1 January to a day.
func TestReport_PeriodAndComparison(t *testing.T) {
	u, w, st := startCommune(t)
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for _, d := range []data.Date{{Y: 2025, M: 3, D: 1}, {Y: 2026, M: 3, D: 1}, {Y: 2026, M: 5, D: 1}, {Y: 2026, M: 9, D: 1}} {
			a := &data.Activity{Unit: u.shell.env.sess.Unit, Kind: "tap_huan", Date: d, Title: "Tập huấn"}
			if _, err := e.SaveActivity(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Báo cáo").(*reportScreen)
	// By keyboard: Tab comes to the period first; "6" picks the first half,
	// Tab to the year, past the day (not asked for a half-year) to the
	// comparison, Space ticks it, Tab to Lập báo cáo, Enter makes it.
	w.Canvas().Unfocus()
	press(w, fyne.KeyTab)
	if w.Canvas().Focused() != s.span.kind {
		t.Fatalf("Tab first comes to %T, not the period", w.Canvas().Focused())
	}
	test.Type(s.span.kind, "6")
	press(w, fyne.KeyTab)
	if w.Canvas().Focused() != s.year {
		t.Fatalf("then to %T, not the year", w.Canvas().Focused())
	}
	s.year.SetText("")
	test.Type(s.year, "2026")
	press(w, fyne.KeyTab)
	test.Type(w.Canvas().Focused(), " ")
	press(w, fyne.KeyTab)
	press(w, fyne.KeyReturn)
	if !s.span.compare.Checked {
		t.Fatal("Space on the comparison should tick it")
	}
	if s.rep.Period != data.HalfYear(2026, 1) || s.rep.Previous == nil || s.rep.Association.Activities.Training.Count != 2 ||
		s.rep.Previous.Association.Activities.Training.Count != 1 {
		t.Fatalf("report %v %+v", s.rep.Period, s.rep.Association.Activities)
	}
	if got := s.cell(len(s.rows)-1, 17); got != "2" {
		t.Errorf("training column %q", got)
	}
	if !hasText(w, "So với cùng kỳ năm trước") || !hasText(w, "6 tháng đầu năm 2025") {
		t.Error("the comparison is not shown")
	}
	w.Resize(minWindow)
	if min := w.Content().MinSize(); min.Width > minWindow.Width || min.Height > minWindow.Height {
		t.Errorf("with the comparison the window lays out at %v at least", min)
	}
	w.Content().Refresh()
	checkFits(t, "Báo cáo, so với cùng kỳ", w)
	s.span.kind.SetSelectedIndex(spanToDate)
	if !s.year.Disabled() || s.span.upto.Disabled() {
		t.Error("to a day: the day is typed, not the year")
	}
	s.span.upto.SetText("31/08/2026")
	s.span.upto.OnSubmitted(s.span.upto.Text)
	if s.rep.Period != data.YearToDate(data.Date{Y: 2026, M: 8, D: 31}) || s.rep.Association.Activities.Training.Count != 2 {
		t.Fatalf("to 31/08: %v %+v", s.rep.Period, s.rep.Association.Activities)
	}
	s.span.upto.SetText("31/02/2026")
	s.Build()
	if s.yearErr.Text == "" {
		t.Error("no such day should be refused")
	}
	s.span.upto.SetText("31/08/2026")
	s.Build()
	out := filepath.Join(t.TempDir(), "r.json")
	s.Write(out)
	b, _ := os.ReadFile(out)
	var doc struct {
		Period   map[string]string `json:"period"`
		Previous struct {
			Period map[string]string `json:"period"`
		} `json:"previous"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Period["to"] != "2026-08-31" || doc.Previous.Period["from"] != "2025-01-01" {
		t.Errorf("file %s (%v)", b, err)
	}
}
