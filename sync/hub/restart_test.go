package hub_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// startUpload posts a body through a pipe, logged in with token, and
// returns the writer and the channel the answer arrives on.
func startUpload(th *testHub, token string) (*io.PipeWriter, chan answer) {
	pr, pw := io.Pipe()
	out := make(chan answer, 1)
	req, err := http.NewRequest(http.MethodPost, th.url+wire.PathBundles, pr)
	if err != nil {
		th.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			pr.CloseWithError(err)
			out <- answer{status: -1, body: []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		out <- answer{status: resp.StatusCode, body: b}
	}()
	return pw, out
}

// The hub stops (its grace period runs out) while a body streams in: the
// client fails, nothing is stored, and after a restart on the same folder
// the retry succeeds, once.
func TestUpload_HubStoppedMidUploadThenRestarted(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}, Grace: 50 * time.Millisecond})
	b := seal(t, c, district, 1, 300)
	pw, res := startUpload(th, th.tokenFor(b))
	pw.Write(b[:len(b)/2])
	waitFor(t, "half the body staged", func() bool { return len(th.staged()) == 1 })
	th.shutdown()
	pw.CloseWithError(io.ErrUnexpectedEOF)
	if a := <-res; a.status == http.StatusCreated || a.status == http.StatusOK {
		t.Fatalf("an upload cut by the hub stopping got %d %s", a.status, a.body)
	}
	if got := th.objects(); len(got) != 0 {
		t.Fatalf("a cut upload left objects %v", got)
	}
	th.start()
	if got := th.staged(); len(got) != 0 {
		t.Fatalf("the restart left staged bodies %v", got)
	}
	first := th.mustAccept(b, http.StatusCreated)
	again := th.mustAccept(b, http.StatusOK)
	if first.Receipt != again.Receipt || len(th.objects()) != 1 {
		t.Fatalf("after the retry: %d objects, receipts equal %v", len(th.objects()), first.Receipt == again.Receipt)
	}
}

// Stopping gracefully lets an upload in flight finish: it is stored and
// answered, and is there after the restart.
func TestUpload_GracefulStopFinishesUploadInFlight(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	b := seal(t, c, district, 1, 300)
	pw, res := startUpload(th, th.tokenFor(b))
	pw.Write(b[:len(b)/2])
	waitFor(t, "half the body staged", func() bool { return len(th.staged()) == 1 })
	stopped := make(chan struct{})
	go func() { th.shutdown(); close(stopped) }()
	pw.Write(b[len(b)/2:])
	pw.Close()
	a := <-res
	if a.status != http.StatusCreated {
		t.Fatalf("the upload in flight: %d %s", a.status, a.body)
	}
	<-stopped
	th.start()
	if again := th.mustAccept(b, http.StatusOK); again.Receipt != a.result(t).Receipt {
		t.Fatal("the receipt changed across the restart")
	}
}

func TestRestart_KeepsBundlesReceiptsKeyAndRosters(t *testing.T) {
	d, c := mustID(t, district, keys.LevelDistrict), mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public()}})
	if a := th.pushRoster(d, 1, c); a.status != 200 {
		t.Fatalf("roster: %d %s", a.status, a.body)
	}
	b := seal(t, c, district, 1, 4)
	first := th.mustAccept(b, http.StatusCreated)
	key := th.h.Key().String()
	th.restart()
	if th.h.Key().String() != key {
		t.Fatal("the hub's key changed across a restart")
	}
	if again := th.mustAccept(b, http.StatusOK); again.Receipt != first.Receipt {
		t.Fatal("the receipt changed across a restart")
	}
	th.mustAccept(seal(t, c, district, 2, 1), http.StatusCreated) // the enrolment survived too
	list, _ := th.inbox(th.mustLogin(d))
	if len(list) != 2 || list[0].FileSHA256 != first.FileSHA256 {
		t.Fatalf("inbox after restart: %+v", list)
	}
}

// Fifty communes upload at once; every one gets its receipt.
func TestUpload_FiftyConcurrentUploaders(t *testing.T) {
	reg := units.Default()
	var ids []*keys.Identity
	var trust []keys.PublicKey
	for _, dist := range reg.Children(units.Ref{List: "2024", Code: "34"}) {
		for _, cu := range reg.Children(dist.Ref) {
			if len(ids) == 50 {
				break
			}
			id := mustID(t, units.Ref{List: cu.List, Code: cu.Code}, keys.LevelCommune)
			ids, trust = append(ids, id), append(trust, id.Public())
		}
	}
	if len(ids) != 50 {
		t.Fatalf("only %d communes", len(ids))
	}
	th := startHub(t, hub.Config{Trust: trust})
	bodies := make([][]byte, len(ids))
	for n, id := range ids {
		parent := reg.Parent(units.Ref{List: id.Unit.List, Code: id.Unit.Code})
		bodies[n] = seal(t, id, units.Ref{List: parent.List, Code: parent.Code}, 1, 50)
	}
	start := time.Now()
	var wg sync.WaitGroup
	got := make([]answer, len(ids))
	for n := range ids {
		wg.Go(func() { got[n] = th.upload(bodies[n]) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	for n, a := range got {
		if a.status != http.StatusCreated || a.result(t).Receipt == "" {
			t.Errorf("uploader %d: %d %s", n, a.status, a.body)
		}
	}
	if n := len(th.objects()); n != 50 {
		t.Fatalf("%d objects stored, want 50", n)
	}
	t.Logf("50 concurrent uploads of %d bytes each in %v (%.0f uploads/s)", len(bodies[0]), elapsed,
		50/elapsed.Seconds())
}

// What the hub keeps on disk is ciphertext: no name, no CCCD.
func TestStore_HoldsCiphertextOnly(t *testing.T) {
	d, c := mustID(t, district, keys.LevelDistrict), mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public(), c.Public()}})
	for seq := int64(1); seq <= 3; seq++ {
		th.mustAccept(seal(t, c, district, seq, 100), http.StatusCreated)
	}
	th.pushRoster(d, 1, c)
	th.shutdown()
	stored := current.everything(t, th.cfg.Dir)
	if len(stored) < 5 {
		t.Fatalf("only %d things stored", len(stored))
	}
	for n, b := range stored {
		for _, secret := range []string{plainName, plainCCCD, "Nguyễn"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("stored item %d holds %q in clear", n, secret)
			}
		}
	}
}

func TestTLS_ServesWithACertificate(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	cert, key, pool := selfSigned(t)
	dir := t.TempDir()
	h, err := hub.Open(t.Context(), hub.Config{Dir: dir, Trust: []keys.PublicKey{c.Public()}})
	if err != nil {
		t.Fatal(err)
	}
	ln, url := listen(t)
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- h.Serve(ctx, ln, cert, key) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
		h.Close()
	}()
	client := tlsClient(pool)
	tok, a := loginAt(t, client, "https://"+url, h.Key().KeyID(), c)
	if a.status != http.StatusOK {
		t.Fatalf("TLS login: %d %s", a.status, a.body)
	}
	req, _ := http.NewRequest(http.MethodPost, "https://"+url+wire.PathBundles, bytes.NewReader(seal(t, c, district, 1, 1)))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || resp.TLS == nil {
		t.Fatalf("TLS upload: %d", resp.StatusCode)
	}
}
