package paper

import (
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
)

func TestVNDate(t *testing.T) {
	if got := VNDate(data.Date{Y: 2026, M: 3, D: 5}); got != "ngày 05 tháng 03 năm 2026" {
		t.Errorf("VNDate = %q", got)
	}
	if got := VNDate(data.Date{}); got != "ngày … tháng … năm …" {
		t.Errorf("VNDate of no date = %q", got)
	}
}

func TestSplit_BlocksCoverEveryColumnOnce(t *testing.T) {
	for _, tc := range []struct {
		w      []float64
		shares []float64
		want   [][2]int
	}{
		{[]float64{30, 7, 10, 10, 10, 10, 10, 10}, []float64{0.4, 0.6}, [][2]int{{0, 1}, {2, 7}}},
		{[]float64{10, 10, 10}, []float64{0.3, 0.35, 0.35}, [][2]int{{0, 0}, {1, 1}, {2, 2}}},
		{[]float64{10, 10}, []float64{0.3, 0.35, 0.35}, [][2]int{{0, 0}, {1, 1}}},
	} {
		if got := split(tc.w, tc.shares); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("split(%v, %v) = %v, want %v", tc.w, tc.shares, got, tc.want)
		}
	}
}

func TestBreaks_KeepRangesWhole(t *testing.T) {
	h := make([]float64, 60)
	for i := range h {
		h[i] = 20
	}
	// Page capacity 516·0.92 ≈ 474 pt: 23 rows on page 1, then 21 under
	// the repeated rows 2–3 (40 pt).
	keep := [][2]int{{1, 5}, {48, 60}}
	got := breaks(h, keep, [2]int{2, 3}, 1)
	want := []int{24, 45}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("breaks = %v, want %v", got, want)
	}
	// A kept block of rows 44–56 (260 pt) would be cut by the second page's
	// end (after row 44): the break moves before the block.
	keep = [][2]int{{1, 5}, {44, 56}}
	if got := breaks(h[:56], keep, [2]int{2, 3}, 1); !reflect.DeepEqual(got, []int{24, 44}) {
		t.Fatalf("breaks = %v, want a break before the kept block at 44", got)
	}
}

// pdfText writes d as a PDF at path and returns its text.
func pdfText(t *testing.T, d *Doc, path string) string {
	t.Helper()
	if err := WritePDF(d, path); err != nil {
		t.Fatal(err)
	}
	return strings.Join(printtest.PDFPages(t, path), "\f")
}

// writeOpen writes d as a workbook at path and opens it with excelize.
func writeOpen(t *testing.T, d *Doc, path string) *excelize.File {
	t.Helper()
	if err := WriteXLSX(d, path); err != nil {
		t.Fatal(err)
	}
	return printtest.Workbook(t, path)
}

// A printable list of any kind: rows of labelled cells, a date column as
// date cells, codes as text, numbers as numbers, in both forms.
func TestDoc_PrintableListOfAnyKind(t *testing.T) {
	d := &Doc{Sheet: "Danh sách", Props: Props{Title: "Danh sách", Unit: "Hội Khuyến học Xã Đông Phương"},
		Header: Header{Issuer: "HỘI KHUYẾN HỌC XÃ ĐÔNG PHƯƠNG", PlaceDate: "Đông Phương, " + VNDate(data.Date{Y: 2026, M: 11, D: 25})},
		Title:  []string{"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026"},
		Tables: []Table{{Columns: []Column{{Head: "STT", Kind: Number}, {Head: "Họ và tên"},
			{Head: "Ngày sinh", Kind: Date}, {Head: "Số CCCD", Kind: Code}, {Head: "Điểm", Kind: Number}},
			Rows: []Row{{Cells: []any{1, "Nguyễn Thị Hòa", data.Date{Y: 1985, M: 3, D: 12}, "034185001234", int64(81)}},
				{Cells: []any{2, "Lê Văn Hoà", data.Date{}, "", nil}}}}},
		Signatures: []Signature{{Title: []string{"NGƯỜI LẬP"}, Note: "(Ký, ghi rõ họ tên)", Name: "Cán bộ xã"}},
	}
	dir := t.TempDir()
	x := filepath.Join(dir, "ds.xlsx")
	f := writeOpen(t, d, x)
	rows, _ := f.GetRows("Danh sách")
	line := 0
	for n, r := range rows {
		if len(r) > 1 && r[1] == "Nguyễn Thị Hòa" {
			line = n + 1
		}
	}
	cell := func(col string) string { return col + strconv.Itoa(line) }
	if v, _ := f.GetCellValue("Danh sách", cell("C")); v != "12/03/1985" {
		t.Errorf("date shown %q", v)
	}
	if v, _ := f.GetCellValue("Danh sách", cell("C"), excelize.Options{RawCellValue: true}); v != "31118" {
		t.Errorf("date stored %q, want the serial 31118", v)
	}
	if v, _ := f.GetCellValue("Danh sách", cell("D")); v != "034185001234" {
		t.Errorf("CCCD %q", v)
	}
	if typ, _ := f.GetCellType("Danh sách", cell("E")); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("score is %v, not a number", typ)
	}
	p := filepath.Join(dir, "ds.pdf")
	out := pdfText(t, d, p)
	for _, want := range []string{"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026", "Nguyễn Thị Hòa", "12/03/1985", "034185001234",
		"Lê Văn Hoà", "NGƯỜI LẬP", "Cán bộ xã", NationalTitle} {
		if !strings.Contains(out, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

// A hidden column stays in the workbook (hidden, in an outline group, in
// the sheet's dimension) but out of the print area and out of the PDF; a
// plain number prints without separators.
func TestDoc_HiddenColumnsAndPlainNumbers(t *testing.T) {
	d := &Doc{Sheet: "DS", Title: []string{"DANH SÁCH"},
		Tables: []Table{{Columns: []Column{{Head: "Họ và tên"}, {Head: "Năm", Kind: Plain}, {Head: "Điểm", Kind: Plain},
			{Head: "Số CCCD", Kind: Code, Hidden: true}, {Head: "Ghi chú", Hidden: true}},
			Rows: []Row{{Cells: []any{"Nguyễn Thị Hòa", 2026, 8.5, "034185001234", "ghi chú riêng"}}}}}}
	dir := t.TempDir()
	x := filepath.Join(dir, "ds.xlsx")
	f := writeOpen(t, d, x)
	for col, want := range map[string]bool{"A": true, "C": true, "D": true, "E": false, "F": false} {
		if v, _ := f.GetColVisible("DS", col); v != want {
			t.Errorf("column %s visible %v, want %v", col, v, want)
		}
	}
	if lvl, _ := f.GetColOutlineLevel("DS", "E"); lvl != 1 {
		t.Errorf("hidden column E outline level %d, want 1", lvl)
	}
	rows, _ := f.GetRows("DS")
	line := 0
	for n, r := range rows {
		if len(r) > 0 && r[0] == "Họ và tên" {
			line = n + 1
		}
	}
	// Four shown columns at least (the header's blocks need them): the hidden
	// ones follow the grid, E and F.
	if got := rows[line-1]; !reflect.DeepEqual(got, []string{"Họ và tên", "Năm", "Điểm", "", "Số CCCD", "Ghi chú"}) {
		t.Fatalf("head %q", got)
	}
	if got := rows[line]; !reflect.DeepEqual(got, []string{"Nguyễn Thị Hòa", "2026", "8.5", "", "034185001234", "ghi chú riêng"}) {
		t.Fatalf("row %q", got)
	}
	dim, _ := f.GetSheetDimension("DS")
	last, ok := strings.CutPrefix(dim, "A1:F")
	if !ok {
		t.Errorf("dimension %s, want the hidden columns in it", dim)
	}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Area" && !strings.HasSuffix(n.RefersTo, "!$A$1:$D$"+last) {
			t.Errorf("print area %s, want the shown columns A:D", n.RefersTo)
		}
	}
	d.Tables[0].Columns = append(d.Tables[0].Columns, Column{Head: "Sau"})
	if err := WriteXLSX(d, x); !errors.Is(err, ErrHiddenOrder) {
		t.Errorf("a shown column after a hidden one: %v", err)
	}
	d.Tables[0].Columns = d.Tables[0].Columns[:5]
	p := filepath.Join(dir, "ds.pdf")
	out := pdfText(t, d, p)
	for _, want := range []string{"Nguyễn Thị Hòa", "2026", "8,5"} {
		if !strings.Contains(out, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	for _, hidden := range []string{"034185001234", "ghi chú riêng", "Số CCCD"} {
		if strings.Contains(out, hidden) {
			t.Errorf("the PDF prints the hidden %q", hidden)
		}
	}
}
