package setup

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// A wrong fingerprint is refused, in Vietnamese and in English, naming at
// most the groups that differ: never the fingerprint of the file, nor any
// of its groups.
func TestTrust_WrongFingerprintNeverShowsTheRightOne(t *testing.T) {
	ctx := context.Background()
	district := open(t, filepath.Join(t.TempDir(), "d.db"))
	if _, err := Init(ctx, district, units.Default(), Params{Level: "district", Unit: units.Ref{List: "2024", Code: "340"}}); err != nil {
		t.Fatal(err)
	}
	communeDB := open(t, filepath.Join(t.TempDir(), "c.db"))
	id, err := Init(ctx, communeDB, units.Default(), Params{Level: "commune", Unit: commune})
	if err != nil {
		t.Fatal(err)
	}
	file, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	fp := id.Public().Fingerprint() // "dddd dddd dddd"
	right := digits(fp)
	flip := func(s string, at int) string {
		b := []byte(s)
		b[at] = '0' + (b[at]-'0'+1)%10
		return string(b)
	}
	for _, tc := range []struct {
		typed  string
		groups []int
	}{
		{flip(right, 5), []int{2}},
		{flip(flip(right, 0), 11), []int{1, 3}},
		{flip(flip(flip(right, 1), 6), 10), []int{1, 2, 3}},
		{right[:11], nil},
		{"không biết", nil},
	} {
		_, err := Trust(ctx, district, units.Default(), file, tc.typed)
		var fe *FingerprintError
		if !errors.As(err, &fe) || !errors.Is(err, ErrFingerprint) || len(fe.Groups) != len(tc.groups) {
			t.Fatalf("%q: %v", tc.typed, err)
		}
		for n, g := range tc.groups {
			if fe.Groups[n] != g {
				t.Errorf("%q: groups %v, want %v", tc.typed, fe.Groups, tc.groups)
			}
		}
		for _, said := range []string{err.Error(), msg.Err("vi", err), msg.Err("en", err)} {
			for _, part := range append(strings.Fields(fp), right) {
				if strings.Contains(digits(said), part) || strings.Contains(said, part) {
					t.Errorf("%q: the message %q shows %s of the file's fingerprint", tc.typed, said, part)
				}
			}
		}
		if vi := msg.Err("vi", err); !strings.Contains(vi, "Dấu vân khóa") || !strings.Contains(vi, "chưa được ghi danh") {
			t.Errorf("Vietnamese message %q", vi)
		}
	}
	if ks, _ := district.PeerKeys(ctx, ""); len(ks) != 0 {
		t.Fatalf("a key was enrolled: %+v", ks)
	}
	if _, err := Trust(ctx, district, units.Default(), file, strings.ReplaceAll(fp, " ", "-")); err != nil {
		t.Fatalf("the right fingerprint: %v", err)
	}
}
