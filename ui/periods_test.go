package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/upload"
)

// A commune marks 2026 complete on the Sync screen; the district approves
// it; the notice brought on the stick tells the commune "Năm 2026: huyện
// đã phê duyệt ngày …", and saving a change to 2026 asks first, saying it
// will be held at the district.
func TestPeriods_CommuneSubmitsIsToldAndWarned(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 2, "Dân")
	u, w := startUI(t, com)
	b := bundlesOf(t, u)
	b.periods.span.year.SetText("2026")
	test.Tap(button(t, w, "Hoàn thành kỳ, gửi lên cấp trên"))
	test.Tap(button(t, w, "Hoàn thành, gửi lên"))
	sts, err := com.Statements(ctx)
	if err != nil || len(sts) != 1 || sts[0].Kind != "submission" || sts[0].Period != "2026" {
		t.Fatalf("statements %+v, %v", sts, err)
	}
	if got := b.periods.lines.Text; got != "Năm 2026: đã gửi lên ngày "+testNow().Format("02/01/2006") {
		t.Errorf("the commune's line %q", got)
	}

	dcfg := exConfig(dis)
	dcfg.Now = testNow
	if outs := importFiles(t, dis, exportTo(t, com)...); len(outs) == 0 || !outs[len(outs)-1].OK() {
		t.Fatalf("district import %+v", outs)
	}
	if _, err := exchange.Approve(ctx, dcfg, testCommune, data.YearPeriod(2026), false, "Cán bộ huyện"); err != nil {
		t.Fatal(err)
	}
	notice, _, err := exchange.WriteNotice(ctx, dcfg, testCommune, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b.periods.importNotice(notice)
	day := testNow().Format("02/01/2006")
	if want := "Năm 2026: đã gửi lên ngày " + day + "; huyện đã phê duyệt ngày " + day; b.periods.lines.Text != want {
		t.Errorf("after the notice: %q, want %q", b.periods.lines.Text, want)
	}

	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	s.list.Select(0)
	f := s.form
	fill(t, f.form, "full_name", "Nguyễn Thị Mới")
	ctrl(f.byCol["full_name"].obj.(*textEntry), fyne.KeyS)
	if !labelWith(w, "Năm 2026 đã được cấp trên phê duyệt ngày "+day+": thay đổi này sẽ bị giữ lại ở cấp trên") {
		t.Fatal("no warning before an edit of an approved year")
	}
	test.Tap(button(t, w, "Lưu"))
	items := citizensOf(t, com, store.CitizenQuery{Year: 2026})
	found := false
	for _, c := range items {
		found = found || c.FullName() == "Nguyễn Thị Mới"
	}
	if !found {
		t.Error("the change was not saved after the warning")
	}
}

// labelWith reports a visible label holding text.
func labelWith(w fyne.Window, text string) bool {
	for _, o := range objects(w) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) && l.Visible() {
			return true
		}
	}
	return false
}

// The district's status screen says, per commune, its newest period: a
// commune that submitted after the deadline is late, and approved once
// the district approved it from the screen.
func TestStatus_NewestPeriodPerUnit(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 1, "Dân")
	ccfg := exConfig(com)
	ccfg.Now = testNow
	if _, err := exchange.Submit(ctx, ccfg, data.YearPeriod(2026)); err != nil {
		t.Fatal(err)
	}
	importFiles(t, dis, exportTo(t, com)...)
	if err := dis.SetDeadline(ctx, store.Deadline{Period: "2026", Due: "2026-11-01"}); err != nil {
		t.Fatal(err)
	}
	u, w := startUI(t, dis)
	s := openScreen(t, u, "Tình hình báo cáo").(*statusScreen)
	if row := rowText(s.cell, statusRow(t, s), len(statusCols)); row[9] != "đã gửi, muộn" {
		t.Errorf("newest period %q", row[9])
	}
	head := widget.NewLabel("")
	s.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 1}, head)
	if head.Text != "Năm 2026" {
		t.Errorf("the period column's heading %q, want the period it shows", head.Text)
	}
	if !labelWith(w, "Năm 2026: 1/1 đơn vị đã gửi (100,0%), đúng hạn 0, muộn 1, thiếu 0") {
		t.Error("no period line in the summary")
	}
	s.table.Select(widget.TableCellID{Row: statusRow(t, s), Col: 0})
	s.year.SetText("2026")
	test.Tap(button(t, w, "Phê duyệt và khóa năm"))
	test.Tap(button(t, w, "Phê duyệt"))
	if row := rowText(s.cell, statusRow(t, s), len(statusCols)); row[9] != "đã gửi, muộn · đã phê duyệt" {
		t.Errorf("after approving: %q", row[9])
	}
	if sts, _ := dis.Statements(ctx); len(sts) != 2 || sts[1].Kind != "approval" || !sts[1].Approved {
		t.Errorf("the screen's approval is not a signed statement: %+v", sts)
	}
}

// The district's approval reaches the commune through the hub: when the
// uploader's round records it (Status.Approvals grows), the Sync screen
// reads the periods again and the status bar says where to look.
func TestPeriods_AnApprovalFromTheHubIsShown(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	u, _ := startUI(t, com)
	b := bundlesOf(t, u)
	b.online.show(onlineState{Running: true, Seen: true, Status: upload.Status{Online: true}})
	if got := b.periods.lines.Text; got != "Chưa gửi lên kỳ báo cáo nào." {
		t.Fatalf("before: %q", got)
	}
	dcfg := exConfig(dis)
	dcfg.Now = testNow
	if _, err := exchange.Approve(ctx, dcfg, testCommune, data.YearPeriod(2026), false, "Cán bộ huyện"); err != nil {
		t.Fatal(err)
	}
	file, _, err := exchange.Notice(ctx, dcfg, testCommune)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportNotice(ctx, exConfig(com), file); err != nil { // what the uploader's round does
		t.Fatal(err)
	}
	b.online.show(onlineState{Running: true, Seen: true, Status: upload.Status{Online: true, Approvals: 1}})
	day := testNow().Format("02/01/2006")
	if want := "Năm 2026: chưa gửi lên; huyện đã phê duyệt ngày " + day; b.periods.lines.Text != want {
		t.Errorf("after the round: %q, want %q", b.periods.lines.Text, want)
	}
	if got := u.shell.env.status.msg.Text; got != "Có thông báo phê duyệt của cấp trên qua máy chủ: xem mục Kỳ báo cáo" {
		t.Errorf("status bar %q", got)
	}
}

// A period other than a whole year is submitted as the reports choose it:
// the first half of 2026, by keyboard-chosen kind and year.
func TestPeriods_CommuneSubmitsAHalfYear(t *testing.T) {
	ctx := context.Background()
	com, _, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 1, "Dân")
	u, w := startUI(t, com)
	b := bundlesOf(t, u)
	b.periods.span.kind.SetSelectedIndex(spanFirstHalf)
	b.periods.span.year.SetText("2026")
	test.Tap(button(t, w, "Hoàn thành kỳ, gửi lên cấp trên"))
	test.Tap(button(t, w, "Hoàn thành, gửi lên"))
	sts, err := com.Statements(ctx)
	if want := data.HalfYear(2026, 1).String(); err != nil || len(sts) != 1 || sts[0].Kind != "submission" || sts[0].Period != want {
		t.Fatalf("statements %+v, %v; want one submission of %s", sts, err, want)
	}
	if got := b.periods.lines.Text; !strings.HasPrefix(got, "6 tháng đầu năm 2026: đã gửi lên ngày ") {
		t.Errorf("the commune's line %q", got)
	}
}

// The district sets its communes' deadline from the status screen, by
// keyboard: the day typed, Enter. It is kept here and signed to go up.
func TestStatus_SetsTheDeadline(t *testing.T) {
	ctx := context.Background()
	_, dis, _ := communeAndDistrict(t, true)
	u, w := startUI(t, dis)
	s := openScreen(t, u, "Tình hình báo cáo").(*statusScreen)
	s.year.SetText("2026")
	w.Canvas().Focus(s.deadline.due)
	test.Type(s.deadline.due, "31/12")
	press(w, fyne.KeyReturn)
	if got := s.yearErr.Text; got != "Nhập hạn gửi là một ngày, ví dụ 15/12/2026" {
		t.Errorf("a day without its year: %q", got)
	}
	s.deadline.due.SetText("")
	test.Type(s.deadline.due, "15/12/2026")
	press(w, fyne.KeyReturn)
	dls, err := dis.Deadlines(ctx)
	if err != nil || len(dls) != 1 || dls[0].Period != "2026" || dls[0].Due != "2026-12-15" || dls[0].Level != "" {
		t.Fatalf("deadlines %+v, %v", dls, err)
	}
	sts, err := dis.Statements(ctx)
	if err != nil || len(sts) != 1 || sts[0].Kind != "deadlines" || sts[0].Body != `{"":"2026-12-15"}` {
		t.Fatalf("statements %+v, %v", sts, err)
	}
	if got := u.shell.env.status.msg.Text; got != "Hạn gửi năm 2026: 15/12/2026; hạn này được gửi lên cùng lần xuất gói tới" {
		t.Errorf("status bar %q", got)
	}
}

// At a province the status table lists each district and, set in under
// it, its communes with their newest period: submitted (and when),
// approved by the district, accepted by the province.
func TestStatus_ProvinceSeesTheCommunesUnderTheirDistrict(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	prov := openStore(t)
	pid := initStore(t, prov, units.Province, units.Default().Parent(testDistrict()).Ref)
	pk, err := keys.MarshalPublic(pid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.SetUpstream(ctx, dis, units.Default(), pk); err != nil {
		t.Fatal(err)
	}
	did, err := setup.Identity(ctx, dis)
	if err != nil {
		t.Fatal(err)
	}
	dk, err := keys.MarshalPublic(did)
	if err != nil {
		t.Fatal(err)
	}
	trust(t, prov, dk)
	addCitizens(t, com, 1, "Dân")
	if _, err := exchange.Submit(ctx, exConfig(com), data.YearPeriod(2026)); err != nil {
		t.Fatal(err)
	}
	importFiles(t, dis, exportTo(t, com)...)
	if _, err := exchange.Approve(ctx, exConfig(dis), testCommune, data.YearPeriod(2026), false, "Cán bộ huyện"); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Submit(ctx, exConfig(dis), data.YearPeriod(2026)); err != nil {
		t.Fatal(err)
	}
	if outs := importFiles(t, prov, exportTo(t, dis)...); len(outs) == 0 || !outs[len(outs)-1].OK() {
		t.Fatalf("province import %+v", outs)
	}
	u, _ := startUI(t, prov)
	s := openScreen(t, u, "Tình hình báo cáo").(*statusScreen)
	var lines []string
	for n := range s.rows {
		row := rowText(s.cell, n, len(statusCols))
		if row[9] != "" {
			lines = append(lines, row[0]+" | "+row[9])
		}
	}
	dname, _ := units.Default().Get(testDistrict())
	cname, _ := units.Default().Get(testCommune)
	want := []string{dname.FullName + " | đã gửi, đúng hạn",
		"    " + cname.FullName + " | đã gửi, đúng hạn · đã phê duyệt"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("the province's lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
