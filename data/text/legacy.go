package text

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrLegacyEncoding reports a file that is not UTF-8. Old Vietnamese files are
// often in TCVN3 (ABC) or VNI; the officer converts them with Unikey's
// converter (Công cụ chuyển mã) and imports again.
var ErrLegacyEncoding = errors.New("text: not UTF-8")

// EncodingError names the legacy encoding a file most likely uses.
type EncodingError struct {
	Guess string // "TCVN3", "VNI" or "" when unknown
	Line  int    // first line that is not valid UTF-8
}

func (e *EncodingError) Error() string {
	if e.Guess == "" {
		return fmt.Sprintf("text: line %d is not UTF-8", e.Line)
	}
	return fmt.Sprintf("text: line %d is not UTF-8; it looks like %s", e.Line, e.Guess)
}

// Unwrap lets errors.Is match ErrLegacyEncoding.
func (e *EncodingError) Unwrap() error { return ErrLegacyEncoding }

// CheckUTF8 returns nil when b is valid UTF-8 and an *EncodingError otherwise,
// with a guess of the legacy encoding.
func CheckUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	line := 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return &EncodingError{Guess: guessLegacy(b), Line: line}
}

// guessLegacy tells VNI from TCVN3 by where the high bytes sit: VNI writes a
// base vowel followed by a mark byte (0xC0–0xFF), TCVN3 writes precomposed
// letters as single high bytes, mostly after consonants.
func guessLegacy(b []byte) string {
	var vni, tcvn int
	for i := 1; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if isASCIIVowel(b[i-1]) && c >= 0xC0 {
			vni++
		} else {
			tcvn++
		}
	}
	switch {
	case vni == 0 && tcvn == 0:
		return ""
	case vni > tcvn:
		return "VNI"
	default:
		return "TCVN3"
	}
}

func isASCIIVowel(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
