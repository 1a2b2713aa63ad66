package hub_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

// from returns a loopback source address: 127.0.0.n is another client.
func from(n int) *net.TCPAddr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(n))} }

// openBody starts a request from src whose body announces length bytes
// and sends only first: a slow client, holding what it was given.
func (th *testHub) openBody(src *net.TCPAddr, method, path, token string, length int, first []byte) net.Conn {
	th.t.Helper()
	conn, err := (&net.Dialer{LocalAddr: src}).Dial("tcp", th.addr)
	if err != nil {
		th.t.Fatal(err)
	}
	th.t.Cleanup(func() { conn.Close() })
	head := method + " " + path + " HTTP/1.1\r\nHost: hub\r\nContent-Length: " + strconv.Itoa(length) + "\r\n"
	if token != "" {
		head += "Authorization: Bearer " + token + "\r\n"
	}
	if _, err := conn.Write(append([]byte(head+"\r\n"), first...)); err != nil {
		th.t.Fatal(err)
	}
	return conn
}

// answerOn reads the response a raw connection gets.
func answerOn(conn net.Conn) (answer, error) {
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return answer{resp.StatusCode, b.Bytes(), resp.Header}, nil
}

// probe sends one small request from src.
func (th *testHub) probe(src *net.TCPAddr, token string) answer {
	th.t.Helper()
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: src}).DialContext, DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodGet, th.url+wire.PathRoster, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		th.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return answer{resp.StatusCode, b.Bytes(), resp.Header}
}

// An anonymous upload is answered 401 before a byte of its body is read,
// and the connection is closed: nothing is staged, no slot is held.
func TestUpload_AnonymousBodyNeverStaged(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	conn := th.openBody(from(1), http.MethodPost, wire.PathBundles, "", 1<<20, []byte("PK\x03\x04"))
	a, err := answerOn(conn)
	if err != nil || a.status != http.StatusUnauthorized || a.code() != wire.CodeUnauthorized {
		t.Fatalf("anonymous upload: %d %s %v", a.status, a.body, err)
	}
	if got := th.staged(); len(got) != 0 {
		t.Fatalf("an anonymous body was staged: %v", got)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := conn.Read(make([]byte, 1)); n != 0 || err == nil {
		t.Fatalf("the connection stays open after the refusal: %d %v", n, err)
	}
}

// Anonymous clients on eight addresses, the trusted commune's among them,
// hold every request slot of their addresses with slow bodies (logins that
// never finish, uploads that trickle); the hub has a single upload slot.
// The commune, logged in, still uploads at once: its requests count
// against its unit, and anonymous uploads never get an upload slot.
func TestUpload_SlowAnonymousClientsCannotStarveATrustedUpload(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}, PerClient: 2, MaxUploads: 1, PerUnit: 1,
		SlotWait: 200 * time.Millisecond, RateGrace: 10 * time.Minute})
	b := seal(t, c, district, 1, 50)
	token := th.tokenFor(b) // logged in before the attack
	var held []net.Conn
	for n := 1; n <= 8; n++ {
		for range 2 { // every request slot of the address: logins whose body never comes
			held = append(held, th.openBody(from(n), http.MethodPost, wire.PathToken, "", 4000, []byte(`{"unit":`)))
		}
		for range 3 { // and uploads that trickle
			conn := th.openBody(from(n), http.MethodPost, wire.PathBundles, "", 1<<20, []byte("PK"))
			held = append(held, conn)
		}
	}
	for n := 1; n <= 8; n++ {
		waitFor(t, fmt.Sprintf("the slots of 127.0.0.%d held", n), func() bool {
			a := th.probe(from(n), "")
			return a.status == http.StatusTooManyRequests && a.code() == wire.CodeRateLimited
		})
	}
	pw, res := startUpload(th, token)
	pw.Write(b)
	pw.Close()
	if a := <-res; a.status != http.StatusCreated {
		t.Fatalf("the trusted upload during the attack: %d %s", a.status, a.body)
	}
	if a := th.probe(from(1), ""); a.status != http.StatusTooManyRequests {
		t.Fatalf("the attack ended before the trusted upload: %d %s", a.status, a.body)
	}
	if a := th.probe(from(1), token); a.status != http.StatusOK {
		t.Fatalf("the commune's own requests from the attacked address: %d %s", a.status, a.body)
	}
	if got := th.objects(); len(got) != 1 {
		t.Fatalf("objects %v", got)
	}
	for _, conn := range held {
		conn.Close()
	}
}

// A body slower than the minimum rate is cut (408 too_slow), whoever sends
// it, leaving nothing; the unit's slot is free again afterwards.
func TestUpload_SlowTrustedBodyCutAtMinimumRate(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}, PerUnit: 1, MinRate: 64 << 10, RateGrace: time.Second})
	b := seal(t, c, district, 1, 50)
	conn := th.openBody(from(1), http.MethodPost, wire.PathBundles, th.tokenFor(b), len(b), b[:10])
	a, err := answerOn(conn)
	if err != nil || a.status != http.StatusRequestTimeout || a.code() != wire.CodeTooSlow {
		t.Fatalf("a stalled body: %d %s %v", a.status, a.body, err)
	}
	waitFor(t, "the staged body removed", func() bool { return len(th.staged()) == 0 })
	th.mustAccept(b, http.StatusCreated)
}

// A unit has PerUnit upload slots: a second upload while its first is
// still arriving waits, then gets 429; another unit is not held up.
func TestUpload_PerUnitSlots(t *testing.T) {
	a, b := mustID(t, communeA, keys.LevelCommune), mustID(t, communeB, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{a.Public(), b.Public()}, PerUnit: 1,
		SlotWait: 100 * time.Millisecond})
	first := seal(t, a, district, 1, 300)
	pw, res := startUpload(th, th.tokenFor(first))
	pw.Write(first[:len(first)/2])
	waitFor(t, "the first body staged", func() bool { return len(th.staged()) == 1 })
	if r := th.upload(seal(t, a, district, 2, 1)); r.status != http.StatusTooManyRequests || r.code() != wire.CodeRateLimited ||
		r.header.Get("Retry-After") == "" {
		t.Fatalf("a second upload of the same unit: %d %s", r.status, r.body)
	}
	th.mustAccept(seal(t, b, district, 1, 1), http.StatusCreated)
	pw.Write(first[len(first)/2:])
	pw.Close()
	if r := <-res; r.status != http.StatusCreated {
		t.Fatalf("the first upload: %d %s", r.status, r.body)
	}
}

// Each unit may upload QuotaCount bundles and QuotaBytes a day (UTC);
// past that it gets 429 quota_exceeded until midnight, before a byte is
// staged; the next day it goes on.
func TestUpload_DailyQuota(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	now := testNow
	b1, b2, b3 := seal(t, c, district, 1, 5), seal(t, c, district, 2, 5), seal(t, c, district, 3, 400)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}, QuotaCount: 2,
		QuotaBytes: int64(len(b1) + len(b2) + len(b3)/2), Now: func() time.Time { return now }, TokenTTL: 48 * time.Hour})
	th.mustAccept(b1, http.StatusCreated)
	th.mustAccept(b2, http.StatusCreated)
	r := th.upload(seal(t, c, district, 4, 1))
	if r.status != http.StatusTooManyRequests || r.code() != wire.CodeQuota || r.header.Get("Retry-After") != "57601" {
		t.Fatalf("a third bundle on the day: %d %s %v", r.status, r.body, r.header)
	}
	now = now.Add(24 * time.Hour)
	th.mustAccept(b3, http.StatusCreated)
	if r := th.upload(seal(t, c, district, 5, 400)); r.status != http.StatusTooManyRequests || r.code() != wire.CodeQuota {
		t.Fatalf("more bytes than are left: %d %s", r.status, r.body)
	}
	if got := th.staged(); len(got) != 0 {
		t.Fatalf("a body over quota was staged: %v", got)
	}
}

// A unit logged in uploads only its own bundles.
func TestUpload_OriginMustBeTheUnitLoggedIn(t *testing.T) {
	a, b := mustID(t, communeA, keys.LevelCommune), mustID(t, communeB, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{a.Public(), b.Public()}})
	body := seal(t, a, district, 1, 3)
	r := th.do(http.MethodPost, wire.PathBundles, bytes.NewReader(body), th.mustLogin(b))
	if r.status != http.StatusForbidden || r.code() != wire.CodeNotOrigin {
		t.Fatalf("B uploading A's bundle: %d %s", r.status, r.body)
	}
	first := th.mustAccept(body, http.StatusCreated)
	r = th.do(http.MethodPost, wire.PathBundles, bytes.NewReader(body), th.mustLogin(b))
	if r.status != http.StatusForbidden || bytes.Contains(r.body, []byte(first.Receipt)) {
		t.Fatalf("B re-uploading A's stored bundle: %d %s", r.status, r.body)
	}
}

// A login nonce is good once, also after a restart; a forged or expired
// one never.
func TestLogin_NonceUsedOnce(t *testing.T) {
	c := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{c.Public()}})
	pub := c.Public()
	req, _ := json.Marshal(wire.ChallengeRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString()})
	var ch wire.Challenge
	json.Unmarshal(th.do(http.MethodPost, wire.PathChallenge, bytes.NewReader(req), "").body, &ch)
	tokenReq := func(nonce string) []byte {
		sig, _ := c.Sign(wire.LoginMessage(th.hubKey().KeyID(), pub.Unit.String(), pub.KeyIDString(), nonce), wire.LoginComment(pub.Unit.String()))
		b, _ := json.Marshal(wire.TokenRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString(), Nonce: nonce, Signature: string(sig)})
		return b
	}
	body := tokenReq(ch.Nonce)
	if a := th.do(http.MethodPost, wire.PathToken, bytes.NewReader(body), ""); a.status != http.StatusOK {
		t.Fatalf("first use: %d %s", a.status, a.body)
	}
	if a := th.do(http.MethodPost, wire.PathToken, bytes.NewReader(body), ""); a.status != http.StatusUnauthorized {
		t.Fatalf("replayed: %d %s", a.status, a.body)
	}
	th.restart()
	if a := th.do(http.MethodPost, wire.PathToken, bytes.NewReader(body), ""); a.status != http.StatusUnauthorized {
		t.Fatalf("replayed after a restart: %d %s", a.status, a.body)
	}
	forged := []byte(ch.Nonce)
	forged[5] ^= 1
	if a := th.do(http.MethodPost, wire.PathToken, bytes.NewReader(tokenReq(string(forged))), ""); a.status != http.StatusUnauthorized {
		t.Fatalf("forged nonce: %d %s", a.status, a.body)
	}
}
