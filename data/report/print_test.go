package report

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden workbook XML in testdata")

// The checks of data/internal/printtest, by their short names.
var (
	part, soffice, keepDir = printtest.Part, printtest.Soffice, printtest.KeepDir
	pdfPages, pdfInfo      = printtest.PDFPages, printtest.PDFInfo
)

// The report workbook's XML, part by part, against golden copies in
// testdata (-update rewrites them), and the facts that matter
// checked one by one so that a change says what it broke.
func TestXLSX_GoldenWorkbookXML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(sampleReport(40), path, sampleMeta); err != nil {
		t.Fatal(err)
	}
	sheet, book, styles := part(t, path, "xl/worksheets/sheet1.xml"), part(t, path, "xl/workbook.xml"), part(t, path, "xl/styles.xml")
	core, app := part(t, path, "docProps/core.xml"), part(t, path, "docProps/app.xml")
	for name, got := range map[string]string{"report-sheet1.xml": sheet, "report-workbook.xml": book, "report-styles.xml": styles} {
		golden := filepath.Join("testdata", name)
		if *updateGolden {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from its golden copy (-update after checking the new one in LibreOffice)", name)
		}
	}
	for _, want := range []string{
		`<pageSetUpPr fitToPage="true">`,
		`<pageSetup fitToHeight="0" fitToWidth="1" orientation="landscape" paperSize="9">`,
		`<dimension ref="A1:T186">`,
		`<rowBreaks count="4" manualBreakCount="4"><brk id="41" max="16383" man="true"></brk><brk id="78" max="16383" man="true"></brk><brk id="117" max="16383" man="true"></brk><brk id="154" max="16383" man="true"></brk></rowBreaks>`,
		`<oddFooter>&amp;C&amp;&#34;Times New Roman,Regular&#34;&amp;10Trang &amp;P/&amp;N</oddFooter>`,
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	for _, want := range []string{
		`<definedName localSheetId="0" name="_xlnm.Print_Area">&#39;Báo cáo&#39;!$A$1:$T$186</definedName>`,
		`<definedName localSheetId="0" name="_xlnm.Print_Titles">&#39;Báo cáo&#39;!$9:$10</definedName>`,
	} {
		if !strings.Contains(book, want) {
			t.Errorf("workbook.xml lacks %s", want)
		}
	}
	for _, c := range regexp.MustCompile(`rgb="([^"]*)"`).FindAllStringSubmatch(styles, -1) {
		if !regexp.MustCompile(`^[0-9A-F]{8}$`).MatchString(c[1]) {
			t.Errorf("colour rgb=%q is not 8 hex digits of aRGB", c[1])
		}
	}
	if !strings.Contains(styles, `<left style="thin"><color rgb="FF000000"></color></left>`) || strings.Contains(styles, `rgb="FF"`) {
		t.Errorf("borders are not black aRGB: %s", styles)
	}
	for _, want := range []string{`numFmtId="3"`, `formatCode="0.0%"`, `formatCode="dd/mm/yyyy"`} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	for _, want := range []string{"<dc:creator>Hội Khuyến học Huyện Đông Hưng</dc:creator>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-25T08:00:00Z</dcterms:created>`} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s", want)
		}
	}
	if strings.Contains(core, "xuri") || strings.Contains(core, "2006-09-16") {
		t.Errorf("core.xml names excelize's defaults: %s", core)
	}
	if !strings.Contains(app, "<Application>Sổ Khuyến Học</Application>") || !strings.Contains(app, "<Company>Hội Khuyến học Huyện Đông Hưng</Company>") {
		t.Errorf("app.xml: %s", app)
	}
}

// Every label is Vietnamese, numbers are number cells, and the award types
// an office wrote as codes print as their names.
func TestXLSX_LabelsAndNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(sampleReport(3), path, sampleMeta); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Báo cáo")
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"HỘI KHUYẾN HỌC TỈNH THÁI BÌNH", "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", "Số: 12/BC-HKH",
		"Học sinh giỏi cấp tỉnh", "Học bổng vượt khó", "Nơi nhận:", "- Hội Khuyến học tỉnh Thái Bình (để báo cáo);",
		"TM. BAN THƯỜNG VỤ", "Trần Thị Lụa"} {
		if !strings.Contains(text, want) {
			t.Errorf("workbook lacks %q", want)
		}
	}
	if regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`).MatchString(text) {
		t.Errorf("a raw code is printed: %q", regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`).FindString(text))
	}
	// The total line: registered 3.711 as a number cell.
	line := 0
	for n, r := range rows {
		if len(r) > 0 && r[0] == "Tổng cộng" && line == 0 { // the table of units' total
			line = n + 1
		}
	}
	for col, want := range map[string]string{"C": "3711", "Q": "38250000", "H": "0.2316"} {
		c := col + strconv.Itoa(line)
		v, _ := f.GetCellValue("Báo cáo", c, excelize.Options{RawCellValue: true})
		if !strings.HasPrefix(v, want) {
			t.Errorf("%s = %q, want %q", c, v, want)
		}
		if typ, _ := f.GetCellType("Báo cáo", c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, not a number", c, typ)
		}
	}
}

// openpyxl (normal and read-only) opens the workbook and reads the totals.
func TestXLSX_OpenpyxlOpensIt(t *testing.T) {
	py := printtest.Openpyxl(t)
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(sampleReport(3), path, sampleMeta); err != nil {
		t.Fatal(err)
	}
	script := `import sys, openpyxl
for ro in (False, True):
    wb = openpyxl.load_workbook(sys.argv[1], read_only=ro)
    ws = wb["Báo cáo"]
    row = [c.value for c in ws[14]] if not ro else [c.value for c in next(ws.iter_rows(min_row=14, max_row=14))]
    print(row[0], row[2], row[16], ws.max_row, ws.max_column)
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Báo cáo"]
print(ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.print_title_rows, ws.print_area)
`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	// The table of units ends on page 1 and the sections fill the next
	// pages: no head is repeated over them (print_titles None).
	want := "Tổng cộng 3711 38250000 112 20\nTổng cộng 3711 38250000 112 20\nlandscape 9 1 0 None ['$A$1:$T$112']\n"
	if string(out) != want {
		t.Fatalf("openpyxl read\n%s\nwant\n%s", out, want)
	}
}

// LibreOffice prints the report as an office would: landscape A4, every
// page one page wide (each page holds the first and the last column's
// head), the national header whole on page 1, the signature block whole
// on the last page, the totals as printed.
func TestXLSX_LibreOfficePrintsIt(t *testing.T) {
	dir := keepDir(t)
	for _, tc := range []struct {
		units int
		pages string
	}{{3, "Pages: 3"}, {40, "Pages: 5"}} {
		xlsx := filepath.Join(dir, "lo-"+string(rune('a'+tc.units%26))+".xlsx")
		if err := Write(sampleReport(tc.units), xlsx, sampleMeta); err != nil {
			t.Fatal(err)
		}
		soffice(t, dir, "--convert-to", "pdf", "--outdir", dir, xlsx)
		pdf := strings.TrimSuffix(xlsx, ".xlsx") + ".pdf"
		if got := pdfInfo(t, pdf); !strings.HasPrefix(got, tc.pages+"; Page size: 841.89 x 595.") {
			t.Errorf("%d units: %s, want %s on A4 landscape", tc.units, got, tc.pages)
		}
		checkPrinted(t, pdfPages(t, pdf), totalLine(sampleReport(tc.units)))
	}
}

// checkPrinted asserts the layout of a printed report: the header whole on
// page 1, each page one page wide, the signatures whole on the last page,
// and the totals line.
func checkPrinted(t *testing.T, pages []string, total []string) {
	t.Helper()
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", "HỘI KHUYẾN HỌC TỈNH THÁI BÌNH", "Số: 12/BC-HKH",
		"Đông Hưng, ngày 25 tháng 11 năm 2026", "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026"} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("page 1 lacks %q whole:\n%s", want, pages[0])
		}
	}
	mainRow := regexp.MustCompile(`Xã Đông Phương Số \d+\s+\d{5}\s+\d\.\d{3}`) // a unit's row of the table of units
	for n, p := range pages {
		if !mainRow.MatchString(p) {
			continue // a page without rows of the table of units
		}
		if !strings.Contains(p, "Đơn vị") || !strings.Contains(p, "Tồn (đ)") || !strings.Contains(p, "Quỹ khuyến học") {
			t.Errorf("page %d does not hold the table's first and last columns:\n%s", n+1, p)
		}
	}
	last := pages[len(pages)-1]
	for _, want := range []string{"Nơi nhận:", "NGƯỜI LẬP BIỂU", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH",
		"(Ký, ghi rõ họ tên, đóng dấu)", "Nguyễn Văn Tâm", "Trần Thị Lụa"} {
		if !strings.Contains(last, want) {
			t.Errorf("the last page lacks %q of the signature block:\n%s", want, last)
		}
	}
	found := false
	for _, l := range strings.Split(strings.Join(pages, "\n"), "\n") {
		if strings.Contains(l, total[0]) && (strings.Contains(l, total[1]) || strings.Contains(l, total[2])) {
			found = true
		}
	}
	if !found {
		t.Errorf("no line holds %q", total)
	}
}

// totalLine is what the total line must hold: "Tổng cộng" and the
// registered citizens, with either thousands separator (LibreOffice prints
// #,##0 by its locale; the PDF always with dots).
func totalLine(r *Report) []string {
	dots := data.GroupDigits(r.Citizens.Registered)
	return []string{"Tổng cộng", dots, strings.ReplaceAll(dots, ".", ",")}
}

// The PDF of the report: A4 landscape pages laid out like the printed
// workbook, every Vietnamese label intact in its text.
func TestPDF_PrintsLikeTheWorkbook(t *testing.T) {
	dir := keepDir(t)
	for _, tc := range []struct {
		units int
		pages string
	}{{3, "Pages: 4"}, {40, "Pages: 7"}} {
		pdf := filepath.Join(dir, "report-"+string(rune('a'+tc.units%26))+".pdf")
		if err := Write(sampleReport(tc.units), pdf, sampleMeta); err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, pdf)
		if got := pdfInfo(t, pdf); got != tc.pages+"; Page size: 841.89 x 595.28 pts (A4)" {
			t.Errorf("%d units: %s", tc.units, got)
		}
		checkPrinted(t, pages, totalLine(sampleReport(tc.units)))
		all := strings.Join(pages, "\n")
		for _, c := range reportColumns {
			for _, label := range []string{c.Head, c.Group} {
				for _, word := range strings.Fields(label) {
					if !strings.Contains(all, word) {
						t.Errorf("the PDF's text lacks %q of %q", word, label)
					}
				}
			}
		}
		for _, want := range []string{"Khen thưởng, học bổng theo loại", "Học sinh giỏi cấp tỉnh", "Học bổng vượt khó",
			"Đơn vị báo cáo: Huyện Đông Hưng", "Xã Đông Phương Số 1", "Trang 1/"} {
			if !strings.Contains(all, want) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	}
}
