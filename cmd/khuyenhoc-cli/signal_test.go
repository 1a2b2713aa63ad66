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
)

// SIGTERM and Ctrl+C stop a running import cleanly: the program ends by
// itself, says it stopped, the bundle being read is wholly out and the
// database sound; importing again afterwards works.
func TestSignalStopsImportCleanly(t *testing.T) {
	home := t.TempDir()
	ddb, bundle := bigBundle(t, home, 60000)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(cliBin, "bundle", "import", bundle, "--db", ddb, "--lang", "en")
		cmd.Env = append(os.Environ(), "HOME="+home, "KHUYENHOC_PASSPHRASE="+testPassphrase) // the keys are sealed (privacy_test.go)
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
		checkWhollyOut(t, ddb, sig.String())
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
		cmd.Env = append(os.Environ(), "HOME="+home, "KHUYENHOC_PASSPHRASE="+testPassphrase) // the keys are sealed (privacy_test.go)
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
	in := func(dir string, args ...string) result { t.Helper(); return cliIn(t, dir, home, args...) }
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
