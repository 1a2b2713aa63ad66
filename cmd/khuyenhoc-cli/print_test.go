package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils is not installed (make test installs it)")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// report --out FILE.pdf and print certificates, from the command line.
func TestPrint_ReportPDFAndCertificates(t *testing.T) {
	home, db := newCommune(t)
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db))
	pdf := filepath.Join(home, "bao-cao.pdf")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", pdf, "--number", "7", "--chairman", "Trần Thị Lụa", "--db", db))
	txt := pdfText(t, pdf)
	for _, want := range []string{"HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", "HỘI KHUYẾN HỌC XÃ ĐÔNG PHƯƠNG", "Số: 7/BC-HKH",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026", "Nơi nhận:",
		"Cán bộ xã", "Trần Thị Lụa"} {
		if !strings.Contains(txt, want) {
			t.Errorf("report PDF lacks %q: %s", want, txt)
		}
	}
	certs := filepath.Join(home, "gcn.pdf")
	r := mustOK(t, cli(t, home, "print", "certificates", "--year", "2026", "--out", certs, "--signer", "Trần Thị Lụa",
		"--db", db, "--json"))
	got := decode[map[string]any](t, r.stdout)
	txt = pdfText(t, certs)
	// Hòa and Hoà are recognised in 2026; Mai and Đào are not, Khôi was in 2025.
	if got["pages"] != 2.0 || strings.Count(txt, "GIẤY CHỨNG NHẬN") != 2 || strings.Contains(txt, "Khôi") {
		t.Fatalf("certificates %v: %s", got, txt)
	}
	for _, want := range []string{"Bà Nguyễn Thị Hòa", "Ông Lê Văn Hoà", "12/QĐ-UBND", "Trần Thị Lụa"} {
		if !strings.Contains(txt, want) {
			t.Errorf("certificates lack %q: %s", want, txt)
		}
	}
	// The unit's template: copied into the data folder, edited, printed.
	mustOK(t, cli(t, home, "print", "template", "--db", db))
	tpl := filepath.Join(home, "giay-chung-nhan.txt")
	b, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(tpl, []byte(strings.Replace(string(b), "| GIẤY CHỨNG NHẬN", "| GIẤY CHỨNG NHẬN DANH HIỆU", 1)), 0o644)
	mustOK(t, cli(t, home, "print", "certificates", "--year", "2026", "--out", certs, "--db", db))
	if txt := pdfText(t, certs); strings.Count(txt, "GIẤY CHỨNG NHẬN DANH HIỆU") != 2 {
		t.Errorf("the edited template was not used: %s", txt)
	}
	os.WriteFile(tpl, []byte("[cong_dan_hoc_tap]\ngiua thuong | {ten}\n"), 0o644)
	r = cli(t, home, "print", "certificates", "--year", "2026", "--out", certs, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "giay-chung-nhan.txt sai ở dòng 2: “{ten}”") {
		t.Errorf("bad template: exit %d, %s", r.code, r.stderr)
	}
}
