package keys_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

func TestAnnounce(t *testing.T) {
	old := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	next, err := old.Rotate(testNow.Add(24 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		next keys.PublicKey
		want error
	}{
		{"OK", next.Public(), nil},
		{"ErrUnitMismatch other unit", MustGenerate(t, units.Ref{List: "2025", Code: "00007"}, keys.LevelCommune, "Xã B").Public(), keys.ErrUnitMismatch},
		{"ErrUnitMismatch other level", MustGenerate(t, provinceUnit, keys.LevelProvince, "Tỉnh").Public(), keys.ErrUnitMismatch},
		{"ErrInvalid same key", old.Public(), keys.ErrInvalid},
		{"ErrInvalid no self-signature", keys.PublicKey{Unit: communeUnit, Level: keys.LevelCommune,
			SignPub: next.Public().SignPub, KeyID: [8]byte{1}, AgeRecipient: next.Public().AgeRecipient}, keys.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := keys.Announce(old, tt.next)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Announce: err = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			got, err := keys.VerifyAnnouncement(old.Public(), b)
			if err != nil {
				t.Fatalf("VerifyAnnouncement: %v\n%s", err, b)
			}
			if !got.Equal(tt.next) {
				t.Errorf("VerifyAnnouncement = %+v, want %+v", got, tt.next)
			}
		})
	}
}

func TestVerifyAnnouncement(t *testing.T) {
	old := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	next, _ := old.Rotate(testNow)
	good, err := keys.Announce(old, next.Public())
	if err != nil {
		t.Fatal(err)
	}
	stranger := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	forged, _ := keys.Announce(stranger, next.Public())
	forgedOldKey := strings.Replace(string(forged), stranger.Public().MinisignPublicKey(), old.Public().MinisignPublicKey(), 1)
	tests := []struct {
		name string
		old  keys.PublicKey
		in   []byte
		want error
	}{
		{"OK", old.Public(), good, nil},
		{"ErrWrongKey checked against another key", stranger.Public(), good, keys.ErrWrongKey},
		{"ErrWrongKey made by a stranger", old.Public(), forged, keys.ErrWrongKey},
		{"ErrWrongKey stranger claims the old key", old.Public(), []byte(forgedOldKey), keys.ErrWrongKey},
		{"ErrBadSignature signature bit", old.Public(), flipSignature(t, good), keys.ErrBadSignature},
		{"ErrBadSignature next name edited", old.Public(), []byte(strings.Replace(string(good), `"Xã A"`, `"Xã Z"`, 1)), keys.ErrBadSignature},
		{"ErrMalformed not JSON", old.Public(), []byte("hello"), keys.ErrMalformed},
		{"ErrMalformed unknown field", old.Public(), []byte(strings.Replace(string(good), `"format"`, `"x": 1, "format"`, 1)), keys.ErrMalformed},
		{"ErrUnsupported version 2", old.Public(), []byte(strings.Replace(string(good), "khrotate/1", "khrotate/2", 1)), keys.ErrUnsupported},
		{"ErrTooLarge", old.Public(), append(bytes.Repeat([]byte(" "), keys.MaxFileBytes), good...), keys.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.VerifyAnnouncement(tt.old, tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("VerifyAnnouncement: err = %v, want %v", err, tt.want)
			}
			if err == nil && !got.Equal(next.Public()) {
				t.Errorf("next = %+v, want %+v", got, next.Public())
			}
		})
	}
}

// flipSignature flips the last bit of an announcement's signature.
func flipSignature(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	sig, _ := base64.StdEncoding.DecodeString(m["signature"].(string))
	sig[len(sig)-1] ^= 1
	m["signature"] = base64.StdEncoding.EncodeToString(sig)
	out, _ := json.Marshal(m)
	return out
}
