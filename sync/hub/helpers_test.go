package hub_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// Units of the tests (list 2024): Huyện Đông Hưng in Thái Bình, two of its
// communes, and a commune and district elsewhere in the province.
var (
	province  = units.Ref{List: "2024", Code: "34"}
	district  = units.Ref{List: "2024", Code: "340"}
	district2 = units.Ref{List: "2024", Code: "341"} // Huyện Thái Thụy
	communeA  = units.Ref{List: "2024", Code: "12694"}
	communeB  = units.Ref{List: "2024", Code: "12700"}
	outsider  = units.Ref{List: "2024", Code: "12832"} // a commune of Thái Thụy
	testNow   = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
)

// Personal data the bundles carry, which must never appear in the hub's
// files.
const (
	plainName = "Nguyễn Thị Hằng"
	plainCCCD = "034185001234"
)

// identities made by the tests, by key id: an upload logs in as its
// bundle's signer.
var identities sync.Map

func mustID(tb testing.TB, u units.Ref, level string) *keys.Identity {
	tb.Helper()
	id, err := keys.Generate(u, level, "Đơn vị "+u.Code, testNow)
	if err != nil {
		tb.Fatal(err)
	}
	identities.Store(id.Public().KeyIDString(), id)
	return id
}

func khkey(tb testing.TB, id *keys.Identity) []byte {
	tb.Helper()
	b, err := keys.MarshalPublic(id)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// seal makes bundle seq of id addressed to the unit to, with rows rows of
// personal data.
func seal(tb testing.TB, id *keys.Identity, to units.Ref, seq int64, rows int) []byte {
	tb.Helper()
	return sealWith(tb, id, to, seq, rows, func(i int) string { return strings.Repeat("x", i%7) })
}

// sealLarge makes a bundle of about size bytes: notes of random text,
// which no compression shrinks.
func sealLarge(tb testing.TB, id *keys.Identity, to units.Ref, seq int64, size int) []byte {
	tb.Helper()
	const note = 3000
	return sealWith(tb, id, to, seq, size/(note*3/4), func(int) string {
		b := make([]byte, note*3/4)
		rand.Read(b)
		return base64.StdEncoding.EncodeToString(b)
	})
}

func sealWith(tb testing.TB, id *keys.Identity, to units.Ref, seq int64, rows int, note func(int) string) []byte {
	tb.Helper()
	m := bundle.Manifest{To: to, Seq: seq, Created: testNow}
	if seq > 1 {
		m.Prev = strings.Repeat("0", 64)
	}
	tmp, err := os.CreateTemp(tb.TempDir(), "payload")
	if err != nil {
		tb.Fatal(err)
	}
	defer tmp.Close()
	upstream, _ := age.GenerateX25519Identity()
	var out bytes.Buffer
	_, err = bundle.Seal(&out, tmp, m, id, []age.Recipient{upstream.Recipient()}, func(pw *bundle.PayloadWriter) error {
		if err := pw.Table(bundle.Table{Kind: "citizen", Cols: []string{"ho_ten", "id_number", "note"}}); err != nil {
			return err
		}
		for i := range rows {
			r := bundle.Row{ID: "0190f3a2-7c4e-7d8a-9b1c-" + hex12(i), Unit: id.Unit.String(),
				Ver: bundle.Version{L: int64(i + 1), S: id.Site}, Values: []any{plainName, plainCCCD, note(i)}}
			if err := pw.Row(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

func hex12(i int) string {
	const digits = "0123456789abcdef"
	b := []byte("000000000000")
	for n := 11; n >= 0 && i > 0; n-- {
		b[n] = digits[i%16]
		i /= 16
	}
	return string(b)
}

// testHub is a hub served on loopback.
type testHub struct {
	mu     sync.Mutex
	tokens map[string]string // by key id
	t      testing.TB
	key    receipt.Key // the hub's key, for a hub this process does not run
	cfg    hub.Config
	h      *hub.Hub
	addr   string
	url    string
	stop   context.CancelFunc
	done   chan error
}

func startHub(t testing.TB, cfg hub.Config) *testHub {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	if cfg.Storage == nil {
		cfg.Storage = current.storage(t, cfg.Dir)
	}
	th := &testHub{t: t, cfg: cfg, addr: "127.0.0.1:0", tokens: map[string]string{}}
	th.start()
	t.Cleanup(th.shutdown)
	return th
}

func (th *testHub) start() {
	th.t.Helper()
	h, err := hub.Open(context.Background(), th.cfg)
	if err != nil {
		th.t.Fatal(err)
	}
	ln, err := net.Listen("tcp", th.addr)
	for n := 0; err != nil && n < 100; n++ { // the old socket may linger an instant
		time.Sleep(20 * time.Millisecond)
		ln, err = net.Listen("tcp", th.addr)
	}
	if err != nil {
		th.t.Fatal(err)
	}
	th.h, th.addr, th.url = h, ln.Addr().String(), "http://"+ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	th.stop, th.done = cancel, make(chan error, 1)
	go func() { th.done <- h.Serve(ctx, ln, "", "") }()
}

// hubKey is the key the hub signs receipts with.
func (th *testHub) hubKey() receipt.Key {
	if th.h != nil {
		return th.h.Key()
	}
	return th.key
}

// shutdown stops the server and closes the hub (idempotent).
func (th *testHub) shutdown() {
	if th.stop == nil {
		return
	}
	th.stop()
	if err := <-th.done; err != nil {
		th.t.Logf("serve: %v", err)
	}
	th.h.Close()
	th.stop = nil
	// A restart listens on the same address: a kept-alive connection to
	// the old server must not carry the next POST (it would fail with EOF,
	// and a POST is not retried).
	http.DefaultClient.CloseIdleConnections()
}

func (th *testHub) restart() {
	th.shutdown()
	th.start()
}

type answer struct {
	status int
	body   []byte
	header http.Header
}

func (a answer) code() string {
	var e wire.Error
	json.Unmarshal(a.body, &e)
	return e.Code
}

func (a answer) result(t testing.TB) wire.UploadResult {
	t.Helper()
	var r wire.UploadResult
	if err := json.Unmarshal(a.body, &r); err != nil {
		t.Fatalf("%d %s: %v", a.status, a.body, err)
	}
	return r
}

func (th *testHub) do(method, path string, body io.Reader, token string) answer {
	th.t.Helper()
	req, err := http.NewRequest(method, th.url+path, body)
	if err != nil {
		th.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		th.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, b, resp.Header}
}

// upload sends a body logged in as its bundle's signer; a body that is no
// bundle, or whose signer cannot log in, is sent logged in as the hub's
// first trusted key (a genuine unit sending something else).
func (th *testHub) upload(b []byte) answer {
	th.t.Helper()
	return th.do(http.MethodPost, wire.PathBundles, bytes.NewReader(b), th.tokenFor(b))
}

func (th *testHub) tokenFor(b []byte) string {
	th.t.Helper()
	if bd, err := bundle.Open(bytes.NewReader(b), int64(len(b))); err == nil {
		if tok := th.tokenOf(bd.Manifest().KeyID); tok != "" {
			return tok
		}
	}
	if len(th.cfg.Trust) == 0 {
		return ""
	}
	return th.tokenOf(th.cfg.Trust[0].KeyIDString())
}

// tokenOf logs in with the identity of a key id, once; "" when it cannot.
func (th *testHub) tokenOf(keyID string) string {
	th.t.Helper()
	th.mu.Lock()
	tok, ok := th.tokens[keyID]
	th.mu.Unlock()
	if ok {
		return tok
	}
	v, ok := identities.Load(keyID)
	if !ok {
		return ""
	}
	tok, a := th.login(v.(*keys.Identity))
	if a.status != http.StatusOK {
		return "" // not trusted (yet): not remembered
	}
	th.mu.Lock()
	th.tokens[keyID] = tok
	th.mu.Unlock()
	return tok
}

// mustAccept uploads a bundle and checks the receipt against the hub key.
func (th *testHub) mustAccept(b []byte, wantStatus int) wire.UploadResult {
	th.t.Helper()
	a := th.upload(b)
	if a.status != wantStatus {
		th.t.Fatalf("upload: %d %s, want %d", a.status, a.body, wantStatus)
	}
	res := a.result(th.t)
	r, err := receipt.Verify([]byte(res.Receipt), th.hubKey().Public())
	if err != nil {
		th.t.Fatalf("receipt: %v", err)
	}
	bd, err := bundle.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		th.t.Fatal(err)
	}
	if _, ok := r.Find(bundle.ManifestHashHex(bd.ManifestBytes())); !ok || r.Issuer != receipt.IssuerHub {
		th.t.Fatalf("receipt %+v does not name the bundle", r)
	}
	return res
}

// objects lists the bundle files stored ("<sha256>.khb"), wherever the
// storage keeps them; staged lists what is left in tmp/.
func (th *testHub) objects() []string { return current.objects(th.t, th.cfg.Dir) }
func (th *testHub) staged() []string  { return listFiles(th.t, filepath.Join(th.cfg.Dir, "tmp")) }

func listFiles(t testing.TB, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

// waitFor polls cond on a real event (a handler finishing) for at most 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// login logs a unit in through the challenge and returns its token.
func (th *testHub) login(id *keys.Identity) (string, answer) {
	th.t.Helper()
	return loginAt(th.t, http.DefaultClient, th.url, th.hubKey().KeyID(), id)
}

// loginAt logs a unit in at the hub at base, whose key id is hubKeyID.
func loginAt(t testing.TB, client *http.Client, base, hubKeyID string, id *keys.Identity) (string, answer) {
	t.Helper()
	post := func(path string, v any) answer {
		body, _ := json.Marshal(v)
		resp, err := client.Post(base+path, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatalf("POST %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return answer{resp.StatusCode, b, resp.Header}
	}
	pub := id.Public()
	a := post(wire.PathChallenge, wire.ChallengeRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString()})
	var ch wire.Challenge
	if err := json.Unmarshal(a.body, &ch); err != nil || a.status != http.StatusOK {
		t.Fatalf("challenge: %d %s", a.status, a.body)
	}
	sig, _ := id.Sign(wire.LoginMessage(hubKeyID, pub.Unit.String(), pub.KeyIDString(), ch.Nonce), wire.LoginComment(pub.Unit.String()))
	a = post(wire.PathToken, wire.TokenRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString(), Nonce: ch.Nonce, Signature: string(sig)})
	var tok wire.Token
	json.Unmarshal(a.body, &tok)
	return tok.Token, a
}

func (th *testHub) mustLogin(id *keys.Identity) string {
	th.t.Helper()
	tok, a := th.login(id)
	if a.status != http.StatusOK || tok == "" {
		th.t.Fatalf("login of %s: %d %s", id.Unit, a.status, a.body)
	}
	return tok
}

// pushRoster hands over id's roster enrolling the keys given.
func (th *testHub) pushRoster(id *keys.Identity, version int64, members ...*keys.Identity) answer {
	th.t.Helper()
	var files [][]byte
	for _, m := range members {
		files = append(files, khkey(th.t, m))
	}
	file, err := wire.MakeRoster(id, version, testNow, files)
	if err != nil {
		th.t.Fatal(err)
	}
	return th.do(http.MethodPut, wire.PathRoster, bytes.NewReader(file), th.mustLogin(id))
}

func (th *testHub) inbox(token string) ([]wire.Entry, answer) {
	th.t.Helper()
	a := th.do(http.MethodGet, wire.PathInbox, nil, token)
	var page wire.Inbox
	json.Unmarshal(a.body, &page)
	return page.Bundles, a
}
