package tabular

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
)

// The checks of data/internal/printtest, by their short names.
var (
	part, soffice, keepDir = printtest.Part, printtest.Soffice, printtest.KeepDir
	pdfPages, pdfInfo      = printtest.PDFPages, printtest.PDFInfo
)

// printedList writes the printed list of n citizens (as seedCitizens makes
// them) to dir as name.xlsx or name.pdf and returns its path.
func printedList(t *testing.T, dir, name string, n int) string {
	t.Helper()
	st := openStore(t)
	seedCitizens(t, st, n)
	path := filepath.Join(dir, name)
	got, err := ExportList(context.Background(), st, Citizens, path, listMeta)
	if err != nil || got != n {
		t.Fatalf("ExportList %s: %d rows, %v; want %d", name, got, err, n)
	}
	return path
}

// The heads of the columns a printed citizen list shows, in order.
var citizenHeads = []string{"STT", "Họ và tên", "Giới tính", "Năm sinh", "Thôn/tổ dân phố", "Nhóm đối tượng",
	"Kết quả", "Trạng thái", "Số quyết định", "Ngày quyết định"}

// rawCode finds a code printed where its label belongs (chua_dat, cong_nhan).
var rawCode = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)

// checkListPages asserts the layout of a printed list of n citizens: A4
// landscape; the national header, the title and the total whole on page 1;
// every page one page wide (the first and the last column's heads on each,
// the head repeated); labels, not codes; the hidden columns not printed;
// the last row and the signature block on the last page.
func checkListPages(t *testing.T, pages []string, n int) {
	t.Helper()
	for _, want := range []string{"HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", "HỘI KHUYẾN HỌC XÃ ĐÔNG PHƯƠNG",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Đông Phương, ngày 25 tháng 11 năm 2026",
		"DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026", "Xã Đông Phương", "Tổng số: " + data.GroupDigits(int64(n))} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("page 1 lacks %q whole:\n%s", want, pages[0])
		}
	}
	for p, text := range pages {
		for _, head := range []string{"Họ và tên", "Nhóm đối tượng", "Trạng thái"} {
			if !strings.Contains(text, head) {
				t.Errorf("page %d lacks the head %q: not one page wide, or the head is not repeated:\n%s", p+1, head, text)
			}
		}
		if c := rawCode.FindString(text); c != "" {
			t.Errorf("page %d prints the code %q", p+1, c)
		}
		for _, hidden := range []string{"034100000000", "0900000000", "Chỉ số 1", "Số CCCD"} {
			if strings.Contains(text, hidden) {
				t.Errorf("page %d prints %q of a hidden column", p+1, hidden)
			}
		}
	}
	all := strings.Join(pages, "\n")
	for _, head := range citizenHeads {
		for _, word := range strings.Fields(head) { // a head may wrap
			if !strings.Contains(all, word) {
				t.Errorf("the list's text lacks %q of the head %q", word, head)
			}
		}
	}
	for _, want := range []string{"Nữ", "Nam", "Đạt", "Chưa đạt", "Công nhận", "Đề nghị", "Tự đánh giá",
		"Cán bộ, công chức, viên chức", "Doanh nhân, người lao động trong doanh nghiệp", "Thợ may", "15/11/2026",
		"12/QĐ-UBND", "Tổ dân phố Bắc Hà"} {
		if !strings.Contains(all, want) {
			t.Errorf("the list's text lacks %q", want)
		}
	}
	last := pages[len(pages)-1]
	for _, want := range []string{" " + strconv.Itoa(n) + " ", "NGƯỜI LẬP DANH SÁCH", "(Ký, ghi rõ họ tên)", "TM. BAN THƯỜNG VỤ",
		"CHỦ TỊCH", "(Ký, ghi rõ họ tên, đóng dấu)", "Nguyễn Văn Tâm", "Trần Thị Lụa"} {
		if !strings.Contains(last, want) {
			t.Errorf("the last page lacks %q:\n%s", want, last)
		}
	}
}

// rowBreaks counts the page breaks the workbook places.
func rowBreaks(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`<rowBreaks count="(\d+)"`).FindStringSubmatch(part(t, path, "xl/worksheets/sheet1.xml"))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// A register of 2,000 citizens prints in LibreOffice on A4 landscape pages
// one page wide, as many as the workbook's own page breaks make (none
// added because a page overflowed), about 29 rows a page.
func TestList_LibreOfficePrints2000Citizens(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice is not installed (make test installs libreoffice-calc)")
	}
	dir := keepDir(t)
	x := printedList(t, dir, "cong-dan-2000.xlsx", 2000)
	soffice(t, dir, "--convert-to", "pdf", "--outdir", dir, x)
	pdf := strings.TrimSuffix(x, ".xlsx") + ".pdf"
	want := rowBreaks(t, x) + 1
	info := pdfInfo(t, pdf)
	if !strings.HasPrefix(info, "Pages: "+strconv.Itoa(want)+"; Page size: 841.89 x 595.") {
		t.Errorf("LibreOffice printed %s; want %d A4 landscape pages, one per page the workbook sets", info, want)
	}
	if want > 72 {
		t.Errorf("%d pages for 2,000 citizens", want)
	}
	checkListPages(t, pdfPages(t, pdf), 2000)
}

// The PDF of the same list, written by the app.
func TestList_PDFOf2000Citizens(t *testing.T) {
	dir := keepDir(t)
	pdf := printedList(t, dir, "cong-dan-2000-app.pdf", 2000)
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("poppler-utils is not installed (make test installs it)")
	}
	info := pdfInfo(t, pdf)
	if !strings.HasSuffix(info, "Page size: 841.89 x 595.28 pts (A4)") {
		t.Errorf("%s, want A4 landscape", info)
	}
	pages := pdfPages(t, pdf)
	if len(pages) > 72 {
		t.Errorf("%d pages for 2,000 citizens", len(pages))
	}
	checkListPages(t, pages, 2000)
	if !strings.Contains(pages[len(pages)-1], "Trang "+strconv.Itoa(len(pages))+"/"+strconv.Itoa(len(pages))) {
		t.Errorf("the last page is not numbered %d/%d", len(pages), len(pages))
	}
}

// LibreOffice opens the other workbooks the app writes, the data form and
// the rejected rows, and reads their cells (converted to CSV).
func TestXLSX_LibreOfficeOpensTheDataFormAndRejectedRows(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice is not installed (make test installs libreoffice-calc)")
	}
	st := openStore(t)
	seedRegisters(t, st)
	dir := t.TempDir()
	form := filepath.Join(dir, "data.xlsx")
	if _, err := Export(context.Background(), st, Citizens, "", form); err != nil {
		t.Fatal(err)
	}
	rows, err := Read(form, Citizens)
	if err != nil {
		t.Fatal(err)
	}
	rejected := filepath.Join(dir, "rejected.xlsx")
	if err := WriteRejected(rejected, Citizens, rows, []Problem{{Line: 3, Err: data.ErrRequired}}, "vi"); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", filepath.Join(dir, "csv"), form, rejected)
	for name, want := range map[string][]string{
		"data.csv":     {"full_name,gender,birth_year", "Nguyễn Thị Hoà,nu,1985,1985-03-12,034185001234,0912345678"},
		"rejected.csv": {"Dòng gốc,Họ và tên", "3,Nguyễn Thị Hoà"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, "csv", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("LibreOffice read %s without %q:\n%s", name, w, b)
			}
		}
	}
}
