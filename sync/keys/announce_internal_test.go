package keys

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
)

// TestVerifyAnnouncement_CrossUnit signs, with the old key, an announcement
// that Announce refuses to make: a next key of another unit, or the old key
// itself.
func TestVerifyAnnouncement_CrossUnit(t *testing.T) {
	now := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	old, err := Generate(units.Ref{List: List2025, Code: "00004"}, LevelCommune, "Xã A", now)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Generate(units.Ref{List: List2025, Code: "00007"}, LevelCommune, "Xã B", now)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		next PublicKey
		want []error
	}{
		{"ErrUnitMismatch", other.Public(), []error{ErrUnitMismatch, ErrMalformed}},
		{"ErrInvalid same key", old.Public(), []error{ErrInvalid, ErrMalformed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := tt.next.signedWire()
			if err != nil {
				t.Fatal(err)
			}
			a := announceJSON{Format: FormatAnnounce, OldKey: old.Public().MinisignPublicKey(), Next: w}
			canon, _ := json.Marshal(a)
			a.Signature = b64.EncodeToString(signBlob(old.sign, old.keyID, canon))
			b, _ := json.Marshal(a)
			_, err = VerifyAnnouncement(old.Public(), b)
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("VerifyAnnouncement: err = %v, want %v", err, want)
				}
			}
		})
	}
}
