package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// unitsOf reads bundle status --json's first period, per unit code.
func periodOf(t *testing.T, home, db string) (map[string]any, map[string]map[string]any) {
	t.Helper()
	rep := decode[map[string]any](t, mustOK(t, cli(t, home, "bundle", "status", "--json", "--db", db)).stdout)
	ps, _ := rep["periods"].([]any)
	if len(ps) != 1 {
		t.Fatalf("periods %v", rep["periods"])
	}
	p := ps[0].(map[string]any)
	out := map[string]map[string]any{}
	for _, u := range p["units"].([]any) {
		m := u.(map[string]any)
		out[m["unit"].(string)] = m
	}
	return p, out
}

func wantUnit(t *testing.T, where string, u map[string]any, submitted, approved, accepted bool, timeliness string) {
	t.Helper()
	if u == nil {
		t.Fatalf("%s: unit not listed", where)
	}
	for _, k := range []string{"submitted", "submitted_on", "approved", "accepted", "timeliness"} {
		if _, ok := u[k]; !ok {
			t.Errorf("%s: no %q in %v", where, k, u)
		}
	}
	if u["submitted"] != submitted || u["approved"] != approved || u["accepted"] != accepted || u["timeliness"] != timeliness {
		t.Errorf("%s %s: %v", where, u["unit"], u)
	}
}

// Three communes, a district and a province on the command line: two
// communes submit 2026 (after the district's deadline), one never does;
// the district approves one, whose officer is told and may no longer
// submit that year; the province sees every unit as it is.
func TestSubmit_ThreeLevelsOnTheCommandLine(t *testing.T) {
	home, db, key := provinceAndDistrict(t)
	communes := map[string]string{"a": "12694", "b": "12700", "c": "12688"}
	for _, n := range []string{"a", "b", "c"} {
		mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", communes[n], "--list", "2024", "--db", db(n), "--upstream", key("d")))
		mustOK(t, cli(t, home, "keys", "export", "--out", key(n), "--db", db(n)))
		mustOK(t, cli(t, home, "keys", "trust", key(n), "--db", db("d")))
		importJSON(t, home, db(n), writeFile(t, home, n+".csv", "full_name,year,result\nLê Văn An,2026,dat\nLê Bình,2026,chua_dat\n"))
	}
	yesterday := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	mustOK(t, cli(t, home, "deadline", "set", "--period", "2026", "--due", yesterday, "--level", "commune", "--db", db("d")))
	sub := decode[map[string]any](t, mustOK(t, cli(t, home, "submit", "--period", "2026", "--db", db("a"), "--json")).stdout)
	if sub["rests_on"] != 1.0 || sub["period"] != "2026" {
		t.Fatalf("submit: %v", sub)
	}
	mustOK(t, cli(t, home, "submit", "--year", "2026", "--db", db("b")))
	send := func(from, to string) {
		stick := t.TempDir()
		mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", db(from)))
		mustOK(t, cli(t, home, "bundle", "import", stick, "--db", db(to)))
	}
	for _, n := range []string{"a", "b", "c"} {
		send(n, "d")
	}
	mustOK(t, cli(t, home, "approve", "--unit", "12694", "--period", "2026", "--db", db("d")))
	p, dv := periodOf(t, home, db("d"))
	wantUnit(t, "district", dv["12694"], true, true, false, "late")
	wantUnit(t, "district", dv["12700"], true, false, false, "late")
	wantUnit(t, "district", dv["12688"], false, false, false, "missing")
	if p["completeness"] != 66.7 || p["expected"] != 3.0 {
		t.Errorf("district period %v", p)
	}

	// The commune is told, and may no longer submit the year.
	stick := t.TempDir()
	file := strings.TrimSpace(mustOK(t, cli(t, home, "approvals", "write", "--for", "12694", "--out", stick, "--db", db("d"))).stdout)
	r := mustOK(t, cli(t, home, "approvals", "import", file, "--db", db("a")))
	today := time.Now().Format("02/01/2006")
	if want := "Năm 2026: đã gửi lên ngày " + today + "; huyện đã phê duyệt ngày " + today; !strings.Contains(r.stdout, want) {
		t.Errorf("the commune's line %q lacks %q", r.stdout, want)
	}
	if r := cli(t, home, "periods", "--db", db("a"), "--lang", "en"); !strings.Contains(r.stdout, "the district approved on") {
		t.Errorf("periods in English: %q", r.stdout)
	}
	r = cli(t, home, "submit", "--period", "2026", "--db", db("a"))
	if r.code != 1 || !strings.Contains(r.stderr, "báo cáo gửi lên cho kỳ đã được phê duyệt") {
		t.Errorf("submitting an approved year: exit %d, %s", r.code, r.stderr)
	}
	forged := writeFile(t, home, "forged.khn", strings.Replace(readString(t, file), `"approved":true`, `"approved":false`, 1))
	r = cli(t, home, "approvals", "import", forged, "--db", db("a"), "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "does not verify against its issuer's key") {
		t.Errorf("a forged notice: exit %d, %s", r.code, r.stderr)
	}

	mustOK(t, cli(t, home, "submit", "--period", "2026", "--db", db("d")))
	send("d", "p")
	// The province sets no deadline of its own: it judges the communes by
	// the one their district set, which the district's bundle brought up.
	_, pv := periodOf(t, home, db("p"))
	wantUnit(t, "province", pv["340"], true, false, false, "on_time")
	wantUnit(t, "province", pv["12694"], true, true, false, "late")
	wantUnit(t, "province", pv["12700"], true, false, false, "late")
	if pv["12700"]["deadline"] != yesterday {
		t.Errorf("the commune's deadline at the province %v, want the district's %s", pv["12700"]["deadline"], yesterday)
	}
	wantUnit(t, "province", pv["12688"], false, false, false, "missing")
	mustOK(t, cli(t, home, "approve", "--unit", "340", "--year", "2026", "--db", db("p")))
	_, pv = periodOf(t, home, db("p"))
	wantUnit(t, "province, accepted", pv["12694"], true, true, true, "late")
	wantUnit(t, "province, accepted", pv["340"], true, true, true, "on_time")
	if s := mustOK(t, cli(t, home, "bundle", "status", "--db", db("p"))).stderr; !strings.Contains(s, "Năm 2026: 3/4 đơn vị đã gửi (75.0%)") {
		t.Errorf("status summary: %s", s)
	}
}

// provinceAndDistrict sets up the province 34 (p) and its district 340
// (d), each enrolled with the other, in a new HOME; db and key name an
// installation's database and key file.
func provinceAndDistrict(t *testing.T) (home string, db, key func(string) string) {
	t.Helper()
	home = t.TempDir()
	db = func(n string) string { return filepath.Join(home, n, n+".db") }
	key = func(n string) string { return filepath.Join(home, n+".khkey") }
	mustOK(t, cli(t, home, "init", "--level", "province", "--unit", "34", "--list", "2024", "--db", db("p")))
	mustOK(t, cli(t, home, "keys", "export", "--out", key("p"), "--db", db("p")))
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", db("d"), "--upstream", key("p")))
	mustOK(t, cli(t, home, "keys", "export", "--out", key("d"), "--db", db("d")))
	mustOK(t, cli(t, home, "keys", "trust", key("d"), "--db", db("p")))
	return home, db, key
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Through the hub: a commune uploads its submission, the district pulls it,
// approves, and its next pull hands the hub the notice; the commune's pull
// records it and says so. Undoing travels the same way.
func TestSubmit_ApprovalNoticeThroughTheHub(t *testing.T) {
	n := newNetwork(t)
	mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.ddb))
	importJSON(t, n.home, n.adb, writeFile(t, n.home, "a.csv", "full_name,year,result\nLê Văn An,2026,dat\n"))
	mustOK(t, cli(t, n.home, "submit", "--period", "2026", "--db", n.adb))
	mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", n.adb))
	mustOK(t, cli(t, n.home, "pull", "--import", "--db", n.ddb))
	mustOK(t, cli(t, n.home, "approve", "--unit", "12694", "--year", "2026", "--db", n.ddb))
	pulled := decode[map[string]any](t, mustOK(t, cli(t, n.home, "pull", "--db", n.ddb, "--json")).stdout)
	if pulled["notices_sent"] != 1.0 {
		t.Fatalf("district pull: %v", pulled)
	}
	today := time.Now().Format("02/01/2006")
	r := mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.adb))
	if want := "Năm 2026: đã gửi lên ngày " + today + "; huyện đã phê duyệt ngày " + today; !strings.Contains(r.stdout, want) {
		t.Fatalf("the commune's pull: %q lacks %q (%s)", r.stdout, want, r.stderr)
	}
	if r := cli(t, n.home, "submit", "--period", "2026", "--db", n.adb); r.code != 1 {
		t.Fatalf("submitting an approved year: exit %d", r.code)
	}
	// Commune B may not fetch A's notices: it has none.
	mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", n.bdb))
	got := decode[map[string]any](t, mustOK(t, cli(t, n.home, "pull", "--db", n.bdb, "--json")).stdout)
	if nts := got["notices"].(map[string]any); nts["statements"] != 0.0 {
		t.Fatalf("commune B got %v", nts)
	}

	mustOK(t, cli(t, n.home, "approve", "--unit", "12694", "--year", "2026", "--undo", "--db", n.ddb))
	mustOK(t, cli(t, n.home, "pull", "--db", n.ddb))
	r = mustOK(t, cli(t, n.home, "pull", "--db", n.adb))
	if strings.Contains(r.stdout, "phê duyệt") || !strings.Contains(r.stdout, "Năm 2026: đã gửi lên ngày") {
		t.Fatalf("after the undo: %q", r.stdout)
	}
	mustOK(t, cli(t, n.home, "submit", "--period", "2026", "--db", n.adb))
}

// The province sets its own targets and tags a commune as mountainous;
// the notice takes them to the district, whose report JSON gives each
// commune's share against its own target and the mountain communes' totals.
func TestTargets_ProvinceSetsDistrictReports(t *testing.T) {
	home, db, key := provinceAndDistrict(t)
	for n, code := range map[string]string{"a": "12694", "b": "12700"} {
		mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", code, "--list", "2024", "--db", db(n), "--upstream", key("d")))
		mustOK(t, cli(t, home, "keys", "export", "--out", key(n), "--db", db(n)))
		mustOK(t, cli(t, home, "keys", "trust", key(n), "--db", db("d")))
		importJSON(t, home, db(n), writeFile(t, home, n+".csv", "full_name,year,result\nLê Văn An,2026,dat\nLê Bình,2026,chua_dat\n"))
		mustOK(t, cli(t, home, "profile", "set", "--year", "2026", "--adults", "4", "--db", db(n)))
		stick := t.TempDir()
		mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", db(n)))
		mustOK(t, cli(t, home, "bundle", "import", stick, "--db", db("d")))
	}
	mustOK(t, cli(t, home, "targets", "set", "--indicator", "citizen", "--year", "2030", "--percent", "70", "--db", db("p")))
	mustOK(t, cli(t, home, "targets", "set", "--indicator", "citizen", "--year", "2030", "--percent", "20", "--area", "mien_nui", "--db", db("p")))
	mustOK(t, cli(t, home, "areas", "set", "--unit", "12694", "--types", "mien_nui", "--db", db("p")))
	if r := cli(t, home, "targets", "set", "--indicator", "citizen", "--year", "2030", "--percent", "120", "--db", db("p")); r.code != 2 {
		t.Errorf("a target of 120%%: exit %d", r.code)
	}
	stick := t.TempDir()
	file := strings.TrimSpace(mustOK(t, cli(t, home, "approvals", "write", "--for", "340", "--out", stick, "--db", db("p"))).stdout)
	mustOK(t, cli(t, home, "approvals", "import", file, "--db", db("d")))
	out := filepath.Join(t.TempDir(), "r.json")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", out, "--db", db("d")))
	rep := decode[map[string]any](t, readString(t, out))
	units := map[string]map[string]any{}
	for _, u := range rep["units"].([]any) {
		units[u.(map[string]any)["unit"].(string)] = u.(map[string]any)
	}
	ta, tb := units["12694"]["target"].(map[string]any), units["12700"]["target"].(map[string]any)
	if ta["percent"] != 20.0 || ta["area"] != "mien_nui" || ta["share"] != 25.0 || ta["met"] != true {
		t.Errorf("the mountain commune: %v", ta)
	}
	if tb["percent"] != 70.0 || tb["met"] != false || tb["source"] != "Tỉnh Thái Bình" {
		t.Errorf("the other commune: %v", tb)
	}
	byArea := rep["by_area"].(map[string]any)["mien_nui"].(map[string]any)["citizens"].(map[string]any)
	if byArea["registered"] != 2.0 || byArea["adults"] != 4.0 {
		t.Errorf("mountain communes' totals: %v", byArea)
	}
	// The CSV the same command writes: each line's targets (the citizens',
	// then those of the programme's shares and of the models), then the
	// mountain communes' line.
	csvOut := filepath.Join(t.TempDir(), "r.csv")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", csvOut, "--db", db("d")))
	lines := strings.Split(strings.TrimSpace(readString(t, csvOut)), "\n")
	rest := ",60,,false,80,,false,70,,false,65,,false,65,,false,80,,false,"
	for n, want := range []struct{ head, tail string }{{"340,", ",70,,false" + rest}, {"12694,", ",20,mien_nui,true" + rest},
		{"12700,", ",70,,false" + rest}, {",Miền núi,2026,2,", strings.Repeat(",", 21) + "mien_nui"}} {
		if len(lines) != 5 || !strings.HasPrefix(lines[n+1], want.head) || !strings.HasSuffix(lines[n+1], want.tail) {
			t.Errorf("CSV line %d, want %s…%s:\n%s", n+2, want.head, want.tail, strings.Join(lines, "\n"))
		}
	}
	if s := mustOK(t, cli(t, home, "targets", "list", "--db", db("d"))).stdout; !strings.Contains(s, "Công dân học tập 2030 (Miền núi): 20% — Tỉnh Thái Bình") {
		t.Errorf("targets list:\n%s", s)
	}
}
