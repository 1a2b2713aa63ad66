package keys

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"sokhuyenhoc/data/units"
)

// FormatKhkey is the format tag of a .khkey file.
const FormatKhkey = "khkey/1"

// khkeyJSON is the wire form of a .khkey file; field order is the canonical
// order.
type khkeyJSON struct {
	Format            string    `json:"format"`
	Unit              units.Ref `json:"unit"`
	Level             string    `json:"level"`
	Name              string    `json:"name"`
	Site              string    `json:"site"`
	Created           string    `json:"created"`
	MinisignPublicKey string    `json:"minisign_public_key"`
	AgeRecipient      string    `json:"age_recipient"`
	SelfSignature     string    `json:"self_signature,omitempty"`
}

// formatTime writes a time as RFC 3339 in UTC, whole seconds.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// parseTime reads a time written by formatTime, and only that form.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || formatTime(t) != s {
		return time.Time{}, fmt.Errorf("%w: time %q is not YYYY-MM-DDTHH:MM:SSZ", ErrMalformed, s)
	}
	return t.UTC(), nil
}

func (k PublicKey) wire() khkeyJSON {
	return khkeyJSON{
		Format: FormatKhkey, Unit: k.Unit, Level: k.Level, Name: k.Name, Site: k.Site,
		Created:           formatTime(k.Created),
		MinisignPublicKey: k.MinisignPublicKey(),
		AgeRecipient:      k.AgeRecipient,
	}
}

// canonical returns the bytes the self-signature covers: the compact JSON
// encoding of the key file without self_signature.
func (k PublicKey) canonical() ([]byte, error) {
	if err := k.validate(); err != nil {
		return nil, err
	}
	return json.Marshal(k.wire())
}

// signedWire returns the wire form with the self-signature, which k must
// carry (it does when it comes from Identity.Public or ParsePublic).
func (k PublicKey) signedWire() (khkeyJSON, error) {
	if len(k.self) == 0 {
		return khkeyJSON{}, fmt.Errorf("%w: public key carries no self-signature", ErrInvalid)
	}
	w := k.wire()
	w.SelfSignature = b64.EncodeToString(k.self)
	return w, nil
}

// MarshalPublic returns the .khkey file of id: indented JSON, UTF-8, ending
// with a newline, signed by the key itself.
func MarshalPublic(id *Identity) ([]byte, error) {
	pub := id.Public()
	if _, err := pub.canonical(); err != nil {
		return nil, err
	}
	w, err := pub.signedWire()
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ParsePublic reads a .khkey file. It accepts any JSON whitespace (and a
// leading UTF-8 byte order mark), rejects files over MaxFileBytes, unknown or
// duplicate fields and invalid values (ErrMalformed, ErrTooLarge,
// ErrUnsupported), and verifies the self-signature (ErrBadSelfSignature).
func ParsePublic(b []byte) (PublicKey, error) {
	if len(b) > MaxFileBytes {
		return PublicKey{}, fmt.Errorf("%w: key file over %d bytes", ErrTooLarge, MaxFileBytes)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if err := checkFormat(b, FormatKhkey); err != nil {
		return PublicKey{}, err
	}
	var w khkeyJSON
	if err := decodeStrict(b, &w); err != nil {
		return PublicKey{}, err
	}
	return fromWire(w)
}

// checkFormat reads only the "format" member, so that a newer version of a
// known file is reported as ErrUnsupported rather than malformed.
func checkFormat(b []byte, want string) error {
	var probe struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	family, _, _ := strings.Cut(want, "/")
	switch {
	case probe.Format == want:
		return nil
	case strings.HasPrefix(probe.Format, family+"/"):
		return fmt.Errorf("%w: %q", ErrUnsupported, probe.Format)
	}
	return fmt.Errorf("%w: format %q, want %q", ErrMalformed, probe.Format, want)
}

// fromWire validates a decoded key file and its self-signature.
func fromWire(w khkeyJSON) (PublicKey, error) {
	created, err := parseTime(w.Created)
	if err != nil {
		return PublicKey{}, err
	}
	pub, keyID, err := decodePublicKey(w.MinisignPublicKey)
	if err != nil {
		return PublicKey{}, err
	}
	k := PublicKey{
		Unit: w.Unit, Level: w.Level, Name: w.Name, Site: w.Site, Created: created,
		SignPub: pub, KeyID: keyID, AgeRecipient: w.AgeRecipient,
	}
	canon, err := k.canonical()
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	self, err := b64.DecodeString(w.SelfSignature)
	if err != nil || len(self) != 74 {
		return PublicKey{}, fmt.Errorf("%w: self_signature is not a 74-byte base64 blob", ErrMalformed)
	}
	if err := verifyBlob(k.SignPub, k.KeyID, canon, self); err != nil {
		return PublicKey{}, fmt.Errorf("%w: %v", ErrBadSelfSignature, err)
	}
	k.self = self
	return k, nil
}
