package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sokhuyenhoc/sync/hub/hubtest"
)

// startServers starts PostgreSQL and the S3 server for a test, or skips it
// loudly (fails with KH_HUB_REQUIRE_SERVERS set) when they cannot run.
func startServers(t *testing.T) *hubtest.Servers {
	srv, err := hubtest.Start()
	if err != nil {
		msg := fmt.Sprintf("!!! SKIPPED: PostgreSQL + S3 could not be started: %v", err)
		if os.Getenv("KH_HUB_REQUIRE_SERVERS") != "" {
			t.Fatal(msg)
		}
		fmt.Fprintln(os.Stderr, msg)
		t.Skip(msg)
	}
	t.Cleanup(srv.Stop)
	return srv
}

// A folder hub moves to PostgreSQL and S3 with `hub migrate`; `hub serve
// --index --blobs` on the same key then serves the communes as before (the
// district pulls the old bundles and a new one); `hub scrub` finds every
// object whole.
func TestHubCLI_MigrateToPostgresAndS3ThenServeAndScrub(t *testing.T) {
	srv := startServers(t)
	n := newNetwork(t)
	mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.ddb))
	for _, db := range []string{n.adb, n.bdb} {
		mustOK(t, cli(t, n.home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db))
		mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", db))
	}
	if err := n.hub.stop(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	index, prefix, err := srv.NewHub(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "s3.secret")
	os.WriteFile(secret, []byte(hubtest.S3Secret+"\n"), 0o600)
	blobs := "s3://" + hubtest.S3Bucket + "/" + prefix
	s3 := []string{"--s3-endpoint", srv.S3Endpoint, "--s3-access-key", hubtest.S3Access, "--s3-secret-file", secret}
	r := mustOK(t, cli(t, n.home, append([]string{"hub", "migrate", "--from", n.hubDir, "--to-index", index,
		"--to-blobs", blobs, "--json"}, s3...)...))
	got := decode[map[string]any](t, r.stdout)
	if got["objects"] != 2.0 || got["bundles"] != 2.0 || got["rosters"] != 1.0 || len(got["bad"].([]any)) != 0 {
		t.Fatalf("migrate: %s", r.stdout)
	}

	newDir := filepath.Join(n.home, "hub2")
	os.MkdirAll(newDir, 0o700)
	key, _ := os.ReadFile(filepath.Join(n.hubDir, "hub.key"))
	os.WriteFile(filepath.Join(newDir, "hub.key"), key, 0o600)
	addr := strings.TrimPrefix(n.hub.url, "http://") // same address, same key: the clients notice nothing
	n.hub = startHubWith(t, n.home, append([]string{"hub", "serve", "--addr", addr, "--dir", newDir, "--index", index,
		"--blobs", blobs, "--trust", filepath.Join(n.home, "d.khkey")}, s3...)...)
	mustOK(t, cli(t, n.home, "records", "import", "--kind", "fund", fixture("funds-good.csv"), "--db", n.adb))
	mustOK(t, cli(t, n.home, "upload", "--db", n.adb))
	pulled := decode[map[string]any](t, mustOK(t, cli(t, n.home, "pull", "--import", "--db", n.ddb, "--json")).stdout)
	if pulled["listed"] != 3.0 || pulled["refused"] != 0.0 {
		t.Fatalf("pull from the moved hub: %v", pulled)
	}
	if objs := hubObjects(t, newDir); len(objs) != 0 {
		t.Fatalf("the moved hub wrote objects into its folder: %v", objs)
	}

	r = mustOK(t, cli(t, n.home, append([]string{"hub", "scrub", "--dir", newDir, "--index", index, "--blobs", blobs, "--json"}, s3...)...))
	sr := decode[map[string]any](t, r.stdout)
	if sr["objects"] != 3.0 || sr["rows"] != 3.0 || len(sr["bad"].([]any)) != 0 || len(sr["missing"].([]any)) != 0 {
		t.Fatalf("scrub: %s", r.stdout)
	}
	r = mustOK(t, cli(t, n.home, "hub", "scrub", "--dir", n.hubDir, "--json", "--lang", "en"))
	if sr := decode[map[string]any](t, r.stdout); sr["objects"] != 2.0 || !strings.Contains(r.stderr, "nothing was changed") {
		t.Fatalf("scrub of the old folder: %s\n%s", r.stdout, r.stderr)
	}
}

// A flipped byte in a folder hub's object: `hub scrub` exits 1 naming it,
// and leaves it there.
func TestHubCLI_ScrubReportsADamagedObject(t *testing.T) {
	n := newNetwork(t)
	mustOK(t, cli(t, n.home, "pull", "--hub", n.hub.url, "--db", n.ddb))
	mustOK(t, cli(t, n.home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", n.adb))
	mustOK(t, cli(t, n.home, "upload", "--hub", n.hub.url, "--db", n.adb))
	n.hub.stop(syscall.SIGTERM)
	objs := hubObjects(t, n.hubDir)
	b, _ := os.ReadFile(objs[0])
	b[len(b)/2] ^= 1
	os.WriteFile(objs[0], b, 0o600)
	r := cli(t, n.home, "hub", "scrub", "--dir", n.hubDir, "--lang", "en")
	name := strings.TrimSuffix(filepath.Base(objs[0]), ".khb")
	if r.code != 1 || !strings.Contains(r.stderr, "DAMAGED object (its bytes are not its name): "+name) {
		t.Fatalf("scrub: exit %d\n%s", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(objs[0]); string(after) != string(b) {
		t.Fatal("the scrub changed the object")
	}
}
