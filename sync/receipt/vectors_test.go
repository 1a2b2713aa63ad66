package receipt_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/cryptotest"

	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

var update = flag.Bool("update", false, "rewrite the test vectors in testdata/receipt")

const vectorDir = "../../testdata/receipt"

var sentinels = map[string]error{"ok": nil, "ErrMalformed": receipt.ErrMalformed,
	"ErrBadSignature": receipt.ErrBadSignature, "ErrWrongKey": receipt.ErrWrongKey, "ErrTooLarge": receipt.ErrTooLarge}

// TestGenerateVectors rewrites testdata/receipt with -update, from a fixed
// seed: the files are reproducible.
func TestGenerateVectors(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/receipt")
	}
	cryptotest.SetGlobalRandom(t, 6)
	hub, err := receipt.GenerateSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	id, stranger := mustIdentity(t), mustIdentity(t)
	khkey, _ := keys.MarshalPublic(id)
	hubR := sample(receipt.IssuerHub, hub.Public().KeyID(), 1)
	hubR.Bundles[0].FileSHA256 = strings.Repeat("cd", 32)
	hubFile, _ := receipt.Issue(hub, hubR)
	unitFile, _ := receipt.Issue(id, sample("2024:340", id.Public().KeyIDString(), 2))
	strangerFile, _ := receipt.Issue(stranger, sample("2024:340", stranger.Public().KeyIDString(), 2))
	files := map[string][]byte{
		"hub.pub":           []byte(hub.Public().String() + "\n"),
		"district.khkey":    khkey,
		"hub.khr":           hubFile,
		"hub.txt":           []byte("expect: ok\nkey: hub.pub\nfor: 2024:12694\nbundles: 1\n"),
		"district.khr":      unitFile,
		"district.txt":      []byte("expect: ok\nkey: district.khkey\nfor: 2024:12694\nbundles: 2\n"),
		"forged.khr":        bytes.Replace(unitFile, []byte(`"seq":2`), []byte(`"seq":3`), 1),
		"forged.txt":        []byte("expect: ErrBadSignature\nkey: district.khkey\ncomment: a bundle number was edited after signing\n"),
		"other-key.khr":     strangerFile,
		"other-key.txt":     []byte("expect: ErrWrongKey\nkey: district.khkey\ncomment: signed by another key of the same unit\n"),
		"not-canonical.khr": bytes.Replace(unitFile, []byte(`,"for"`), []byte(`, "for"`), 1),
		"not-canonical.txt": []byte("expect: ErrMalformed\nkey: district.khkey\ncomment: a space inside the document\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(vectorDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVectors checks every testdata/receipt/*.khr against its .txt.
func TestVectors(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(vectorDir, "*.khr"))
	sort.Strings(names)
	if len(names) < 5 {
		t.Fatalf("only %d vectors", len(names))
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			file, _ := os.ReadFile(name)
			meta := readMeta(t, strings.TrimSuffix(name, ".khr")+".txt")
			want, ok := sentinels[meta["expect"]]
			if !ok {
				t.Fatalf("unknown expectation %q", meta["expect"])
			}
			r, err := receipt.Verify(file, vectorKey(t, meta["key"]))
			if !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Fatalf("got %v, want %s", err, meta["expect"])
			}
			if want == nil && (r.For != meta["for"] || len(r.Bundles) != atoi(meta["bundles"])) {
				t.Fatalf("receipt %+v, want %v", r, meta)
			}
		})
	}
}

func vectorKey(t *testing.T, name string) keys.PublicKey {
	b, err := os.ReadFile(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(name, ".pub") {
		k, err := receipt.ParseKey(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		return k.Public()
	}
	k, err := keys.ParsePublic(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func readMeta(t *testing.T, path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			m[k] = v
		}
	}
	return m
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
