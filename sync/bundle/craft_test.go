package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"maps"
	"testing"

	"filippo.io/age"
	"github.com/klauspost/compress/zstd"

	"sokhuyenhoc/sync/keys"
)

// golden is a good bundle and its parts, to damage.
type golden struct {
	f                   fixture
	data                []byte
	m                   Manifest
	manifest, sig, body []byte // the three entries' bytes
	plain               []byte // the NDJSON plaintext
	ents                [3]entry
}

// MustGolden seals a small good bundle with rows citizen rows.
func MustGolden(tb testing.TB, f fixture, rows int) *golden {
	tb.Helper()
	fill := fillRows(rows)
	data, m := MustSeal(tb, f, baseManifest(1), fill)
	b, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	e := b.ents[2]
	var plain bytes.Buffer
	pw := NewPayloadWriter(&plain)
	pw.Header(headerOf(m))
	fill(pw)
	pw.Close()
	return &golden{f: f, data: data, m: m, manifest: b.manifestBytes, sig: b.sig,
		body: data[e.dataOff : e.dataOff+e.size], plain: plain.Bytes(), ents: b.ents}
}

// zipEntry is one entry for craftZip; zero fields take the format's values.
type zipEntry struct {
	name   string
	data   []byte
	method uint16
	flags  uint16
	attrs  uint32
	size   uint64 // declared size override (both sizes), 0 for the real one
}

// craftZip writes entries with archive/zip, deflating when asked, with the
// format's fixed header values unless overridden.
func craftZip(tb testing.TB, entries ...zipEntry) []byte {
	tb.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range entries {
		stored := e.data
		if e.method == zip.Deflate {
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.BestCompression)
			fw.Write(e.data)
			fw.Close()
			stored = c.Bytes()
		}
		fh := &zip.FileHeader{Name: e.name, Method: e.method, Flags: e.flags, ReaderVersion: zipVersion,
			CreatorVersion: creatorVersion, ModifiedDate: dosDate, ExternalAttrs: externalAttrs,
			CRC32: crc32.ChecksumIEEE(e.data), CompressedSize64: uint64(len(stored)), UncompressedSize64: uint64(len(e.data))}
		if e.attrs != 0 {
			fh.ExternalAttrs = e.attrs
		}
		if e.size != 0 {
			fh.CompressedSize64, fh.UncompressedSize64 = e.size, e.size
		}
		w, err := zw.CreateRaw(fh)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(stored)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// entries returns the golden's three entries, for editing.
func (g *golden) entries() []zipEntry {
	return []zipEntry{{name: NameManifest, data: g.manifest}, {name: NameSignature, data: g.sig},
		{name: NamePayload, data: g.body}}
}

// rawOpts says how sealRaw deviates from a correct bundle.
type rawOpts struct {
	signer     *keys.Identity  // default: the commune
	comment    string          // default: TrustedComment(m)
	encryptTo  []age.Recipient // default: the manifest's recipients
	editCipher func([]byte) []byte
	editZstd   func([]byte) []byte
	editM      func(*Manifest) // applied after the payload fields are set
}

// sealRaw builds a bundle by hand around plain: zstd, age, a manifest with
// the right hash and sizes (then editM), signed by signer. It is how a
// buggy or hostile signer's bundle looks.
func (g *golden) sealRaw(tb testing.TB, plain []byte, o rawOpts) []byte {
	tb.Helper()
	m := g.m
	m.Counts = maps.Clone(g.m.Counts)
	if o.encryptTo == nil {
		o.encryptTo = []age.Recipient{g.f.district.AgeRecipient(), g.f.commune.AgeRecipient()}
	}
	z := compress(tb, plain)
	if o.editZstd != nil {
		z = o.editZstd(z)
	}
	cipher := encrypt(tb, z, o.encryptTo)
	if o.editCipher != nil {
		cipher = o.editCipher(cipher)
	}
	m.Payload = PayloadInfo{SHA256: ManifestHashHex(cipher), Size: int64(len(cipher)), PlainSize: int64(len(plain))}
	if o.editM != nil {
		o.editM(&m)
	}
	mb, err := m.Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	if o.signer == nil {
		o.signer = g.f.commune
	}
	if o.comment == "" {
		o.comment = TrustedComment(m)
	}
	sig, err := o.signer.Sign(mb, o.comment)
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	if err := writeArchive(&out, mb, sig, bytes.NewReader(cipher), int64(len(cipher)), crc32.ChecksumIEEE(cipher)); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

func compress(tb testing.TB, plain []byte) []byte {
	var buf bytes.Buffer
	zw, err := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1))
	if err != nil {
		tb.Fatal(err)
	}
	zw.Write(plain)
	zw.Close()
	return buf.Bytes()
}

func encrypt(tb testing.TB, data []byte, to []age.Recipient) []byte {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to...)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// dropLastChunk removes the last STREAM chunk of an age file that has more
// than one.
func dropLastChunk(tb testing.TB, c []byte) []byte {
	tb.Helper()
	hdr := bytes.Index(c, []byte("\n--- "))
	start := hdr + 1 + bytes.IndexByte(c[hdr+1:], '\n') + 1 + 16 // header, nonce
	const chunk = 64<<10 + 16
	last := (len(c) - start) % chunk
	if last == 0 {
		last = chunk
	}
	if len(c)-start <= chunk {
		tb.Fatalf("age file of %d bytes has one chunk", len(c))
	}
	return c[:len(c)-last]
}

// replaceLine replaces line i (0-based) of an NDJSON payload.
func replaceLine(plain []byte, i int, line string) []byte {
	lines := bytes.SplitAfter(plain, []byte("\n"))
	if i < 0 {
		i += len(lines) - 1 // SplitAfter leaves an empty last element
	}
	lines[i] = []byte(line)
	return bytes.Join(lines, nil)
}

var _ = io.EOF
