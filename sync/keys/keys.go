// Package keys holds the identity of an installation and the public keys of
// the units it trusts.
//
// An installation has one Identity: an Ed25519 signing key used the way
// minisign uses it (pre-hashed "ED" signatures with a random 8-byte key id and
// a signed trusted comment) and an age X25519 identity that bundles are
// encrypted to. Its public half travels as a .khkey file (MarshalPublic,
// ParsePublic) that signs itself; its secret half is saved as a backup file
// (MarshalBackup, ParseBackup) that is also an age identity file, so stock
// `age -d -i backup.txt` decrypts what was encrypted to the installation.
// A key is replaced by a rotation announcement signed by the old key
// (Announce, VerifyAnnouncement).
//
// The package is pure: crypto and file formats, no storage, no clock (times
// are passed in). The formats are specified in docs/keys-format.md.
package keys

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"sokhuyenhoc/data/units"
)

// Errors returned by this package. Callers test them with errors.Is; most are
// wrapped with a short detail.
var (
	// ErrInvalid reports an invalid argument or field value: unit, level,
	// name, site, time or comment.
	ErrInvalid = errors.New("keys: invalid value")
	// ErrMalformed reports a key file, backup, announcement or signature
	// that does not follow its format.
	ErrMalformed = errors.New("keys: malformed input")
	// ErrUnsupported reports a known kind of file in a format version this
	// package does not read.
	ErrUnsupported = errors.New("keys: unsupported format version")
	// ErrTooLarge reports an input above its size cap.
	ErrTooLarge = errors.New("keys: input too large")
	// ErrBadSelfSignature reports a .khkey file whose self-signature does
	// not verify: it was edited or damaged.
	ErrBadSelfSignature = errors.New("keys: self-signature does not verify")
	// ErrBadSignature reports a signature that does not verify.
	ErrBadSignature = errors.New("keys: signature does not verify")
	// ErrWrongKey reports a signature or announcement made by another key
	// than the one it is checked against.
	ErrWrongKey = errors.New("keys: signed by another key")
	// ErrUnitMismatch reports a rotation announcement whose next key belongs
	// to another unit, or is the old key itself.
	ErrUnitMismatch = errors.New("keys: key belongs to another unit")
)

// Levels of the association an installation can work at.
const (
	LevelCommune  = "commune"
	LevelDistrict = "district"
	LevelProvince = "province"
)

// Unit lists: the official administrative-unit code lists.
const (
	List2024 = units.List2024 // units in force until 30/6/2025 (with districts)
	List2025 = units.List2025 // units in force from 1/7/2025 (no districts)
)

// Size caps.
const (
	MaxNameBytes    = 256      // a unit's display name, in UTF-8 bytes
	MaxCommentBytes = 512      // a trusted comment, in bytes
	MaxFileBytes    = 64 << 10 // a .khkey file, a backup or an announcement
)

// ParseUnit parses the "list:code" form of units.Ref.String, reporting a
// malformed one as ErrInvalid.
func ParseUnit(s string) (units.Ref, error) {
	u, err := units.ParseRef(s)
	if err != nil {
		return u, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return u, nil
}

// ValidateLevel reports whether level is a known level and matches the length
// of u's code (province 2 digits, district 3, commune 5).
func ValidateLevel(level string, u units.Ref) error {
	want := map[string]int{LevelProvince: 2, LevelDistrict: 3, LevelCommune: 5}[level]
	if want == 0 {
		return fmt.Errorf("%w: level %q is not commune, district or province", ErrInvalid, level)
	}
	if err := u.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if len(u.Code) != want {
		return fmt.Errorf("%w: code %q does not fit level %s", ErrInvalid, u.Code, level)
	}
	return nil
}

// ValidateSite reports whether s is a site id: 16 lowercase hex digits.
func ValidateSite(s string) error {
	if len(s) != 16 || !isLowerHex(s) {
		return fmt.Errorf("%w: site %q is not 16 lowercase hex digits", ErrInvalid, s)
	}
	return nil
}

// ValidateName reports whether name can be a unit's display name: valid
// UTF-8, 1 to MaxNameBytes bytes, no control or line-separator characters
// and no leading or trailing space.
func ValidateName(name string) error {
	if name == "" || len(name) > MaxNameBytes {
		return fmt.Errorf("%w: name must be 1 to %d bytes", ErrInvalid, MaxNameBytes)
	}
	if err := checkText(name); err != nil {
		return fmt.Errorf("%w: name: %v", ErrInvalid, err)
	}
	if strings.TrimSpace(name) != name {
		return fmt.Errorf("%w: name has leading or trailing space", ErrInvalid)
	}
	return nil
}

// checkText rejects invalid UTF-8 and control characters (including line
// and paragraph separators).
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("control character %U", r)
		}
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return s != ""
}
