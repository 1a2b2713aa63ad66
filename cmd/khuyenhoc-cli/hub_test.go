package main

import (
	"bufio"
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sokhuyenhoc/sync/hub/wire"
)

// hubProc is `khuyenhoc-cli hub serve` running.
type hubProc struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan error
}

// startHub runs the hub on addr (127.0.0.1:0 for any port) and waits for
// the address it prints.
func startHub(t *testing.T, home, dir, addr string, trust ...string) *hubProc {
	t.Helper()
	args := []string{"hub", "serve", "--addr", addr, "--dir", dir}
	for _, k := range trust {
		args = append(args, "--trust", k)
	}
	return startHubWith(t, home, args...)
}

// startHubWith runs `khuyenhoc-cli` with args (hub serve …).
func startHubWith(t *testing.T, home string, args ...string) *hubProc {
	t.Helper()
	cmd := exec.Command(cliBin, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &hubProc{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
		p.done <- cmd.Wait()
	}()
	select {
	case p.url = <-line:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the hub printed no address")
	}
	if !strings.HasPrefix(p.url, "http://127.0.0.1:") {
		t.Fatalf("hub serve printed %q\n%s", p.url, p.stderr)
	}
	t.Cleanup(func() { p.stop(syscall.SIGKILL) })
	return p
}

// stop signals the hub and waits for it to end; it returns its error.
func (p *hubProc) stop(sig syscall.Signal) error {
	if p.cmd.ProcessState != nil {
		return nil
	}
	p.cmd.Process.Signal(sig)
	select {
	case err := <-p.done:
		p.done <- err
		return err
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		return <-p.done
	}
}

// network is a district, two of its communes and a hub trusting the
// district.
type network struct {
	home, ddb, adb, bdb, hubDir string
	hub                         *hubProc
}

func newNetwork(t *testing.T) *network {
	home := t.TempDir()
	n := &network{home: home, ddb: filepath.Join(home, "d", "d.db"), adb: filepath.Join(home, "a", "a.db"),
		bdb: filepath.Join(home, "b", "b.db"), hubDir: filepath.Join(home, "hub")}
	dkey := filepath.Join(home, "d.khkey")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", n.ddb))
	mustOK(t, cli(t, home, "keys", "export", "--out", dkey, "--db", n.ddb))
	for code, db := range map[string]string{"12694": n.adb, "12700": n.bdb} {
		mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", code, "--list", "2024", "--db", db, "--upstream", dkey))
		key := filepath.Join(home, code+".khkey")
		mustOK(t, cli(t, home, "keys", "export", "--out", key, "--db", db))
		mustOK(t, cli(t, home, "keys", "trust", key, "--db", n.ddb))
	}
	n.hub = startHub(t, home, n.hubDir, "127.0.0.1:0", dkey)
	return n
}

func hubObjects(t *testing.T, dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "objects", "*", "*.khb"))
	return files
}

func reportOf(t *testing.T, home, db string) map[string]any {
	out := filepath.Join(t.TempDir(), "r.json")
	mustOK(t, cli(t, home, "report", "--year", "2026", "--out", out, "--db", db))
	b, _ := os.ReadFile(out)
	return decode[map[string]any](t, string(b))
}

// The whole path on loopback: the district hands over its roster, the
// communes upload (receipts), a re-run uploads nothing, and the district's
// pull imports everything: its totals are the communes' sums.
func TestHubCLI_UploadReceiptsAndDistrictPull(t *testing.T) {
	n := newNetwork(t)
	r := mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.ddb, "--json"))
	if got := decode[map[string]any](t, r.stdout); got["roster_sent"] != true {
		t.Fatalf("first pull: %s", r.stdout)
	}
	for _, db := range []string{n.adb, n.bdb} {
		mustOK(t, cli(t, n.home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db))
		mustOK(t, cli(t, n.home, "records", "import", "--kind", "fund", fixture("funds-good.csv"), "--db", db))
		up := decode[map[string]any](t, mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", db, "--json")).stdout)
		if up["pending"] != 0.0 || len(up["bundles"].([]any)) != 1 {
			t.Fatalf("upload: %v", up)
		}
		again := mustOK(t, cli(t, n.home, "upload", "--db", db, "--lang", "en"))
		if !strings.Contains(again.stderr, "Nothing to upload") {
			t.Fatalf("second upload: %s", again.stderr)
		}
	}
	if got := hubObjects(t, n.hubDir); len(got) != 2 {
		t.Fatalf("hub objects %v", got)
	}
	r = mustOK(t, cli(t, n.home, "pull", "--import", "--db", n.ddb, "--json"))
	pulled := decode[map[string]any](t, r.stdout)
	if pulled["listed"] != 2.0 || pulled["refused"] != 0.0 || len(pulled["bundles"].([]any)) != 2 {
		t.Fatalf("pull --import: %s", r.stdout)
	}
	dist, a, b := reportOf(t, n.home, n.ddb), reportOf(t, n.home, n.adb), reportOf(t, n.home, n.bdb)
	for _, k := range [][2]string{{"citizens", "registered"}, {"citizens", "recognized"}, {"funds", "raised_vnd"}, {"funds", "spent_vnd"}} {
		got := dist[k[0]].(map[string]any)[k[1]].(float64)
		want := a[k[0]].(map[string]any)[k[1]].(float64) + b[k[0]].(map[string]any)[k[1]].(float64)
		if got != want || want == 0 {
			t.Errorf("%s.%s: district %v, communes %v", k[0], k[1], got, want)
		}
	}
	for _, f := range filesUnder(t, n.hubDir) {
		body, _ := os.ReadFile(f)
		for _, secret := range []string{"Nguyễn", "034185001234", "Hòa", "0912345678"} {
			if bytes.Contains(body, []byte(secret)) {
				t.Errorf("the hub's %s holds %q in clear", filepath.Base(f), secret)
			}
		}
	}
}

func filesUnder(t *testing.T, dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// The hub is killed; the upload exits 2 and keeps the bundle pending; the
// hub restarts on the same folder and address and the retry succeeds, with
// nothing duplicated.
func TestHubCLI_OutageThenRetry(t *testing.T) {
	n := newNetwork(t)
	mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.ddb))
	mustOK(t, cli(t, n.home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", n.adb))
	mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", n.adb)) // pins the key
	mustOK(t, cli(t, n.home, "records", "import", "--kind", "fund", fixture("funds-good.csv"), "--db", n.adb))
	n.hub.stop(syscall.SIGKILL)
	r := cli(t, n.home, "upload", "--db", n.adb, "--lang", "en")
	if r.code != 2 || !strings.Contains(r.stderr, "the hub cannot be reached") {
		t.Fatalf("upload with the hub down: exit %d\n%s", r.code, r.stderr)
	}
	addr := strings.TrimPrefix(n.hub.url, "http://")
	n.hub = startHub(t, n.home, n.hubDir, addr, filepath.Join(n.home, "d.khkey"))
	mustOK(t, cli(t, n.home, "upload", "--db", n.adb))
	if got := hubObjects(t, n.hubDir); len(got) != 2 {
		t.Fatalf("after the retry the hub holds %d bundles, want 2", len(got))
	}
	if err := n.hub.stop(syscall.SIGTERM); err != nil || !strings.Contains(n.hub.stderr.String(), "Máy chủ trung chuyển đã dừng") {
		t.Fatalf("SIGTERM: %v\n%s", err, n.hub.stderr)
	}
}

// A commune of another district, and garbage: refused, the hub stays up.
func TestHubCLI_StrangerAndGarbageRefused(t *testing.T) {
	n := newNetwork(t)
	home := n.home
	okey, odb := filepath.Join(home, "341.khkey"), filepath.Join(home, "o", "o.db")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "341", "--list", "2024", "--db", filepath.Join(home, "d2", "d2.db")))
	mustOK(t, cli(t, home, "keys", "export", "--out", okey, "--db", filepath.Join(home, "d2", "d2.db")))
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12832", "--list", "2024", "--db", odb, "--upstream", okey))
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", odb))
	r := cli(t, home, "upload", "--hub", n.hub.url, "--db", odb, "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "the hub does not trust this unit's key") {
		t.Fatalf("stranger: exit %d\n%s", r.code, r.stderr)
	}
	resp, err := http.Post(n.hub.url+wire.PathBundles, "application/octet-stream", strings.NewReader("not a bundle"))
	if err != nil || resp.StatusCode != http.StatusUnauthorized { // anonymous: refused before the body is read
		t.Fatalf("garbage: %v %v", resp, err)
	}
	if resp, err := http.Get(n.hub.url + wire.PathHealth); err != nil || resp.StatusCode != 200 {
		t.Fatalf("health after garbage: %v %v", resp, err)
	}
	if got := hubObjects(t, n.hubDir); len(got) != 0 {
		t.Fatalf("refused uploads stored: %v", got)
	}
	if r := cli(t, home, "pull", "--hub", n.hub.url, "--db", filepath.Join(home, "d2", "d2.db"), "--lang", "en"); r.code != 2 ||
		!strings.Contains(r.stderr, "refused the login") {
		t.Fatalf("pull by an untrusted district: exit %d\n%s", r.code, r.stderr)
	}
}

// Without a network: the district writes a receipt file for the commune,
// which imports it; a forged one is refused with an exact message and
// changes nothing.
func TestHubCLI_ReceiptFilesOnTheStick(t *testing.T) {
	n := newNetwork(t)
	home, stick := n.home, t.TempDir()
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", n.adb))
	mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", n.adb))
	mustOK(t, cli(t, home, "bundle", "import", stick, "--db", n.ddb))
	path := strings.TrimSpace(mustOK(t, cli(t, home, "receipts", "write", "--for", "12694", "--out", stick, "--db", n.ddb)).stdout)
	good, _ := os.ReadFile(path)
	forged := filepath.Join(stick, "forged.khr")
	os.WriteFile(forged, bytes.Replace(good, []byte(`"seq":1`), []byte(`"seq":2`), 1), 0o644)
	r := cli(t, home, "receipts", "import", forged, "--db", n.adb, "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "forged.khr: refused: the receipt's signature does not verify: it was changed or forged") {
		t.Fatalf("forged receipt: exit %d\n%s", r.code, r.stderr)
	}
	if r := cli(t, home, "receipts", "write", "--for", "12700", "--out", stick, "--db", n.ddb); r.code != 1 {
		t.Fatalf("a receipt for a commune with nothing imported: exit %d", r.code)
	}
	res := decode[map[string]any](t, mustOK(t, cli(t, home, "receipts", "import", path, "--db", n.adb, "--json")).stdout)
	rc := res["receipts"].([]any)[0].(map[string]any)
	if rc["acked"] != 1.0 || rc["issuer"] != "2024:340" {
		t.Fatalf("receipt import: %v", res)
	}
	if r := mustOK(t, cli(t, home, "upload", "--hub", n.hub.url, "--db", n.adb, "--lang", "en")); !strings.Contains(r.stderr, "Nothing to upload") {
		t.Fatalf("an acknowledged bundle was uploaded again: %s", r.stderr)
	}
}
