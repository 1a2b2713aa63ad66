package receipt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sokhuyenhoc/sync/keys"
)

// Format is the format tag of a receipt.
const Format = "khr/1"

// IssuerHub is the Issuer of a receipt signed by a hub.
const IssuerHub = "hub"

// MaxEntries caps the bundles one receipt names.
const MaxEntries = 20_000

// Entry names one acknowledged bundle.
type Entry struct {
	Site           string `json:"site"`                  // the origin installation's site id
	Seq            int64  `json:"seq"`                   // the origin's bundle number
	BundleID       string `json:"bundle_id"`             // the manifest's bundle_id
	ManifestSHA256 string `json:"manifest_sha256"`       // lowercase hex SHA-256 of manifest.json
	FileSHA256     string `json:"file_sha256,omitempty"` // hub receipts: SHA-256 of the whole .khb received
}

// Receipt is the document of a receipt file; the member order is the
// canonical order.
type Receipt struct {
	Format  string  `json:"format"`  // Format
	Issuer  string  `json:"issuer"`  // IssuerHub, or the "list:code" of the unit that imported the bundles
	KeyID   string  `json:"key_id"`  // the signing key's minisign key id
	Issued  string  `json:"issued"`  // YYYY-MM-DDTHH:MM:SSZ (informational)
	For     string  `json:"for"`     // the "list:code" of the unit whose bundles are acknowledged
	Bundles []Entry `json:"bundles"` // 1 to MaxEntries bundles
}

// Comment returns the trusted comment a receipt's signature carries:
// "khr/1 <for> by <issuer>, <n> bundle(s)".
func Comment(r Receipt) string {
	return Format + " " + r.For + " by " + r.Issuer + ", " + strconv.Itoa(len(r.Bundles)) + " bundle(s)"
}

// FormatTime writes a time as receipts carry it.
func FormatTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// Issue signs r (its Format is set here) and returns the receipt file.
func Issue(s Signer, r Receipt) ([]byte, error) {
	r.Format = Format
	if err := r.Validate(); err != nil {
		return nil, err
	}
	doc, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return SignDoc(doc, s, Comment(r))
}

// Parse reads a receipt file without checking its signature: use it to
// find the key (Issuer, KeyID), then call Verify. Errors: ErrTooLarge,
// ErrMalformed.
func Parse(file []byte) (Receipt, error) {
	msg, _, err := SplitDoc(file)
	if err != nil {
		return Receipt{}, err
	}
	return decode(msg[:len(msg)-1])
}

// Verify checks that the receipt file was signed by key by, which its
// key_id must name, and returns the receipt. Errors: ErrTooLarge,
// ErrMalformed, ErrWrongKey, ErrBadSignature.
func Verify(file []byte, by keys.PublicKey) (Receipt, error) {
	var r Receipt
	_, err := VerifyDoc(file, by, func(doc []byte) (string, error) {
		var err error
		if r, err = decode(doc); err != nil {
			return "", err
		}
		if r.KeyID != by.KeyIDString() {
			return "", fmt.Errorf("%w: the receipt names key %s, not %s", ErrWrongKey, r.KeyID, by.KeyIDString())
		}
		return Comment(r), nil
	})
	return r, err
}

// decode parses a receipt document strictly: known members only, valid
// values, and the canonical encoding.
func decode(doc []byte) (Receipt, error) {
	var r Receipt
	err := DecodeCanonical(doc, &r, func() error { return r.Validate() })
	switch {
	case err == nil:
		return r, nil
	case errors.Is(err, ErrMalformed):
		return Receipt{}, err
	}
	return Receipt{}, fmt.Errorf("%w: %v", ErrMalformed, err)
}

// DecodeCanonical decodes the one-line JSON document doc into v (a
// pointer) strictly: no unknown member, nothing after it; then checks it
// with validate (called once v is filled) and that encoding v again
// gives doc byte for byte. The signed documents of the hub protocol and the statements of
// consolidation share it.
func DecodeCanonical(doc []byte, v any, validate func() error) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil || dec.More() {
		return fmt.Errorf("not one JSON object of known members: %v", err)
	}
	if err := validate(); err != nil {
		return err
	}
	if canon, _ := json.Marshal(v); !bytes.Equal(canon, doc) {
		return errors.New("not in canonical form")
	}
	return nil
}

// Validate checks every member of r.
func (r Receipt) Validate() error {
	bad := func(what string, v any) error { return fmt.Errorf("%w: %s %v", ErrMalformed, what, v) }
	if r.Format != Format {
		return bad("format", strconv.Quote(r.Format))
	}
	if _, err := keys.ParseUnit(r.Issuer); err != nil && r.Issuer != IssuerHub {
		return bad("issuer", strconv.Quote(r.Issuer))
	}
	if !IsHex(r.KeyID, 16, true) {
		return bad("key_id", strconv.Quote(r.KeyID))
	}
	if t, err := time.Parse(time.RFC3339, r.Issued); err != nil || FormatTime(t) != r.Issued {
		return bad("issued", strconv.Quote(r.Issued))
	}
	if _, err := keys.ParseUnit(r.For); err != nil {
		return bad("for", strconv.Quote(r.For))
	}
	if len(r.Bundles) == 0 || len(r.Bundles) > MaxEntries {
		return bad("number of bundles", len(r.Bundles))
	}
	for n, e := range r.Bundles {
		if err := e.validate(); err != nil {
			return fmt.Errorf("%w (bundle %d)", err, n+1)
		}
	}
	return nil
}

func (e Entry) validate() error {
	ok := IsHex(e.Site, 16, false) && e.Seq >= 1 && e.Seq <= 1<<53-1 && isUUID(e.BundleID) &&
		IsHex(e.ManifestSHA256, 64, false) && (e.FileSHA256 == "" || IsHex(e.FileSHA256, 64, false))
	if !ok {
		return fmt.Errorf("%w: bundle entry %+v", ErrMalformed, e)
	}
	return nil
}

// Find returns the entry naming a manifest hash, if any.
func (r Receipt) Find(manifestSHA256 string) (Entry, bool) {
	for _, e := range r.Bundles {
		if e.ManifestSHA256 == manifestSHA256 {
			return e, true
		}
	}
	return Entry{}, false
}

// FileName returns a name for a receipt file:
// receipt-<code of the unit it is for>-<first 8 hex of the file's SHA-256>.khr.
func FileName(r Receipt, file []byte) string {
	_, code, _ := strings.Cut(r.For, ":")
	h := sha256.Sum256(file)
	return "receipt-" + code + "-" + hex.EncodeToString(h[:4]) + ".khr"
}

// IsHex reports n hex digits, uppercase or lowercase as upper says (key
// ids are uppercase, hashes and sites lowercase); the signed documents of
// the hub protocol and the statements of consolidation share it.
func IsHex(s string, n int, upper bool) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		digit := c >= '0' && c <= '9'
		if !(digit || !upper && c >= 'a' && c <= 'f' || upper && c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// isUUID reports a lowercase canonical 8-4-4-4-12 UUID.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return false
			}
		} else if !IsHex(s[i:i+1], 1, false) {
			return false
		}
	}
	return true
}
