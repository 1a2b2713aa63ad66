package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The association's records by the command line: branches with their
// members per half-year and the log, imported, listed and exported; the
// report of a half-year, of the year to a day and of the year, with the
// same period a year earlier.
func TestRecords_AssociationAndPeriodReports(t *testing.T) {
	home, db := newCommune(t)
	branches := filepath.Join(home, "chi-hoi.csv")
	os.WriteFile(branches, []byte("Tên chi hội,Hình thức tổ chức,Loại chi hội,Ngày thành lập,Kỳ,Số hội viên,Kết nạp mới,Ra khỏi hội\n"+
		"Chi hội thôn Đông,Chi hội khuyến học,thon,08/03/2010,2025-H1,100,10,2\n"+
		"Chi hội thôn Đông,,,,2026-H1,112,8,1\n"+
		"Ban khuyến học trường THCS,Ban khuyến học,Trường học,05/02/2026,2026-H1,30,30,0\n"), 0o644)
	log := filepath.Join(home, "hoat-dong.csv")
	os.WriteFile(log, []byte("kind,date,title,participants,publicity_kind,times,document_no\n"+
		"tap_huan,2026-03-02,Tập huấn chi hội trưởng,30,,,\n"+
		"tap_huan,2025-03-10,Tập huấn năm trước,25,,,\n"+
		"tuyen_truyen,2026-04-01,Tháng khuyến học,,truyen_thanh,8,\n"+
		"van_ban,2026-08-19,Kế hoạch sau ngày báo cáo,,,,9/KH-HKH\n"), 0o644)
	for kind, f := range map[string]string{"branch": branches, "activity": log} {
		mustOK(t, cli(t, home, "records", "import", "--kind", kind, f, "--db", db))
	}
	items := decode[[]map[string]any](t, mustOK(t, cli(t, home, "records", "list", "--kind", "branch", "--period", "2026-h1", "--db", db, "--json")).stdout)
	if len(items) != 2 || items[1]["name"] != "Chi hội thôn Đông" || items[1]["members"] != 112.0 || items[0]["form"] != "ban_khuyen_hoc" {
		t.Fatalf("branches %v", items)
	}
	acts := decode[[]map[string]any](t, mustOK(t, cli(t, home, "records", "list", "--kind", "activity", "--year", "2026", "--db", db, "--json")).stdout)
	if len(acts) != 3 || acts[0]["document_no"] != "9/KH-HKH" {
		t.Fatalf("activities %v", acts)
	}
	out := filepath.Join(home, "export.csv")
	mustOK(t, cli(t, home, "records", "export", "--kind", "branch", "--out", out, "--db", db))
	if r := mustOK(t, cli(t, home, "records", "import", "--kind", "branch", out, "--db", db, "--json")); decode[map[string]any](t, r.stdout)["unchanged"] != 3.0 {
		t.Fatalf("re-import of the export: %s", r.stdout)
	}

	type figures struct{ members, admitted, training, publicity, documents, prevTraining float64 }
	for _, tc := range []struct {
		args []string
		from string
		want figures
	}{
		{[]string{"--period", "2026-H1", "--compare"}, "2026-01-01", figures{142, 38, 1, 8, 0, 1}},
		{[]string{"--period", "01/01/2026..18/08/2026", "--compare"}, "2026-01-01", figures{142, 38, 1, 8, 0, 1}},
		{[]string{"--year", "2026", "--compare"}, "2026-01-01", figures{142, 38, 1, 8, 1, 1}},
	} {
		path := filepath.Join(home, "r.json")
		mustOK(t, cli(t, home, append([]string{"report", "--out", path, "--db", db}, tc.args...)...))
		b, _ := os.ReadFile(path)
		rep := decode[map[string]any](t, string(b))
		a := rep["association"].(map[string]any)
		m, x := a["members"].(map[string]any), a["activities"].(map[string]any)
		prev := rep["previous"].(map[string]any)
		px := prev["association"].(map[string]any)["activities"].(map[string]any)
		got := figures{m["total"].(float64), m["admitted"].(float64), x["training"].(map[string]any)["count"].(float64),
			x["publicity"].(map[string]any)["times"].(float64), x["documents"].(map[string]any)["count"].(float64),
			px["training"].(map[string]any)["count"].(float64)}
		if got != tc.want || rep["period"].(map[string]any)["from"] != tc.from {
			t.Errorf("%v: %+v, want %+v (period %v)", tc.args, got, tc.want, rep["period"])
		}
		if pm := prev["association"].(map[string]any)["members"].(map[string]any); tc.args[0] == "--period" && tc.args[1] == "2026-H1" && pm["total"] != 100.0 {
			t.Errorf("2025-H1 members %v", pm)
		}
	}
	for _, ext := range []string{"xlsx", "pdf", "csv"} {
		mustOK(t, cli(t, home, "report", "--period", "2026-H1", "--compare", "--out", filepath.Join(home, "r."+ext), "--db", db))
	}
	for _, args := range [][]string{
		{"--year", "2026", "--period", "2026-H1"},
		{"--period", "2026-H3"},
		{"--period", "2025-07-01..2026-06-30"},
		{},
	} {
		r := cli(t, home, append([]string{"report", "--out", filepath.Join(home, "x.json"), "--db", db}, args...)...)
		if r.code != 2 {
			t.Errorf("report %v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
	if r := cli(t, home, "report", "--period", "2025-07-01..2026-06-30", "--out", filepath.Join(home, "x.json"), "--db", db); !strings.Contains(r.stderr, "một kỳ báo cáo phải nằm trong một năm") {
		t.Errorf("the reason is said: %s", r.stderr)
	}
}
