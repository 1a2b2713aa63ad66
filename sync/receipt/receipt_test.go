package receipt_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"aead.dev/minisign"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

var (
	district = units.Ref{List: "2024", Code: "340"}
	testNow  = time.Date(2026, 11, 2, 8, 30, 0, 0, time.UTC)
)

func mustIdentity(tb testing.TB) *keys.Identity {
	tb.Helper()
	id, err := keys.Generate(district, keys.LevelDistrict, "Huyện Đông Hưng", testNow)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func entry(seq int64) receipt.Entry {
	return receipt.Entry{Site: "0123456789abcdef", Seq: seq, BundleID: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c",
		ManifestSHA256: strings.Repeat("ab", 32)}
}

func sample(issuer, keyID string, n int) receipt.Receipt {
	r := receipt.Receipt{Issuer: issuer, KeyID: keyID, Issued: receipt.FormatTime(testNow), For: "2024:12694"}
	for i := range n {
		r.Bundles = append(r.Bundles, entry(int64(i+1)))
	}
	return r
}

func TestIssue_VerifyByTheUnitKey(t *testing.T) {
	id := mustIdentity(t)
	file, err := receipt.Issue(id, sample("2024:340", id.Public().KeyIDString(), 3))
	if err != nil {
		t.Fatal(err)
	}
	r, err := receipt.Verify(file, id.Public())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(r.Bundles), 3; got != want || r.For != "2024:12694" || r.Format != receipt.Format {
		t.Fatalf("receipt %+v", r)
	}
	if _, ok := r.Find(strings.Repeat("ab", 32)); !ok {
		t.Fatal("Find misses a named bundle")
	}
	if name := receipt.FileName(r, file); !strings.HasPrefix(name, "receipt-12694-") || !strings.HasSuffix(name, ".khr") {
		t.Fatalf("file name %q", name)
	}
}

func TestIssue_HubKeyInteroperates(t *testing.T) {
	sk, err := receipt.GenerateSecretKey()
	if err != nil {
		t.Fatal(err)
	}
	again, err := receipt.ParseSecretKey(sk.Marshal())
	if err != nil || again.Public().String() != sk.Public().String() {
		t.Fatalf("secret key round trip: %v", err)
	}
	file, err := receipt.Issue(sk, sample(receipt.IssuerHub, sk.Public().KeyID(), 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := receipt.Verify(file, sk.Public().Public()); err != nil {
		t.Fatal(err)
	}
	// aead.dev/minisign, an independent implementation, agrees.
	msg, sig, err := receipt.SplitDoc(file)
	if err != nil {
		t.Fatal(err)
	}
	var pub minisign.PublicKey
	if err := pub.UnmarshalText([]byte(sk.Public().String())); err != nil {
		t.Fatal(err)
	}
	r := minisign.NewReader(bytes.NewReader(msg))
	r.Read(make([]byte, len(msg)+1))
	if !r.Verify(pub, sig) {
		t.Fatal("aead.dev/minisign rejects the hub's receipt")
	}
	if k, err := receipt.ParseKey(sk.Public().String()); err != nil || k.KeyID() != sk.Public().KeyID() {
		t.Fatalf("ParseKey: %v", err)
	}
}

func TestVerify_Refusals(t *testing.T) {
	id, other := mustIdentity(t), mustIdentity(t)
	good, err := receipt.Issue(id, sample("2024:340", id.Public().KeyIDString(), 2))
	if err != nil {
		t.Fatal(err)
	}
	byOther, _ := receipt.Issue(other, sample("2024:340", other.Public().KeyIDString(), 2))
	namesOther, _ := receipt.Issue(id, sample("2024:340", other.Public().KeyIDString(), 2))
	spaced := bytes.Replace(good, []byte(`{"format"`), []byte(`{ "format"`), 1)
	for _, tc := range []struct {
		name string
		file []byte
		want error
	}{
		{"a bundle number edited", bytes.Replace(good, []byte(`"seq":2`), []byte(`"seq":7`), 1), receipt.ErrBadSignature},
		{"the unit edited", bytes.Replace(good, []byte(`12694`), []byte(`12700`), 1), receipt.ErrBadSignature},
		{"signed by another key", byOther, receipt.ErrWrongKey},
		{"names another key", namesOther, receipt.ErrWrongKey},
		{"not canonical", spaced, receipt.ErrMalformed},
		{"empty", nil, receipt.ErrMalformed},
		{"signature cut", good[:len(good)-20], receipt.ErrMalformed},
		{"CRLF", bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")), receipt.ErrMalformed},
		{"huge", make([]byte, receipt.MaxFileBytes+1), receipt.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := receipt.Verify(tc.file, id.Public()); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestIssue_RefusesInvalid(t *testing.T) {
	id := mustIdentity(t)
	for name, mutate := range map[string]func(*receipt.Receipt){
		"no bundles":       func(r *receipt.Receipt) { r.Bundles = nil },
		"bad issuer":       func(r *receipt.Receipt) { r.Issuer = "Đông Hưng" },
		"bad for":          func(r *receipt.Receipt) { r.For = "12694" },
		"bad time":         func(r *receipt.Receipt) { r.Issued = "2026-11-02 08:30" },
		"bad manifest":     func(r *receipt.Receipt) { r.Bundles[0].ManifestSHA256 = "AB" },
		"seq zero":         func(r *receipt.Receipt) { r.Bundles[0].Seq = 0 },
		"bundle id":        func(r *receipt.Receipt) { r.Bundles[0].BundleID = "x" },
		"lowercase key id": func(r *receipt.Receipt) { r.KeyID = "abcdef0123456789" },
	} {
		r := sample("2024:340", id.Public().KeyIDString(), 1)
		mutate(&r)
		if _, err := receipt.Issue(id, r); !errors.Is(err, receipt.ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
}
