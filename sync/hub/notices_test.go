package hub_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/statement"
)

// approvalBy is a notice of one approval signed by id about unit.
func approvalBy(t *testing.T, id *keys.Identity, unit units.Ref, n int64) []byte {
	t.Helper()
	f, err := statement.Sign(id, statement.Statement{Kind: statement.Approval, Issuer: id.Unit.String(),
		KeyID: id.Public().KeyIDString(), Site: id.Site, N: n, Issued: "2026-12-05T08:00:00Z", Unit: unit.String(),
		Period: "2026", Approved: true})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// deadlinesBy is a deadlines statement of id's own unit.
func deadlinesBy(t *testing.T, id *keys.Identity) []byte {
	t.Helper()
	f, err := statement.Sign(id, statement.Statement{Kind: statement.Deadlines, Issuer: id.Unit.String(),
		KeyID: id.Public().KeyIDString(), Site: id.Site, N: 8, Issued: "2026-12-05T08:00:00Z", Unit: id.Unit.String(),
		Period: "2026", Due: map[string]string{keys.LevelCommune: "2026-12-10"}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (th *testHub) notices(token string) []wire.Notice {
	th.t.Helper()
	a := th.do(http.MethodGet, wire.PathNotices, nil, token)
	var page wire.Notices
	if a.status != http.StatusOK || json.Unmarshal(a.body, &page) != nil {
		th.t.Fatalf("notices: %d %s", a.status, a.body)
	}
	return page.Notices
}

// A district hands the hub a notice of its approvals of a commune; only
// that commune gets it, byte for byte. Anything else is refused with its
// code: another unit's approvals, a unit not below the sender, two units
// in one notice, an edited or untrusted signature, a file that is no
// notice.
func TestNotices_FromTheDistrictToItsCommune(t *testing.T) {
	d, a, b := mustID(t, district, keys.LevelDistrict), mustID(t, communeA, keys.LevelCommune), mustID(t, communeB, keys.LevelCommune)
	th := startHub(t, hub.Config{Dir: t.TempDir(), Trust: []keys.PublicKey{d.Public()}})
	if r := th.pushRoster(d, 1, a, b); r.status != http.StatusOK {
		t.Fatalf("roster: %d %s", r.status, r.body)
	}
	dt := th.mustLogin(d)
	notice := append(approvalBy(t, d, communeA, 1), approvalBy(t, d, communeA, 2)...)
	for _, want := range []int{http.StatusCreated, http.StatusOK} {
		if r := th.do(http.MethodPost, wire.PathNotices, bytes.NewReader(notice), dt); r.status != want {
			t.Fatalf("notice: %d %s, want %d", r.status, r.body, want)
		}
	}
	if got := th.notices(th.mustLogin(a)); len(got) != 1 || got[0].File != string(notice) || got[0].From != district.String() {
		t.Fatalf("commune A's notices: %+v", got)
	}
	if got := th.notices(th.mustLogin(b)); len(got) != 0 {
		t.Fatalf("commune B's notices: %+v", got)
	}

	stranger := mustID(t, district, keys.LevelDistrict) // the district's unit, a key the hub never trusted
	good := approvalBy(t, d, communeA, 3)
	cases := []struct {
		name   string
		file   []byte
		token  string
		status int
		code   string
	}{
		{"a commune handing over its district's notice", good, th.mustLogin(a), http.StatusBadRequest, wire.CodeBadNotice},
		{"about a commune of another district", approvalBy(t, d, outsider, 4), dt, http.StatusBadRequest, wire.CodeBadNotice},
		{"about two communes", append(approvalBy(t, d, communeA, 5), approvalBy(t, d, communeB, 6)...), dt, http.StatusBadRequest, wire.CodeBadNotice},
		{"edited after signing", bytes.Replace(good, []byte(`"approved":true`), []byte(`"approved":false`), 1), dt, http.StatusForbidden, wire.CodeBadSignature},
		{"signed by a key the hub does not trust", approvalBy(t, stranger, communeA, 7), dt, http.StatusForbidden, wire.CodeUnknownSigner},
		{"not a notice", []byte("hello\n"), dt, http.StatusBadRequest, wire.CodeBadNotice},
		{"the district's deadlines (they travel up only)", deadlinesBy(t, d), dt, http.StatusBadRequest, wire.CodeBadNotice},
	}
	for _, tc := range cases {
		if r := th.do(http.MethodPost, wire.PathNotices, bytes.NewReader(tc.file), tc.token); r.status != tc.status || r.code() != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
	}
	if got := th.notices(th.mustLogin(a)); len(got) != 1 {
		t.Fatalf("a refused notice was kept: %+v", got)
	}
	// A newer notice from the district about A replaces the older: each
	// holds every approval it signed about A, so A fetches one notice per
	// unit above it, however often the district hands them over.
	for n := int64(10); n < 13; n++ {
		newer := append(append([]byte{}, notice...), approvalBy(t, d, communeA, n)...)
		if r := th.do(http.MethodPost, wire.PathNotices, bytes.NewReader(newer), dt); r.status != http.StatusCreated {
			t.Fatalf("a newer notice: %d %s", r.status, r.body)
		}
		if got := th.notices(th.mustLogin(a)); len(got) != 1 || got[0].File != string(newer) {
			t.Fatalf("after notice %d commune A holds %d notice(s)", n, len(got))
		}
	}
	// The targets a district hands down travel the same way.
	targets, err := statement.Sign(d, statement.Statement{Kind: statement.Targets, Issuer: d.Unit.String(),
		KeyID: d.Public().KeyIDString(), Site: d.Site, N: 9, Issued: "2026-12-05T08:00:00Z", Unit: communeA.String(),
		Period: "2026", Targets: []data.Target{{Indicator: data.IndicatorCitizen, Year: 2030, Percent: 70}},
		Areas: map[string][]string{communeA.String(): {data.AreaMountain}}})
	if err != nil {
		t.Fatal(err)
	}
	if r := th.do(http.MethodPost, wire.PathNotices, bytes.NewReader(targets), dt); r.status != http.StatusCreated {
		t.Fatalf("a targets notice: %d %s", r.status, r.body)
	}
	if got := th.notices(th.mustLogin(a)); len(got) != 1 || got[0].File != string(targets) {
		t.Fatalf("commune A's notices with the targets: %d", len(got))
	}
	if r := th.do(http.MethodGet, wire.PathNotices, nil, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("notices without logging in: %d", r.status)
	}
}
