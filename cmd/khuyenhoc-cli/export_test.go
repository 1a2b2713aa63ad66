package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// records export writes the printed list by default (.xlsx or .pdf), the
// contract's columns with --format data (and for .csv); the printed list
// imports back changing nothing, and wrong combinations are usage errors.
func TestRecordsExport_PrintedListAndDataForm(t *testing.T) {
	home, db := newCommune(t)
	for kind, f := range map[string]string{"citizen": "citizens-good.csv", "centre": "centres-good.csv",
		"award": "awards-good.csv", "fund": "funds-good.csv"} {
		mustOK(t, cli(t, home, "records", "import", "--kind", kind, fixture(f), "--db", db))
		list := filepath.Join(home, kind+".xlsx")
		r := decode[map[string]any](t, mustOK(t, cli(t, home, "records", "export", "--kind", kind, "--out", list,
			"--chairman", "Trần Thị Lụa", "--db", db, "--json")).stdout)
		if r["format"] != "list" || r["rows"].(float64) == 0 {
			t.Errorf("%s: %v", kind, r)
		}
		again := decode[map[string]any](t, mustOK(t, cli(t, home, "records", "import", "--kind", kind, list, "--db", db, "--json")).stdout)
		if again["unchanged"] != r["rows"] || again["created"] != 0.0 || again["updated"] != 0.0 {
			t.Errorf("%s: the printed list imported back as %v, want %v rows unchanged", kind, again, r["rows"])
		}
		data := filepath.Join(home, kind+"-data.xlsx")
		mustOK(t, cli(t, home, "records", "export", "--kind", kind, "--out", data, "--format", "data", "--db", db))
		x, err := excelize.OpenFile(data)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := x.GetCellValue("Sheet1", "A1"); v != map[string]string{"citizen": "full_name", "centre": "name", "award": "full_name", "fund": "date"}[kind] {
			t.Errorf("%s data form starts with %q", kind, v)
		}
		x.Close()
	}
	x, err := excelize.OpenFile(filepath.Join(home, "citizen.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Danh sách")
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DANH SÁCH CÔNG DÂN HỌC TẬP", "Họ và tên", "Cán bộ xã",
		"Trần Thị Lụa", "TM. BAN THƯỜNG VỤ"} {
		if !strings.Contains(all, want) {
			t.Errorf("the printed list lacks %q:\n%s", want, all)
		}
	}
	x.Close()
	pdf := filepath.Join(home, "citizen.pdf")
	mustOK(t, cli(t, home, "records", "export", "--kind", "citizen", "--out", pdf, "--year", "2026", "--db", db))
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil || !strings.Contains(string(out), "DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026") {
			t.Errorf("the PDF's text: %v\n%s", err, out)
		}
	}
	for _, args := range [][]string{
		{"--kind", "citizen", "--out", filepath.Join(home, "x.csv"), "--format", "list"},
		{"--kind", "citizen", "--out", filepath.Join(home, "x.pdf"), "--format", "data"},
		{"--kind", "citizen", "--out", filepath.Join(home, "x.xlsx"), "--format", "data", "--year", "2026"},
		{"--kind", "citizen", "--out", filepath.Join(home, "x.xlsx"), "--format", "xml"},
		{"--kind", "citizen", "--out", filepath.Join(home, "x.docx")},
	} {
		if r := cli(t, home, append(append([]string{"records", "export"}, args...), "--db", db)...); r.code != 2 {
			t.Errorf("records export %v: exit %d, %s", args, r.code, r.stderr)
		}
	}
}
