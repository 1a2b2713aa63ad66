package keys_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

func testIdentity(t *testing.T) *keys.Identity {
	t.Helper()
	id, err := keys.Generate(units.Ref{List: "2025", Code: "00004"}, "commune", "Phường Ba Đình (TEST)",
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// secretForms are the ways the identity's secret bytes could appear in a file.
func secretForms(t *testing.T, id *keys.Identity) [][]byte {
	t.Helper()
	backup := keys.MarshalBackup(id)
	var forms [][]byte
	for _, line := range strings.Split(string(backup), "\n") {
		if v, ok := strings.CutPrefix(line, "# ed25519-seed: "); ok {
			seed, err := base64.StdEncoding.DecodeString(v)
			if err != nil {
				t.Fatal(err)
			}
			forms = append(forms, []byte(v), seed)
		}
		if strings.HasPrefix(line, "AGE-SECRET-KEY-1") {
			forms = append(forms, []byte(line), []byte(strings.ToLower(line)))
		}
	}
	if len(forms) != 4 {
		t.Fatalf("secret forms %d", len(forms))
	}
	return forms
}

func TestSeal_SecretBytesNotInTheFileAndWrongPassphraseRefused(t *testing.T) {
	id := testIdentity(t)
	pass := []byte("mật khẩu thử 123")
	sealed, err := keys.Seal(keys.MarshalBackup(id), pass, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !keys.IsSealed(sealed) || keys.IsSealed(keys.MarshalBackup(id)) {
		t.Fatal("IsSealed")
	}
	for _, f := range secretForms(t, id) {
		if bytes.Contains(sealed, f) {
			t.Fatalf("the sealed file holds secret bytes %q", f)
		}
	}
	got, err := keys.OpenBackup(sealed, func() ([]byte, error) { return pass, nil })
	if err != nil || !bytes.Equal(keys.MarshalBackup(got), keys.MarshalBackup(id)) {
		t.Fatalf("open: %v", err)
	}
	if _, err := keys.Unseal(sealed, []byte("mật khẩu sai 123")); !errors.Is(err, keys.ErrPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := keys.Seal([]byte("x"), []byte("ngắn"), 10); !errors.Is(err, keys.ErrWeakPassphrase) {
		t.Errorf("short passphrase: %v", err)
	}
	if _, err := keys.Unseal(keys.MarshalBackup(id), pass); !errors.Is(err, keys.ErrNotSealed) {
		t.Errorf("clear text: %v", err)
	}
}

// The protected backup is a plain age file: Debian's stock age opens it
// with the passphrase typed at its prompt (through a terminal made by
// script(1), since age reads passphrases from the terminal only), and what
// comes out is the backup, itself an age identity file.
func TestSealBackup_StockAgeDecrypts(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skipf("age not installed (the Makefile installs it): %v", err)
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skipf("script (util-linux) not installed: %v", err)
	}
	id := testIdentity(t)
	pass := "mật khẩu sao lưu 2026"
	b, err := keys.SealBackup(id, []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "khoa-sao-luu.age"), filepath.Join(dir, "backup.txt")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range secretForms(t, id) {
		if bytes.Contains(b, f) {
			t.Fatalf("the backup file holds secret bytes %q", f)
		}
	}
	run := func(typed string) error {
		cmd := exec.Command(script, "-qec", agePath+" -d -o "+out+" "+in, "/dev/null")
		cmd.Stdin = strings.NewReader(typed + "\n")
		var so bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &so
		err := cmd.Run()
		if err != nil {
			t.Logf("age: %v\n%s", err, so.String())
		}
		return err
	}
	if err := run("mật khẩu sai"); err == nil {
		t.Fatal("stock age opened the backup with a wrong passphrase")
	}
	if err := run(pass); err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(plain, keys.MarshalBackup(id)) {
		t.Fatalf("stock age gave %q %v", plain, err)
	}
	if _, err := keys.ParseBackup(plain); err != nil {
		t.Fatal(err)
	}
}
