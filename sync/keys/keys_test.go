package keys_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

var testNow = time.Date(2025, 7, 1, 8, 30, 15, 123456789, time.FixedZone("ICT", 7*3600))

var (
	communeUnit  = units.Ref{List: keys.List2025, Code: "00004"}
	districtUnit = units.Ref{List: keys.List2024, Code: "001"}
	provinceUnit = units.Ref{List: keys.List2025, Code: "01"}
)

// MustGenerate returns a new identity of a commune, failing the test on error.
func MustGenerate(tb testing.TB, unit units.Ref, level, name string) *keys.Identity {
	tb.Helper()
	id, err := keys.Generate(unit, level, name, testNow)
	if err != nil {
		tb.Fatalf("Generate(%v, %s, %q): %v", unit, level, name, err)
	}
	return id
}

func TestGenerate(t *testing.T) {
	tests := []struct {
		name  string
		unit  units.Ref
		level string
		uname string
		want  error
	}{
		{"OK commune", communeUnit, keys.LevelCommune, "Phường Ba Đình", nil},
		{"OK district", districtUnit, keys.LevelDistrict, "Quận Ba Đình", nil},
		{"OK province", provinceUnit, keys.LevelProvince, "Thành phố Hà Nội", nil},
		{"ErrInvalid list", units.Ref{List: "2023", Code: "00004"}, keys.LevelCommune, "X", keys.ErrInvalid},
		{"ErrInvalid code letters", units.Ref{List: "2025", Code: "0000a"}, keys.LevelCommune, "X", keys.ErrInvalid},
		{"ErrInvalid code length", units.Ref{List: "2025", Code: "0004"}, keys.LevelCommune, "X", keys.ErrInvalid},
		{"ErrInvalid district in 2025", units.Ref{List: "2025", Code: "001"}, keys.LevelDistrict, "X", keys.ErrInvalid},
		{"ErrInvalid level", communeUnit, "village", "X", keys.ErrInvalid},
		{"ErrInvalid level vs code", communeUnit, keys.LevelProvince, "X", keys.ErrInvalid},
		{"ErrInvalid empty name", communeUnit, keys.LevelCommune, "", keys.ErrInvalid},
		{"ErrInvalid newline in name", communeUnit, keys.LevelCommune, "Xã\nA", keys.ErrInvalid},
		{"ErrInvalid bad UTF-8 name", communeUnit, keys.LevelCommune, "X\xff", keys.ErrInvalid},
		{"ErrInvalid padded name", communeUnit, keys.LevelCommune, " Xã A", keys.ErrInvalid},
		{"ErrInvalid long name", communeUnit, keys.LevelCommune, strings.Repeat("ă", 129), keys.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := keys.Generate(tt.unit, tt.level, tt.uname, testNow)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Generate: err = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if got, want := id.Created, testNow.UTC().Truncate(time.Second); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("Created = %v, want %v in UTC", got, want)
			}
			if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(id.Site) {
				t.Errorf("Site = %q, want 16 lowercase hex", id.Site)
			}
			if got := id.Public(); got.Unit != tt.unit || got.Level != tt.level || got.Name != tt.uname {
				t.Errorf("Public() = %+v, want unit %v level %s name %q", got, tt.unit, tt.level, tt.uname)
			}
		})
	}
}

func TestGenerate_Distinct(t *testing.T) {
	a := MustGenerate(t, communeUnit, keys.LevelCommune, "A")
	b := MustGenerate(t, communeUnit, keys.LevelCommune, "A")
	pa, pb := a.Public(), b.Public()
	if pa.SignPub.Equal(pb.SignPub) || pa.KeyID == pb.KeyID || pa.AgeRecipient == pb.AgeRecipient || a.Site == b.Site {
		t.Fatal("two Generate calls share key material or site")
	}
	if pa.Fingerprint() == pb.Fingerprint() {
		t.Fatal("two keys share a fingerprint")
	}
}

func TestRotate(t *testing.T) {
	old := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	next, err := old.Rotate(testNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if next.Unit != old.Unit || next.Level != old.Level || next.Name != old.Name || next.Site != old.Site {
		t.Errorf("Rotate changed the unit, level, name or site: %+v", next.Public())
	}
	if next.Public().SignPub.Equal(old.Public().SignPub) || next.KeyID() == old.KeyID() {
		t.Error("Rotate kept the old keys")
	}
}

func TestUnitRef(t *testing.T) {
	tests := []struct {
		in   string
		want units.Ref
		err  error
	}{
		{"2025:00004", communeUnit, nil},
		{"2024:001", districtUnit, nil},
		{"2025:01", provinceUnit, nil},
		{"2025-00004", units.Ref{}, keys.ErrInvalid},
		{"2025:", units.Ref{List: "2025"}, keys.ErrInvalid},
		{":00004", units.Ref{Code: "00004"}, keys.ErrInvalid},
		{"2025:00004:1", units.Ref{List: "2025", Code: "00004:1"}, keys.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := keys.ParseUnit(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseUnit(%q): err = %v, want %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseUnit(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if err == nil && got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	id := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A")
	pub := id.Public()
	fp := pub.Fingerprint()
	if !regexp.MustCompile(`^\d{4} \d{4} \d{4}$`).MatchString(fp) {
		t.Fatalf("Fingerprint() = %q, want 12 digits in groups of 4", fp)
	}
	if again := id.Public().Fingerprint(); again != fp {
		t.Errorf("Fingerprint not stable: %q then %q", fp, again)
	}
	other := MustGenerate(t, communeUnit, keys.LevelCommune, "Xã A").Public()
	tests := []struct {
		name   string
		modify func(*keys.PublicKey)
		same   bool
	}{
		{"name does not count", func(k *keys.PublicKey) { k.Name = "Xã B" }, true},
		{"site does not count", func(k *keys.PublicKey) { k.Site = "ffffffffffffffff" }, true},
		{"signing key counts", func(k *keys.PublicKey) { k.SignPub = other.SignPub }, false},
		{"key id counts", func(k *keys.PublicKey) { k.KeyID[0] ^= 1 }, false},
		{"age recipient counts", func(k *keys.PublicKey) { k.AgeRecipient = other.AgeRecipient }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := id.Public()
			tt.modify(&k)
			if got := k.Fingerprint() == fp; got != tt.same {
				t.Errorf("same fingerprint = %v, want %v", got, tt.same)
			}
		})
	}
}
