package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"sokhuyenhoc/data/units"
)

// Format is the format tag of this version of the bundle format.
const Format = "khb/1"

// Size caps of the format (see docs/bundle-format.md).
const (
	MaxManifestSize  = 64 << 10  // manifest.json
	MaxSignatureSize = 1 << 10   // manifest.json.minisig
	MaxFileSize      = 1<<31 - 1 // a whole .khb file
	DefaultMaxSize   = 1 << 30   // the reading cap Open uses
	MaxLineSize      = 1 << 20   // one payload NDJSON line, newline included
	MaxRecipients    = 16        // age recipients of a payload
	MaxKinds         = 64        // record kinds in one payload
	MaxCols          = 256       // columns of a table
	maxSafeInt       = 1<<53 - 1 // JSON integers stay exact in every language
	manifestPart     = "manifest.json"
	createdLayout    = time.RFC3339 // written in UTC with whole seconds: …Z
)

// Origin names the installation that made a bundle.
type Origin struct {
	units.Ref        // the unit: list and code
	Level     string `json:"level"` // keys.LevelCommune, LevelDistrict or LevelProvince
	Site      string `json:"site"`  // the installation's site id, 16 lowercase hex digits
}

// Clock is the range of Lamport times of a payload's rows.
type Clock struct {
	Min int64 `json:"min"`
	Max int64 `json:"max"`
}

// Source names a bundle whose records a consolidated bundle carries on.
type Source struct {
	Origin         Origin `json:"origin"`
	Seq            int64  `json:"seq"`
	ManifestSHA256 string `json:"manifest_sha256"` // lowercase hex SHA-256 of its manifest.json
}

// PayloadInfo describes payload.age.
type PayloadInfo struct {
	SHA256    string `json:"sha256"`     // lowercase hex SHA-256 of the payload.age bytes
	Size      int64  `json:"size"`       // length of payload.age
	PlainSize int64  `json:"plain_size"` // length of the NDJSON plaintext
}

// Manifest is the signed description of a bundle. It holds no personal data.
type Manifest struct {
	Format     string           `json:"format"`            // Format
	BundleID   string           `json:"bundle_id"`         // UUID v7, lowercase
	Created    time.Time        `json:"created"`           // informational only (UTC, whole seconds)
	Origin     Origin           `json:"origin"`            // the sender
	KeyID      string           `json:"key_id"`            // signer's minisign key id, 16 uppercase hex
	To         units.Ref        `json:"to"`                // the unit the bundle is addressed to
	Seq        int64            `json:"seq"`               // the origin's bundle counter, from 1
	Prev       string           `json:"prev"`              // hex SHA-256 of the previous manifest, "" for seq 1
	Clock      Clock            `json:"clock"`             // Lamport range of the rows
	Counts     map[string]int64 `json:"counts"`            // rows per kind
	Recipients []string         `json:"recipients"`        // age recipients of the payload
	Sources    []Source         `json:"sources,omitempty"` // bundles carried on (consolidation)
	Payload    PayloadInfo      `json:"payload"`           // payload.age hash and sizes
}

// manifestJSON is the wire form; member order is the canonical order.
type manifestJSON struct {
	Format     string           `json:"format"`
	BundleID   string           `json:"bundle_id"`
	Created    string           `json:"created"`
	Origin     Origin           `json:"origin"`
	KeyID      string           `json:"key_id"`
	To         units.Ref        `json:"to"`
	Seq        int64            `json:"seq"`
	Prev       string           `json:"prev"`
	Clock      Clock            `json:"clock"`
	Counts     map[string]int64 `json:"counts"`
	Recipients []string         `json:"recipients"`
	Sources    []Source         `json:"sources,omitempty"`
	Payload    PayloadInfo      `json:"payload"`
}

// Marshal validates m and returns its canonical encoding: the exact bytes of
// manifest.json.
func (m Manifest) Marshal() ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	counts := m.Counts
	if counts == nil {
		counts = map[string]int64{}
	}
	w := manifestJSON{
		Format: m.Format, BundleID: m.BundleID, Created: m.Created.UTC().Format(createdLayout),
		Origin: m.Origin, KeyID: m.KeyID, To: m.To, Seq: m.Seq, Prev: m.Prev, Clock: m.Clock,
		Counts: counts, Recipients: m.Recipients, Sources: m.Sources, Payload: m.Payload,
	}
	b, err := json.Marshal(w)
	if err != nil {
		return nil, wrapErr(ErrInvalid, manifestPart, "encoding", err)
	}
	if len(b) > MaxManifestSize {
		return nil, newErr(ErrTooLarge, manifestPart, "%d bytes, cap %d", len(b), MaxManifestSize)
	}
	return b, nil
}

// ManifestHash returns the SHA-256 of manifest bytes, which names a bundle in
// the import ledger and in the next bundle's prev.
func ManifestHash(manifestBytes []byte) [32]byte { return sha256.Sum256(manifestBytes) }

// ManifestHashHex returns ManifestHash as lowercase hex, the form of prev.
func ManifestHashHex(manifestBytes []byte) string {
	h := ManifestHash(manifestBytes)
	return hex.EncodeToString(h[:])
}

// ParseManifest decodes and validates manifest.json. It accepts only the
// canonical encoding (re-encoding gives the same bytes), which rules out
// duplicate keys, unknown members, null, whitespace and other spellings of
// the same values. Errors: ErrTooLarge, ErrUnsupported, ErrMalformed.
func ParseManifest(b []byte) (Manifest, error) {
	if len(b) > MaxManifestSize {
		return Manifest{}, newErr(ErrTooLarge, manifestPart, "%d bytes, cap %d", len(b), MaxManifestSize)
	}
	if err := checkManifestFormat(b); err != nil {
		return Manifest{}, err
	}
	var w manifestJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Manifest{}, wrapErr(ErrMalformed, manifestPart, "decoding", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Manifest{}, newErr(ErrMalformed, manifestPart, "data after the JSON object")
	}
	created, err := time.Parse(createdLayout, w.Created)
	if err != nil {
		return Manifest{}, wrapErr(ErrMalformed, manifestPart, "created", err)
	}
	m := Manifest{
		Format: w.Format, BundleID: w.BundleID, Created: created.UTC(), Origin: w.Origin,
		KeyID: w.KeyID, To: w.To, Seq: w.Seq, Prev: w.Prev, Clock: w.Clock, Counts: w.Counts,
		Recipients: w.Recipients, Sources: w.Sources, Payload: w.Payload,
	}
	again, err := m.Marshal()
	if err != nil {
		return Manifest{}, asMalformed(err)
	}
	if !bytes.Equal(again, b) {
		return Manifest{}, newErr(ErrMalformed, manifestPart, "not in canonical form")
	}
	return m, nil
}

// checkManifestFormat reads only the format member, so that another version
// is reported as ErrUnsupported.
func checkManifestFormat(b []byte) error {
	var probe struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return wrapErr(ErrMalformed, manifestPart, "not a JSON object", err)
	}
	if probe.Format != Format && strings.HasPrefix(probe.Format, "khb/") {
		return newErr(ErrUnsupported, manifestPart, "format %q", probe.Format)
	}
	return nil
}

// asMalformed turns a validation error (ErrInvalid) on read data into
// ErrMalformed.
func asMalformed(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Kind == ErrInvalid {
		return &Error{Kind: ErrMalformed, Part: e.Part, Detail: e.Detail, Err: e.Err}
	}
	return err
}
