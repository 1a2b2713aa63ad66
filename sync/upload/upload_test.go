package upload_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/receipt"
	"sokhuyenhoc/sync/upload"
)

var ctx = context.Background()

// The district hands over its roster on its first pull; then the communes
// upload, every bundle gets a receipt, and the district's pull imports
// them: its report adds up to the communes' own.
func TestPull_DistrictImportsWhatCommunesUploaded(t *testing.T) {
	d := newInstall(t, "district", district)
	a, b := newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	lh := newHub(t, d)
	dc := d.connect(lh.url())
	rep, err := upload.Pull(ctx, d.ex, dc, upload.PullOptions{Inbox: filepath.Join(d.dir, "inbox"), Import: true})
	if err != nil || !rep.RosterSent || rep.Roster.Keys != 2 || rep.Listed != 0 {
		t.Fatalf("first pull %+v %v", rep, err)
	}
	a.fill(7, 1)
	b.fill(4, 2)
	for _, c := range []*install{a, b} {
		sr, err := upload.Send(ctx, c.ex, c.connect(lh.url()), upload.SendOptions{Make: true})
		if err != nil || sr.Made != 1 || sr.Pending != 0 || len(sr.Sent) != 1 || sr.Sent[0].Receipt.Duplicate {
			t.Fatalf("send of %s: %+v %v", c.id.Unit, sr, err)
		}
		outs, _ := c.ex.Store.OutBundles(ctx, 1)
		if outs[0].Receipt == "" || outs[0].AckedAt == "" || outs[0].SentAt == "" {
			t.Fatalf("bundle not acknowledged: %+v", outs[0])
		}
	}
	rep, err = upload.Pull(ctx, d.ex, dc, upload.PullOptions{Inbox: filepath.Join(d.dir, "inbox"), Import: true})
	if err != nil || rep.RosterSent || rep.Listed != 2 || len(rep.Files) != 2 || len(rep.Outcomes) != 2 {
		t.Fatalf("second pull %+v %v", rep, err)
	}
	for _, o := range rep.Outcomes {
		if o.Status != exchange.Imported {
			t.Fatalf("outcome %+v", o)
		}
	}
	got := d.report(district)
	want := a.report(communeA)
	want.Add(&b.report(communeB).Totals)
	if !reflect.DeepEqual(got.Totals, want.Totals) {
		t.Fatalf("district totals %+v\nwant %+v", got.Totals, want.Totals)
	}
	if got.Citizens.Registered != 11 {
		t.Fatalf("registered %d", got.Citizens.Registered)
	}
	rep, err = upload.Pull(ctx, d.ex, dc, upload.PullOptions{Inbox: filepath.Join(d.dir, "inbox"), Import: true})
	if err != nil || rep.Known != 2 || len(rep.Files) != 0 {
		t.Fatalf("third pull fetched again: %+v %v", rep, err)
	}
}

// The hub is down: the upload fails with ErrUnavailable and nothing is
// acknowledged; once it is back the same bundle goes, once.
func TestSend_HubDownThenBack(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	lh := newHub(t, d, a)
	c := a.connect(lh.url())
	lh.shutdown()
	a.fill(3, 1)
	sr, err := upload.Send(ctx, a.ex, c, upload.SendOptions{Make: true, Retry: upload.Retry{Attempts: 3,
		Sleep: func(context.Context, time.Duration) error { return nil }}})
	if !errors.Is(err, upload.ErrUnavailable) || sr.Pending != 1 {
		t.Fatalf("send to a stopped hub: %+v %v", sr, err)
	}
	lh.start()
	sr, err = upload.Send(ctx, a.ex, c, upload.SendOptions{Make: true})
	if err != nil || sr.Made != 0 || sr.Pending != 0 || len(sr.Sent) != 1 {
		t.Fatalf("send after restart: %+v %v", sr, err)
	}
	files, _ := filepath.Glob(filepath.Join(lh.cfg.Dir, "objects", "*", "*.khb"))
	if len(files) != 1 {
		t.Fatalf("hub objects %v", files)
	}
}

func TestConnect_PinsTheHubKey(t *testing.T) {
	a := newInstall(t, "commune", communeA)
	lh := newHub(t)
	c := a.connect(lh.url())
	s, _ := upload.LoadSettings(ctx, a.ex.Store)
	if s.URL != lh.url() || s.Key != c.Key().String() || s.Key != lh.h.Key().String() {
		t.Fatalf("settings %+v", s)
	}
	// Another hub (new key) answers at the same address.
	lh.shutdown()
	lh.cfg.Dir = t.TempDir()
	lh.start()
	if _, err := upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{}); !errors.Is(err, upload.ErrHubKeyChanged) {
		t.Fatalf("a changed hub key: %v", err)
	}
	if _, err := upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{Key: lh.h.Key().String()}); err != nil {
		t.Fatalf("the new key given explicitly: %v", err)
	}
	lh.shutdown()
	if _, err := upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{}); err != nil {
		t.Fatalf("offline with a pinned key: %v", err)
	}
	if _, err := upload.Connect(ctx, newInstall(t, "commune", communeB).ex.Store, upload.ConnectOptions{}); !errors.Is(err, upload.ErrNoHub) {
		t.Fatalf("no hub: %v", err)
	}
}

// An unenrolled commune is refused for good: ErrRefused, not retried.
func TestSend_StrangerRefused(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	lh := newHub(t, d)
	a.fill(1, 1)
	tries := 0
	sr, err := upload.Send(ctx, a.ex, a.connect(lh.url()), upload.SendOptions{Make: true, Retry: upload.Retry{Attempts: 5,
		Sleep: func(context.Context, time.Duration) error { tries++; return nil }}})
	// The hub knows no key of the commune: the login is refused, nothing is sent.
	if !errors.Is(err, upload.ErrRefused) || !errors.Is(err, upload.ErrUntrusted) || len(sr.Sent) != 0 || tries != 0 || sr.Pending != 1 {
		t.Fatalf("stranger: %+v %v (%d retries)", sr, err, tries)
	}
}

// District-to-commune receipt files, for the stick: the commune marks its
// bundles acknowledged; a forged file is refused and changes nothing.
func TestReceiptFile_BothWays(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.fill(2, 1)
	stick := t.TempDir()
	ws, err := exchange.Export(ctx, a.ex, stick)
	if err != nil {
		t.Fatal(err)
	}
	if outs, err := exchange.Import(ctx, d.ex, []string{ws[0].Path}, nil); err != nil || outs[0].Status != exchange.Imported {
		t.Fatalf("import %+v %v", outs, err)
	}
	if _, _, err := upload.WriteReceipt(ctx, d.ex.Store, "2024:12700", stick, time.Now()); !errors.Is(err, upload.ErrNothingToAck) {
		t.Fatalf("receipt for a unit with no bundles: %v", err)
	}
	path, n, err := upload.WriteReceipt(ctx, d.ex.Store, "2024:12694", stick, time.Now())
	if err != nil || n != 1 {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	before := outState(t, a.ex.Store)
	for name, tc := range map[string]struct {
		file []byte
		want error
	}{
		"forged":         {forgedSeq(t, good), receipt.ErrBadSignature},
		"cut short":      {good[:len(good)-30], receipt.ErrMalformed},
		"another unit":   {mustWriteFor(t, d, newInstall(t, "commune", communeB)), upload.ErrNotOurs},
		"unknown signer": {mustWriteFor(t, newInstall(t, "district", district), newInstall(t, "commune", communeA)), upload.ErrUnknownIssuer},
	} {
		if _, err := upload.ImportReceipt(ctx, a.ex.Store, tc.file); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	if after := outState(t, a.ex.Store); !reflect.DeepEqual(after, before) {
		t.Fatal("a refused receipt changed the store")
	}
	rep, err := upload.ImportReceipt(ctx, a.ex.Store, good)
	if err != nil || rep.Acked != 1 || rep.Issuer != "2024:340" {
		t.Fatalf("import %+v %v", rep, err)
	}
	if n, _ := a.ex.Store.CountUnacked(ctx); n != 0 {
		t.Fatalf("%d bundles still unacknowledged", n)
	}
	if rep, err := upload.ImportReceipt(ctx, a.ex.Store, good); err != nil || rep.Already != 1 {
		t.Fatalf("second import %+v %v", rep, err)
	}
}

func outState(t *testing.T, st *store.Store) []store.OutBundle {
	bs, err := st.OutBundles(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// forgedSeq edits a bundle number in the signed line.
func forgedSeq(t *testing.T, good []byte) []byte {
	r, err := receipt.Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	old := `"seq":` + itoa(r.Bundles[0].Seq)
	i := len(s[:indexOf(s, old)])
	return []byte(s[:i] + `"seq":9` + s[i+len(old):])
}

// mustWriteFor has up import one bundle of down and write its receipt.
func mustWriteFor(t *testing.T, up, down *install) []byte {
	link(t, up, down)
	down.fill(1, 5)
	ws, err := exchange.Export(ctx, down.ex, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Import(ctx, up.ex, []string{ws[len(ws)-1].Path}, nil); err != nil {
		t.Fatal(err)
	}
	path, _, err := upload.WriteReceipt(ctx, up.ex.Store, down.id.Unit.String(), t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	return b
}

func itoa(n int64) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// cutter stops the hub once half of the first upload's body has gone.
type cutter struct {
	base http.RoundTripper
	once sync.Once
	stop func()
}

func (c *cutter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPost && req.Body != nil {
		first := false
		c.once.Do(func() { first = true })
		if first {
			req = req.Clone(req.Context())
			req.Body = io.NopCloser(&stopAfter{r: req.Body, left: req.ContentLength / 2, stop: c.stop})
		}
	}
	return c.base.RoundTrip(req)
}

type stopAfter struct {
	r    io.Reader
	left int64
	stop func()
}

func (s *stopAfter) Read(p []byte) (int, error) {
	if s.left <= 0 {
		s.stop() // the hub stops while the body is half sent
		return 0, io.ErrUnexpectedEOF
	}
	n, err := s.r.Read(p[:min(int64(len(p)), s.left)])
	s.left -= int64(n)
	return n, err
}

// The hub stops in the middle of an upload by the real client; the retry
// (after the hub restarts on the same folder) succeeds, and the hub holds
// the bundle once.
func TestSend_HubStoppedMidUploadRetrySucceeds(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	lh := newHub(t, d, a)
	lh.shutdown()
	lh.cfg.Grace = 50 * time.Millisecond
	lh.start()
	a.fill(300, 1)
	rt := &cutter{base: http.DefaultTransport, stop: lh.shutdown}
	c, err := upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{URL: lh.url(), HTTP: &http.Client{Transport: rt}})
	if err != nil {
		t.Fatal(err)
	}
	restarts := 0
	sr, err := upload.Send(ctx, a.ex, c, upload.SendOptions{Make: true, Retry: upload.Retry{Attempts: 3,
		Sleep: func(context.Context, time.Duration) error { restarts++; lh.start(); return nil }}})
	if err != nil || sr.Pending != 0 || restarts != 1 {
		t.Fatalf("send: %+v %v (%d restarts)", sr, err, restarts)
	}
	objects, _ := filepath.Glob(filepath.Join(lh.cfg.Dir, "objects", "*", "*.khb"))
	staged, _ := filepath.Glob(filepath.Join(lh.cfg.Dir, "tmp", "*"))
	if len(objects) != 1 || len(staged) != 0 {
		t.Fatalf("hub holds %v, staged %v", objects, staged)
	}
}
