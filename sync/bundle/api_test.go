package bundle

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"filippo.io/age"
)

func TestOpenPayload_Order(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 3)
	tests := []struct {
		name     string
		steps    func(b *Bundle)
		id       *age.X25519Identity
		maxPlain int64
		want     error
	}{
		{"OK", func(b *Bundle) { b.VerifySignature(f.commune.Public()); b.VerifyPayload() }, f.district.AgeIdentity(), 1 << 20, nil},
		{"ErrNotVerified nothing verified", func(*Bundle) {}, f.district.AgeIdentity(), 1 << 20, ErrNotVerified},
		{"ErrNotVerified signature only", func(b *Bundle) { b.VerifySignature(f.commune.Public()) }, f.district.AgeIdentity(), 1 << 20, ErrNotVerified},
		{"ErrNotVerified payload only", func(b *Bundle) { b.VerifyPayload() }, f.district.AgeIdentity(), 1 << 20, ErrNotVerified},
		{"ErrNotVerified signature failed", func(b *Bundle) { b.VerifySignature(f.stranger.Public()); b.VerifyPayload() }, f.district.AgeIdentity(), 1 << 20, ErrNotVerified},
		{"ErrTooLarge cap below plain_size", func(b *Bundle) { b.VerifySignature(f.commune.Public()); b.VerifyPayload() }, f.district.AgeIdentity(), 100, ErrTooLarge},
		{"ErrInvalid no identity", func(b *Bundle) { b.VerifySignature(f.commune.Public()); b.VerifyPayload() }, nil, 1 << 20, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Open(bytes.NewReader(g.data), int64(len(g.data)))
			if err != nil {
				t.Fatal(err)
			}
			tt.steps(b)
			pr, err := b.OpenPayload(tt.id, tt.maxPlain)
			if !errors.Is(err, tt.want) {
				t.Fatalf("OpenPayload: err = %v, want %v", err, tt.want)
			}
			if err == nil {
				if pr.Header() != headerOf(g.m) {
					t.Errorf("Header() = %+v", pr.Header())
				}
				pr.Close()
			}
		})
	}
}

func TestOpenLimit(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 3)
	n := int64(len(g.data))
	tests := []struct {
		name string
		max  int64
		want error
	}{
		{"OK at the cap", n, nil},
		{"ErrTooLarge one byte over", n - 1, ErrTooLarge},
		{"OK cap above MaxFileSize", 1 << 40, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := OpenLimit(bytes.NewReader(g.data), n, tt.max); !errors.Is(err, tt.want) {
				t.Fatalf("OpenLimit: err = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := OpenLimit(bytes.NewReader(g.data), MaxFileSize+1, 1<<40); !errors.Is(err, ErrTooLarge) {
		t.Errorf("size over MaxFileSize: err = %v, want ErrTooLarge", err)
	}
}

func TestPayloadReader_Sticky(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 2)
	b, _ := Open(bytes.NewReader(g.data), int64(len(g.data)))
	b.VerifySignature(f.commune.Public())
	b.VerifyPayload()
	pr, err := b.OpenPayload(f.district.AgeIdentity(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err = pr.Next(); err != nil {
			break
		}
	}
	if !errors.Is(err, io.EOF) {
		t.Fatalf("Next: %v", err)
	}
	if _, err := pr.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("Next after EOF: err = %v, want io.EOF", err)
	}
	if err := pr.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := pr.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestManifestHash(t *testing.T) {
	f := MustFixture(t)
	g := MustGolden(t, f, 1)
	b, _ := Open(bytes.NewReader(g.data), int64(len(g.data)))
	if b.ManifestHash() != ManifestHash(g.manifest) || !bytes.Equal(b.ManifestBytes(), g.manifest) {
		t.Error("ManifestHash or ManifestBytes differ from manifest.json")
	}
	if got := ManifestHashHex(g.manifest); len(got) != 64 || !isHex(got, 64, false) {
		t.Errorf("ManifestHashHex = %q", got)
	}
}
