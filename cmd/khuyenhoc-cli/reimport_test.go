package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func importJSON(t *testing.T, home, db, file string, extra ...string) map[string]any {
	t.Helper()
	args := append([]string{"records", "import", "--kind", "citizen", file, "--db", db, "--json"}, extra...)
	return decode[map[string]any](t, mustOK(t, cli(t, home, args...)).stdout)
}

// theHoa lists the register as exported: the one row of Nguyễn Thị Hoà.
func theHoa(t *testing.T, home, db string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "c.csv")
	mustOK(t, cli(t, home, "records", "export", "--kind", "citizen", "--out", out, "--db", db))
	b, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 {
		t.Fatalf("export %q", b)
	}
	head, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
	m := map[string]string{}
	for n, h := range head {
		m[h] = row[n]
	}
	return m
}

// Through the binary: a row that only adds a phone keeps the note and the
// step; an empty cell keeps the note unless --clear-empty; --dry-run lists
// the change and writes nothing.
func TestRecords_ReimportKeepsWhatTheFileDoesNotCarry(t *testing.T) {
	home, db := newCommune(t)
	first := writeFile(t, home, "first.csv", "full_name,birth_year,village,note,year,result,status\n"+
		"Nguyễn Thị Hoà,1985,Thôn Đông,ghi chú quan trọng,2026,chua_dat,de_nghi\n")
	importJSON(t, home, db, first)
	phone := writeFile(t, home, "phone.csv", "full_name,birth_year,village,phone\nNguyễn Thị Hoà,1985,Thôn Đông,0912345678\n")

	r := cli(t, home, "records", "import", "--kind", "citizen", phone, "--db", db, "--dry-run", "--lang", "en")
	if r.code != 0 || !strings.Contains(r.stderr, "Line 2, Nguyễn Thị Hoà: phone: (empty) → 0912345678") ||
		!strings.Contains(r.stderr, "Nothing was written") {
		t.Fatalf("dry run: exit %d\n%s", r.code, r.stderr)
	}
	if c := theHoa(t, home, db); c["phone"] != "" {
		t.Fatalf("--dry-run wrote the phone: %v", c)
	}
	res := importJSON(t, home, db, phone)
	ch := res["changes"].([]any)
	if res["updated"] != 1.0 || len(ch) != 1 {
		t.Fatalf("import %v", res)
	}
	f := ch[0].(map[string]any)["fields"].([]any)[0].(map[string]any)
	if f["field"] != "phone" || f["old"] != "" || f["new"] != "0912345678" || f["field_name"] != "Số điện thoại" {
		t.Fatalf("change %v", f)
	}
	c := theHoa(t, home, db)
	if c["note"] != "ghi chú quan trọng" || c["status"] != "de_nghi" || c["phone"] != "0912345678" || c["result"] != "chua_dat" {
		t.Fatalf("after adding a phone: %v", c)
	}

	empty := writeFile(t, home, "empty.csv", "full_name,birth_year,village,note\nNguyễn Thị Hoà,1985,Thôn Đông,\n")
	if res := importJSON(t, home, db, empty); res["unchanged"] != 1.0 || theHoa(t, home, db)["note"] != "ghi chú quan trọng" {
		t.Fatalf("an empty note cell: %v", res)
	}
	if res := importJSON(t, home, db, empty, "--clear-empty"); res["updated"] != 1.0 || theHoa(t, home, db)["note"] != "" {
		t.Fatalf("--clear-empty: %v, note %q", res, theHoa(t, home, db)["note"])
	}
	if c := theHoa(t, home, db); c["phone"] != "0912345678" || c["status"] != "de_nghi" {
		t.Fatalf("--clear-empty cleared a column the file does not have: %v", c)
	}
}

// Passed and recognised in the report: a scored đạt without a decision is
// passed, not recognised.
func TestReport_PassedBesideRecognised(t *testing.T) {
	home, db := newCommune(t)
	file := writeFile(t, home, "w.csv", "full_name,year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,result,decision_no\n"+
		"Lê An,2026,9,9,9,9,9,9,9,9,9,9,,\n"+
		"Lê Bình,2026,9,9,9,9,9,9,9,9,9,9,,5/QĐ-UBND\n"+
		"Lê Châu,2026,,,,,,,,,,,dat,\n"+
		"Lê Dung,2026,,,,,,,,,,,chua_dat,\n")
	importJSON(t, home, db, file)
	out := filepath.Join(home, "r.json")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", out, "--db", db))
	b, _ := os.ReadFile(out)
	c := decode[map[string]any](t, string(b))["citizens"].(map[string]any)
	if c["registered"] != 4.0 || c["assessed"] != 4.0 || c["passed"] != 3.0 || c["recognized"] != 2.0 {
		t.Fatalf("citizens %v", c)
	}
	csv := filepath.Join(home, "r.csv")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", csv, "--db", db))
	b, _ = os.ReadFile(csv)
	lines := strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n")
	if !strings.HasPrefix(lines[0], "unit,name,year,registered,assessed,passed,recognized,") ||
		!strings.HasPrefix(lines[1], "12694,Xã Đông Phương,2026,4,4,3,2,") {
		t.Fatalf("report CSV\n%s", b)
	}
}

// A district that approved a commune's year: the commune's later change
// waits as a conflict, which conflicts list names in the words of the
// conflict screen; the district's figures are the commune's.
func TestConflicts_ListInWords(t *testing.T) {
	home := t.TempDir()
	ddb, adb := filepath.Join(home, "d", "d.db"), filepath.Join(home, "a", "a.db")
	dkey, akey := filepath.Join(home, "d.khkey"), filepath.Join(home, "a.khkey")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", ddb))
	mustOK(t, cli(t, home, "keys", "export", "--out", dkey, "--db", ddb))
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", adb, "--upstream", dkey))
	mustOK(t, cli(t, home, "keys", "export", "--out", akey, "--db", adb))
	mustOK(t, cli(t, home, "keys", "trust", akey, "--db", ddb))
	send := func() {
		stick := t.TempDir()
		mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", adb))
		mustOK(t, cli(t, home, "bundle", "import", stick, "--db", ddb))
	}
	first := writeFile(t, home, "a.csv", "full_name,year,result\nLê Văn An,2026,chua_dat\nLê Bình,2026,dat\n")
	importJSON(t, home, adb, first)
	send()
	if a, d := reportOf(t, home, adb)["citizens"], reportOf(t, home, ddb)["citizens"]; !equalJSON(a, d) {
		t.Fatalf("commune %v, district %v", a, d)
	}
	mustOK(t, cli(t, home, "approve", "--unit", "12694", "--year", "2026", "--db", ddb))
	importJSON(t, home, adb, writeFile(t, home, "b.csv", "full_name,year,result\nLê Văn An,2026,dat\n"))
	send()
	r := mustOK(t, cli(t, home, "conflicts", "list", "--db", ddb))
	for _, want := range []string{"Xã Đông Phương · Đánh giá hằng năm: Lê Văn An, năm 2026 · cả bản ghi: ",
		"Kết quả: Chưa đạt", "Kết quả: Đạt", "Trạng thái: Công nhận", "(gửi lên sau khi năm đã được phê duyệt và khóa; Xã Đông Phương)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("conflicts list lacks %q:\n%s", want, r.stdout)
		}
	}
	list := decode[[]map[string]any](t, mustOK(t, cli(t, home, "conflicts", "list", "--db", ddb, "--json", "--lang", "en")).stdout)
	if len(list) != 1 || list[0]["field"] != "_locked" || list[0]["record"] != "Yearly assessment: Lê Văn An, year 2026" {
		t.Fatalf("conflicts %v", list)
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
