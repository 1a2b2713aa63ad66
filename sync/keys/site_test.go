package keys_test

import (
	"errors"
	"testing"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

func TestWithSite(t *testing.T) {
	id, err := keys.Generate(units.Ref{List: "2025", Code: "00004"}, "commune", "Phường Ba Đình", testNow)
	if err != nil {
		t.Fatal(err)
	}
	moved, err := id.WithSite("0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	if moved.Site != "0123456789abcdef" || moved.Public().Fingerprint() != id.Public().Fingerprint() {
		t.Fatalf("site %s fingerprint %s, want same fingerprint %s", moved.Site, moved.Public().Fingerprint(), id.Public().Fingerprint())
	}
	b, err := keys.MarshalPublic(moved)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := keys.ParsePublic(b); err != nil || k.Site != moved.Site {
		t.Fatalf("re-signed key file: %v %+v", err, k)
	}
	if _, err := id.WithSite("not-hex"); !errors.Is(err, keys.ErrInvalid) {
		t.Fatalf("bad site: %v", err)
	}
}
