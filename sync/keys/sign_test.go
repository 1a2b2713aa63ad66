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

	"aead.dev/minisign"

	"sokhuyenhoc/sync/keys"
)

// sigLines splits a signature file into its four lines.
func sigLines(sig []byte) []string { return strings.Split(strings.TrimSuffix(string(sig), "\n"), "\n") }

// editBlob decodes signature line i, applies f and re-encodes it.
func editBlob(sig []byte, i int, f func([]byte)) []byte {
	l := sigLines(sig)
	raw, _ := base64.StdEncoding.DecodeString(l[i])
	f(raw)
	l[i] = base64.StdEncoding.EncodeToString(raw)
	return []byte(strings.Join(l, "\n") + "\n")
}

func TestSignVerify(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	other := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	msg := []byte(`{"format":"khb/1"}`)
	const comment = "khb/1 test 2025:00004 seq 1"
	sig, err := id.Sign(msg, comment)
	if err != nil {
		t.Fatal(err)
	}
	otherSig, _ := other.Sign(msg, comment)
	sameIDOtherKey := other.Public()
	sameIDOtherKey.KeyID = id.KeyID()

	tests := []struct {
		name string
		pub  keys.PublicKey
		msg  []byte
		sig  []byte
		want error
	}{
		{"OK", id.Public(), msg, sig, nil},
		{"ErrBadSignature message edited", id.Public(), []byte(`{"format":"khb/2"}`), sig, keys.ErrBadSignature},
		{"ErrBadSignature trusted comment edited", id.Public(), msg,
			[]byte(strings.Replace(string(sig), "seq 1", "seq 2", 1)), keys.ErrBadSignature},
		{"ErrBadSignature signature bit", id.Public(), msg, editBlob(sig, 1, func(b []byte) { b[40] ^= 1 }), keys.ErrBadSignature},
		{"ErrBadSignature comment signature bit", id.Public(), msg, editBlob(sig, 3, func(b []byte) { b[0] ^= 1 }), keys.ErrBadSignature},
		{"ErrBadSignature same key id other key", sameIDOtherKey, msg, sig, keys.ErrBadSignature},
		{"ErrWrongKey signed by another key", id.Public(), msg, otherSig, keys.ErrWrongKey},
		{"ErrMalformed legacy Ed algorithm", id.Public(), msg, editBlob(sig, 1, func(b []byte) { b[1] = 'd' }), keys.ErrMalformed},
		{"ErrMalformed CRLF", id.Public(), msg, bytes.ReplaceAll(sig, []byte("\n"), []byte("\r\n")), keys.ErrMalformed},
		{"ErrMalformed no final newline", id.Public(), msg, bytes.TrimSuffix(sig, []byte("\n")), keys.ErrMalformed},
		{"ErrMalformed extra line", id.Public(), msg, append(append([]byte{}, sig...), "x\n"...), keys.ErrMalformed},
		{"ErrMalformed empty", id.Public(), msg, nil, keys.ErrMalformed},
		{"ErrMalformed not base64", id.Public(), msg, []byte(strings.Replace(string(sig), "\nR", "\n*", 1)), keys.ErrMalformed},
		{"ErrTooLarge", id.Public(), msg, bytes.Repeat([]byte("a"), 5000), keys.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.pub.Verify(tt.msg, tt.sig)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify: err = %v, want %v", err, tt.want)
			}
			if err == nil && got != comment {
				t.Errorf("trusted comment = %q, want %q", got, comment)
			}
		})
	}
}

func TestSign_BadComment(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	for _, c := range []string{"a\nb", "a\rb", strings.Repeat("x", keys.MaxCommentBytes+1), "\xff"} {
		if _, err := id.Sign([]byte("m"), c); !errors.Is(err, keys.ErrInvalid) {
			t.Errorf("Sign(comment %q): err = %v, want ErrInvalid", c, err)
		}
	}
}

// TestSign_MinisignLibrary cross-checks with an independent implementation.
func TestSign_MinisignLibrary(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	msg := []byte("Sổ Khuyến Học")
	sig, err := id.Sign(msg, "comment")
	if err != nil {
		t.Fatal(err)
	}
	var pk minisign.PublicKey
	if err := pk.UnmarshalText(id.Public().MinisignPubFile()); err != nil {
		t.Fatal(err)
	}
	if !minisign.Verify(pk, msg, sig) {
		t.Error("aead.dev/minisign rejects our signature")
	}
	if minisign.Verify(pk, []byte("other"), sig) {
		t.Error("aead.dev/minisign accepts our signature over another message")
	}
}

func TestSign_StockMinisign(t *testing.T) {
	bin := lookTool(t, "minisign")
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	dir := t.TempDir()
	msg := filepath.Join(dir, "manifest.json")
	writeFile(t, msg, []byte(`{"format":"khb/1"}`))
	sig, err := id.Sign([]byte(`{"format":"khb/1"}`), "khb/1 x 2025:00004 seq 1")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, msg+".minisig", sig)
	writeFile(t, filepath.Join(dir, "key.pub"), id.Public().MinisignPubFile())
	tests := []struct {
		name string
		args []string
	}{
		{"key line -P", []string{"-V", "-m", msg, "-P", id.Public().MinisignPublicKey()}},
		{"pub file -p", []string{"-V", "-m", msg, "-p", filepath.Join(dir, "key.pub")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := exec.Command(bin, tt.args...).CombinedOutput()
			if err != nil {
				t.Fatalf("minisign %v: %v\n%s", tt.args, err, out)
			}
			if !strings.Contains(string(out), "Trusted comment: khb/1 x 2025:00004 seq 1") {
				t.Errorf("minisign output lacks the trusted comment:\n%s", out)
			}
		})
	}
	writeFile(t, msg, []byte(`{"format":"khb/2"}`))
	if out, err := exec.Command(bin, "-V", "-m", msg, "-P", id.Public().MinisignPublicKey()).CombinedOutput(); err == nil {
		t.Errorf("stock minisign accepted an edited message:\n%s", out)
	}
}

// lookTool finds a stock program, skipping the test only when it is absent.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (the Makefile installs it): %v", name, err)
	}
	return p
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
