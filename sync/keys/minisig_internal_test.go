package keys

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerify_StockMinisignSignature verifies signatures made by the stock
// minisign program with a key it generated.
func TestVerify_StockMinisignSignature(t *testing.T) {
	bin, err := exec.LookPath("minisign")
	if err != nil {
		t.Skipf("minisign not installed (the Makefile installs it): %v", err)
	}
	dir := t.TempDir()
	pubPath, secPath, msgPath := filepath.Join(dir, "k.pub"), filepath.Join(dir, "k.sec"), filepath.Join(dir, "m")
	run := func(args ...string) {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("minisign %v: %v\n%s", args, err, out)
		}
	}
	run("-G", "-W", "-p", pubPath, "-s", secPath)
	msg := []byte("Sổ Khuyến Học\n")
	if err := os.WriteFile(msgPath, msg, 0o600); err != nil {
		t.Fatal(err)
	}
	run("-S", "-s", secPath, "-m", msgPath, "-t", "stock trusted comment")
	pubFile, _ := os.ReadFile(pubPath)
	sig, _ := os.ReadFile(msgPath + ".minisig")
	lines := strings.Split(strings.TrimSpace(string(pubFile)), "\n")
	pub, keyID, err := decodePublicKey(lines[len(lines)-1])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		msg  []byte
		want error
	}{
		{"OK", msg, nil},
		{"ErrBadSignature", []byte("other"), ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := verifySigFile(pub, keyID, tt.msg, sig)
			if !errors.Is(err, tt.want) {
				t.Fatalf("verify: err = %v, want %v", err, tt.want)
			}
			if err == nil && c != "stock trusted comment" {
				t.Errorf("trusted comment = %q", c)
			}
		})
	}
	// minisign prints the key id without leading zeros ("%llX").
	if got := strings.TrimLeft(keyIDHex(keyID), "0"); !strings.Contains(lines[0], got) {
		t.Errorf("key id %s not in %q", got, lines[0])
	}
}
