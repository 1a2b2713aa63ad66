package wire_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

var now = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func gen(t *testing.T, code, level string) *keys.Identity {
	t.Helper()
	id, err := keys.Generate(units.Ref{List: "2024", Code: code}, level, "Đơn vị "+code, now)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func khkey(t *testing.T, id *keys.Identity) []byte {
	b, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoster_RoundTrip(t *testing.T) {
	d, a, b := gen(t, "340", keys.LevelDistrict), gen(t, "12694", keys.LevelCommune), gen(t, "12700", keys.LevelCommune)
	file, err := wire.MakeRoster(d, 3, now, [][]byte{khkey(t, b), khkey(t, a)})
	if err != nil {
		t.Fatal(err)
	}
	r, ks, err := wire.VerifyRoster(file, d.Public())
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 3 || r.Unit != d.Unit || len(ks) != 2 {
		t.Fatalf("roster %+v, %d keys", r, len(ks))
	}
	if wire.KeysDigest(ks) != wire.KeysDigest([]keys.PublicKey{a.Public(), b.Public()}) {
		t.Fatal("the digest depends on the order of the keys")
	}
	if wire.KeysDigest(nil) == wire.KeysDigest(ks) {
		t.Fatal("an empty roster has the digest of a full one")
	}
	if _, _, err := wire.VerifyRoster(file, gen(t, "340", keys.LevelDistrict).Public()); !errors.Is(err, receipt.ErrWrongKey) {
		t.Fatalf("checked against another key: %v", err)
	}
	edited := bytes.Replace(file, []byte(`"version":3`), []byte(`"version":4`), 1)
	if _, _, err := wire.VerifyRoster(edited, d.Public()); !errors.Is(err, receipt.ErrBadSignature) {
		t.Fatalf("an edited version: %v", err)
	}
}

func TestRoster_Refusals(t *testing.T) {
	d, p, a := gen(t, "340", keys.LevelDistrict), gen(t, "34", keys.LevelProvince), gen(t, "12694", keys.LevelCommune)
	for name, tc := range map[string]struct {
		id    *keys.Identity
		ver   int64
		files [][]byte
	}{
		"a commune enrols":        {a, 1, nil},
		"version 0":               {d, 0, [][]byte{khkey(t, a)}},
		"a key twice":             {d, 1, [][]byte{khkey(t, a), khkey(t, a)}},
		"a unit of the same rank": {d, 1, [][]byte{khkey(t, gen(t, "341", keys.LevelDistrict))}},
		"a unit above":            {d, 1, [][]byte{khkey(t, p)}},
		"not a key":               {d, 1, [][]byte{[]byte(`{"format":"khkey/1"}`)}},
	} {
		if _, err := wire.MakeRoster(tc.id, tc.ver, now, tc.files); !errors.Is(err, wire.ErrBadRoster) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, _, err := wire.ReadRoster([]byte("{}\n")); !errors.Is(err, wire.ErrBadRoster) {
		t.Errorf("garbage: %v", err)
	}
}

func TestLoginMessage_IsOneCanonicalLine(t *testing.T) {
	m := wire.LoginMessage("ABCDEF0123456789", "2024:340", "0123456789ABCDEF", "nonce")
	want := `{"format":"khauth/1","hub":"ABCDEF0123456789","unit":"2024:340","key_id":"0123456789ABCDEF","nonce":"nonce"}` + "\n"
	if string(m) != want {
		t.Fatalf("got %s", m)
	}
	if got := wire.LevelOf(units.Ref{List: "2024", Code: "340"}); got != keys.LevelDistrict {
		t.Fatalf("LevelOf: %q", got)
	}
}
