package bundle

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"regexp"
	"testing"
	"time"

	"sokhuyenhoc/sync/keys"
)

func TestSeal_RoundTrip(t *testing.T) {
	f := MustFixture(t)
	tests := []struct {
		name string
		seq  int64
		rows int
	}{
		{"OK no rows", 1, 0},
		{"OK one row", 2, 1},
		{"OK many rows, several age chunks", 3, 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, m := MustSeal(t, f, baseManifest(tt.seq), fillRows(tt.rows))
			for _, id := range []*keys.Identity{f.district, f.commune} {
				items, err := readAll(data, f.commune.Public(), id.AgeIdentity())
				if err != nil {
					t.Fatalf("reading as %s: %v", id.Level, err)
				}
				checkItems(t, items, tt.rows)
			}
			if got, want := m.Counts, map[string]int64{"citizen": int64(tt.rows), "award": 0}; !reflect.DeepEqual(got, want) {
				t.Errorf("Counts = %v, want %v", got, want)
			}
			if len(m.Recipients) != 2 || m.Recipients[0] != f.district.AgeRecipient().String() ||
				m.Recipients[1] != f.commune.AgeRecipient().String() {
				t.Errorf("Recipients = %v, want district then commune", m.Recipients)
			}
			b, err := Open(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Manifest(), m) {
				t.Errorf("Open's manifest = %+v, Seal returned %+v", b.Manifest(), m)
			}
		})
	}
}

// checkItems compares what was read with fillRows' rows.
func checkItems(t *testing.T, items []Item, rows int) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	if len(items) != rows+2 {
		t.Fatalf("read %d items, want %d", len(items), rows+2)
	}
	if items[0].Row != nil || items[0].Table.Kind != "citizen" || items[rows+1].Table.Kind != "award" {
		t.Fatalf("tables not where expected")
	}
	for i := range rows {
		want := citizenRow(rnd, i)
		if got := *items[i+1].Row; !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d = %+v, want %+v", i, got, want)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		level, code string
		seq         int
		id, want    string
	}{
		{"commune", "00004", 12, "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c", "commune-00004-000012-0190f3a2.khb"},
		{"province", "01", 1234567, "0190f3a2-7c4e", "province-01-1234567-0190f3a2.khb"},
		{"Commune", "../x", 1, "ab", "commune-___x-000001-ab.khb"},
	}
	for _, tt := range tests {
		if got := FileName(tt.level, tt.code, tt.seq, tt.id); got != tt.want {
			t.Errorf("FileName(%q, %q, %d, %q) = %q, want %q", tt.level, tt.code, tt.seq, tt.id, got, tt.want)
		}
		if !regexp.MustCompile(`^[a-z0-9_-]+\.khb$`).MatchString(FileName(tt.level, tt.code, tt.seq, tt.id)) {
			t.Errorf("FileName not FAT32-safe")
		}
	}
}

func TestSeal_Invalid(t *testing.T) {
	f := MustFixture(t)
	tests := []struct {
		name   string
		modify func(*Manifest)
		fill   func(*PayloadWriter) error
		want   error
	}{
		{"ErrInvalid seq 0", func(m *Manifest) { m.Seq = 0 }, fillRows(1), ErrInvalid},
		{"ErrInvalid prev for seq 1", func(m *Manifest) { m.Prev = ManifestHashHex(nil) }, fillRows(1), ErrInvalid},
		{"ErrInvalid no prev for seq 2", func(m *Manifest) { m.Seq = 2 }, fillRows(1), ErrInvalid},
		{"ErrInvalid bad to", func(m *Manifest) { m.To.Code = "1" }, fillRows(1), ErrInvalid},
		{"ErrInvalid bundle id v4", func(m *Manifest) { m.BundleID = "0c5b2444-70a0-4932-980c-b4dc0d3f02b5" }, fillRows(1), ErrInvalid},
		{"ErrInvalid no created", func(m *Manifest) { m.Created = time.Time{} }, fillRows(1), ErrInvalid},
		{"ErrInvalid row before table", func(*Manifest) {}, func(pw *PayloadWriter) error {
			return pw.Row(Row{})
		}, ErrInvalid},
		{"ErrInvalid fill closes", func(*Manifest) {}, func(pw *PayloadWriter) error {
			pw.Close()
			return pw.Table(Table{Kind: "x", Cols: []string{"a"}})
		}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := baseManifest(1)
			tt.modify(&m)
			var out bytes.Buffer
			_, err := Seal(&out, &memFile{}, m, f.commune, nil, tt.fill)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Seal: err = %v, want %v", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("Seal wrote %d bytes despite the error", out.Len())
			}
		})
	}
}
