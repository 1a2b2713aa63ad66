package tabular

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
)

var updateGolden = flag.Bool("golden", false, "rewrite the golden workbook XML of the printed lists in testdata")

// checkGolden compares a part of a workbook with its golden copy in
// testdata (-golden rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from its golden copy (-golden after checking the new one in LibreOffice)", name)
	}
}

// The printed citizen list's XML, part by part, against golden copies,
// and the facts that matter one by one: A4 landscape fit to one page wide,
// the print area over the shown columns, the head repeated, the hidden
// columns hidden (in an outline group) yet inside the sheet's dimension,
// date, text and number formats.
func TestList_GoldenWorkbookXML(t *testing.T) {
	st := openStore(t)
	seedRegisters(t, st)
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	if _, err := ExportList(context.Background(), st, Citizens, path, listMeta); err != nil {
		t.Fatal(err)
	}
	sheet, book, styles := part(t, path, "xl/worksheets/sheet1.xml"), part(t, path, "xl/workbook.xml"), part(t, path, "xl/styles.xml")
	checkGolden(t, "list-citizen-sheet1.xml", sheet)
	checkGolden(t, "list-citizen-workbook.xml", book)
	checkGolden(t, "list-citizen-styles.xml", styles)
	for _, want := range []string{
		`<pageSetUpPr fitToPage="true">`,
		`<pageSetup fitToHeight="0" fitToWidth="1" orientation="landscape" paperSize="9">`,
		`<dimension ref="A1:AA22">`, // 10 shown columns and STT, 16 hidden ones: A–AA
		`<col customWidth="true" hidden="true" max="12" min="12" outlineLevel="1"`,
		`<oddFooter>&amp;C&amp;&#34;Times New Roman,Regular&#34;&amp;10Trang &amp;P/&amp;N</oddFooter>`,
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	for _, want := range []string{
		`<definedName localSheetId="0" name="_xlnm.Print_Area">&#39;Danh sách&#39;!$A$1:$K$22</definedName>`,
		`<definedName localSheetId="0" name="_xlnm.Print_Titles">&#39;Danh sách&#39;!$9:$9</definedName>`,
	} {
		if !strings.Contains(book, want) {
			t.Errorf("workbook.xml lacks %s", want)
		}
	}
	for _, want := range []string{`numFmtId="3"`, `formatCode="dd/mm/yyyy"`, `numFmtId="49"`, `<name val="Times New Roman">`} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
}

// The data form's workbook says its true size: excelize's stream writer
// left <dimension ref="A1">, and read-only readers then saw one cell.
func TestExport_DataWorkbookDimension(t *testing.T) {
	st := openStore(t)
	seedRegisters(t, st)
	path := filepath.Join(t.TempDir(), "data.xlsx")
	if _, err := Export(context.Background(), st, Citizens, "", path); err != nil {
		t.Fatal(err)
	}
	sheet := part(t, path, "xl/worksheets/sheet1.xml")
	checkGolden(t, "data-citizen-sheet1.xml", sheet)
	if !strings.Contains(sheet, `<dimension ref="A1:Z5">`) { // 26 columns, a header and four rows
		t.Errorf("sheet1.xml: %.300s", sheet)
	}
}

// sheetCell is a cell as a workbook stores and shows it.
type sheetCell struct {
	raw, shown string
	typ        excelize.CellType
}

// cellsOf returns the table rows of a workbook's first sheet, below its
// header row (the one whose first cell is STT), keyed by head, with each
// cell's stored value and type.
func cellsOf(t *testing.T, path string) []map[string]sheetCell {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]sheetCell
	var head []string
	for n, r := range rows {
		if len(r) > 0 && r[0] == "STT" {
			head = r
			continue
		}
		if head == nil {
			continue
		}
		if len(r) == 0 || r[0] == "" { // the table's end
			break
		}
		m := map[string]sheetCell{}
		for j, h := range head {
			cell, _ := excelize.CoordinatesToCellName(j+1, n+1)
			raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			shown, _ := f.GetCellValue(sheet, cell)
			typ, _ := f.GetCellType(sheet, cell)
			m[h] = sheetCell{raw, shown, typ}
		}
		out = append(out, m)
	}
	return out
}

// Each kind's printed list: Vietnamese heads, labels for codes, dates as
// date cells shown dd/mm/yyyy, amounts and counts as numbers, years and
// scores as plain numbers, CCCDs and phones as text.
func TestList_CellsAreTypedAndLabelled(t *testing.T) {
	st := openStore(t)
	seedRegisters(t, st)
	dir := t.TempDir()
	cells := map[Kind][]map[string]sheetCell{}
	for _, k := range Kinds {
		path := filepath.Join(dir, string(k)+".xlsx")
		if _, err := ExportList(context.Background(), st, k, path, listMeta); err != nil {
			t.Fatal(err)
		}
		cells[k] = cellsOf(t, path)
	}
	hoa := cells[Citizens][1] // Lê An without a year sorts first
	for head, want := range map[string]sheetCell{
		"Họ và tên":       {"Nguyễn Thị Hoà", "Nguyễn Thị Hoà", excelize.CellTypeSharedString},
		"Giới tính":       {"Nữ", "Nữ", excelize.CellTypeSharedString},
		"Năm sinh":        {"1985", "1985", excelize.CellTypeUnset},
		"Nhóm đối tượng":  {"Cán bộ, công chức, viên chức", "Cán bộ, công chức, viên chức", excelize.CellTypeSharedString},
		"Kết quả":         {"Đạt", "Đạt", excelize.CellTypeSharedString},
		"Trạng thái":      {"Công nhận", "Công nhận", excelize.CellTypeSharedString},
		"Ngày quyết định": {"46341", "15/11/2026", excelize.CellTypeUnset},
		"Ngày sinh":       {"31118", "12/03/1985", excelize.CellTypeUnset},
		"Số CCCD":         {"034185001234", "034185001234", excelize.CellTypeSharedString},
		"Số điện thoại":   {"0912345678", "0912345678", excelize.CellTypeSharedString},
		"Chỉ số 3":        {"8.5", "8.5", excelize.CellTypeUnset},
		"Năm":             {"2026", "2026", excelize.CellTypeUnset},
		"Ghi chú":         {"ghi chú, có dấu phẩy", "ghi chú, có dấu phẩy", excelize.CellTypeSharedString},
	} {
		if got := hoa[head]; got != want {
			t.Errorf("citizen %s: %+v, want %+v", head, got, want)
		}
	}
	if got := cells[Centres][0]["Ngân sách nhà nước (đ)"]; got.raw != "15000000" || got.shown != "15,000,000" {
		t.Errorf("a centre's budget: %+v, want the number 15000000 shown #,##0", got)
	}
	if got := cells[Centres][1]["Sáp nhập vào"]; got.raw != "TTHTCĐ xã Đông Hòa" {
		t.Errorf("merged_into: %+v, want the name of the centre merged into", got)
	}
	duc := cells[Awards][0]
	for head, want := range map[string]string{"Loại khen thưởng": "Học bổng vượt khó", "Số tiền (đ)": "1000000",
		"Đồng ý của người giám hộ": "Có", "Ngày trao": "46174", "Cấp quyết định": "xã"} {
		if got := duc[head].raw; got != want {
			t.Errorf("award %s: %q, want %q", head, got, want)
		}
	}
	thu := cells[Funds][0]
	for head, want := range map[string]string{"Thu/chi": "Thu", "Nguồn": "Doanh nghiệp", "Số tiền (đ)": "50000000"} {
		if got := thu[head].raw; got != want {
			t.Errorf("ledger line %s: %q, want %q", head, got, want)
		}
	}
}

// Every kind is described for its printed list: each column has a field
// of the kind's tables (a type, rules), a Vietnamese head, and a head that
// the import reads back as that column. A kind added without its tables
// (Kind.tables) fails here.
func TestList_EveryKindIsDescribed(t *testing.T) {
	for _, k := range Kinds {
		names := headerNames(k)
		heads := map[string]string{}
		for _, c := range k.Columns() {
			if _, ok := k.col(c); !ok && c != "full_name" && !(k == Families && c == "head") { // names of họ đệm and tên
				t.Errorf("%s: column %s has no field in the kind's tables", k, c)
			}
			head := msg.T("vi", fieldKey(k, c))
			if head == fieldKey(k, c) {
				t.Errorf("%s: column %s has no Vietnamese name", k, c)
			}
			if other, ok := heads[head]; ok {
				t.Errorf("%s: %s and %s are both headed %q", k, other, c, head)
			}
			heads[head] = c
			if got := names[headerKey(head)]; got != c {
				t.Errorf("%s: the head %q reads back as %q, not %s", k, head, got, c)
			}
		}
		for _, c := range k.printed() {
			if !data.HasColumn(k.Columns(), c) {
				t.Errorf("%s prints %s, not a column of the kind", k, c)
			}
		}
	}
}

// openpyxl, as offices' scripts use it, opens every workbook the app
// writes, normally and read-only (which trusts the sheet's dimension),
// and both see every row and column.
func TestXLSX_OpenpyxlOpensEveryWorkbook(t *testing.T) {
	py := printtest.Openpyxl(t)
	st := openStore(t)
	seedRegisters(t, st)
	dir := t.TempDir()
	ctx := context.Background()
	list, form := filepath.Join(dir, "list.xlsx"), filepath.Join(dir, "data.xlsx")
	if _, err := ExportList(ctx, st, Awards, list, listMeta); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ctx, st, Awards, "", form); err != nil {
		t.Fatal(err)
	}
	rows, err := Read(form, Awards)
	if err != nil {
		t.Fatal(err)
	}
	rejected := filepath.Join(dir, "rejected.xlsx")
	if err := WriteRejected(rejected, Awards, rows, []Problem{{Line: 2, Err: data.ErrRequired}}, "vi"); err != nil {
		t.Fatal(err)
	}
	script := `import sys, openpyxl
for path in sys.argv[1:]:
    seen = []
    for ro in (False, True):
        wb = openpyxl.load_workbook(path, read_only=ro)
        ws = wb.worksheets[0]
        rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
        values = [v for r in rows for v in r if v is not None]
        seen.append((ws.max_row, ws.max_column, len(values)))
    dates = [type(v).__name__ for r in rows for v in r if type(v).__name__ == "datetime"]
    print(path.rsplit("/", 1)[1], seen[0] == seen[1], seen[0][0], seen[0][1], len(dates) > 0)
`
	out, err := exec.Command(py, "-c", script, list, form, rejected).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	// The list: 20 rows, 23 columns (STT, 12 shown, 10 hidden), date cells;
	// the data form: text only, 3 rows of 22 columns; the rejected row with
	// its line and reason.
	want := "list.xlsx True 20 23 True\ndata.xlsx True 3 22 False\nrejected.xlsx True 2 24 False\n"
	if string(out) != want {
		t.Fatalf("openpyxl read\n%s\nwant\n%s", out, want)
	}
}

// A district's list holds its communes' records: a column names each
// row's unit.
func TestList_SeveralUnitsNameEachRowsUnit(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Init(ctx, store.Setup{Site: "d1", Unit: "2024:340", Level: "district"}); err != nil {
		t.Fatal(err)
	}
	err = st.Edit(ctx, "test", func(ed *store.Editor) error {
		for _, u := range []string{"2024:12694", "2024:12700"} {
			if _, err := ed.SaveFund(&data.FundLine{Unit: u, Date: data.Date{Y: 2026, M: 3, D: 1}, Direction: "thu", AmountVND: 1000}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := listMeta
	m.UnitName = func(u string) string {
		return map[string]string{"2024:12694": "Xã Đông Phương", "2024:12700": "Xã Đông Hợp"}[u]
	}
	path := filepath.Join(t.TempDir(), "quy.xlsx")
	if _, err := ExportList(ctx, st, Funds, path, m); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range cellsOf(t, path) {
		got = append(got, r["Đơn vị"].raw)
	}
	if strings.Join(got, "|") != "Xã Đông Phương|Xã Đông Hợp" && strings.Join(got, "|") != "Xã Đông Hợp|Xã Đông Phương" {
		t.Errorf("units %q", got)
	}
}
