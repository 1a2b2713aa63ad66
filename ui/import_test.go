package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// fileActionsOf returns the import/export of a register screen.
func fileActionsOf(t *testing.T, u *UI, screenTitle string) *fileActions {
	t.Helper()
	switch s := openScreen(t, u, screenTitle).(type) {
	case *citizensScreen:
		return s.files
	case *centresScreen:
		return s.files
	case *awardsScreen:
		return s.files
	case *fundsScreen:
		return s.files
	}
	t.Fatalf("%s has no files", screenTitle)
	return nil
}

var screenOfKind = map[string]string{"citizens": "Công dân học tập", "centres": "Trung tâm học tập cộng đồng",
	"awards": "Khen thưởng – Học bổng", "funds": "Quỹ khuyến học"}

// importFile imports a register file through the preview, as a person
// would after choosing it.
func importFile(t *testing.T, u *UI, st *store.Store, kind, path string) {
	t.Helper()
	fa := fileActionsOf(t, u, screenOfKind[kind])
	fa.Preview(path)
	if fa.preview == nil {
		t.Fatalf("%s: no preview", path)
	}
	test.Tap(fa.preview.all)
	if m := u.keys.modal(); m == nil || !strings.HasPrefix(m.key, "Đã nhập xong") {
		t.Fatalf("%s: no dialog says the import finished", path)
	}
	press(u.win, fyne.KeyReturn) // closes "Import finished"
	if m := u.keys.modal(); m != nil {
		t.Fatalf("%s: a dialog is still open: %s", path, m.key)
	}
}

func TestImport_PreviewNamesBadRowsAndWritesNothingUntilAsked(t *testing.T) {
	u, w, st := startCommune(t)
	fa := fileActionsOf(t, u, "Công dân học tập")
	fa.Preview("../testdata/records/citizens-bad.csv")
	p := fa.preview
	if p == nil {
		t.Fatal("no preview")
	}
	if len(p.reasons) == 0 || !p.good.Visible() || !p.all.Disabled() {
		t.Fatalf("bad rows %d, skip button visible %v, all disabled %v", len(p.reasons), p.good.Visible(), p.all.Disabled())
	}
	if got := p.cell(2, 1); got == "" || got == "Hợp lệ" || got == "OK" {
		t.Errorf("row 2 (31/02) reason %q", got)
	}
	if n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{}); n != 0 {
		t.Fatalf("%d citizens written by the preview", n)
	}
	test.Tap(p.good)
	n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{})
	if want := len(p.rows) - len(p.reasons); n != want || want == 0 {
		t.Errorf("%d citizens after skipping bad rows, want %d", n, want)
	}
	if !hasText(w, "Đã nhập xong") {
		t.Error("no summary after import")
	}
}

func TestImport_UnknownColumnIsExplained(t *testing.T) {
	u, w, _ := startCommune(t)
	fa := fileActionsOf(t, u, "Công dân học tập")
	fa.Preview("../testdata/records/citizens-unknown-column.csv")
	if fa.preview != nil || !hasText(w, "Không nhập được tệp này") {
		t.Error("a file with an unknown column should be refused with a message")
	}
}

func TestExport_WritesTheRegister(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "funds", "../testdata/records/funds-good.csv")
	fa := fileActionsOf(t, u, "Quỹ khuyến học")
	out := filepath.Join(t.TempDir(), "quy.xlsx")
	fa.Export(out)
	rows, err := tabular.Read(out, tabular.Funds)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Errorf("%d rows exported", len(rows))
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
}

// The preview says, per row, what an import would change, field by field;
// ticking "empty cells clear" shows (and then does) the clearing.
func TestImport_PreviewListsChangesAndClearsOnlyWhenAsked(t *testing.T) {
	u, _, st := startCommune(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "first.csv")
	os.WriteFile(first, []byte("full_name,birth_year,village,note\nNguyễn Thị Hoà,1985,Thôn Đông,ghi chú quan trọng\n"), 0o600)
	importFile(t, u, st, "citizens", first)
	again := filepath.Join(dir, "again.csv")
	os.WriteFile(again, []byte("full_name,birth_year,village,note,phone\nNguyễn Thị Hoà,1985,Thôn Đông,,0912345678\n"), 0o600)
	fa := fileActionsOf(t, u, "Công dân học tập")
	fa.Preview(again)
	p := fa.preview
	if p == nil {
		t.Fatal("no preview")
	}
	if got := p.cell(0, 2); got != "Số điện thoại: (để trống) → 0912345678" {
		t.Fatalf("changes %q", got)
	}
	p.clear.SetChecked(true)
	if got := p.cell(0, 2); got != "Số điện thoại: (để trống) → 0912345678; Ghi chú: ghi chú quan trọng → (để trống)" {
		t.Fatalf("changes with clearing %q", got)
	}
	p.grid.Select(widget.TableCellID{Row: 0, Col: 2})
	if got := p.detail.Text; got != "Dòng 2: Số điện thoại: (để trống) → 0912345678; Ghi chú: ghi chú quan trọng → (để trống)" {
		t.Errorf("detail %q", got)
	}
	items, _ := st.Citizens(context.Background(), store.CitizenQuery{})
	if len(items) != 1 || items[0].Note != "ghi chú quan trọng" || items[0].Phone != "" {
		t.Fatalf("the preview wrote: %+v", items)
	}
	test.Tap(p.all)
	items, _ = st.Citizens(context.Background(), store.CitizenQuery{})
	if len(items) != 1 || items[0].Note != "" || items[0].Phone != "0912345678" {
		t.Fatalf("after the import with clearing: %+v", items)
	}
}

// An officer's workbook with a bad phone: the preview says which row held
// the header, shows the whole reason quoting the number as typed, and
// offers to save the bad rows.
func TestImport_PreviewShowsWholeReasonsAndSavesRejected(t *testing.T) {
	u, w, _ := startCommune(t)
	fa := fileActionsOf(t, u, "Công dân học tập")
	fa.Preview("../testdata/records/officer/numeric-phones.xlsx")
	if fa.preview == nil {
		t.Fatal("no preview")
	}
	for _, want := range []string{"Dòng 4: Số điện thoại «1112345678»", "Lưu các dòng lỗi…", "Dòng tiêu đề: dòng 1."} {
		if !showsText(w, want) {
			t.Errorf("the window does not show %q", want)
		}
	}
}

// showsText reports a visible label or button whose text holds s.
func showsText(w fyne.Window, s string) bool {
	for _, o := range objects(w) {
		switch x := o.(type) {
		case *widget.Label:
			if x.Visible() && strings.Contains(x.Text, s) {
				return true
			}
		case *widget.Button:
			if x.Visible() && strings.Contains(x.Text, s) {
				return true
			}
		case *keyButton:
			if x.Visible() && strings.Contains(x.Text, s) {
				return true
			}
		}
	}
	return false
}
