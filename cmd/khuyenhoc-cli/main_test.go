package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The tests run the real binary, built once without cgo.
var cliBin string

// testPassphrase seals the keys of every test database (passphrase.go).
const testPassphrase = "mật khẩu thử nghiệm"

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "khcli")
	if err != nil {
		panic(err)
	}
	cliBin = filepath.Join(dir, "khuyenhoc-cli")
	build := exec.Command("go", "build", "-o", cliBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the binary with a private HOME, so nothing touches the user's files.
func cli(t *testing.T, home string, args ...string) result {
	t.Helper()
	return cliIn(t, "", home, args...)
}

// cliIn runs the binary in the working directory dir ("" for this one).
func cliIn(t *testing.T, dir, home string, args ...string) result {
	t.Helper()
	cmd := exec.Command(cliBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"KHUYENHOC_PASSPHRASE="+testPassphrase)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func fixture(name string) string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "records", name))
	return p
}

func mustOK(t *testing.T, r result) result {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return r
}

func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return v
}

func newCommune(t *testing.T) (home, db string) {
	home = t.TempDir()
	db = filepath.Join(home, "c.db")
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", db, "--operator", "Cán bộ xã"))
	return home, db
}

func TestInit_KeysShowAndRefusesTwice(t *testing.T) {
	home, db := newCommune(t)
	k := decode[map[string]any](t, mustOK(t, cli(t, home, "keys", "show", "--db", db, "--json")).stdout)
	for _, f := range []string{"unit", "level", "fingerprint", "minisign_public_key", "age_recipient"} {
		if k[f] == nil || k[f] == "" {
			t.Errorf("keys show --json lacks %s: %v", f, k)
		}
	}
	if k["unit"] != "12694" || k["level"] != "commune" || !strings.HasPrefix(k["age_recipient"].(string), "age1") {
		t.Errorf("keys %v", k)
	}
	if fp := k["fingerprint"].(string); len(fp) != 14 || fp[4] != ' ' || fp[9] != ' ' {
		t.Errorf("fingerprint %q is not 12 digits in groups of 4", fp)
	}
	r := cli(t, home, "--db", db, "init", "--level", "commune", "--unit", "12700", "--list", "2024")
	if r.code != 2 || !strings.Contains(r.stderr, "đã được khởi tạo") {
		t.Fatalf("second init: exit %d, %s", r.code, r.stderr)
	}
	k2 := decode[map[string]any](t, mustOK(t, cli(t, home, "keys", "show", "--db", db, "--json")).stdout)
	if !reflect.DeepEqual(k, k2) {
		t.Fatal("a refused init changed the keys")
	}
}

func TestInit_Usage(t *testing.T) {
	home := t.TempDir()
	for _, args := range [][]string{
		{"init", "--level", "village", "--unit", "1"},
		{"init", "--level", "commune"},
		{"init", "--level", "commune", "--unit", "99999", "--list", "2024"},
		{"init", "--level", "district", "--unit", "12694", "--list", "2024"},
		{"records", "list", "--kind", "citizen", "--db", filepath.Join(home, "none.db")},
		{"frobnicate"},
	} {
		if r := cli(t, home, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, r.code, r.stderr)
		}
	}
}

func listCitizens(t *testing.T, home, db string, extra ...string) []map[string]any {
	t.Helper()
	args := append([]string{"records", "list", "--kind", "citizen", "--db", db, "--json"}, extra...)
	return decode[[]map[string]any](t, mustOK(t, cli(t, home, args...)).stdout)
}

func names(items []map[string]any) []string {
	var out []string
	for _, it := range items {
		out = append(out, it["full_name"].(string))
	}
	return out
}

func TestRecords_GoodFileTwiceAndSearch(t *testing.T) {
	home, db := newCommune(t)
	r := mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db, "--json"))
	if got := decode[map[string]any](t, r.stdout); got["created"] != 5.0 || got["rejected"] != 0.0 {
		t.Fatalf("import %v", got)
	}
	r = mustOK(t, cli(t, home, "--json", "records", "import", "--kind", "citizen", fixture("citizens-nfd.csv"), "--db", db))
	if got := decode[map[string]any](t, r.stdout); got["created"] != 0.0 || got["unchanged"] != 5.0 {
		t.Fatalf("NFD import of the same people %v", got)
	}
	for q, want := range map[string][]string{
		"hoa": {"Lê Văn Hoà", "Nguyễn Thị Hòa"},
		"Hoà": {"Lê Văn Hoà", "Nguyễn Thị Hòa"},
		"dao": {"Trần Văn Đào", "Đào Thị Mai"},
		"ĐÀO": {"Trần Văn Đào", "Đào Thị Mai"},
	} {
		if got := names(listCitizens(t, home, db, "--search", q)); !reflect.DeepEqual(got, want) {
			t.Errorf("search %q = %v, want %v", q, got, want)
		}
	}
	if got := listCitizens(t, home, db, "--year", "2025"); len(got) != 1 || got[0]["result"] != "dat" {
		t.Errorf("--year 2025: %v", got)
	}
}

// exportAll captures the register as the CLI exports it.
func exportAll(t *testing.T, home, db string) string {
	t.Helper()
	var all strings.Builder
	for _, k := range []string{"citizen", "centre", "award", "fund"} {
		out := filepath.Join(t.TempDir(), k+".csv")
		mustOK(t, cli(t, home, "records", "export", "--kind", k, "--out", out, "--db", db))
		b, _ := os.ReadFile(out)
		all.Write(b)
	}
	return all.String()
}

func TestRecords_BadFileChangesNothing(t *testing.T) {
	home, db := newCommune(t)
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db))
	before := exportAll(t, home, db)
	r := cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-bad.csv"), "--db", db, "--json", "--lang", "en")
	if r.code != 1 {
		t.Fatalf("bad file: exit %d, want 1\n%s", r.code, r.stderr)
	}
	res := decode[map[string]any](t, r.stdout)
	probs := res["problems"].([]any)
	var lines []float64
	for _, p := range probs {
		lines = append(lines, p.(map[string]any)["line"].(float64))
	}
	if !reflect.DeepEqual(lines, []float64{3, 4, 5, 6, 7, 8}) || res["created"] != 0.0 {
		t.Fatalf("problems at lines %v, result %v", lines, res)
	}
	if !strings.Contains(r.stderr, "Line 3: id_number «034085001234»: the CCCD number does not match the gender (its 4th digit)") {
		t.Errorf("English message missing:\n%s", r.stderr)
	}
	if after := exportAll(t, home, db); after != before {
		t.Fatal("a rejected file changed the database")
	}
	r = cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-bad.csv"), "--db", db, "--skip-bad")
	if r.code != 1 || !strings.Contains(r.stderr, "Dòng 3") {
		t.Fatalf("--skip-bad: exit %d (want 1: rows were rejected)\n%s", r.code, r.stderr)
	}
	if n := len(listCitizens(t, home, db)); n != 6 {
		t.Fatalf("%d citizens after --skip-bad, want 6", n)
	}
	for _, f := range []string{"citizens-unknown-column.csv", "citizens-tcvn3.csv"} {
		if r := cli(t, home, "records", "import", "--kind", "citizen", fixture(f), "--db", db); r.code != 1 {
			t.Errorf("%s: exit %d, want 1", f, r.code)
		}
	}
	if after := exportAll(t, home, db); after == before {
		t.Fatal("sanity: --skip-bad should have added a row")
	}
}

func TestRecords_XLSXAndReport(t *testing.T) {
	home, db := newCommune(t)
	x := excelize.NewFile()
	rows := [][]any{{"name", "status", "year", "classes", "learner_times", "budget_vnd", "rating"},
		{"TTHTCĐ xã Đông Phương", "hoat_dong", 2026, 12, 640, 15000000, "tot"}}
	for n, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		x.SetSheetRow("Sheet1", cell, &row)
	}
	xlsx := filepath.Join(home, "centres.xlsx")
	if err := x.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	mustOK(t, cli(t, home, "records", "import", "--kind", "centre", xlsx, "--db", db))
	for kind, f := range map[string]string{"citizen": "citizens-good.csv", "award": "awards-good.csv", "fund": "funds-good.csv"} {
		mustOK(t, cli(t, home, "records", "import", "--kind", kind, fixture(f), "--db", db))
	}
	mustOK(t, cli(t, home, "profile", "set", "--year", "2026", "--adults", "2.400", "--db", db))
	out := filepath.Join(home, "r.json")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", out, "--db", db))
	b, _ := os.ReadFile(out)
	rep := decode[map[string]any](t, string(b))
	c := rep["citizens"].(map[string]any)
	ce := rep["centres"].(map[string]any)
	a := rep["awards"].(map[string]any)
	f := rep["funds"].(map[string]any)
	if rep["unit"] != "12694" || c["registered"] != 4.0 || c["recognized"] != 2.0 || c["adults"] != 2400.0 ||
		ce["active"] != 1.0 || ce["classes"] != 12.0 || a["count"] != 3.0 || a["amount_vnd"] != 6e6 ||
		f["raised_vnd"] != 62.5e6 || f["spent_vnd"] != 6e6 {
		t.Fatalf("report %s", b)
	}
	for _, ext := range []string{"xlsx", "csv"} {
		mustOK(t, cli(t, home, "report", "--year", "2026", "--out", filepath.Join(home, "r."+ext), "--db", db))
	}
	if r := cli(t, home, "report", "--year", "2026", "--out", filepath.Join(home, "r.docx"), "--db", db); r.code != 2 {
		t.Errorf("report to .docx: exit %d", r.code)
	}
}
