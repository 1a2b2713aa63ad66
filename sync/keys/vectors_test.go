package keys_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/cryptotest"
	"time"

	"sokhuyenhoc/sync/keys"
)

var update = flag.Bool("update", false, "rewrite the test vectors in testdata/keys")

const vectorDir = "../../testdata/keys"

// sentinels names the errors a vector may expect.
var sentinels = map[string]error{
	"ok": nil, "ErrMalformed": keys.ErrMalformed, "ErrUnsupported": keys.ErrUnsupported,
	"ErrTooLarge": keys.ErrTooLarge, "ErrBadSelfSignature": keys.ErrBadSelfSignature,
	"ErrBadSignature": keys.ErrBadSignature, "ErrWrongKey": keys.ErrWrongKey,
}

// vectorMessage is the message signed in testdata/keys/hello.txt.
const vectorMessage = "Sổ Khuyến Học test vector\n"

// TestGenerateVectors rewrites testdata/keys with -update. The keys come from
// a fixed seed, so the files are reproducible.
func TestGenerateVectors(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/keys")
	}
	cryptotest.SetGlobalRandom(t, 1)
	created := time.Date(2025, 7, 1, 1, 0, 0, 0, time.UTC)
	id, err := keys.Generate(communeUnit, keys.LevelCommune, "Phường Ba Đình (TEST)", created)
	if err != nil {
		t.Fatal(err)
	}
	good, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	pub := id.Public()
	sig, err := id.Sign([]byte(vectorMessage), "khkey test vector")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"commune.khkey":      good,
		"commune.txt":        []byte(okExpectation(pub)),
		"commune.backup.txt": keys.MarshalBackup(id),
		"hello.txt":          []byte(vectorMessage),
		"hello.txt.minisig":  sig,
		"edited-name.khkey":  bytes.Replace(good, []byte("Phường Ba Đình"), []byte("Phường Ba Dinh"), 1),
		"edited-name.txt":    []byte("expect: ErrBadSelfSignature\ncomment: the name was edited after signing\n"),
		"future.khkey":       bytes.Replace(good, []byte("khkey/1"), []byte("khkey/2"), 1),
		"future.txt":         []byte("expect: ErrUnsupported\ncomment: a later format version\n"),
		"unknown-field.khkey": bytes.Replace(good, []byte(`"level"`),
			[]byte(`"fingerprint": "0000 0000 0000",`+"\n  "+`"level"`), 1),
		"unknown-field.txt": []byte("expect: ErrMalformed\ncomment: an unknown field\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(vectorDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func okExpectation(pub keys.PublicKey) string {
	return fmt.Sprintf("expect: ok\nfingerprint: %s\nkey_id: %s\nminisign_public_key: %s\nage_recipient: %s\n"+
		"identity: commune.backup.txt\nsigned: hello.txt hello.txt.minisig\n",
		pub.Fingerprint(), pub.KeyIDString(), pub.MinisignPublicKey(), pub.AgeRecipient)
}

// readExpect parses the "name: value" lines of a vector's .txt file.
func readExpect(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, _ := strings.Cut(l, ": ")
		m[k] = v
	}
	return m
}

func TestVectors(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(vectorDir, "*.khkey"))
	if len(paths) < 4 {
		t.Fatalf("found %d vectors in %s, want at least 4", len(paths), vectorDir)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			exp := readExpect(t, strings.TrimSuffix(p, ".khkey")+".txt")
			want, ok := sentinels[exp["expect"]]
			if !ok {
				t.Fatalf("unknown expectation %q", exp["expect"])
			}
			b, _ := os.ReadFile(p)
			pub, err := keys.ParsePublic(b)
			if !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Fatalf("ParsePublic: err = %v, want %s", err, exp["expect"])
			}
			if err == nil {
				checkOKVector(t, pub, exp)
			}
		})
	}
}

func checkOKVector(t *testing.T, pub keys.PublicKey, exp map[string]string) {
	got := map[string]string{
		"fingerprint": pub.Fingerprint(), "key_id": pub.KeyIDString(),
		"minisign_public_key": pub.MinisignPublicKey(), "age_recipient": pub.AgeRecipient,
	}
	for k, v := range got {
		if exp[k] != v {
			t.Errorf("%s = %q, want %q", k, v, exp[k])
		}
	}
	backup, _ := os.ReadFile(filepath.Join(vectorDir, exp["identity"]))
	id, err := keys.ParseBackup(backup)
	if err != nil || !id.Public().Equal(pub) {
		t.Fatalf("backup: %v, or it holds another key", err)
	}
	files := strings.Fields(exp["signed"])
	msg, _ := os.ReadFile(filepath.Join(vectorDir, files[0]))
	sig, _ := os.ReadFile(filepath.Join(vectorDir, files[1]))
	if c, err := pub.Verify(msg, sig); err != nil || c != "khkey test vector" {
		t.Errorf("Verify(hello.txt) = %q, %v", c, err)
	}
}
