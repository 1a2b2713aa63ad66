package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The four registers through the command line: import with a bad row,
// list, export, a criteria set installed and put in use, and the report's
// figures per model.
func TestModels_RecordsCriteriaAndReport(t *testing.T) {
	home, db := newCommune(t)
	mustOK(t, cli(t, home, "--db", db, "records", "import", "--kind", "citizen", fixture("citizens-good.csv")))
	for _, k := range []string{"clan", "family", "community", "unit"} {
		file := fixture(map[string]string{"clan": "clans.csv", "family": "families.csv", "community": "communities.csv", "unit": "units.csv"}[k])
		r := cli(t, home, "--db", db, "records", "import", "--kind", k, file)
		if r.code != 1 || !strings.Contains(r.stderr, "Dòng 4") {
			t.Fatalf("%s with a bad row: exit %d\n%s", k, r.code, r.stderr)
		}
		if r := cli(t, home, "--db", db, "records", "import", "--kind", k, file, "--skip-bad"); r.code != 1 {
			t.Fatalf("%s --skip-bad: exit %d\n%s", k, r.code, r.stderr)
		}
	}
	units := decode[[]map[string]any](t, mustOK(t, cli(t, home, "--db", db, "records", "list", "--kind", "unit", "--year", "2025", "--json")).stdout)
	if len(units) != 3 {
		t.Fatalf("units %v", units)
	}
	for _, u := range units {
		if u["name"] == "Trường Tiểu học Đông Hòa" && (u["rating"] != "tot" || u["result"] != "dat" || u["status"] != "cong_nhan") {
			t.Errorf("the school, 93 points under TT 22: %v", u)
		}
	}
	out := filepath.Join(home, "families.csv")
	mustOK(t, cli(t, home, "--db", db, "records", "export", "--kind", "family", "--out", out))
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "head,village,members,children,adults,clan,note,year,registered,criteria,scores,result,rating,status") {
		t.Fatalf("export header: %s", b)
	}

	sets := decode[[]map[string]any](t, mustOK(t, cli(t, home, "--db", db, "criteria", "list", "--model", "unit", "--json")).stdout)
	if len(sets) < 3 {
		t.Fatalf("unit sets %v", sets)
	}
	set := filepath.Join(home, "tinh.json")
	os.WriteFile(set, []byte(`{"model": "community", "version": "TINH-2026", "status": "partial",
	  "sources": ["công văn của tỉnh"], "criteria": [{"code": "A", "label": "Thiết chế văn hóa", "max": 50},
	  {"code": "B", "label": "Tỷ lệ gia đình học tập", "max": 50}], "rule": {"kind": "points", "total_min": 70}}`), 0o644)
	mustOK(t, cli(t, home, "--db", db, "criteria", "install", set, "--use"))
	shown := mustOK(t, cli(t, home, "--db", db, "criteria", "show", "community")).stdout
	if !strings.Contains(shown, `"version": "TINH-2026"`) {
		t.Fatalf("the set in use: %s", shown)
	}
	os.WriteFile(set, []byte(strings.Replace(string(shown), `"total_min": 70`, `"total_min": 60`, 1)), 0o644)
	if r := cli(t, home, "--db", db, "criteria", "install", set); r.code != 1 || !strings.Contains(r.stderr, "phiên bản riêng") {
		t.Fatalf("another set under the same version: exit %d %s", r.code, r.stderr)
	}
	os.WriteFile(set, []byte(`{"model": "community", "version": "X", "status": "partial", "rule": {"kind": "points"}}`), 0o644)
	if r := cli(t, home, "--db", db, "criteria", "install", set); r.code != 1 || !strings.Contains(r.stderr, "criteria") {
		t.Fatalf("a set without criteria: exit %d %s", r.code, r.stderr)
	}
	row := filepath.Join(home, "c2026.csv")
	os.WriteFile(row, []byte("village,year,scores\nThôn Đông,2026,A=40; B=35\n"), 0o644)
	mustOK(t, cli(t, home, "--db", db, "records", "import", "--kind", "community", row))
	c26 := decode[[]map[string]any](t, mustOK(t, cli(t, home, "--db", db, "records", "list", "--kind", "community", "--year", "2026", "--json")).stdout)
	if len(c26) != 1 || c26[0]["criteria"] != "TINH-2026" || c26[0]["result"] != "dat" || c26[0]["status"] != "de_nghi" {
		t.Fatalf("2026, by the set in use: %v", c26)
	}

	rep := filepath.Join(home, "r.json")
	mustOK(t, cli(t, home, "--db", db, "report", "--year", "2025", "--out", rep))
	b, _ = os.ReadFile(rep)
	r := decode[map[string]any](t, string(b))
	models := r["models"].(map[string]any)
	want := map[string][5]float64{ // registered, assessed, passed, recognized, base
		"family":    {3, 2, 1, 1, 275}, // one did not register, one is not assessed; the villages' 120+95+60 households
		"clan":      {3, 3, 2, 2, 3},
		"community": {3, 3, 2, 2, 3},
		"unit":      {3, 3, 2, 2, 3},
	}
	for k, w := range want {
		m := models[k].(map[string]any)
		got := [5]float64{m["registered"].(float64), m["assessed"].(float64), m["passed"].(float64), m["recognized"].(float64), m["base"].(float64)}
		if got != w {
			t.Errorf("%s: %v, want %v (%v)", k, got, w, m)
		}
	}
	if b := models["family"].(map[string]any)["base_of"]; b != "households_in_villages" {
		t.Errorf("family base of %v: the communities record their households", b)
	}
}
