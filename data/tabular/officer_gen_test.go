package tabular

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The officer-made workbooks of testdata/records/officer are made by
// testdata/records/officer/make.sh: this generator writes the .xlsx files
// (go test -run TestGenerateOfficerFiles -update), then LibreOffice saves
// the ones an office would have saved with it (.ods, .xls, and the formulas
// with their values calculated).
var update = flag.Bool("update", false, "rewrite the officer-made workbooks of testdata/records/officer")

func officerDir() string { return filepath.Join("..", "..", "testdata", "records", "officer") }

// sheetSpec is one sheet: rows from A1, merged ranges, styled cells.
type sheetSpec struct {
	name     string
	rows     [][]any
	merges   [][2]string
	formulas map[string]string
	cached   map[string]string // a formula's stored value, as Excel saves it
	datetime []string          // cells shown as dd/mm/yyyy hh:mm
}

var officerFiles = map[string][]sheetSpec{
	"title-row.xlsx": {{name: "Sheet1", rows: [][]any{
		{"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025 - XÃ AN KHÊ"},
		{},
		{"full_name", "gender", "birth_year", "village", "year", "result"},
		{"Nguyễn Thị Hòa", "nu", 1985, "Thôn Đông", 2025, "dat"},
		{"Trần Văn Bình", "nam", 1979, "Thôn Tây", 2025, "chua_dat"},
	}, merges: [][2]string{{"A1", "F1"}}}},
	"two-row-header.xlsx": {{name: "CDHT", rows: [][]any{
		{"DANH SÁCH ĐÁNH GIÁ CÔNG DÂN HỌC TẬP NĂM 2025"},
		{"STT", "Họ và tên", "Giới tính", "Năm sinh", "Tiêu chí", "", "", "", "", "", "", "", "", "", "Năm"},
		{"", "", "", "", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", ""},
		{1, "Lê Văn An", "Nam", 1980, 8, 9, 8, 7, 9, 8, 8, 9, 7, 8, 2025},
		{2, "Phạm Thị Cúc", "Nữ", 1990, 5, 6, 4, 7, 6, 5, 6, 7, 8, 6, 2025},
	}, merges: [][2]string{{"A1", "O1"}, {"E2", "N2"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"},
		{"D2", "D3"}, {"O2", "O3"}}}},
	"numbered-indicators.xlsx": {{name: "Sheet1", rows: [][]any{
		{"Họ và tên", "Năm", "Chỉ số", "", "", "", "", "", "", "", "", ""},
		{"", "", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		{"Đỗ Văn Hải", 2025, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9},
	}, merges: [][2]string{{"C1", "L1"}, {"A1", "A2"}, {"B1", "B2"}}}},
	"numeric-phones.xlsx": {{name: "Sheet1", rows: [][]any{
		{"STT", "Họ và tên", "Giới tính", "Năm sinh", "Số CCCD", "SĐT"},
		{1, "Vũ Thị Lan", "Nữ", 1985, 34185001234, 912345678},
		{2, "Hoàng Văn Nam", "Nam", 1970, "", 1687640255},
		{3, "Bùi Văn Sơn", "Nam", 1988, "", 1112345678},
	}}},
	"formula-no-value.xlsx": {{name: "Sheet1", rows: [][]any{
		{"full_name", "award_type", "awarded_on", "amount_vnd"},
		{"Ngô Minh Tú", "hsg_tinh", "01/06/2025", nil},
	}, formulas: map[string]string{"D2": "500000*2"}}},
	"formula-cached.xlsx": {{name: "Sheet1", rows: [][]any{
		{"full_name", "award_type", "awarded_on", "amount_vnd"},
		{"Ngô Minh Tú", "hsg_tinh", "01/06/2025", nil},
	}, formulas: map[string]string{"D2": "500000*2"}, cached: map[string]string{"500000*2": "1000000"}}},
	"datetime.xlsx": {{name: "Sheet1", rows: [][]any{
		{"full_name", "birth_date", "year", "result", "decision_no", "decision_date"},
		{"Đặng Thị Mơ", 31116.0, 2025, "dat", "15/QĐ-HKH", 45931.3958333},
	}, datetime: []string{"F2"}}},
	"second-sheet.xlsx": {
		{name: "Bìa", rows: [][]any{{"HỘI KHUYẾN HỌC XÃ AN KHÊ"}, {}, {"SỔ THEO DÕI CÔNG DÂN HỌC TẬP"}, {"Năm 2025"}}},
		{name: "Danh sách", rows: [][]any{
			{"full_name", "gender", "year", "result"},
			{"Lý Thị Hạnh", "nu", 2025, "dat"},
		}}},
	"unknown-column.xlsx": {{name: "Sheet1", rows: [][]any{
		{"DANH SÁCH CÔNG DÂN HỌC TẬP"},
		{"Họ và tên", "Giới tính", "Năm", "Ghi chú thêm"},
		{"Mai Văn Đức", "Nam", 2025, ""},
	}}},
	// calc.xlsx is the source of calc.ods: a title, a two-row header, a
	// numeric old mobile number and a date-time cell, saved by LibreOffice.
	"calc.xlsx": {{name: "Danh sách", rows: [][]any{
		{"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025"},
		{"Họ và tên", "Giới tính", "SĐT", "Năm", "Tiêu chí", "", "", "", "", "", "", "", "", "", "Quyết định", ""},
		{"", "", "", "", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "decision_no", "decision_date"},
		{"Trịnh Văn Long", "Nam", 1662345678, 2025, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, "7/QĐ-HKH", 45931.75},
	}, merges: [][2]string{{"A1", "P1"}, {"E2", "N2"}, {"O2", "P2"}, {"A2", "A3"}, {"B2", "B3"},
		{"C2", "C3"}, {"D2", "D3"}}, datetime: []string{"P4"}}},
}

func TestGenerateOfficerFiles(t *testing.T) {
	if !*update {
		t.Skip("run testdata/records/officer/make.sh to rewrite the officer-made workbooks")
	}
	for name, sheets := range officerFiles {
		if err := writeOfficerFile(filepath.Join(officerDir(), name), sheets); err != nil {
			t.Fatal(name, err)
		}
	}
}

func writeOfficerFile(path string, sheets []sheetSpec) error {
	f := excelize.NewFile()
	defer f.Close()
	dt, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy hh:mm")})
	if err != nil {
		return err
	}
	for n, s := range sheets {
		if n == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return err
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				return err
			}
		}
		for cell, fx := range s.formulas {
			if err := f.SetCellFormula(s.name, cell, fx); err != nil {
				return err
			}
		}
		for _, cell := range s.datetime {
			if err := f.SetCellStyle(s.name, cell, cell, dt); err != nil {
				return err
			}
		}
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "Cán bộ xã", Created: "2025-10-01T08:00:00Z"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	b := buf.Bytes()
	for _, s := range sheets {
		if len(s.cached) > 0 {
			if b, err = storeValues(b, s.cached); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(path, b, 0o644)
}

// storeValues writes each formula's value after it in every sheet, as Excel
// does on saving (excelize writes formulas without values).
func storeValues(in []byte, values map[string]string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			for fx, v := range values {
				b = bytes.ReplaceAll(b, []byte("<f>"+fx+"</f>"), []byte("<f>"+fx+"</f><v>"+v+"</v>"))
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }
