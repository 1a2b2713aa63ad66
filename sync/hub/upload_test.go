package hub_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

func TestUpload_ReceiptThenSameReceiptAgain(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	b := seal(t, c, district, 1, 5)
	first := th.mustAccept(b, http.StatusCreated)
	if first.Duplicate || first.Equivocal {
		t.Fatalf("first upload %+v", first)
	}
	again := th.mustAccept(b, http.StatusOK)
	if !again.Duplicate || again.Receipt != first.Receipt {
		t.Fatalf("a duplicate upload must return the same receipt:\n%s\n%s", first.Receipt, again.Receipt)
	}
	if got := th.objects(); len(got) != 1 || !strings.HasSuffix(got[0], first.FileSHA256+".khb") {
		t.Fatalf("objects %v", got)
	}
	if stored := current.object(t, th.cfg.Dir, th.objects()[0]); !bytes.Equal(stored, b) {
		t.Fatal("the hub must store the bundle exactly as received")
	}
}

func TestUpload_UnknownSignerRefused(t *testing.T) {
	c, stranger := mustID(t, communeA, keys.LevelCommune), mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	for _, tc := range []struct {
		name, code string
		body       []byte
	}{
		// The stranger cannot log in: the commune sends the stranger's bundle.
		{"a stranger with the commune's code", wire.CodeUnknownSigner, seal(t, stranger, district, 1, 2)},
		{"an untrusted commune's bundle sent by a trusted one", wire.CodeNotOrigin,
			seal(t, mustID(t, outsider, keys.LevelCommune), district2, 1, 2)},
	} {
		a := th.upload(tc.body)
		if a.status != http.StatusForbidden || a.code() != tc.code {
			t.Errorf("%s: %d %s, want 403 %s", tc.name, a.status, a.body, tc.code)
		}
	}
	if got := th.objects(); len(got) != 0 {
		t.Fatalf("a refused bundle was stored: %v", got)
	}
}

func TestUpload_GarbageAndOversizeRefusedHubStaysUp(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}, MaxBody: 64 << 10})
	good := seal(t, c, district, 1, 3)
	random := make([]byte, 5000)
	rand.Read(random)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-200] ^= 0x10 // inside payload.age: the signed hash no longer matches
	badSig := fixCRC(t, bytes.Replace(good, []byte("trusted comment: khb/1"), []byte("trusted comment: khb/2"), 1))
	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		code   string
	}{
		{"empty", nil, 400, wire.CodeNotBundle},
		{"random bytes", random, 400, wire.CodeNotBundle},
		{"zip header then garbage", append([]byte("PK\x03\x04"), random...), 400, wire.CodeMalformed},
		{"truncated bundle", good[:len(good)/2], 400, wire.CodeMalformed},
		{"bundle with bytes after it", append(bytes.Clone(good), 0), 400, wire.CodeMalformed},
		{"flipped payload bit", flipped, 400, wire.CodeMalformed},
		{"edited signature comment", badSig, 403, wire.CodeBadSignature},
		{"oversized", make([]byte, 64<<10+1), 413, wire.CodeTooLarge},
		{"JSON", []byte(`{"bundle":"yes"}`), 400, wire.CodeNotBundle},
	} {
		a := th.upload(tc.body)
		if a.status != tc.status || a.code() != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, a.status, a.body, tc.status, tc.code)
		}
	}
	// Oversized without a Content-Length (chunked): cut at the cap.
	a := th.do(http.MethodPost, wire.PathBundles, io.MultiReader(bytes.NewReader(make([]byte, 80<<10))), th.tokenFor(nil))
	if a.status != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked oversized body: %d %s", a.status, a.body)
	}
	if h := th.do(http.MethodGet, wire.PathHealth, nil, ""); h.status != 200 {
		t.Fatalf("health after garbage: %d", h.status)
	}
	th.mustAccept(good, http.StatusCreated)
	if got := th.objects(); len(got) != 1 {
		t.Fatalf("objects after garbage and one good bundle: %v", got)
	}
	waitFor(t, "staged bodies removed", func() bool { return len(th.staged()) == 0 })
}

func TestUpload_NotAddressedUpwardRefused(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	for _, to := range []units.Ref{district2, communeB, communeA} {
		if a := th.upload(seal(t, c, to, 1, 1)); a.status != 400 || a.code() != wire.CodeNotAddressed {
			t.Errorf("to %s: %d %s", to, a.status, a.body)
		}
	}
	th.mustAccept(seal(t, c, province, 1, 1), http.StatusCreated) // a commune may report straight to its province
}

// A client that sends half a body and hangs up leaves nothing stored.
func TestUpload_ClientGoneMidBodyLeavesNothing(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	b := seal(t, c, district, 1, 200)
	conn, err := net.Dial("tcp", th.addr)
	if err != nil {
		t.Fatal(err)
	}
	head := "POST " + wire.PathBundles + " HTTP/1.1\r\nHost: hub\r\nContent-Type: application/octet-stream\r\n" +
		"Authorization: Bearer " + th.tokenFor(b) + "\r\nContent-Length: " + strconv.Itoa(len(b)) + "\r\n\r\n"
	conn.Write(append([]byte(head), b[:len(b)/2]...))
	waitFor(t, "the body to be staged", func() bool { return len(th.staged()) == 1 })
	conn.Close()
	waitFor(t, "the staged body removed", func() bool { return len(th.staged()) == 0 })
	if got := th.objects(); len(got) != 0 {
		t.Fatalf("a cut upload left %v", got)
	}
	th.mustAccept(b, http.StatusCreated)
}

func TestUpload_EquivocationAcceptedAndFlagged(t *testing.T) {
	c, d := mustID(t, communeA, keys.LevelCommune), mustID(t, district, keys.LevelDistrict)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public(), d.Public()}})
	first := th.mustAccept(seal(t, c, district, 1, 2), http.StatusCreated)
	twin := th.mustAccept(seal(t, c, district, 1, 3), http.StatusCreated) // a cloned install: same site, same number
	if first.Equivocal || !twin.Equivocal {
		t.Fatalf("flags: first %v, twin %v", first.Equivocal, twin.Equivocal)
	}
	list, a := th.inbox(th.mustLogin(d))
	if a.status != 200 || len(list) != 2 || !list[0].Equivocal || !list[1].Equivocal {
		t.Fatalf("the district must see both bundles flagged: %d %+v", a.status, list)
	}
}

func TestUpload_PerClientRateLimit(t *testing.T) {
	th := startHub(t, hub.Config{Rate: 0.5, Burst: 2})
	for n := 0; n < 2; n++ {
		if a := th.do(http.MethodGet, wire.PathHubKey, nil, ""); a.status != 200 {
			t.Fatalf("request %d: %d", n, a.status)
		}
	}
	a := th.do(http.MethodGet, wire.PathHubKey, nil, "")
	if a.status != http.StatusTooManyRequests || a.code() != wire.CodeRateLimited || a.header.Get("Retry-After") == "" {
		t.Fatalf("third request: %d %s %v", a.status, a.body, a.header)
	}
	if h := th.do(http.MethodGet, wire.PathHealth, nil, ""); h.status != 200 {
		t.Fatalf("the health check is not rate limited: %d", h.status)
	}
}

func TestOpen_ClearsHalfReceivedBodies(t *testing.T) {
	dir := t.TempDir()
	th := startHub(t, hub.Config{Dir: dir})
	th.shutdown()
	if err := os.WriteFile(filepath.Join(dir, "tmp", "upload-left-by-a-crash"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	th.start()
	if got := th.staged(); len(got) != 0 {
		t.Fatalf("a restart must clear half-received bodies: %v", got)
	}
}

// fixCRC recomputes the CRC-32 of the signature entry after an edit, in
// its local and central headers, so that only the signature is wrong.
func fixCRC(t *testing.T, b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f := zr.File[1]
	off, _ := f.DataOffset()
	crc := crc32.ChecksumIEEE(b[off : off+int64(f.CompressedSize64)])
	binary.LittleEndian.PutUint32(b[off-30-int64(len(f.Name))+14:], crc)
	central := bytes.Index(b, []byte("PK\x01\x02"))
	central += bytes.Index(b[central+4:], []byte("PK\x01\x02")) + 4
	binary.LittleEndian.PutUint32(b[central+16:], crc)
	return b
}
