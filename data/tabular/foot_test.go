package tabular

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An officer's list ends with its signature block, as printed lists do:
// the table ends there, the rows below are not read, and the import says
// from which row; a row of data that names a chairman is still data.
func TestRead_SignatureBlockEndsTheTable(t *testing.T) {
	x := excelize.NewFile()
	for n, row := range [][]any{
		{"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025 - XÃ AN KHÊ"},
		{"STT", "Họ và tên", "Năm sinh", "Thôn", "Kết quả", "Ghi chú"},
		{1, "Nguyễn Thị Hòa", 1985, "Thôn Đông", "Đạt", "Chủ tịch hội phụ nữ thôn"},
		{2, "Lê Văn An", 1990, "Thôn Tây", "Chưa đạt"},
		{},
		{nil, nil, nil, "An Khê, ngày 20 tháng 11 năm 2025"},
		{nil, "NGƯỜI LẬP BIỂU", nil, "TM. UBND XÃ", nil, "XÁC NHẬN CỦA HỘI KHUYẾN HỌC"},
		{nil, "(Ký, ghi rõ họ tên)", nil, "CHỦ TỊCH"},
		{},
		{nil, "Trần Văn Bảy", nil, "Phạm Thị Tám"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tb, err := ReadWith(path, Citizens, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 2 || tb.Rows[0].Input["note"] != "Chủ tịch hội phụ nữ thôn" || tb.Rows[1].Input["full_name"] != "Lê Văn An" {
		t.Fatalf("rows %+v", tb.Rows)
	}
	if tb.FootLine != 6 {
		t.Errorf("foot at line %d, want 6 (the place and date)", tb.FootLine)
	}
	if got := tb.Describe("vi"); !strings.Contains(got, "Từ dòng 6 trở xuống là phần ký tên, không nhập.") {
		t.Errorf("Describe: %q", got)
	}
	for _, tc := range []struct {
		cells []string
		foot  bool
	}{
		{[]string{"", "Nơi nhận:", "", "KT. CHỦ TỊCH"}, true},
		{[]string{"NGƯỜI LẬP DANH SÁCH", "TM. BAN THƯỜNG VỤ"}, true},
		{[]string{"(Ký, ghi rõ họ tên, đóng dấu)"}, true},
		{[]string{"Đông Phương, ngày 25 tháng 11 năm 2026"}, true},
		{[]string{"Trần Văn Bảy", "Phạm Thị Tám"}, false}, // names: only after the block's first line
		{[]string{"3", "Chủ tịch"}, false},
		{[]string{"Chủ tịch", "1985"}, false},
		{[]string{"", ""}, false},
	} {
		var cells []cell
		for _, v := range tc.cells {
			cells = append(cells, cell{v: v})
		}
		if got := isFootRow(cells); got != tc.foot {
			t.Errorf("isFootRow(%q) = %v, want %v", tc.cells, got, tc.foot)
		}
	}
}
