package bundle

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/klauspost/compress/zstd"

	"sokhuyenhoc/sync/keys"
)

// vectorFiles returns the contents of every .khb test vector.
func vectorFiles(tb testing.TB) [][]byte {
	paths, _ := filepath.Glob(filepath.Join(vectorDir, "*.khb"))
	var out [][]byte
	for _, p := range paths {
		out = append(out, readVectorFile(tb, filepath.Base(p)))
	}
	return out
}

// FuzzOpen: Open never panics, and whatever it accepts re-encodes to the
// same bytes (the format has one encoding).
func FuzzOpen(f *testing.F) {
	for _, b := range vectorFiles(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !isOneOf(err, []error{ErrNotBundle, ErrTruncated, ErrMalformed, ErrUnsupported, ErrTooLarge}) {
				t.Fatalf("Open: unexpected error %v", err)
			}
			return
		}
		e := b.ents[2]
		var out bytes.Buffer
		if err := writeArchive(&out, b.manifestBytes, b.sig, bytes.NewReader(data[e.dataOff:]), e.size, e.crc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("accepted input does not re-encode to itself")
		}
		if err := b.VerifyPayload(); err != nil && !isOneOf(err, []error{ErrPayloadHash, ErrMalformed}) {
			t.Fatalf("VerifyPayload: unexpected error %v", err)
		}
	})
}

// FuzzManifest: ParseManifest never panics, and what it accepts is valid and
// re-encodes to the same bytes.
func FuzzManifest(f *testing.F) {
	for _, data := range vectorFiles(f) {
		if b, err := Open(bytes.NewReader(data), int64(len(data))); err == nil {
			f.Add(b.manifestBytes)
		}
	}
	f.Add([]byte(`{"format":"khb/2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			if !isOneOf(err, []error{ErrMalformed, ErrUnsupported, ErrTooLarge}) {
				t.Fatalf("ParseManifest: unexpected error %v", err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted manifest does not validate: %v", err)
		}
		again, err := m.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted manifest re-encodes to %s, %v", again, err)
		}
	})
}

// FuzzPayloadReader: the reader never panics, and a payload it reads to the
// end, written again by PayloadWriter, reads back to the same items.
func FuzzPayloadReader(f *testing.F) {
	for _, p := range vectorPlaintexts(f) {
		f.Add(p)
	}
	f.Add([]byte(strings.Join([]string{testHeader, testTable, testRow(`["An",1990]`,
		`{"nam":[6,"0123456789abcdef",4,"fedcba9876543210",[[3,"0123456789abcdef"]]]}`), `{"end":true,"rows":1}`}, "\n") + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := readPayload(string(data))
		if err != nil {
			if !isOneOf(err, []error{ErrMalformed, ErrTruncated, ErrTooLarge}) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		pr, _ := NewPayloadReader(bytes.NewReader(data))
		var buf bytes.Buffer
		pw := NewPayloadWriter(&buf)
		pw.Header(pr.Header())
		for _, it := range items {
			if it.Row == nil {
				err = pw.Table(*it.Table)
			} else {
				err = pw.Row(*it.Row)
			}
			if err != nil {
				t.Fatalf("writing back an accepted item: %v", err)
			}
		}
		pw.Close()
		again, err := readPayload(buf.String())
		if err != nil || !reflect.DeepEqual(again, items) {
			t.Fatalf("rewritten payload reads back differently: %v", err)
		}
	})
}

// vectorPlaintexts decrypts the payload of every vector that has one, with
// the vector's identity.
func vectorPlaintexts(tb testing.TB) [][]byte {
	paths, _ := filepath.Glob(filepath.Join(vectorDir, "*.khb"))
	var out [][]byte
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".khb")
		id, err := keys.ParseBackup(readVectorFile(tb, vectorSpec(tb, name+".txt")["identity"]))
		if err != nil {
			tb.Fatal(err)
		}
		data := readVectorFile(tb, name+".khb")
		b, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue
		}
		e := b.ents[2]
		ar, err := age.Decrypt(bytes.NewReader(data[e.dataOff:e.dataOff+e.size]), id.AgeIdentity())
		if err != nil {
			continue
		}
		dec, _ := zstd.NewReader(ar, zstd.WithDecoderConcurrency(1))
		plain, err := io.ReadAll(dec)
		dec.Close()
		if err == nil || errors.Is(err, io.ErrUnexpectedEOF) {
			out = append(out, plain)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no vector payload could be decrypted")
	}
	return out
}
