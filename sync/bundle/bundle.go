package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"maps"
	"slices"
	"strconv"

	"sokhuyenhoc/sync/keys"
)

// Bundle is an opened .khb file: its structure checked and its manifest
// parsed, but nothing trusted until VerifySignature and VerifyPayload
// succeed.
type Bundle struct {
	a             archive
	ents          [3]entry
	manifest      Manifest
	manifestBytes []byte
	sig           []byte
	sigOK         bool
	payloadOK     bool
}

// Open parses a bundle of size bytes with the default cap, DefaultMaxSize.
func Open(r io.ReaderAt, size int64) (*Bundle, error) {
	return OpenLimit(r, size, DefaultMaxSize)
}

// OpenLimit parses a bundle of size bytes, refusing files over maxSize
// (capped at MaxFileSize). It checks the archive structure strictly, reads
// the manifest and the signature file (each capped), and validates the
// manifest. Errors: ErrNotBundle, ErrTruncated, ErrTooLarge, ErrMalformed,
// ErrUnsupported, or an I/O error of r.
func OpenLimit(r io.ReaderAt, size, maxSize int64) (*Bundle, error) {
	ents, err := parseArchive(r, size, maxSize)
	if err != nil {
		return nil, err
	}
	b := &Bundle{a: archive{r, size}, ents: ents}
	if b.manifestBytes, err = b.a.readEntry(ents[0], NameManifest); err != nil {
		return nil, err
	}
	if b.sig, err = b.a.readEntry(ents[1], NameSignature); err != nil {
		return nil, err
	}
	if b.manifest, err = ParseManifest(b.manifestBytes); err != nil {
		return nil, err
	}
	if err := checkSigShape(b.sig); err != nil {
		return nil, err
	}
	return b, nil
}

// checkSigShape checks the signature file's layout; its content is checked
// by VerifySignature.
func checkSigShape(sig []byte) error {
	lines := bytes.Split(sig, []byte("\n"))
	if len(lines) != 5 || len(lines[4]) != 0 ||
		string(lines[0]) != "untrusted comment: "+keys.SignatureComment {
		return newErr(ErrMalformed, NameSignature, "not a four-line minisign signature with the fixed untrusted comment")
	}
	return nil
}

// Manifest returns the manifest (a copy). Until VerifySignature succeeds it
// is only a claim: use it to find the key (Origin, KeyID), nothing else.
func (b *Bundle) Manifest() Manifest {
	m := b.manifest
	m.Counts = maps.Clone(m.Counts)
	m.Recipients = slices.Clone(m.Recipients)
	m.Sources = slices.Clone(m.Sources)
	return m
}

// ManifestBytes returns the exact bytes of manifest.json (a copy).
func (b *Bundle) ManifestBytes() []byte { return slices.Clone(b.manifestBytes) }

// ManifestHash returns the SHA-256 of manifest.json.
func (b *Bundle) ManifestHash() [32]byte { return ManifestHash(b.manifestBytes) }

// TrustedComment returns the trusted comment a bundle's signature must carry:
// "khb/1 <bundle_id> <list>:<code> seq <N>".
func TrustedComment(m Manifest) string {
	return Format + " " + m.BundleID + " " + m.Origin.Ref.String() + " seq " + strconv.FormatInt(m.Seq, 10)
}

// VerifySignature checks that pub, the enrolled key of the manifest's origin,
// signed the manifest. Errors: ErrWrongKey (key id, unit or level differ from
// the manifest's, or the signature names another key) and ErrBadSignature.
// The origin's site is not compared with pub's: a restored installation
// keeps its keys under a new site (keys.Identity.WithSite), and the site is
// signed with the rest of the manifest.
func (b *Bundle) VerifySignature(pub keys.PublicKey) error {
	m := b.manifest
	if got := pub.KeyIDString(); got != m.KeyID {
		return newErr(ErrWrongKey, NameManifest, "key_id %s, the key given is %s", m.KeyID, got)
	}
	if pub.Unit != m.Origin.Ref || pub.Level != m.Origin.Level {
		return newErr(ErrWrongKey, NameManifest, "origin %s %s, the key is of %s %s",
			m.Origin.Level, m.Origin.Ref, pub.Level, pub.Unit)
	}
	tc, err := pub.Verify(b.manifestBytes, b.sig)
	switch {
	case errors.Is(err, keys.ErrWrongKey):
		return wrapErr(ErrWrongKey, NameSignature, "signature key id", err)
	case err != nil:
		return wrapErr(ErrBadSignature, NameSignature, "verifying", err)
	case tc != TrustedComment(m):
		return newErr(ErrBadSignature, NameSignature, "trusted comment %q does not match the manifest", tc)
	}
	b.sigOK = true
	return nil
}

// VerifyPayload streams payload.age and checks its size and SHA-256 against
// the manifest (ErrPayloadHash), and its CRC-32 against the archive
// (ErrMalformed).
func (b *Bundle) VerifyPayload() error {
	e, want := b.ents[2], b.manifest.Payload
	if e.size != want.Size {
		return newErr(ErrPayloadHash, NamePayload, "%d bytes, the manifest says %d", e.size, want.Size)
	}
	h, c := sha256.New(), crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(h, c), io.NewSectionReader(b.a.r, e.dataOff, e.size))
	if err != nil || n != e.size {
		return wrapErr(ErrTruncated, NamePayload, "reading", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return newErr(ErrPayloadHash, NamePayload, "SHA-256 differs from the manifest's")
	}
	if c.Sum32() != e.crc {
		return newErr(ErrMalformed, NamePayload, "CRC-32 mismatch")
	}
	b.payloadOK = true
	return nil
}
