package ui

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
)

func TestReport_ShowsTheYearAgainstTheTargets(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	importFile(t, u, st, "funds", "../testdata/records/funds-good.csv")
	v := openScreen(t, u, "Thôn/tổ dân phố & hồ sơ xã").(*villagesScreen)
	fill(t, v.pform, "year", "2026")
	fill(t, v.pform, "adults", "10")
	v.Save()

	s := openScreen(t, u, "Báo cáo").(*reportScreen)
	if s.rep == nil || s.rep.Year != 2026 {
		t.Fatal("the report of the current year should be made on opening")
	}
	if got := s.cell(len(s.rows)-1, 3); got != "2" { // Hòa (đạt by scores) and Hoà (đạt)
		t.Errorf("recognised %q", got)
	}
	if got := s.cell(len(s.rows)-1, 5); got != "20,0%" {
		t.Errorf("share %q", got)
	}
	if got := s.cell(len(s.rows)-1, 11); got != "62.500.000 ₫" {
		t.Errorf("fund in %q", got)
	}
	if len(s.chart.Objects) != 1 || len(s.targets.Objects) != 1 {
		t.Errorf("%d bars, %d target lines", len(s.chart.Objects), len(s.targets.Objects))
	}
	// The commune's own target: for 2026, QĐ 677's by 2030 (docs/submissions.md, "Targets").
	if !hasText(w, "Chỉ tiêu 2030: 60% người trưởng thành") {
		t.Error("the target line does not name the unit's target")
	}
	if p := s.targets.Objects[0].(*fyne.Container).Objects[0].(*widget.ProgressBar); !strings.HasSuffix(p.TextFormatter(), " · QĐ 677/QĐ-TTg ngày 03/6/2022") {
		t.Errorf("the target's source: %q", p.TextFormatter())
	}
	s.year.SetText("2025")
	typeKeyReturn(s)
	if s.rep.Year != 2025 || !hasText(w, "Chưa có số người trưởng thành năm 2025: hãy nhập ở mục Thôn/tổ dân phố & hồ sơ xã.") {
		t.Errorf("2025 without adults: year %d", s.rep.Year)
	}
	s.year.SetText("năm nay")
	test.Tap(button(t, w, "Lập báo cáo"))
	if s.yearErr.Text == "" {
		t.Error("a year in words should be refused")
	}
	s.year.SetText("2026")
	s.Build()
	out := filepath.Join(t.TempDir(), "bao-cao.json")
	s.Write(out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Year     int `json:"year"`
		Citizens struct {
			Recognized int `json:"recognized"`
			Adults     int `json:"adults"`
		} `json:"citizens"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Year != 2026 || doc.Citizens.Recognized != 2 || doc.Citizens.Adults != 10 {
		t.Errorf("report file %s (%v)", b, err)
	}
	for _, ext := range []string{".xlsx", ".csv"} {
		p := filepath.Join(t.TempDir(), "r"+ext)
		s.Write(p)
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", ext, err)
		}
	}
}

func typeKeyReturn(s *reportScreen) { s.year.OnSubmitted(s.year.Text) }

// Báo cáo → In / Lưu PDF writes the report with the number typed, and
// Giấy chứng nhận… one page per citizen recognised.
func TestReport_PDFAndCertificates(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	s := openScreen(t, u, "Báo cáo").(*reportScreen)
	s.number.SetText("7")
	pdf := filepath.Join(t.TempDir(), "bao-cao.pdf")
	s.Write(pdf)
	certs := filepath.Join(t.TempDir(), "gcn.pdf")
	s.WriteCertificates(certs)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils is not installed (make test installs it)")
	}
	for path, want := range map[string][]string{
		pdf:   {"Số: 7/BC-HKH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026"},
		certs: {"Bà Nguyễn Thị Hòa", "Ông Lê Văn Hoà", "GIẤY CHỨNG NHẬN"},
	} {
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(strings.Join(strings.Fields(string(out)), " "), w) {
				t.Errorf("%s lacks %q", filepath.Base(path), w)
			}
		}
	}
}

// A commune tagged as a mountain area: the report's rows end with the
// totals of the units of that area type, under the total (the files'
// "Theo loại địa bàn"), and the chart keeps one bar per unit.
func TestReport_TotalsByAreaType(t *testing.T) {
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	if err := st.SetAreas(context.Background(), testCommune.String(), []string{data.AreaMountain}, "test"); err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Báo cáo").(*reportScreen)
	if len(s.rows) != 2 || s.rows[0] != s.rep {
		t.Fatalf("%d rows, want the commune and its area type", len(s.rows))
	}
	if got := s.cell(1, 0); got != "Loại địa bàn: Miền núi" {
		t.Errorf("the area type's row is named %q", got)
	}
	if got, want := s.cell(1, 3), s.cell(0, 3); got != want || got != "2" {
		t.Errorf("recognised in the mountain area %q, in the commune %q; want 2 in both", got, want)
	}
	if len(s.chart.Objects) != 1 {
		t.Errorf("%d bars, want the commune's only", len(s.chart.Objects))
	}
}
