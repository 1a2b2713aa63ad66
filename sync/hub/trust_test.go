package hub_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
)

func TestRoster_EnrolsThenRevokes(t *testing.T) {
	d := mustID(t, district, keys.LevelDistrict)
	a, b := mustID(t, communeA, keys.LevelCommune), mustID(t, communeB, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public()}})
	if r := th.upload(seal(t, a, district, 1, 1)); r.status != http.StatusForbidden {
		t.Fatalf("before the roster: %d", r.status)
	}
	if r := th.pushRoster(d, 1, a, b); r.status != 200 {
		t.Fatalf("roster 1: %d %s", r.status, r.body)
	}
	th.mustAccept(seal(t, a, district, 1, 1), http.StatusCreated)
	th.mustAccept(seal(t, b, district, 1, 1), http.StatusCreated)
	if r := th.pushRoster(d, 1, a); r.status != http.StatusConflict || r.code() != wire.CodeStaleRoster {
		t.Fatalf("a replayed version: %d %s", r.status, r.body)
	}
	if r := th.pushRoster(d, 2, a); r.status != 200 { // b revoked
		t.Fatalf("roster 2: %d %s", r.status, r.body)
	}
	th.mustAccept(seal(t, a, district, 2, 1), http.StatusCreated)
	if r := th.upload(seal(t, b, district, 2, 1)); r.status != http.StatusForbidden || r.code() != wire.CodeUnknownSigner {
		t.Fatalf("a revoked commune: %d %s", r.status, r.body)
	}
	var st wire.RosterState
	r := th.do(http.MethodGet, wire.PathRoster, nil, th.mustLogin(d))
	json.Unmarshal(r.body, &st)
	if st.Version != 2 || st.Keys != 1 || st.KeysSHA256 != wire.KeysDigest([]keys.PublicKey{a.Public()}) {
		t.Fatalf("roster state %+v", st)
	}
}

func TestRoster_RefusesStrangersAndUnitsOutsideTheArea(t *testing.T) {
	d, d2 := mustID(t, district, keys.LevelDistrict), mustID(t, district2, keys.LevelDistrict)
	a, out := mustID(t, communeA, keys.LevelCommune), mustID(t, outsider, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public(), d2.Public()}})
	if r := th.pushRoster(d, 1, a, out); r.status != 400 || r.code() != wire.CodeBadRoster {
		t.Fatalf("a commune of another district: %d %s", r.status, r.body)
	}
	if r := th.upload(seal(t, out, district2, 1, 1)); r.status != http.StatusForbidden {
		t.Fatalf("the refused roster enrolled a stranger: %d", r.status)
	}
	// Another district's roster, handed over under d's login.
	file, _ := wire.MakeRoster(d2, 1, testNow, [][]byte{khkey(t, out)})
	if r := th.do(http.MethodPut, wire.PathRoster, bytes.NewReader(file), th.mustLogin(d)); r.status != http.StatusForbidden {
		t.Fatalf("another unit's roster: %d %s", r.status, r.body)
	}
	// A roster whose signature was made by another key of the same district.
	forger := mustID(t, district, keys.LevelDistrict)
	forged, _ := wire.MakeRoster(forger, 1, testNow, [][]byte{khkey(t, a)})
	if r := th.do(http.MethodPut, wire.PathRoster, bytes.NewReader(forged), th.mustLogin(d)); r.status != http.StatusForbidden {
		t.Fatalf("a forged roster: %d %s", r.status, r.body)
	}
	if r := th.do(http.MethodPut, wire.PathRoster, bytes.NewReader([]byte("garbage\n")), th.mustLogin(d)); r.status != 400 {
		t.Fatalf("garbage roster: %d %s", r.status, r.body)
	}
}

// A province enrols a district, which enrols a commune; when the province
// drops the district, the district's communes lose trust with it.
func TestRoster_ChainFromTheProvince(t *testing.T) {
	p, d := mustID(t, province, keys.LevelProvince), mustID(t, district, keys.LevelDistrict)
	a := mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{p.Public()}})
	if _, r := th.login(d); r.status != http.StatusUnauthorized {
		t.Fatalf("an unenrolled district logged in: %d", r.status)
	}
	if r := th.pushRoster(p, 1, d); r.status != 200 {
		t.Fatalf("province roster: %d %s", r.status, r.body)
	}
	if r := th.pushRoster(d, 1, a); r.status != 200 {
		t.Fatalf("district roster: %d %s", r.status, r.body)
	}
	th.mustAccept(seal(t, a, district, 1, 1), http.StatusCreated)
	th.mustAccept(seal(t, d, province, 1, 1), http.StatusCreated)
	if r := th.pushRoster(p, 2); r.status != 200 {
		t.Fatalf("empty province roster: %d %s", r.status, r.body)
	}
	if r := th.upload(seal(t, a, district, 2, 1)); r.status != http.StatusForbidden {
		t.Fatalf("a commune of a dropped district: %d", r.status)
	}
}

func TestAuth_LoginAndMailboxes(t *testing.T) {
	d, d2 := mustID(t, district, keys.LevelDistrict), mustID(t, district2, keys.LevelDistrict)
	a, out := mustID(t, communeA, keys.LevelCommune), mustID(t, outsider, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public(), d2.Public(), a.Public(), out.Public()}})
	mine := th.mustAccept(seal(t, a, district, 1, 1), http.StatusCreated)
	theirs := th.mustAccept(seal(t, out, district2, 1, 1), http.StatusCreated)
	tok, tok2 := th.mustLogin(d), th.mustLogin(d2)

	list, r := th.inbox(tok)
	if r.status != 200 || len(list) != 1 || list[0].FileSHA256 != mine.FileSHA256 || list[0].Origin != "2024:12694" {
		t.Fatalf("district inbox: %d %+v", r.status, list)
	}
	if list2, _ := th.inbox(tok2); len(list2) != 1 || list2[0].FileSHA256 != theirs.FileSHA256 {
		t.Fatalf("the other district's inbox: %+v", list2)
	}
	if r := th.do(http.MethodGet, wire.PathInbox+"/"+theirs.FileSHA256, nil, tok); r.status != http.StatusNotFound {
		t.Fatalf("a district downloaded another district's bundle: %d", r.status)
	}
	if r := th.do(http.MethodGet, wire.PathInbox+"/"+mine.FileSHA256, nil, tok); r.status != 200 || len(r.body) != int(list[0].Size) {
		t.Fatalf("download: %d, %d bytes", r.status, len(r.body))
	}
	for name, token := range map[string]string{"no token": "", "made-up token": "abc"} {
		if _, r := th.inbox(token); r.status != http.StatusUnauthorized {
			t.Errorf("%s: %d", name, r.status)
		}
	}
	if list, _ := th.inbox(th.mustLogin(a)); len(list) != 0 {
		t.Fatalf("a commune sees %v", list)
	}
}

func TestAuth_RefusesStrangersForgeriesAndReplays(t *testing.T) {
	d := mustID(t, district, keys.LevelDistrict)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public()}})
	if _, r := th.login(mustID(t, district, keys.LevelDistrict)); r.status != http.StatusUnauthorized {
		t.Fatalf("a stranger with the district's code: %d", r.status)
	}
	pub := d.Public()
	challenge := func() string {
		req, _ := json.Marshal(wire.ChallengeRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString()})
		var ch wire.Challenge
		json.Unmarshal(th.do(http.MethodPost, wire.PathChallenge, bytes.NewReader(req), "").body, &ch)
		return ch.Nonce
	}
	token := func(nonce, hubKeyID string) answer {
		sig, _ := d.Sign(wire.LoginMessage(hubKeyID, pub.Unit.String(), pub.KeyIDString(), nonce), wire.LoginComment(pub.Unit.String()))
		tr, _ := json.Marshal(wire.TokenRequest{Unit: pub.Unit.String(), KeyID: pub.KeyIDString(), Nonce: nonce, Signature: string(sig)})
		return th.do(http.MethodPost, wire.PathToken, bytes.NewReader(tr), "")
	}
	if r := token(challenge(), "0000000000000000"); r.status != http.StatusUnauthorized {
		t.Fatalf("a statement made for another hub: %d", r.status)
	}
	n := challenge()
	if r := token(n, th.h.Key().KeyID()); r.status != 200 {
		t.Fatalf("a good login: %d %s", r.status, r.body)
	}
	if r := token(n, th.h.Key().KeyID()); r.status != http.StatusUnauthorized {
		t.Fatalf("a replayed nonce: %d", r.status)
	}
	if r := token("made-up", th.h.Key().KeyID()); r.status != http.StatusUnauthorized {
		t.Fatalf("a made-up nonce: %d", r.status)
	}
	if r := th.do(http.MethodPost, wire.PathChallenge, bytes.NewReader([]byte(`{"unit":1}`)), ""); r.status != 400 {
		t.Fatalf("bad challenge request: %d", r.status)
	}
}

// The inbox and the notices come a page at a time: limit=1 over three
// bundles gives one each, with the ID to ask after, and the last page
// says none follows (next 0); bad paging is refused with its code.
func TestLists_APageAtATime(t *testing.T) {
	d, a := mustID(t, district, keys.LevelDistrict), mustID(t, communeA, keys.LevelCommune)
	th := startHub(t, hub.Config{Trust: []keys.PublicKey{d.Public(), a.Public()}})
	var want []string
	for seq := int64(1); seq <= 3; seq++ {
		want = append(want, th.mustAccept(seal(t, a, district, seq, 1), http.StatusCreated).FileSHA256)
	}
	tok := th.mustLogin(d)
	var got []string
	after := int64(0)
	for pages := 1; ; pages++ {
		r := th.do(http.MethodGet, wire.PathInbox+"?limit=1&after="+strconv.FormatInt(after, 10), nil, tok)
		var page wire.Inbox
		if r.status != http.StatusOK || json.Unmarshal(r.body, &page) != nil || len(page.Bundles) != 1 {
			t.Fatalf("page %d: %d %s", pages, r.status, r.body)
		}
		got = append(got, page.Bundles[0].FileSHA256)
		if page.Next == 0 {
			break
		}
		if pages == 3 {
			t.Fatalf("a fourth page after %d", page.Next)
		}
		after = page.Next
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	for _, q := range []string{"?limit=0", "?after=-1", "?limit=x"} {
		for _, path := range []string{wire.PathInbox, wire.PathNotices} {
			if r := th.do(http.MethodGet, path+q, nil, tok); r.status != http.StatusBadRequest || r.code() != wire.CodeBadRequest {
				t.Errorf("%s%s: %d %s", path, q, r.status, r.body)
			}
		}
	}
}
