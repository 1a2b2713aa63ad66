package bundle

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/cryptotest"

	"sokhuyenhoc/sync/keys"
)

var update = flag.Bool("update", false, "rewrite the test vectors in testdata/bundle")

const vectorDir = "../../testdata/bundle"

// sentinelNames maps a vector's expect: value to the error.
var sentinelNames = map[string]error{
	"ok": nil, "ErrNotBundle": ErrNotBundle, "ErrTruncated": ErrTruncated, "ErrMalformed": ErrMalformed,
	"ErrUnsupported": ErrUnsupported, "ErrTooLarge": ErrTooLarge, "ErrBadSignature": ErrBadSignature,
	"ErrWrongKey": ErrWrongKey, "ErrPayloadHash": ErrPayloadHash, "ErrNotRecipient": ErrNotRecipient,
	"ErrDecrypt": ErrDecrypt, "ErrPayloadMismatch": ErrPayloadMismatch,
}

// vector is one test vector to write.
type vector struct {
	name, expect, identity, comment string
	rows                            int
	data                            func(t *testing.T, g *golden) []byte
}

func vectors() []vector {
	same := func(_ *testing.T, g *golden) []byte { return g.data }
	return []vector{
		{"ok", "ok", "district", "a good bundle from commune 2025:00004 to district 2024:001, read by the district", 5, same},
		{"ok-sender", "ok", "commune", "the same bundle read by its sender, also a recipient", 5, same},
		{"not-recipient", "ErrNotRecipient", "stranger", "the same bundle, read by an installation it is not encrypted to", 0, same},
		{"not-bundle", "ErrNotBundle", "district", "a CSV file, not a ZIP", 0, func(*testing.T, *golden) []byte { return []byte("ho_dem,ten\nNguyễn Văn,An\n") }},
		{"truncated", "ErrTruncated", "district", "the good bundle cut 300 bytes short", 0, cutFromEnd(300)},
		{"deflated", "ErrMalformed", "district", "manifest.json stored with deflate", 0, func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[0].method = 8
			return craftZip(t, e...)
		}},
		{"bad-signature", "ErrBadSignature", "district", "the manifest's created time edited (CRC-32 fixed)", 0,
			editManifest(`"created":"2025`, `"created":"2026`)},
		{"wrong-key", "ErrWrongKey", "district", "signed by another key claiming the same unit", 0, func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, g.plain, rawOpts{signer: g.f.stranger})
		}},
		{"payload-hash", "ErrPayloadHash", "district", "one payload byte changed (CRC-32 fixed)", 0, func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[2].data = bytes.Clone(g.body)
			e[2].data[200] ^= 0x40
			return craftZip(t, e...)
		}},
		{"payload-mismatch", "ErrPayloadMismatch", "district", "signed, but the payload header names seq 2", 0,
			raw(func(g *golden) []byte { return bytes.Replace(g.plain, []byte(`"seq":1}`), []byte(`"seq":2}`), 1) }, rawOpts{})},
		{"trailer-missing", "ErrTruncated", "district", "signed, but the payload has no trailer line", 0,
			raw(func(g *golden) []byte { return replaceLine(g.plain, -1, "") }, rawOpts{})},
		{"zstd-bomb", "ErrTooLarge", "district", "signed, but plain_size is smaller than the plaintext", 0,
			raw(nil, rawOpts{editM: func(m *Manifest) { m.Payload.PlainSize = 300 }})},
	}
}

// TestGenerateVectors rewrites testdata/bundle with -update, from fixed seeds.
func TestGenerateVectors(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/bundle")
	}
	cryptotest.SetGlobalRandom(t, 2)
	f := MustFixture(t)
	keyDir := filepath.Join(vectorDir, "keys")
	if err := os.MkdirAll(keyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]*keys.Identity{"commune": f.commune, "district": f.district, "stranger": f.stranger} {
		pub, err := keys.MarshalPublic(id)
		if err != nil {
			t.Fatal(err)
		}
		writeVector(t, filepath.Join(keyDir, name+".khkey"), pub)
		writeVector(t, filepath.Join(keyDir, name+".backup.txt"), keys.MarshalBackup(id))
	}
	m := baseManifest(1)
	m.BundleID = "0197c4a0-1c00-7000-8000-000000000001"
	data, sealed := MustSeal(t, f, m, fillRows(5))
	g := regolden(t, &golden{f: f, data: data, m: sealed})
	for _, v := range vectors() {
		writeVector(t, filepath.Join(vectorDir, v.name+".khb"), v.data(t, g))
		txt := "expect: " + v.expect + "\nsigner: keys/commune.khkey\nidentity: keys/" + v.identity +
			".backup.txt\nrows: " + strconv.Itoa(v.rows) + "\ncomment: " + v.comment + "\n"
		writeVector(t, filepath.Join(vectorDir, v.name+".txt"), []byte(txt))
	}
}

func writeVector(t *testing.T, path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// regolden recomputes a golden's parts from its data and manifest.
func regolden(t *testing.T, g *golden) *golden {
	b, err := Open(bytes.NewReader(g.data), int64(len(g.data)))
	if err != nil {
		t.Fatal(err)
	}
	e := b.ents[2]
	return &golden{f: g.f, data: g.data, m: g.m, manifest: b.manifestBytes, sig: b.sig,
		body: g.data[e.dataOff : e.dataOff+e.size], plain: plainPayload(t, g.m, fillRows(5)), ents: b.ents}
}

// readVectorFile reads a file of testdata/bundle.
func readVectorFile(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// vectorSpec parses a vector's .txt.
func vectorSpec(t testing.TB, path string) map[string]string {
	spec := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(readVectorFile(t, path))), "\n") {
		k, v, _ := strings.Cut(l, ": ")
		spec[k] = v
	}
	return spec
}

func TestVectors(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(vectorDir, "*.khb"))
	if len(paths) < 10 {
		t.Fatalf("%d vectors in %s, want at least 10", len(paths), vectorDir)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".khb")
		t.Run(name, func(t *testing.T) {
			spec := vectorSpec(t, name+".txt")
			want, ok := sentinelNames[spec["expect"]]
			if !ok {
				t.Fatalf("unknown expect: %q", spec["expect"])
			}
			pub, err := keys.ParsePublic(readVectorFile(t, spec["signer"]))
			if err != nil {
				t.Fatal(err)
			}
			id, err := keys.ParseBackup(readVectorFile(t, spec["identity"]))
			if err != nil {
				t.Fatal(err)
			}
			items, err := readAll(readVectorFile(t, name+".khb"), pub, id.AgeIdentity())
			if !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %s", err, spec["expect"])
			}
			if err == nil && strconv.Itoa(countRows(items)) != spec["rows"] {
				t.Errorf("read %d rows, want %s", countRows(items), spec["rows"])
			}
		})
	}
}

func countRows(items []Item) int {
	n := 0
	for _, it := range items {
		if it.Row != nil {
			n++
		}
	}
	return n
}
