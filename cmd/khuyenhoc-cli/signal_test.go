//go:build unix

package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
)

// A district with a big bundle from its commune waiting on the stick.
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

// SIGTERM and Ctrl+C stop a running import cleanly: the program ends by
// itself, says it stopped, the bundle being read is wholly out and the
// database sound; importing again afterwards works.
func TestSignalStopsImportCleanly(t *testing.T) {
	home := t.TempDir()
	ddb, bundle := bigBundle(t, home, 60000)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(cliBin, "bundle", "import", bundle, "--db", ddb, "--lang", "en")
		cmd.Env = append(os.Environ(), "HOME="+home)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if !waitForGrowth(ddb+"-wal", 2<<20, done) {
			t.Fatalf("%v: the import finished before the signal: make the bundle bigger", sig)
		}
		cmd.Process.Signal(sig)
		var err error
		select {
		case err = <-done:
		case <-time.After(2 * time.Minute):
			cmd.Process.Kill()
			t.Fatalf("%v: the import did not stop", sig)
		}
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != exitUsage || !strings.Contains(stderr.String(), "stopped before the end") {
			t.Fatalf("%v: %v\n%s", sig, err, stderr.String())
		}
		st, err := store.Open(context.Background(), ddb, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.IntegrityCheck(context.Background()); err != nil {
			t.Fatal(err)
		}
		led, _ := st.Ledger(context.Background(), "")
		n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{})
		st.Close()
		if len(led) != 0 || n != 0 {
			t.Fatalf("%v: %d ledger rows, %d citizens; the bundle must be wholly out", sig, len(led), n)
		}
	}
	mustOK(t, cli(t, home, "bundle", "import", bundle, "--db", ddb))
	if got := len(listCitizens(t, home, ddb, "--limit", "70000")); got != 60000 {
		t.Fatalf("%d citizens after the import, want 60000", got)
	}
}

// A FIFO named *.khb on the stick — which used to hang `bundle import DIR`
// for ever — is refused by name at once, and the genuine bundle beside it
// goes in; named on its own it is refused too.
func TestImportRefusesAFIFO(t *testing.T) {
	home := t.TempDir()
	ddb, bundle := bigBundle(t, home, 10)
	stick := filepath.Dir(bundle)
	fifo := filepath.Join(stick, "commune-12694-000000-00000000.khb")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for want, args := range map[int][]string{2: {stick}, 1: {fifo}} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, cliBin, append(append([]string{"bundle", "import"}, args...), "--db", ddb, "--json")...)
		cmd.Env = append(os.Environ(), "HOME="+home)
		out, _ := cmd.Output()
		hung := ctx.Err() != nil
		cancel()
		if hung {
			t.Fatalf("import %v hung on the FIFO", args)
		}
		res := decode[struct {
			Bundles []struct{ File, Status, Error string }
		}](t, string(out))
		for _, b := range res.Bundles {
			switch {
			case b.File == fifo && (b.Status != "rejected" || !strings.Contains(b.Error, "not a regular file")):
				t.Errorf("the FIFO: %+v", b)
			case b.File != fifo && b.Status != "imported" && b.Status != "duplicate":
				t.Errorf("the genuine bundle: %+v", b)
			}
		}
		if len(res.Bundles) != want {
			t.Errorf("import %v: %d outcomes", args, len(res.Bundles))
		}
	}
}

// Bundles made with the database named relatively, from one working
// directory, are sent again from another (the outbox is recorded relative
// to the database's folder).
func TestResendFromAnotherWorkingDirectory(t *testing.T) {
	home := t.TempDir()
	in := func(dir string, args ...string) result {
		t.Helper()
		cmd := exec.Command(cliBin, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), "HOME="+home)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return result{code, out.String(), errb.String()}
	}
	mustOK(t, in(home, "init", "--level", "district", "--unit", "340", "--list", "2024", "--db", "d/d.db"))
	mustOK(t, in(home, "keys", "export", "--out", "d.khkey", "--db", "d/d.db"))
	mustOK(t, in(home, "init", "--level", "commune", "--unit", "12694", "--list", "2024", "--db", "c/c.db", "--upstream", "d.khkey"))
	writeCitizens(t, filepath.Join(home, "few.csv"), 5)
	mustOK(t, in(home, "records", "import", "--kind", "citizen", "few.csv", "--db", "c/c.db"))
	os.MkdirAll(filepath.Join(home, "stick"), 0o755)
	mustOK(t, in(home, "bundle", "export", "--out", "stick", "--db", "c/c.db"))
	again := filepath.Join(home, "again")
	os.MkdirAll(again, 0o755)
	mustOK(t, in(filepath.Join(home, "c"), "bundle", "export", "--out", again, "--from-seq", "1", "--db", "c.db"))
	if names, _ := filepath.Glob(filepath.Join(again, "*.khb")); len(names) != 1 {
		t.Fatalf("resent %v", names)
	}
}
