package hub_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// startInstances starts n hubs on one shared storage, each with its own
// folder (tmp/) holding the same hub.key, as a deployment would.
func startInstances(t *testing.T, n int, cfg hub.Config) []*testHub {
	rb := current.(*remoteBackend)
	first := startHub(t, cfg)
	out := []*testHub{first}
	for range n - 1 {
		dir := t.TempDir()
		for _, f := range []string{"hub.key", "hub.pub"} {
			b, err := os.ReadFile(filepath.Join(first.cfg.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		c := cfg
		c.Dir, c.Storage = dir, rb.sharedStorage(t, first.cfg.Dir, dir)
		th := startHub(t, c)
		if th.hubKey().String() != first.h.Key().String() {
			t.Fatal("the instances sign with different keys")
		}
		out = append(out, th)
	}
	return out
}

// behindProxy serves the instances at one address, round robin, and
// returns a view of the hub at that address.
func behindProxy(t *testing.T, hubs []*testHub) *testHub {
	var targets []*url.URL
	for _, th := range hubs {
		u, _ := url.Parse(th.url)
		targets = append(targets, u)
	}
	var n atomic.Int64
	proxy := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(targets[int(n.Add(1))%len(targets)])
		pr.SetXForwarded()
	}})
	t.Cleanup(proxy.Close)
	return &testHub{t: t, cfg: hubs[0].cfg, h: hubs[0].h, url: proxy.URL, tokens: map[string]string{}}
}

// communesOf returns identities of the first n communes of Thái Bình.
func communesOf(t testing.TB, n int) ([]*keys.Identity, []units.Ref) {
	reg := units.Default()
	var ids []*keys.Identity
	var parents []units.Ref
	for _, dist := range reg.Children(units.Ref{List: "2024", Code: "34"}) {
		for _, cu := range reg.Children(dist.Ref) {
			if len(ids) < n {
				ids = append(ids, mustID(t, units.Ref{List: cu.List, Code: cu.Code}, keys.LevelCommune))
				parents = append(parents, units.Ref{List: dist.List, Code: dist.Code})
			}
		}
	}
	return ids, parents
}

// Two instances behind one address serve twenty communes, each uploading
// three bundles twice (the second time likely at the other instance):
// every upload is answered, each bundle has one receipt, the same both
// times, and the districts list each bundle once.
func TestInstances_TwoBehindOneAddressServeOneSetOfCommunes(t *testing.T) {
	sharedOnly(t)
	ids, parents := communesOf(t, 20)
	var trust []keys.PublicKey
	for _, id := range ids {
		trust = append(trust, id.Public())
	}
	districts := map[units.Ref]*keys.Identity{}
	for _, p := range parents {
		if districts[p] == nil {
			districts[p] = mustID(t, p, keys.LevelDistrict)
			trust = append(trust, districts[p].Public())
		}
	}
	hubs := startInstances(t, 2, hub.Config{Trust: trust})
	front := behindProxy(t, hubs)
	type sent struct {
		body     []byte
		receipts [2]string
	}
	var all []*sent
	for n, id := range ids {
		for seq := int64(1); seq <= 3; seq++ {
			all = append(all, &sent{body: seal(t, id, parents[n], seq, 20)})
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for _, s := range all {
		wg.Go(func() {
			for round := range 2 {
				a := front.upload(s.body)
				var r wire.UploadResult
				json.Unmarshal(a.body, &r)
				if a.status != http.StatusCreated && a.status != http.StatusOK || r.Receipt == "" {
					mu.Lock()
					failures = append(failures, string(a.body))
					mu.Unlock()
				}
				s.receipts[round] = r.Receipt
			}
		})
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d uploads failed: %v", len(failures), failures[0])
	}
	seen := map[string]bool{}
	for _, s := range all {
		if s.receipts[0] != s.receipts[1] || seen[s.receipts[0]] {
			t.Fatalf("a bundle with two receipts, or a receipt for two bundles:\n%s\n%s", s.receipts[0], s.receipts[1])
		}
		seen[s.receipts[0]] = true
	}
	listed := 0
	for _, d := range districts {
		list, a := front.inbox(front.mustLogin(d))
		if a.status != http.StatusOK {
			t.Fatalf("inbox: %d %s", a.status, a.body)
		}
		ids := map[string]bool{}
		for _, e := range list {
			if ids[e.FileSHA256] {
				t.Fatalf("a bundle listed twice: %s", e.FileSHA256)
			}
			ids[e.FileSHA256] = true
		}
		listed += len(list)
	}
	if listed != len(all) || len(hubs[0].objects()) != len(all) {
		t.Fatalf("%d listed, %d objects, want %d", listed, len(hubs[0].objects()), len(all))
	}
}

// A login nonce handed out by one instance is good at the other, once.
func TestInstances_NonceUsedOnceAcrossInstances(t *testing.T) {
	sharedOnly(t)
	c := mustID(t, communeA, keys.LevelCommune)
	hubs := startInstances(t, 2, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	pub := c.Public()
	req, _ := json.Marshal(wire.ChallengeRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString()})
	var ch wire.Challenge
	json.Unmarshal(hubs[0].do(http.MethodPost, wire.PathChallenge, bytes.NewReader(req), "").body, &ch)
	sig, _ := c.Sign(wire.LoginMessage(hubs[0].hubKey().KeyID(), pub.Unit.String(), pub.KeyIDString(), ch.Nonce), wire.LoginComment(pub.Unit.String()))
	body, _ := json.Marshal(wire.TokenRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString(), Nonce: ch.Nonce, Signature: string(sig)})
	a := hubs[1].do(http.MethodPost, wire.PathToken, bytes.NewReader(body), "")
	var tok wire.Token
	json.Unmarshal(a.body, &tok)
	if a.status != http.StatusOK {
		t.Fatalf("the nonce of instance 1 at instance 2: %d %s", a.status, a.body)
	}
	if a := hubs[0].do(http.MethodPost, wire.PathToken, bytes.NewReader(body), ""); a.status != http.StatusUnauthorized {
		t.Fatalf("the same nonce again at instance 1: %d %s", a.status, a.body)
	}
	if a := hubs[0].do(http.MethodGet, wire.PathRoster, nil, tok.Token); a.status != http.StatusOK {
		t.Fatalf("the token of instance 2 at instance 1: %d %s", a.status, a.body)
	}
}

// Two instances receiving the same bundle at the same moment give the
// same receipt, and the hub holds it once.
func TestInstances_RacingTheSameUploadGetTheSameReceipt(t *testing.T) {
	sharedOnly(t)
	c := mustID(t, communeA, keys.LevelCommune)
	hubs := startInstances(t, 2, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	for seq := int64(1); seq <= 5; seq++ {
		b := seal(t, c, district, seq, 100)
		var results [2]chan answer
		var writers [2]interface {
			Write([]byte) (int, error)
			Close() error
		}
		for n, th := range hubs {
			pw, res := startUpload(th, th.tokenFor(b))
			pw.Write(b[:len(b)-1]) // both wait for the last byte
			writers[n], results[n] = pw, res
		}
		waitFor(t, "both bodies staged", func() bool { return len(hubs[0].staged()) == 1 && len(hubs[1].staged()) == 1 })
		for _, w := range writers {
			w.Write(b[len(b)-1:])
			w.Close()
		}
		a0, a1 := <-results[0], <-results[1]
		r0, r1 := a0.result(t), a1.result(t)
		created := 0
		for _, a := range []answer{a0, a1} {
			if a.status == http.StatusCreated {
				created++
			} else if a.status != http.StatusOK {
				t.Fatalf("an instance answered %d %s", a.status, a.body)
			}
		}
		if r0.Receipt != r1.Receipt || created != 1 {
			t.Fatalf("seq %d: %d created, receipts equal %v", seq, created, r0.Receipt == r1.Receipt)
		}
	}
	if got := hubs[0].objects(); len(got) != 5 {
		t.Fatalf("objects %v", got)
	}
}
