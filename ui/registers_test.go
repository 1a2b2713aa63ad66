package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data/store"
)

func TestCentres_TypeACentreWithItsYear(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Trung tâm học tập cộng đồng").(*centresScreen)
	f := s.form.(*centreForm)
	fill(t, f.form, "name", "TTHTCĐ xã Đông Hòa")
	fill(t, f.form, "established_on", "12/08/2008")
	fill(t, f.form, "director", "Nguyễn Văn Tâm")
	fill(t, f.form, "year", "2026")
	fill(t, f.form, "classes", "24")
	fill(t, f.form, "learner_times", "1.850")
	fill(t, f.form, "budget_vnd", "15.000.000")
	fill(t, f.form, "rating", "Tốt")
	ctrl(f.byCol["budget_vnd"].obj.(*textEntry), fyne.KeyS)
	cs, err := st.Centres(context.Background(), "", 2026)
	if err != nil || len(cs) != 1 {
		t.Fatalf("%d centres, %v", len(cs), err)
	}
	c := cs[0]
	if c.Name != "TTHTCĐ xã Đông Hòa" || c.Status != "hoat_dong" || c.Year.Classes != 24 ||
		c.Year.LearnerTimes != 1850 || c.Year.BudgetVND != 15_000_000 || c.Year.Rating != "tot" {
		t.Errorf("stored %+v", c)
	}
	if s.pager.Len() != 1 || u.shell.env.status.count.Text != "1 trung tâm" {
		t.Errorf("list %d, status %q", s.pager.Len(), u.shell.env.status.count.Text)
	}
	fill(t, f.form, "classes", "hai mươi")
	s.Save()
	if f.byCol["classes"].err.Text == "" {
		t.Error("a count in words should be refused")
	}
}

func TestAwards_TypeAnAwardAndSearch(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "awards", "../testdata/records/awards-good.csv")
	s := openScreen(t, u, "Khen thưởng – Học bổng").(*awardsScreen)
	if s.pager.Len() != 3 {
		t.Fatalf("%d awards imported", s.pager.Len())
	}
	s.New()
	f := s.form.(*awardForm)
	fill(t, f.form, "full_name", "Vũ Thị Lan")
	fill(t, f.form, "birth_date", "01/02/2013")
	fill(t, f.form, "guardian", "Vũ Văn Hải")
	fill(t, f.form, "school", "THCS Đông Hòa")
	fill(t, f.form, "award_type", "Học bổng hiếu học")
	fill(t, f.form, "amount_vnd", "500.000")
	fill(t, f.form, "awarded_on", "05/09/2026")
	ctrl(f.byCol["awarded_on"].obj.(*textEntry), fyne.KeyS)
	as, err := st.Awards(context.Background(), store.AwardQuery{Search: "lan"})
	if err != nil || len(as) != 1 {
		t.Fatalf("%d awards for lan, %v", len(as), err)
	}
	if a := as[0]; a.AwardType != "hoc_bong_hieu_hoc" || a.AmountVND != 500_000 || a.Year() != 2026 {
		t.Errorf("stored %+v", a)
	}
	test.Type(s.search, "duc") // Phạm Minh Đức
	if s.pager.Len() != 1 {
		t.Errorf("search duc: %d", s.pager.Len())
	}
}

func TestFunds_TypeALedgerLine(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "funds", "../testdata/records/funds-good.csv")
	s := openScreen(t, u, "Quỹ khuyến học").(*fundsScreen)
	if s.pager.Len() != 3 || u.shell.env.status.count.Text != "3 dòng · thu 62.500.000 ₫ · chi 6.000.000 ₫" {
		t.Fatalf("2026: %d lines, status %q", s.pager.Len(), u.shell.env.status.count.Text)
	}
	s.New()
	f := s.form.(*fundForm)
	fill(t, f.form, "date", "01/10/2026")
	fill(t, f.form, "direction", "Thu")
	fill(t, f.form, "source", "Doanh nghiệp")
	fill(t, f.form, "amount_vnd", "20.000.000")
	fill(t, f.form, "voucher_no", "PT03")
	s.Save()
	ls, _ := st.FundLines(context.Background(), "", 2026)
	if len(ls) != 4 {
		t.Fatalf("%d lines", len(ls))
	}
	var found bool
	for _, l := range ls {
		found = found || l.VoucherNo == "PT03" && l.Source == "doanh_nghiep" && l.AmountVND == 20_000_000
	}
	if !found || u.shell.env.status.count.Text != "4 dòng · thu 82.500.000 ₫ · chi 6.000.000 ₫" {
		t.Errorf("found %v, status %q", found, u.shell.env.status.count.Text)
	}
	s.New()
	fill(t, f.form, "amount_vnd", "abc")
	s.Save()
	for _, col := range []string{"date", "direction", "amount_vnd"} {
		if f.byCol[col].err.Text == "" {
			t.Errorf("%s: no error shown", col)
		}
	}
}

func TestVillages_KeepVillagesAndAdults(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Thôn/tổ dân phố & hồ sơ xã").(*villagesScreen)
	for _, v := range []string{"Thôn Tây", "Thôn Đông"} {
		fill(t, s.vform, "name", v)
		typeKey(s.vform.byCol["name"].focus, fyne.KeyReturn)
	}
	vs, _ := st.Villages(context.Background(), testCommune.String())
	if len(vs) != 2 || vs[0].Name != "Thôn Đông" {
		t.Fatalf("villages %+v", vs)
	}
	s.vlist.Select(0)
	fill(t, s.vform, "name", "Thôn Đông Nam")
	test.Tap(button(t, u.win, "Đổi tên thôn đang chọn"))
	vs, _ = st.Villages(context.Background(), testCommune.String())
	if len(vs) != 2 || vs[0].Name != "Thôn Đông Nam" {
		t.Errorf("after rename %+v", vs)
	}
	fill(t, s.pform, "year", "2026")
	fill(t, s.pform, "adults", "4.500")
	s.Save()
	ps, _ := st.Profiles(context.Background(), testCommune.String())
	if len(ps) != 1 || ps[0].Year != 2026 || ps[0].Adults != 4500 {
		t.Errorf("profiles %+v", ps)
	}
	fill(t, s.pform, "year", "")
	fill(t, s.pform, "adults", "-3")
	s.Save()
	if s.pform.byCol["year"].err.Text == "" || s.pform.byCol["adults"].err.Text == "" {
		t.Error("missing year and negative adults should be marked")
	}
}

// A centre typed without a year is saved: the year's own status is only
// written with a year.
func TestCentres_TypeACentreWithoutAYear(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Trung tâm học tập cộng đồng").(*centresScreen)
	f := s.form.(*centreForm)
	fill(t, f.form, "name", "TTHTCĐ thôn Bắc")
	fill(t, f.form, "deputies", "Lê Thị Thu")
	s.Save()
	if f.summary.Visible() {
		t.Fatalf("not saved: %q", f.summary.Text)
	}
	cs, err := st.Centres(context.Background(), "", 0)
	if err != nil || len(cs) != 1 || cs[0].Deputies != "Lê Thị Thu" || cs[0].Status != "hoat_dong" {
		t.Fatalf("centres %+v %v", cs, err)
	}
}
