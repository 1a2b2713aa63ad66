package bundle

import (
	"bytes"
	"errors"
	"testing"
)

// TestDamage_EveryTruncation cuts a good bundle at every length: the empty
// file is not a bundle, every other prefix is truncated.
func TestDamage_EveryTruncation(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 5)
	for n := 0; n < len(g.data); n++ {
		want := ErrTruncated
		if n == 0 {
			want = ErrNotBundle
		}
		if _, err := readAll(g.data[:n], f.commune.Public(), f.district.AgeIdentity()); !errors.Is(err, want) {
			t.Fatalf("cut to %d of %d bytes: err = %v, want %v", n, len(g.data), err, want)
		}
	}
}

// TestDamage_EveryBitFlip flips each bit of a good bundle in turn. Every flip
// is detected, with an error that depends only on the region it hits.
func TestDamage_EveryBitFlip(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 5)
	headers := []error{ErrMalformed, ErrTooLarge, ErrTruncated}
	regions := []struct {
		name       string
		start, end int64
		want       []error
	}{
		{"first local header signature", 0, 4, []error{ErrNotBundle}},
		{"manifest local header", 4, g.ents[0].dataOff, headers},
		{"manifest", g.ents[0].dataOff, g.ents[1].off, []error{ErrMalformed}}, // CRC-32
		{"signature local header", g.ents[1].off, g.ents[1].dataOff, headers},
		{"signature", g.ents[1].dataOff, g.ents[2].off, []error{ErrMalformed}}, // CRC-32
		{"payload local header", g.ents[2].off, g.ents[2].dataOff, headers},
		{"payload", g.ents[2].dataOff, g.ents[2].dataOff + g.ents[2].size, []error{ErrPayloadHash}},
		{"central directory and end record", g.ents[2].dataOff + g.ents[2].size, int64(len(g.data)), headers},
	}
	d := bytes.Clone(g.data)
	for _, r := range regions {
		for off := r.start; off < r.end; off++ {
			for bit := range 8 {
				d[off] ^= 1 << bit
				_, err := readAll(d, f.commune.Public(), f.district.AgeIdentity())
				d[off] ^= 1 << bit
				if !isOneOf(err, r.want) {
					t.Fatalf("%s: bit %d of byte %d flipped: err = %v, want one of %v", r.name, bit, off, err, r.want)
				}
			}
		}
	}
}

func isOneOf(err error, sentinels []error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
