package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
)

// writeCitizens writes a citizen file of n people.
func writeCitizens(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("full_name,gender,birth_year,village,year,result\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Nguyễn Văn Người%d,nam,%d,Thôn %d,2026,dat\n", i, 1950+i%50, i%12)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A power cut (kill -9) in the middle of an import: after restart the
// database is sound, the bundle is wholly out, and importing it again works.
func TestKill9DuringImport(t *testing.T) {
	home := t.TempDir()
	ddb, bundle := bigBundle(t, home, 60000)
	cmd := exec.Command(cliBin, "bundle", "import", bundle, "--db", ddb)
	cmd.Env = append(os.Environ(), "HOME="+home, "KHUYENHOC_PASSPHRASE="+testPassphrase)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if !waitForGrowth(ddb+"-wal", 2<<20, done) {
		t.Fatal("the import finished before it could be killed: make the bundle bigger")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	checkWhollyOut(t, ddb, "after kill -9")
	mustOK(t, cli(t, home, "bundle", "import", bundle, "--db", ddb))
	if got := len(listCitizens(t, home, ddb, "--limit", "70000")); got != 60000 {
		t.Fatalf("%d citizens after the retry, want 60000", got)
	}
}

// bigBundle sets up a district and its commune of citizens people, and
// returns the district's database and the commune's bundle on a stick.
func bigBundle(t *testing.T, home string, citizens int) (ddb, bundle string) {
	t.Helper()
	ddb, cdb := filepath.Join(home, "d", "d.db"), filepath.Join(home, "c", "c.db")
	mustOK(t, cli(t, home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", ddb))
	mustOK(t, cli(t, home, "keys", "export", "--out", filepath.Join(home, "d.khkey"), "--db", ddb))
	mustOK(t, cli(t, home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", cdb,
		"--upstream", filepath.Join(home, "d.khkey")))
	mustOK(t, cli(t, home, "keys", "export", "--out", filepath.Join(home, "c.khkey"), "--db", cdb))
	mustOK(t, cli(t, home, "keys", "trust", filepath.Join(home, "c.khkey"), "--db", ddb))
	csv := filepath.Join(home, "many.csv")
	writeCitizens(t, csv, citizens)
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", csv, "--db", cdb))
	stick := filepath.Join(home, "stick")
	os.MkdirAll(stick, 0o755)
	return ddb, strings.TrimSpace(mustOK(t, cli(t, home, "bundle", "export", "--out", stick, "--db", cdb)).stdout)
}

// checkWhollyOut asserts that the database is sound and holds nothing of
// the interrupted import: no ledger row, no citizen.
func checkWhollyOut(t *testing.T, ddb, when string) {
	t.Helper()
	st, err := store.Open(context.Background(), ddb, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	led, _ := st.Ledger(context.Background(), "")
	n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{})
	if len(led) != 0 || n != 0 {
		t.Fatalf("%s: %d ledger rows, %d citizens; the bundle must be wholly out", when, len(led), n)
	}
}

// waitForGrowth waits until path reaches size bytes (true) or the process
// ends first (false).
func waitForGrowth(path string, size int64, done chan error) bool {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			done <- err
			return false
		default:
		}
		if st, err := os.Stat(path); err == nil && st.Size() >= size {
			return true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}
