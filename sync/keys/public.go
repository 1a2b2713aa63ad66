package keys

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"filippo.io/age"

	"sokhuyenhoc/data/units"
)

// PublicKey is the public half of an installation's identity, as carried by
// a .khkey file.
type PublicKey struct {
	Unit         units.Ref         // the unit the key speaks for
	Level        string            // LevelCommune, LevelDistrict or LevelProvince
	Name         string            // the unit's display name
	Site         string            // the installation's site id
	Created      time.Time         // when the keys were made (informational)
	SignPub      ed25519.PublicKey // Ed25519 signing key
	KeyID        [8]byte           // minisign key id, random at generation
	AgeRecipient string            // age X25519 recipient, "age1…"

	self []byte // self-signature blob, when known (from Identity.Public or ParsePublic)
}

// FingerprintIterations is how many times the fingerprint hash is iterated.
// It makes finding another key with the same 12 digits (by varying the key
// id) cost 2^16 SHA-256 per try on top of the 2^40 tries.
const FingerprintIterations = 1 << 16

// fingerprintDomain starts the fingerprint's canonical encoding.
const fingerprintDomain = "khkey-fingerprint/1\x00"

// Fingerprint returns 12 decimal digits in groups of 4 ("1234 5678 9012")
// that people compare by phone. It is derived from the key material only:
//
//	e  = "khkey-fingerprint/1" 0x00 ‖ SignPub (32) ‖ KeyID (8) ‖ AgeRecipient (ASCII)
//	h0 = SHA-256(e); h(i+1) = SHA-256(h(i)) for FingerprintIterations rounds
//	n  = big-endian uint64 of the first 8 bytes of the last h, mod 10^12
func (k PublicKey) Fingerprint() string {
	e := make([]byte, 0, 128)
	e = append(e, fingerprintDomain...)
	e = append(e, k.SignPub...)
	e = append(e, k.KeyID[:]...)
	e = append(e, k.AgeRecipient...)
	h := sha256.Sum256(e)
	for range FingerprintIterations {
		h = sha256.Sum256(h[:])
	}
	n := binary.BigEndian.Uint64(h[:8]) % 1_000_000_000_000
	s := fmt.Sprintf("%012d", n)
	return s[0:4] + " " + s[4:8] + " " + s[8:12]
}

// KeyIDString returns the key id as minisign prints it (16 uppercase hex
// digits), the form used in bundle manifests.
func (k PublicKey) KeyIDString() string { return keyIDHex(k.KeyID) }

// MinisignPublicKey returns the base64 key line of a minisign .pub file, the
// value to pass to `minisign -V -P`.
func (k PublicKey) MinisignPublicKey() string { return encodePublicKey(k.SignPub, k.KeyID) }

// MinisignPubFile returns the text of a minisign .pub file for the signing
// key, as `minisign -G` writes it.
func (k PublicKey) MinisignPubFile() []byte {
	return []byte(untrustedPrefix + "minisign public key " + keyIDHex(k.KeyID) + "\n" +
		k.MinisignPublicKey() + "\n")
}

// Verify checks a minisign signature file (as made by Identity.Sign) over msg
// and returns its trusted comment. Only pre-hashed (ED) signatures are
// accepted. Errors: ErrMalformed, ErrTooLarge, ErrWrongKey (the signature
// names another key id) or ErrBadSignature.
func (k PublicKey) Verify(msg, sigFile []byte) (trustedComment string, err error) {
	if len(k.SignPub) != ed25519.PublicKeySize {
		return "", fmt.Errorf("%w: public key is not an Ed25519 key", ErrInvalid)
	}
	return verifySigFile(k.SignPub, k.KeyID, msg, sigFile)
}

// Recipient returns the age recipient that encrypts to this key's owner.
func (k PublicKey) Recipient() (age.Recipient, error) {
	r, err := age.ParseX25519Recipient(k.AgeRecipient)
	if err != nil {
		return nil, fmt.Errorf("%w: age recipient: %v", ErrInvalid, err)
	}
	return r, nil
}

// Equal reports whether k and o hold the same keys and describe the same
// unit, level, name, site and creation time.
func (k PublicKey) Equal(o PublicKey) bool {
	return k.Unit == o.Unit && k.Level == o.Level && k.Name == o.Name && k.Site == o.Site &&
		k.Created.Equal(o.Created) && k.SignPub.Equal(o.SignPub) && k.KeyID == o.KeyID &&
		k.AgeRecipient == o.AgeRecipient
}

// sharesKeys reports whether k and o hold the same signing key, key id or age
// recipient (any of them).
func (k PublicKey) sharesKeys(o PublicKey) bool {
	return k.SignPub.Equal(o.SignPub) || k.KeyID == o.KeyID || k.AgeRecipient == o.AgeRecipient
}

// validate checks every field of a public key.
func (k PublicKey) validate() error {
	if err := validateFields(k.Unit, k.Level, k.Name, k.Site, k.Created); err != nil {
		return err
	}
	if len(k.SignPub) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: signing key is not 32 bytes", ErrInvalid)
	}
	r, err := age.ParseX25519Recipient(k.AgeRecipient)
	if err != nil || r.String() != k.AgeRecipient {
		return fmt.Errorf("%w: age recipient is not a canonical X25519 recipient", ErrInvalid)
	}
	return nil
}
