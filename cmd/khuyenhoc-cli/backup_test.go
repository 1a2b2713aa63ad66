package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
)

// fillCommune imports the four registers of testdata/records and sets the
// commune's profile.
func fillCommune(t *testing.T, home, db string) {
	t.Helper()
	for kind, f := range map[string]string{"citizen": "citizens-good.csv", "centre": "centres-good.csv",
		"award": "awards-good.csv", "fund": "funds-good.csv"} {
		mustOK(t, cli(t, home, "records", "import", "--kind", kind, fixture(f), "--db", db))
	}
	mustOK(t, cli(t, home, "profile", "set", "--year", "2026", "--adults", "3200", "--db", db))
}

func reportJSON(t *testing.T, home, db string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "r.json")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", out, "--db", db))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBackupRestore_BringsBackEveryRecord(t *testing.T) {
	home, db := newCommune(t)
	fillCommune(t, home, db)
	keys := mustOK(t, cli(t, home, "keys", "show", "--db", db, "--json")).stdout
	records, totals := exportAll(t, home, db), reportJSON(t, home, db)
	copyPath := filepath.Join(home, "stick", "sao-luu.db")
	os.MkdirAll(filepath.Dir(copyPath), 0o700)
	got := decode[map[string]any](t, mustOK(t, cli(t, home, "backup", "--out", copyPath, "--db", db, "--json")).stdout)
	if got["file"] != copyPath || got["unit"] != "2024:12694" || got["bytes"].(float64) < 4096 {
		t.Fatalf("backup %v", got)
	}
	if fi, err := os.Stat(copyPath); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("copy: %v, %v", fi, err)
	}
	// After the copy: the citizens are imported again with a change.
	cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-bad.csv"), "--skip-bad", "--db", db)
	if exportAll(t, home, db) == records {
		t.Fatal("the import after the copy changed nothing: the test proves nothing")
	}
	r := mustOK(t, cli(t, home, "restore", copyPath, "--db", db))
	if !strings.Contains(r.stderr, "Đã khôi phục từ "+copyPath) || !strings.Contains(r.stderr, filepath.Join(home, "backups", "before-restore-")) {
		t.Errorf("restore said:\n%s", r.stderr)
	}
	if exportAll(t, home, db) != records || reportJSON(t, home, db) != totals {
		t.Fatal("the restored database does not hold the records of the copy")
	}
	if k := mustOK(t, cli(t, home, "keys", "show", "--db", db, "--json")).stdout; k != keys {
		t.Fatalf("keys after the restore:\n%s\nwant\n%s", k, keys)
	}
}

func TestRestore_RefusesWithItsReason(t *testing.T) {
	home, db := newCommune(t)
	other := filepath.Join(home, "other.db")
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12700", "--list", "2024", "--db", other))
	otherCopy := filepath.Join(home, "other-copy.db")
	mustOK(t, cli(t, home, "backup", "--out", otherCopy, "--db", other))
	text := filepath.Join(home, "notes.db")
	os.WriteFile(text, []byte("không phải cơ sở dữ liệu"), 0o600)
	before := exportAll(t, home, db)
	for _, tc := range []struct{ file, lang, want string }{
		{text, "vi", "Lỗi: tệp này không phải cơ sở dữ liệu của Sổ Khuyến Học"},
		{text, "en", "Error: this file is not a database of Sổ Khuyến Học"},
		{otherCopy, "vi", "Lỗi: bản sao này là của một đơn vị khác"},
		{otherCopy, "en", "Error: the copy belongs to another unit"},
	} {
		r := cli(t, home, "restore", tc.file, "--db", db, "--lang", tc.lang)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("restore %s (%s): exit %d, %q; want 1, %q", filepath.Base(tc.file), tc.lang, r.code, r.stderr, tc.want)
		}
	}
	if exportAll(t, home, db) != before {
		t.Fatal("a refused restore changed the database")
	}
}

// After a run on the test data the log holds the events and the errors,
// and no name, CCCD or phone number of any file in testdata/records.
func TestLog_HoldsEventsButNoPersonalData(t *testing.T) {
	home, db := newCommune(t)
	fillCommune(t, home, db)
	for _, f := range []string{"citizens-bad.csv", "citizens-nfd.csv", "citizens-tcvn3.csv", "citizens-unknown-column.csv"} {
		cli(t, home, "records", "import", "--kind", "citizen", fixture(f), "--db", db)
	}
	cli(t, home, "records", "list", "--kind", "citizen", "--search", "Nguyễn Thị Hòa", "--db", db)
	cli(t, home, "records", "list", "--kind", "citizen", "--search", "034185001234", "--db", db)
	copyPath := filepath.Join(home, "copy.db")
	mustOK(t, cli(t, home, "backup", "--out", copyPath, "--db", db))
	mustOK(t, cli(t, home, "restore", copyPath, "--db", db))
	cli(t, home, "restore", fixture("citizens-good.csv"), "--db", db)
	reportJSON(t, home, db)

	logs, _ := filepath.Glob(filepath.Join(home, "logs", "khuyenhoc-cli.log*"))
	var all strings.Builder
	for _, p := range logs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		if fi, _ := os.Stat(p); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	log := all.String()
	for _, want := range []string{"msg=start command=init", `msg="records import" kind=citizen file=citizens-good.csv`,
		`msg="error shown" file=citizens-bad.csv line=3 err="id_number: \"…\": CCCD does not match the gender" kind=[data.ErrCCCDGender]`,
		"msg=backup file=copy.db", "msg=restore file=copy.db unit=2024:12694",
		"msg=failed command=restore exit=1 ", "err=\"store: the file is not a database of Sổ Khuyến Học\""} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	for _, secret := range personalData(t) {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds personal data %q", secret)
		}
	}
	if t.Failed() {
		t.Log(log)
	}
}

// personalData lists the names, CCCDs and phone numbers (as written and
// as bare digits) of every file in testdata/records, and the operator's
// name given at init.
func personalData(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(fixture("*.csv"))
	out := []string{"Cán bộ xã"}
	nonDigit := regexp.MustCompile(`\D`)
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil || len(rows) < 2 {
			continue // not a CSV this reader takes (TCVN3): its values are in the others
		}
		for _, row := range rows[1:] {
			for i, col := range rows[0] {
				v := strings.TrimSpace(row[i])
				switch col {
				case "full_name", "guardian", "director":
					if v != "" {
						out = append(out, v)
					}
				case "id_number", "phone":
					if d := nonDigit.ReplaceAllString(v, ""); len(d) >= 6 {
						out = append(out, v, d)
					}
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d personal values in testdata/records", len(out))
	}
	return out
}

// Every reason a backup or a restore can fail with has a sentence in both
// languages.
func TestBackupErrorsAreTranslated(t *testing.T) {
	for _, err := range []error{store.ErrNotBackup, store.ErrDamaged, store.ErrOtherUnit, store.ErrInUse,
		store.ErrNewerSchema, store.ErrNotSetUp} {
		for _, lang := range []string{"vi", "en"} {
			if got := msg.Err(lang, err); got == err.Error() || strings.HasPrefix(got, "store:") {
				t.Errorf("%s: no translation of %q", lang, err)
			}
		}
	}
}

// A commune restores a copy older than its last bundle: its next bundle
// takes the next number, and the district imports it (it would hold back a
// second bundle of a number it has as a copied installation).
func TestRestore_NextBundleIsNotOneTheDistrictHas(t *testing.T) {
	home := t.TempDir()
	ddb, cdb := filepath.Join(home, "d", "d.db"), filepath.Join(home, "c", "c.db")
	dkey, ckey := filepath.Join(home, "d.khkey"), filepath.Join(home, "c.khkey")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", ddb))
	mustOK(t, cli(t, home, "keys", "export", "--out", dkey, "--db", ddb))
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", cdb, "--upstream", dkey))
	mustOK(t, cli(t, home, "keys", "export", "--out", ckey, "--db", cdb))
	mustOK(t, cli(t, home, "keys", "trust", ckey, "--db", ddb))
	export := func(kind, file string) string {
		t.Helper()
		mustOK(t, cli(t, home, "records", "import", "--kind", kind, fixture(file), "--db", cdb))
		stick := t.TempDir()
		mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", cdb))
		return stick
	}
	first := export("citizen", "citizens-good.csv")
	copyPath := filepath.Join(home, "copy.db")
	mustOK(t, cli(t, home, "backup", "--out", copyPath, "--db", cdb))
	second := export("centre", "centres-good.csv")
	mustOK(t, cli(t, home, "bundle", "import", first, second, "--db", ddb))

	mustOK(t, cli(t, home, "restore", copyPath, "--db", cdb))
	third := export("fund", "funds-good.csv")
	files, _ := filepath.Glob(filepath.Join(third, "*.khb"))
	if len(files) != 1 || !strings.Contains(filepath.Base(files[0]), "-000003-") {
		t.Fatalf("the bundle after the restore: %v, want number 3", files)
	}
	r := cli(t, home, "bundle", "import", third, "--db", ddb, "--json")
	if got := decode[map[string]any](t, r.stdout); r.code != 0 || got["refused"] != 0.0 {
		t.Fatalf("the district did not take the bundle made after the restore: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
