package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// statusRow finds the row of testCommune in the status table.
func statusRow(t *testing.T, s *statusScreen) int {
	t.Helper()
	for n, r := range s.rows {
		if r.unit != nil && r.unit.Unit == testCommune.Code {
			return n
		}
	}
	t.Fatalf("no row for %s among %d lines", testCommune, len(s.rows))
	return -1
}

func TestStatus_AWithheldBundleShowsAsAGap(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	var files []string
	for _, p := range []string{"A", "B", "C"} {
		addCitizens(t, com, 1, p)
		files = append(files, exportTo(t, com)...)
	}
	importFiles(t, dis, files[0], files[2]) // number 2 never arrives
	u, _ := startUI(t, dis)
	s := openScreen(t, u, "Tình hình báo cáo").(*statusScreen)
	row := rowText(s.cell, statusRow(t, s), len(statusCols))
	if row[0] != "Xã Đông Hòa" || row[1] != "còn thiếu gói" || !strings.HasPrefix(row[2], "số ") || row[3] != "25/11/2026" ||
		row[4] != "2" || row[7] != "2" || row[8] != "4" {
		t.Errorf("status row %q", row)
	}
	if _, imp := s.cell(statusRow(t, s), 4); imp != widget.WarningImportance {
		t.Error("a gap is highlighted")
	}
	importFiles(t, dis, files[1])
	test.Tap(buttonIn(t, s.obj, "Làm mới"))
	if row := rowText(s.cell, statusRow(t, s), len(statusCols)); row[4] != "" || row[1] != "đầy đủ" {
		t.Errorf("after the missing bundle: %q", row)
	}
}

func TestStatus_ApproveLocksTheYearThenUnlock(t *testing.T) {
	_, dis, _ := communeAndDistrict(t, true)
	u, w := startUI(t, dis)
	s := openScreen(t, u, "Tình hình báo cáo").(*statusScreen)
	r := statusRow(t, s)
	s.table.Select(widget.TableCellID{Row: r, Col: 0})
	if s.unit.Selected != "Xã Đông Hòa ("+testCommune.Code+")" {
		t.Fatalf("selected %q", s.unit.Selected)
	}
	s.year.SetText("")
	test.Type(s.year, "2026")
	test.Tap(button(t, w, "Phê duyệt và khóa năm"))
	test.Tap(button(t, w, "Phê duyệt"))
	aps, _ := dis.Approvals(context.Background())
	if len(aps) != 1 || aps[0].Unit != testCommune.String() || aps[0].Year != 2026 || aps[0].ApprovedBy != "Cán bộ Thử" {
		t.Fatalf("approvals %+v", aps)
	}
	if len(s.approvals) != 1 {
		t.Errorf("approvals shown %d", len(s.approvals))
	}
	if row := rowText(s.approvalCell, 0, len(approvalCols)); row[0] != "Xã Đông Hòa" || row[2] != "Cán bộ Thử" {
		t.Errorf("approval row %q", row)
	}
	test.Tap(button(t, w, "Mở khóa"))
	test.Tap(button(t, w, "Mở khóa")) // the question's button
	if aps, _ := dis.Approvals(context.Background()); len(aps) != 0 {
		t.Errorf("still approved: %+v", aps)
	}
}

func TestStatus_OnlyForDistrictsAndProvinces(t *testing.T) {
	u, _, _ := startCommune(t)
	for _, it := range u.shell.items {
		if it.title == "Tình hình báo cáo" || it.title == "Xung đột" {
			t.Errorf("a commune has no %q screen", it.title)
		}
	}
}

// buttonIn finds a button by its text inside o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) fyne.Tappable {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*keyButton); ok && b.Text == text {
			return b
		}
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}
