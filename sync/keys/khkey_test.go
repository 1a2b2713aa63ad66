package keys_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"sokhuyenhoc/sync/keys"
)

func TestMarshalPublic_RoundTrip(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, `Xã "Hòa" <Bình> & Sơn`)
	b, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	got, err := keys.ParsePublic(b)
	if err != nil {
		t.Fatalf("ParsePublic: %v\n%s", err, b)
	}
	if !got.Equal(id.Public()) {
		t.Errorf("ParsePublic = %+v, want %+v", got, id.Public())
	}
	if got.Fingerprint() != id.Public().Fingerprint() {
		t.Error("fingerprint changed through the file")
	}
	again, err := keys.MarshalPublic(id)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("MarshalPublic not deterministic")
	}
}

// editKhkey decodes a .khkey into a generic map, applies f and re-encodes it.
func editKhkey(t *testing.T, b []byte, f func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParsePublic(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã Hòa Bình")
	other := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã Hòa Bình").Public()
	good, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	set := func(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"OK", good, nil},
		{"OK compact", editKhkey(t, good, func(map[string]any) {}), nil},
		{"OK CRLF and BOM", append([]byte("\uFEFF"), bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n"))...), nil},
		{"ErrTooLarge", append(bytes.Repeat([]byte(" "), keys.MaxFileBytes), good...), keys.ErrTooLarge},
		{"ErrMalformed empty", nil, keys.ErrMalformed},
		{"ErrMalformed not JSON", []byte("RWQ..."), keys.ErrMalformed},
		{"ErrMalformed truncated", good[:len(good)/2], keys.ErrMalformed},
		{"ErrMalformed other format", editKhkey(t, good, set("format", "khb/1")), keys.ErrMalformed},
		{"ErrUnsupported khkey/2", editKhkey(t, good, set("format", "khkey/2")), keys.ErrUnsupported},
		{"ErrMalformed unknown field", editKhkey(t, good, set("fingerprint", "1234 5678 9012")), keys.ErrMalformed},
		{"ErrMalformed duplicate field", []byte(strings.Replace(string(good), `"name":`, `"name": "Xã Khác", "name":`, 1)), keys.ErrMalformed},
		{"ErrMalformed null", editKhkey(t, good, set("site", nil)), keys.ErrMalformed},
		{"ErrMalformed trailing data", append(append([]byte{}, good...), "{}"...), keys.ErrMalformed},
		{"ErrMalformed level", editKhkey(t, good, set("level", "district")), keys.ErrMalformed},
		{"ErrMalformed site", editKhkey(t, good, set("site", "XYZ")), keys.ErrMalformed},
		{"ErrMalformed created", editKhkey(t, good, set("created", "2025-07-01T08:30:15+07:00")), keys.ErrMalformed},
		{"ErrMalformed minisign key", editKhkey(t, good, set("minisign_public_key", "RWQ")), keys.ErrMalformed},
		{"ErrMalformed age recipient", editKhkey(t, good, set("age_recipient", "age1xyz")), keys.ErrMalformed},
		{"ErrMalformed no self signature", editKhkey(t, good, func(m map[string]any) { delete(m, "self_signature") }), keys.ErrMalformed},
		{"ErrBadSelfSignature name", editKhkey(t, good, set("name", "Xã Khác")), keys.ErrBadSelfSignature},
		{"ErrBadSelfSignature unit", editKhkey(t, good, set("unit", map[string]any{"list": "2025", "code": "00007"})), keys.ErrBadSelfSignature},
		{"ErrBadSelfSignature created", editKhkey(t, good, set("created", "2026-07-01T01:30:15Z")), keys.ErrBadSelfSignature},
		{"ErrBadSelfSignature age recipient swapped", editKhkey(t, good, set("age_recipient", other.AgeRecipient)), keys.ErrBadSelfSignature},
		{"ErrBadSelfSignature signing key swapped", editKhkey(t, good, set("minisign_public_key", other.MinisignPublicKey())), keys.ErrBadSelfSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.ParsePublic(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParsePublic: err = %v, want %v", err, tt.want)
			}
			if err == nil && !got.Equal(id.Public()) {
				t.Errorf("ParsePublic = %+v, want %+v", got, id.Public())
			}
		})
	}
}

func TestMarshalPublic_EditedIdentity(t *testing.T) {
	tests := []struct {
		name    string
		newName string
		want    error
	}{
		{"OK renamed", "Phường Ba Đình mới", nil},
		{"ErrInvalid emptied", "", keys.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := MustGenerate(t, communeUnit, keys.LevelCommune, "Phường Ba Đình")
			id.Name = tt.newName
			b, err := keys.MarshalPublic(id)
			if !errors.Is(err, tt.want) {
				t.Fatalf("MarshalPublic: err = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if k, err := keys.ParsePublic(b); err != nil || k.Name != tt.newName {
				t.Errorf("ParsePublic = %q, %v", k.Name, err)
			}
		})
	}
}
