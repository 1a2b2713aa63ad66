package bundle

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/sync/keys"
)

// lookTool finds a stock program, skipping only when it is absent.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (the Makefile installs it): %v", name, err)
	}
	return p
}

// run runs a program with stdin and returns its stdout, failing on error.
func run(t *testing.T, stdin []byte, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// plainPayload rebuilds the NDJSON that Seal compressed for m and fill.
func plainPayload(t *testing.T, m Manifest, fill func(*PayloadWriter) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	pw := NewPayloadWriter(&buf)
	if err := pw.Header(headerOf(m)); err != nil {
		t.Fatal(err)
	}
	if err := fill(pw); err != nil {
		t.Fatal(err)
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStockTools checks a bundle with unzip, minisign, age and zstd as
// docs/bundle-format.md tells a person to.
func TestStockTools(t *testing.T) {
	unzip, minisign := lookTool(t, "unzip"), lookTool(t, "minisign")
	ageBin, zstdBin := lookTool(t, "age"), lookTool(t, "zstd")
	f := MustFixture(t)
	fill := fillRows(500)
	data, m := MustSeal(t, f, baseManifest(1), fill)
	dir := t.TempDir()
	file := filepath.Join(dir, FileName(m.Origin.Level, m.Origin.Code, int(m.Seq), m.BundleID))
	writeFile(t, file, data)

	t.Run("unzip -t", func(t *testing.T) {
		out := run(t, nil, unzip, "-t", file)
		if !strings.Contains(string(out), "No errors detected") {
			t.Errorf("unzip -t:\n%s", out)
		}
	})
	manifest := filepath.Join(dir, NameManifest)
	writeFile(t, manifest, run(t, nil, unzip, "-p", file, NameManifest))
	writeFile(t, manifest+".minisig", run(t, nil, unzip, "-p", file, NameSignature))
	t.Run("minisign -V", func(t *testing.T) {
		out := run(t, nil, minisign, "-V", "-m", manifest, "-P", f.commune.Public().MinisignPublicKey())
		if !strings.Contains(string(out), "Trusted comment: "+TrustedComment(m)) {
			t.Errorf("minisign -V:\n%s", out)
		}
	})
	payload := run(t, nil, unzip, "-p", file, NamePayload)
	want := plainPayload(t, m, fill)
	for _, id := range []*keys.Identity{f.district, f.commune} {
		t.Run("age -d -i backup | zstd -d as "+id.Level, func(t *testing.T) {
			backup := filepath.Join(dir, id.Level+"-backup.txt")
			writeFile(t, backup, keys.MarshalBackup(id))
			got := run(t, run(t, payload, ageBin, "-d", "-i", backup), zstdBin, "-d", "-c")
			if !bytes.Equal(got, want) {
				t.Errorf("stock tools read %d bytes of NDJSON, want %d identical bytes", len(got), len(want))
			}
		})
	}
	t.Run("age -d with a stranger's key fails", func(t *testing.T) {
		backup := filepath.Join(dir, "stranger-backup.txt")
		writeFile(t, backup, keys.MarshalBackup(f.stranger))
		cmd := exec.Command(ageBin, "-d", "-i", backup)
		cmd.Stdin = bytes.NewReader(payload)
		if out, err := cmd.Output(); err == nil {
			t.Errorf("age decrypted with a stranger's key: %d bytes", len(out))
		}
	})
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
