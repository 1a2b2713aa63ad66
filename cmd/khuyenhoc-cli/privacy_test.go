package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/subject"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// cliEnv runs the binary with extra environment (after the test's own).
func cliEnv(t *testing.T, home string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(cliBin, args...)
	cmd.Env = append(append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"KHUYENHOC_PASSPHRASE="+testPassphrase), env...)
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

// fileHolds reports which of strs the files hold, byte for byte.
func fileHolds(t *testing.T, strs [][]byte, paths ...string) [][]byte {
	t.Helper()
	var found [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, s := range strs {
			if bytes.Contains(b, s) {
				found = append(found, s)
			}
		}
	}
	return found
}

// The keys in the database are sealed by the passphrase given at init: the
// secret bytes are nowhere in the database file, a wrong passphrase is
// refused in Vietnamese, the right one from a file works, and the key
// backup is a passphrase-protected age file that stock age opens.
func TestKeysAtRest_CLI(t *testing.T) {
	home, db := newCommune(t)
	backup := filepath.Join(home, "khoa.age")
	bp := []string{"KHUYENHOC_BACKUP_PASSPHRASE=sao lưu riêng 2026"}
	mustOK(t, cliEnv(t, home, bp, "keys", "backup", "--out", backup, "--db", db))
	sealed, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := keys.Unseal(sealed, []byte("sao lưu riêng 2026"))
	if err != nil {
		t.Fatal(err)
	}
	var secrets [][]byte
	for _, line := range strings.Split(string(plain), "\n") {
		if v, ok := strings.CutPrefix(line, "# ed25519-seed: "); ok {
			seed, _ := base64.StdEncoding.DecodeString(v)
			secrets = append(secrets, []byte(v), seed)
		}
		if strings.HasPrefix(line, "AGE-SECRET-KEY-1") {
			secrets = append(secrets, []byte(line), []byte(strings.ToLower(line)))
		}
	}
	if len(secrets) != 4 {
		t.Fatalf("backup %s", plain)
	}
	if found := fileHolds(t, secrets, db, db+"-wal", backup); len(found) > 0 {
		t.Fatalf("secret key material in the database or the backup: %q", found)
	}
	r := cliEnv(t, home, []string{"KHUYENHOC_PASSPHRASE=không phải mật khẩu"}, "keys", "show", "--db", db)
	if r.code == 0 || !strings.Contains(r.stderr, "mật khẩu không đúng") {
		t.Fatalf("wrong passphrase: exit %d\n%s", r.code, r.stderr)
	}
	pf := filepath.Join(home, "pass.txt")
	os.WriteFile(pf, []byte(testPassphrase+"\r\n"), 0o600)
	show := mustOK(t, cliEnv(t, home, []string{"KHUYENHOC_PASSPHRASE=sai"}, "--passphrase-file", pf, "keys", "show", "--json", "--db", db))
	recipient := decode[map[string]any](t, show.stdout)["age_recipient"].(string)
	if !strings.Contains(string(plain), "# public key: "+recipient) {
		t.Fatalf("the backup is not of this installation: %s", recipient)
	}
	// Without any passphrase and no terminal, a command that needs the
	// keys says how to give it; one that does not need them runs.
	cmd := exec.Command(cliBin, "keys", "show", "--db", db)
	cmd.Env = []string{"HOME=" + home}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Cần mật khẩu của khóa: dùng --passphrase-file TỆP hoặc biến môi trường KHUYENHOC_PASSPHRASE") {
		t.Fatalf("no passphrase: %v\n%s", err, out)
	}
	cmd = exec.Command(cliBin, "records", "list", "--kind", "citizen", "--db", db)
	cmd.Env = []string{"HOME=" + home}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("records list without the passphrase: %v\n%s", err, out)
	}
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skipf("age not installed (the Makefile installs it): %v", err)
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skipf("script (util-linux) not installed: %v", err)
	}
	id := filepath.Join(home, "id.txt")
	dec := exec.Command(script, "-qec", agePath+" -d -o "+id+" "+backup, "/dev/null")
	dec.Stdin = strings.NewReader("sao lưu riêng 2026\n")
	if out, err := dec.CombinedOutput(); err != nil {
		t.Fatalf("stock age -d: %v\n%s", err, out)
	}
	got, err := os.ReadFile(id)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("stock age gave %q %v", got, err)
	}
}

// A database of an earlier version keeps its keys in clear until a
// passphrase is set (keys passphrase), then they are sealed.
func TestKeysPassphrase_SealsClearKeys(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "old.db")
	// an earlier version's init: no passphrase anywhere
	cmd := exec.Command(cliBin, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", db,
		"--new-passphrase-file", "/dev/null")
	cmd.Env = []string{"HOME=" + home}
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "8 ký tự") {
		t.Fatalf("init with an empty passphrase: %v\n%s", err, out)
	}
	_ = os.Remove(db)
	clearDB(t, db)
	r := mustOK(t, cli(t, home, "keys", "show", "--db", db))
	if !strings.Contains(r.stderr, "không có mật khẩu") {
		t.Errorf("no warning about clear keys:\n%s", r.stderr)
	}
	mustOK(t, cliEnv(t, home, []string{"KHUYENHOC_NEW_PASSPHRASE=mật khẩu mới 2026"}, "keys", "passphrase", "--db", db))
	r = cliEnv(t, home, []string{"KHUYENHOC_PASSPHRASE=mật khẩu mới 2026"}, "keys", "show", "--db", db)
	if r.code != 0 || strings.Contains(r.stderr, "không có mật khẩu") {
		t.Fatalf("after keys passphrase: exit %d\n%s", r.code, r.stderr)
	}
	if r := cli(t, home, "keys", "show", "--db", db); r.code == 0 {
		t.Fatal("the old (no) passphrase still opens the keys")
	}
}

// A wrong fingerprint is refused in Vietnamese without showing the right
// one, and nothing is enrolled.
func TestKeysTrust_WrongFingerprint(t *testing.T) {
	home, cdb := newCommune(t)
	ddb := filepath.Join(home, "d.db")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", ddb))
	key := filepath.Join(home, "c.khkey")
	mustOK(t, cli(t, home, "keys", "export", "--out", key, "--db", cdb))
	fp := decode[map[string]any](t, mustOK(t, cli(t, home, "keys", "show", "--json", "--db", cdb)).stdout)["fingerprint"].(string)
	wrong := []byte(fp)
	wrong[6] = '0' + (wrong[6]-'0'+1)%10
	r := cli(t, home, "keys", "trust", key, "--fingerprint", string(wrong), "--db", ddb)
	if r.code != 1 || !strings.Contains(r.stderr, "Dấu vân khóa không khớp với tệp khóa: nhóm thứ 2 khác") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, g := range append(strings.Fields(fp), strings.ReplaceAll(fp, " ", "")) {
		if strings.Contains(r.stderr+r.stdout, g) {
			t.Errorf("the refusal shows %q of the right fingerprint:\n%s", g, r.stderr)
		}
	}
	if out := mustOK(t, cli(t, home, "keys", "list", "--json", "--db", ddb)).stdout; strings.Contains(out, "12694") {
		t.Fatalf("enrolled after a wrong fingerprint: %s", out)
	}
	mustOK(t, cli(t, home, "keys", "trust", key, "--fingerprint", fp, "--db", ddb))
}

// clearDB sets up a database as an earlier version did: keys in clear.
func clearDB(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := setup.Init(ctx, st, units.Default(), setup.Params{Level: "commune", Unit: units.Ref{List: "2024", Code: "12694"}}); err != nil {
		t.Fatal(err)
	}
}

// chain sets up a province, a district and a commune, linked and enrolled.
func chain(t *testing.T) (home, p, d, c string) {
	t.Helper()
	home = t.TempDir()
	p, d, c = filepath.Join(home, "p", "p.db"), filepath.Join(home, "d", "d.db"), filepath.Join(home, "c", "c.db")
	key := func(db, name string) string {
		out := filepath.Join(home, name)
		mustOK(t, cli(t, home, "keys", "export", "--out", out, "--db", db))
		return out
	}
	mustOK(t, cli(t, home, "init", "--level", "province", "--unit", "34", "--list", "2024", "--db", p))
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", d, "--upstream", key(p, "p.khkey")))
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", c, "--upstream", key(d, "d.khkey")))
	mustOK(t, cli(t, home, "keys", "trust", key(d, "d2.khkey"), "--db", p))
	mustOK(t, cli(t, home, "keys", "trust", key(c, "c.khkey"), "--db", d))
	return home, p, d, c
}

func relay(t *testing.T, home, from, to string) string {
	t.Helper()
	stick := t.TempDir()
	path := strings.TrimSpace(mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", from)).stdout)
	mustOK(t, cli(t, home, "bundle", "import", path, "--db", to))
	return path
}

func awardsAt(t *testing.T, home, db string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, a := range decode[[]map[string]any](t, mustOK(t, cli(t, home, "records", "list", "--kind", "award", "--json", "--db", db)).stdout) {
		out[a["id"].(string)] = a
	}
	return out
}

// Consent per purpose, from the command line, at each level: a pupil whose
// guardian refused sending upward reaches the district and the province
// without a name; without consent to publish no export lists the name;
// then a purge, carried out at the district and the province, that an old
// bundle replayed does not undo; the person's data exported first, and
// both requests logged with their due days.
func TestPrivacy_ConsentPurgeAndPersonExport_CLI(t *testing.T) {
	home, p, d, c := chain(t)
	mustOK(t, cli(t, home, "records", "import", "--kind", "award", fixture("awards-good.csv"), "--db", c))
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", c))
	var refuse, child string
	for id, a := range awardsAt(t, home, c) {
		switch a["full_name"] {
		case "Phạm Minh Đức": // a pupil of 14: the guardian's old yes, and now the pupil's
			child = id
		case "Nguyễn Thu Trang":
			refuse = id
		}
	}
	mustOK(t, cli(t, home, "consent", "add", "--id", child, "--by", "child", "--publish", "co", "--db", c))
	mustOK(t, cli(t, home, "consent", "add", "--id", refuse, "--by", "self", "--name", "Nguyễn Thu Trang", "--on", "01/10/2026",
		"--keep", "co", "--upward", "khong", "--publish", "khong", "--db", c))
	status := mustOK(t, cli(t, home, "consent", "status", "--db", c)).stdout
	if !strings.Contains(status, "Khen thưởng, học bổng chưa có quyết định đồng ý") {
		t.Errorf("consent status: %s", status)
	}
	old := relay(t, home, c, d)
	oldUp := relay(t, home, d, p)
	for _, db := range []string{d, p} {
		as := awardsAt(t, home, db)
		if as[refuse]["full_name"] != "" || as[refuse]["school"] != "" || as[refuse]["amount_vnd"] != 2000000.0 {
			t.Errorf("the refused award at %s: %v", filepath.Base(db), as[refuse])
		}
		if as[child]["full_name"] != "Phạm Minh Đức" {
			t.Errorf("the consented award at %s: %v", filepath.Base(db), as[child])
		}
	}
	out := filepath.Join(t.TempDir(), "khen.xlsx")
	res := decode[map[string]any](t, mustOK(t, cli(t, home, "records", "export", "--kind", "award", "--out", out, "--json", "--db", c)).stdout)
	if res["withheld"] != 2.0 || res["rows"] != 1.0 { // Trang refused; Lê Hoàng Nam's old no
		t.Errorf("export %v", res)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("export mode %v %v", st.Mode(), err)
	}
	if txt := xlsxText(t, out); strings.Contains(txt, "Trang") || !strings.Contains(txt, "Phạm Minh Đức") {
		t.Errorf("exported list:\n%s", txt)
	}

	hoa := ""
	for _, m := range decode[[]map[string]any](t, mustOK(t, cli(t, home, "person", "find", "034185001234", "--json", "--db", c)).stdout) {
		hoa = m["id"].(string)
	}
	file := filepath.Join(t.TempDir(), "hoa.json")
	mustOK(t, cli(t, home, "person", "export", "--id", hoa, "--out", file, "--requester", "Nguyễn Thị Hòa",
		"--received", "04/12/2026", "--db", c))
	if b, _ := os.ReadFile(file); !bytes.Contains(b, []byte("034185001234")) || bytes.Contains(b, []byte("Lê Văn Hoà")) {
		t.Errorf("person export:\n%s", b)
	}
	mustOK(t, cli(t, home, "purge", "--id", hoa, "--requester", "Nguyễn Thị Hòa", "--db", c))
	relay(t, home, c, d)
	relay(t, home, d, p)
	for _, db := range []string{d, p} {
		if r := cli(t, home, "bundle", "import", map[string]string{d: old, p: oldUp}[db], "--db", db); r.code != 0 {
			t.Fatalf("replay: %s", r.stderr)
		}
	}
	for _, db := range []string{c, d, p} {
		if found := fileHolds(t, [][]byte{[]byte("034185001234"), []byte("0912345678")}, db, db+"-wal"); len(found) > 0 {
			t.Errorf("%s still holds %q", filepath.Base(db), found)
		}
		if out := mustOK(t, cli(t, home, "records", "list", "--kind", "citizen", "--json", "--db", db)).stdout; strings.Contains(out, hoa) {
			t.Errorf("%s still lists the purged citizen", filepath.Base(db))
		}
		outbox, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "outbox", "*.khb"))
		for _, f := range outbox {
			if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v", f, st.Mode())
			}
		}
	}
	reqs := decode[[]map[string]any](t, mustOK(t, cli(t, home, "person", "requests", "--json", "--db", c)).stdout)
	if len(reqs) != 2 || reqs[1]["kind"] != "access" || reqs[1]["received_on"] != "2026-12-04" || reqs[1]["due_on"] != "2026-12-08" {
		t.Errorf("requests %v", reqs)
	}
	for _, p := range []string{filepath.Join(filepath.Dir(c), "logs"), filepath.Join(filepath.Dir(c), "outbox")} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v", p, st.Mode(), err)
		}
	}
}

func xlsxText(t *testing.T, path string) string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetList()[0])
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

// Every error of personal data reads as its own sentence, Vietnamese and
// English (data/msg's walk checks that each is registered).
func TestPrivacyErrorsAreTranslated(t *testing.T) {
	for _, err := range []error{keys.ErrPassphrase, keys.ErrWeakPassphrase, keys.ErrNotSealed, setup.ErrLocked,
		exchange.ErrErased, store.ErrPurged, store.ErrNotPerson, store.ErrNoSubject, store.ErrRequestKind,
		subject.ErrFormat, data.ErrNoAnswer, data.ErrWithdrawnBefore} {
		vi, en := msg.Err("vi", fmt.Errorf("doing: %w", err)), msg.Err("en", err)
		if !msg.Known(err) || vi == en || vi == msg.T("vi", msg.Unexpected) {
			t.Errorf("%v: vi %q, en %q", err, vi, en)
		}
	}
}
