package ui

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/tabular"
)

// "Export to Excel…" writes the printed list (of the year the screen
// shows), which imports back; the menu beside it offers its PDF and the
// file to import again, chosen by the keyboard.
func TestExport_PrintedListByDefaultAndTheOtherForms(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "awards", "../testdata/records/awards-good.csv")
	consentToPublish(t, st) // privacy_test.go: without it no name is listed
	fa := fileActionsOf(t, u, "Khen thưởng – Học bổng")
	dir := t.TempDir()
	list := filepath.Join(dir, "khen-thuong.xlsx")
	fa.ExportList(list)
	tb, err := tabular.ReadWith(list, tabular.Awards, tabular.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 3 || tb.FootLine == 0 || tb.Rows[0].Input["award_type"] != "Học bổng vượt khó" {
		t.Fatalf("the printed list read back: %d rows, foot at %d, %+v", len(tb.Rows), tb.FootLine, tb.Rows)
	}
	pdf := filepath.Join(dir, "khen-thuong.pdf")
	fa.ExportList(pdf)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(out), "DANH SÁCH KHEN THƯỞNG, HỌC BỔNG") ||
			!strings.Contains(string(out), "HỘI KHUYẾN HỌC XÃ ĐÔNG HÒA") {
			t.Errorf("the PDF's text: %v\n%s", err, out)
		}
	}
	data := filepath.Join(dir, "khen-thuong-de-nhap-lai.csv")
	fa.Export(data)
	if rows, err := tabular.Read(data, tabular.Awards); err != nil || len(rows) != 3 {
		t.Fatalf("the file to import again: %d rows, %v", len(rows), err)
	}
	if s := openScreen(t, u, "Khen thưởng – Học bổng").(*awardsScreen); fa.listYear() != s.years.value() {
		t.Errorf("the printed list keeps year %d, not the screen's %d", fa.listYear(), s.years.value())
	}
	test.Tap(button(t, w, "Dạng khác…"))
	menu, ok := w.Canvas().Focused().(*widget.PopUpMenu) // shown, and taking the keyboard
	if !ok {
		t.Fatalf("no menu of the other forms has the keyboard: %T", w.Canvas().Focused())
	}
	var items []string
	for _, o := range test.LaidOutObjects(menu) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			items = append(items, tx.Text)
		}
	}
	if want := "Danh sách để in (PDF)…|Tệp để nhập lại (Excel)…|Tệp để nhập lại (CSV)…"; strings.Join(items, "|") != want {
		t.Errorf("menu %q", items)
	}
	menu.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if menu.Visible() {
		t.Error("Esc leaves the menu open")
	}
}
