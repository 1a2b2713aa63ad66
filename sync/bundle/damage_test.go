package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// damage is one way to spoil a good bundle, and the error it must give.
type damage struct {
	name string
	data func(t *testing.T, g *golden) []byte
	pub  func(f fixture) keys.PublicKey      // default: the commune's key
	id   func(f fixture) *age.X25519Identity // default: the district's identity
	want error
}

func cut(n int) func(*testing.T, *golden) []byte {
	return func(_ *testing.T, g *golden) []byte { return g.data[:n] }
}

func cutFromEnd(n int) func(*testing.T, *golden) []byte {
	return func(_ *testing.T, g *golden) []byte { return g.data[:len(g.data)-n] }
}

// flip flips bit 0 of the byte at off (negative: from the end).
func flip(off int) func(*testing.T, *golden) []byte {
	return func(_ *testing.T, g *golden) []byte {
		d := bytes.Clone(g.data)
		if off < 0 {
			off += len(d)
		}
		d[off] ^= 1
		return d
	}
}

// put16 sets a 16-bit field at off of a copy of the golden bundle.
func put16(off func(g *golden) int64, v uint16) func(*testing.T, *golden) []byte {
	return func(_ *testing.T, g *golden) []byte {
		d := bytes.Clone(g.data)
		binary.LittleEndian.PutUint16(d[off(g):], v)
		return d
	}
}

// editManifest re-zips the golden bundle with an edited manifest (and the
// right CRC), keeping the original signature.
func editManifest(old, new string) func(*testing.T, *golden) []byte {
	return func(t *testing.T, g *golden) []byte {
		e := g.entries()
		e[0].data = []byte(strings.Replace(string(g.manifest), old, new, 1))
		return craftZip(t, e...)
	}
}

func raw(plainEdit func(g *golden) []byte, o rawOpts) func(*testing.T, *golden) []byte {
	return func(t *testing.T, g *golden) []byte {
		plain := g.plain
		if plainEdit != nil {
			plain = plainEdit(g)
		}
		return g.sealRaw(t, plain, o)
	}
}

func damageCases() []damage {
	cd := func(g *golden) int64 { return g.ents[2].dataOff + g.ents[2].size } // central directory offset
	return []damage{
		// Not a bundle at all.
		{name: "empty file", data: cut(0), want: ErrNotBundle},
		{name: "random bytes", data: func(*testing.T, *golden) []byte {
			b := make([]byte, 4096)
			rand.NewChaCha8([32]byte{3, 4}).Read(b)
			return b
		}, want: ErrNotBundle},
		{name: "text file", data: func(*testing.T, *golden) []byte { return []byte("Họ và tên,Năm sinh\n") }, want: ErrNotBundle},
		{name: "garbage before", data: func(_ *testing.T, g *golden) []byte { return append([]byte("MZ\x90\x00"), g.data...) }, want: ErrNotBundle},
		{name: "ordinary zip", data: func(t *testing.T, _ *golden) []byte {
			return craftZip(t, zipEntry{name: "readme.txt", data: []byte("hello"), method: zip.Deflate})
		}, want: ErrMalformed},
		// Truncation.
		{name: "cut to 1 byte", data: cut(1), want: ErrTruncated},
		{name: "cut inside first local header", data: cut(29), want: ErrTruncated},
		{name: "cut inside manifest", data: cut(100), want: ErrTruncated},
		{name: "cut inside payload", data: cutFromEnd(400), want: ErrTruncated},
		{name: "cut before end record", data: cutFromEnd(endLen), want: ErrTruncated},
		{name: "cut last byte", data: cutFromEnd(1), want: ErrTruncated},
		// Bit flips in every region.
		{name: "flip local header signature", data: flip(0), want: ErrNotBundle},
		{name: "flip local header version", data: flip(4), want: ErrMalformed},
		{name: "flip local header CRC", data: flip(14), want: ErrMalformed},
		{name: "flip local header name", data: flip(localLen + 3), want: ErrMalformed},
		{name: "flip manifest byte", data: flip(localLen + len(NameManifest) + 10), want: ErrMalformed},
		{name: "flip signature byte", data: func(t *testing.T, g *golden) []byte { return flip(int(g.ents[1].dataOff)+120)(t, g) }, want: ErrMalformed},
		{name: "flip payload byte", data: func(t *testing.T, g *golden) []byte { return flip(int(g.ents[2].dataOff)+500)(t, g) }, want: ErrPayloadHash},
		{name: "flip central directory external attributes", data: func(t *testing.T, g *golden) []byte { return flip(int(cd(g))+40)(t, g) }, want: ErrMalformed},
		{name: "flip end record entry count", data: flip(-14), want: ErrMalformed},
		// Archive structure.
		{name: "garbage after", data: func(_ *testing.T, g *golden) []byte { return append(bytes.Clone(g.data), 0) }, want: ErrMalformed},
		{name: "zip comment", data: func(_ *testing.T, g *golden) []byte {
			d := append(bytes.Clone(g.data), "hi"...)
			binary.LittleEndian.PutUint16(d[len(d)-4:], 2)
			return d
		}, want: ErrMalformed},
		{name: "entry missing", data: func(t *testing.T, g *golden) []byte { e := g.entries(); return craftZip(t, e[0], e[2]) }, want: ErrMalformed},
		{name: "extra entry", data: func(t *testing.T, g *golden) []byte {
			return craftZip(t, append(g.entries(), zipEntry{name: "extra.txt", data: []byte("x")})...)
		}, want: ErrMalformed},
		{name: "duplicated entry", data: func(t *testing.T, g *golden) []byte { e := g.entries(); return craftZip(t, e[0], e[0], e[1], e[2]) }, want: ErrMalformed},
		{name: "entries reordered", data: func(t *testing.T, g *golden) []byte { e := g.entries(); return craftZip(t, e[0], e[2], e[1]) }, want: ErrMalformed},
		{name: "manifest deflated", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[0].method = zip.Deflate
			return craftZip(t, e...)
		}, want: ErrMalformed},
		{name: "path traversal name", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[0].name = "../" + NameManifest
			return craftZip(t, e...)
		}, want: ErrMalformed},
		{name: "symlink entry", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[2].attrs = 0o120777 << 16
			return craftZip(t, e...)
		}, want: ErrMalformed},
		{name: "encryption flag", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[1].flags = 1
			return craftZip(t, e...)
		}, want: ErrMalformed},
		{name: "data descriptor flag", data: put16(func(*golden) int64 { return 6 }, 8), want: ErrMalformed},
		{name: "zip bomb: payload declares 4 GiB", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[2].size = 1<<32 - 1
			return craftZip(t, e...)
		}, want: ErrTooLarge},
		{name: "oversize manifest", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[0].data = append(bytes.Clone(g.manifest), bytes.Repeat([]byte(" "), MaxManifestSize)...)
			return craftZip(t, e...)
		}, want: ErrTooLarge},
		{name: "oversize signature", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[1].data = append(bytes.Clone(g.sig), bytes.Repeat([]byte("#"), MaxSignatureSize)...)
			return craftZip(t, e...)
		}, want: ErrTooLarge},
		// Manifest and signature.
		{name: "manifest edited, CRC fixed", data: editManifest(`"seq":1,`, `"seq":2,`), want: ErrMalformed}, // prev empty for seq 2
		{name: "manifest created edited, CRC fixed", data: editManifest(`"created":"2025`, `"created":"2026`), want: ErrBadSignature},
		{name: "manifest with whitespace", data: editManifest(`{"format"`, `{ "format"`), want: ErrMalformed},
		{name: "manifest of a later version", data: editManifest(`"khb/1"`, `"khb/2"`), want: ErrUnsupported},
		{name: "untrusted comment edited", data: func(t *testing.T, g *golden) []byte {
			e := g.entries()
			e[1].data = bytes.Replace(g.sig, []byte("secret key"), []byte("secret kez"), 1)
			return craftZip(t, e...)
		}, want: ErrMalformed},
		{name: "checked against a stranger's key", data: func(_ *testing.T, g *golden) []byte { return g.data },
			pub: func(f fixture) keys.PublicKey { return f.stranger.Public() }, want: ErrWrongKey},
		{name: "stranger signs, claims the commune's key id", data: func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, g.plain, rawOpts{signer: g.f.stranger})
		}, want: ErrWrongKey},
		{name: "another commune's key signs for this commune", data: func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, g.plain, rawOpts{signer: otherCommune(t), editM: func(m *Manifest) { m.KeyID = otherCommune(t).Public().KeyIDString() }})
		}, pub: func(fixture) keys.PublicKey { return otherCommune(nil).Public() }, want: ErrWrongKey},
		{name: "OK: same unit's key from a restored installation (new site)", data: func(t *testing.T, g *golden) []byte {
			moved, err := g.f.commune.WithSite("00000000000000aa")
			if err != nil {
				t.Fatal(err)
			}
			plain := bytes.Replace(g.plain, []byte(g.m.Origin.Site), []byte(moved.Site), 1)
			return g.sealRaw(t, plain, rawOpts{signer: moved, editM: func(m *Manifest) { m.Origin.Site = moved.Site }})
		}, want: nil},
		{name: "verified with another unit's key", data: func(_ *testing.T, g *golden) []byte { return g.data },
			pub: func(f fixture) keys.PublicKey { return f.district.Public() }, want: ErrWrongKey},
		{name: "signature of another manifest by the right key", data: func(t *testing.T, g *golden) []byte {
			other := g.sealRaw(t, g.plain, rawOpts{editM: func(m *Manifest) { m.Created = m.Created.Add(1) }})
			b, _ := Open(bytes.NewReader(other), int64(len(other)))
			e := g.entries()
			e[1].data = b.sig
			return craftZip(t, e...)
		}, want: ErrBadSignature},
		{name: "trusted comment does not match", data: raw(nil, rawOpts{comment: "khb/1 something else"}), want: ErrBadSignature},
		// Payload.
		{name: "mix and match: payload of another bundle", data: func(t *testing.T, g *golden) []byte {
			other := MustGolden(t, g.f, 20)
			e := g.entries()
			e[2].data = other.body
			return craftZip(t, e...)
		}, want: ErrPayloadHash},
		{name: "signer re-signs another bundle's payload", data: func(t *testing.T, g *golden) []byte {
			other := MustGolden(t, g.f, 20)
			return g.sealRaw(t, other.plain, rawOpts{editM: func(m *Manifest) { m.Counts, m.Clock = other.m.Counts, other.m.Clock }})
		}, want: ErrPayloadMismatch},
		{name: "payload header of another seq", data: raw(func(g *golden) []byte {
			return bytes.Replace(g.plain, []byte(`"seq":1}`), []byte(`"seq":2}`), 1)
		}, rawOpts{}), want: ErrPayloadMismatch},
		{name: "age payload with its last chunk removed", data: func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, bigPlain(t, g), rawOpts{editCipher: func(c []byte) []byte { return dropLastChunk(t, c) }})
		}, want: ErrTruncated},
		{name: "age payload cut inside its last chunk", data: func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, bigPlain(t, g), rawOpts{editCipher: func(c []byte) []byte { return c[:len(c)-100] }})
		}, want: ErrDecrypt},
		{name: "wrong age identity", data: func(_ *testing.T, g *golden) []byte { return g.data },
			id: func(f fixture) *age.X25519Identity { return f.stranger.AgeIdentity() }, want: ErrNotRecipient},
		{name: "listed recipient the payload is not encrypted to", data: func(t *testing.T, g *golden) []byte {
			return g.sealRaw(t, g.plain, rawOpts{encryptTo: []age.Recipient{g.f.district.AgeRecipient()}})
		},
			id: func(f fixture) *age.X25519Identity { return f.commune.AgeIdentity() }, want: ErrDecrypt},
		{name: "zstd bomb: plain_size lie", data: raw(nil, rawOpts{editM: func(m *Manifest) { m.Payload.PlainSize = 200 }}), want: ErrTooLarge},
		{name: "zstd bomb: 16 MiB of spaces", data: raw(func(g *golden) []byte {
			return append(bytes.Clone(g.plain[:bytes.IndexByte(g.plain, '\n')+1]), bytes.Repeat([]byte(" "), 16<<20)...)
		}, rawOpts{editM: func(m *Manifest) { m.Payload.PlainSize = 4096 }}), want: ErrTooLarge},
		{name: "plain_size larger than the plaintext", data: raw(nil, rawOpts{editM: func(m *Manifest) { m.Payload.PlainSize++ }}), want: ErrPayloadMismatch},
		{name: "trailer missing", data: raw(func(g *golden) []byte { return replaceLine(g.plain, -1, "") }, rawOpts{}), want: ErrTruncated},
		{name: "trailer without newline", data: raw(func(g *golden) []byte { return bytes.TrimSuffix(g.plain, []byte("\n")) }, rawOpts{}), want: ErrTruncated},
		{name: "trailer with a wrong row count", data: raw(func(g *golden) []byte { return replaceLine(g.plain, -1, "{\"end\":true,\"rows\":19}\n") }, rawOpts{}), want: ErrMalformed},
		{name: "a line after the trailer", data: raw(func(g *golden) []byte { return append(bytes.Clone(g.plain), "{}\n"...) }, rawOpts{}), want: ErrMalformed},
		{name: "counts contradict the rows", data: raw(nil, rawOpts{editM: func(m *Manifest) { m.Counts["citizen"]++ }}), want: ErrPayloadMismatch},
		{name: "clock contradicts the rows", data: raw(nil, rawOpts{editM: func(m *Manifest) { m.Clock.Max++ }}), want: ErrPayloadMismatch},
		{name: "zstd frame cut short", data: raw(nil, rawOpts{editZstd: func(z []byte) []byte { return z[:len(z)-8] }}), want: ErrTruncated},
		{name: "payload not zstd", data: raw(nil, rawOpts{editZstd: func([]byte) []byte { return []byte("{\"format\":\"khb/1\"}\n") }}), want: ErrMalformed},
		{name: "payload not valid UTF-8", data: raw(func(g *golden) []byte { return replaceLine(g.plain, 2, "[\"\xff\"]\n") }, rawOpts{}), want: ErrMalformed},
		{name: "line over 1 MiB", data: raw(func(g *golden) []byte {
			return replaceLine(g.plain, 2, "[\""+strings.Repeat("a", MaxLineSize)+"\"]\n")
		}, rawOpts{}), want: ErrTooLarge},
	}
}

var (
	otherOnce sync.Once
	otherID   *keys.Identity
)

// otherCommune returns the identity of another commune, the same one for
// every call.
func otherCommune(tb testing.TB) *keys.Identity {
	otherOnce.Do(func() {
		id, err := keys.Generate(units.Ref{List: "2025", Code: "00007"}, keys.LevelCommune, "Xã Khác", testNow)
		if err != nil {
			panic(err)
		}
		otherID = id
	})
	return otherID
}

// bigPlain is a payload whose age encryption spans several chunks.
func bigPlain(t *testing.T, g *golden) []byte { return plainPayload(t, g.m, fillRows(3000)) }

func TestDamage(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 20)
	cases := damageCases()
	if len(cases) < 30 {
		t.Fatalf("%d damage cases, want at least 30", len(cases))
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			pub, id := f.commune.Public(), f.district.AgeIdentity()
			if tt.pub != nil {
				pub = tt.pub(f)
			}
			if tt.id != nil {
				id = tt.id(f)
			}
			_, err := readAll(tt.data(t, g), pub, id)
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			t.Log(err)
		})
	}
}
