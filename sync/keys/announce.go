package keys

import (
	"encoding/json"
	"fmt"
)

// FormatAnnounce is the format tag of a key rotation announcement.
const FormatAnnounce = "khrotate/1"

// announceJSON is the wire form of an announcement; field order is the
// canonical order.
type announceJSON struct {
	Format    string    `json:"format"`
	OldKey    string    `json:"old_key"`
	Next      khkeyJSON `json:"next"`
	Signature string    `json:"signature,omitempty"`
}

// Announce returns a statement, signed by old, that next is the unit's new
// key. next must carry its self-signature (it comes from Identity.Public or
// ParsePublic), which proves that its owner holds the new key, and must be
// for the same unit and level as old, with different keys.
func Announce(old *Identity, next PublicKey) ([]byte, error) {
	if err := sameUnit(old.Public(), next); err != nil {
		return nil, err
	}
	w, err := next.signedWire()
	if err != nil {
		return nil, err
	}
	a := announceJSON{Format: FormatAnnounce, OldKey: old.Public().MinisignPublicKey(), Next: w}
	canon, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	a.Signature = b64.EncodeToString(signBlob(old.sign, old.keyID, canon))
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// VerifyAnnouncement checks an announcement made by Announce against the old
// key the reader already trusts, and returns the next key. Errors:
// ErrTooLarge, ErrMalformed, ErrUnsupported, ErrWrongKey (made by another
// key), ErrBadSignature, ErrBadSelfSignature (of the next key) and
// ErrUnitMismatch.
func VerifyAnnouncement(oldPub PublicKey, b []byte) (PublicKey, error) {
	if len(b) > MaxFileBytes {
		return PublicKey{}, fmt.Errorf("%w: announcement over %d bytes", ErrTooLarge, MaxFileBytes)
	}
	if err := checkFormat(b, FormatAnnounce); err != nil {
		return PublicKey{}, err
	}
	var a announceJSON
	if err := decodeStrict(b, &a); err != nil {
		return PublicKey{}, err
	}
	if a.OldKey != oldPub.MinisignPublicKey() {
		return PublicKey{}, fmt.Errorf("%w: announcement is from key %s", ErrWrongKey, a.OldKey)
	}
	sig, err := b64.DecodeString(a.Signature)
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w: signature is not base64", ErrMalformed)
	}
	a.Signature = ""
	canon, err := json.Marshal(a)
	if err != nil {
		return PublicKey{}, err
	}
	if err := verifyBlob(oldPub.SignPub, oldPub.KeyID, canon, sig); err != nil {
		return PublicKey{}, err
	}
	next, err := fromWire(a.Next)
	if err != nil {
		return PublicKey{}, err
	}
	if err := sameUnit(oldPub, next); err != nil {
		return PublicKey{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return next, nil
}

// sameUnit requires next to be a different key of old's unit and level.
func sameUnit(old, next PublicKey) error {
	if old.Unit != next.Unit || old.Level != next.Level {
		return fmt.Errorf("%w: %s %s announces a key of %s %s",
			ErrUnitMismatch, old.Level, old.Unit, next.Level, next.Unit)
	}
	if old.sharesKeys(next) {
		return fmt.Errorf("%w: the next key reuses the old key material", ErrInvalid)
	}
	return nil
}
