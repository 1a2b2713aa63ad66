// Package text holds every Vietnamese text rule of the application in one
// place: Unicode NFC on input, the search key that folds case, tone marks and
// đ, the split of a full name into họ đệm and tên, Vietnamese collation by tên
// then họ đệm, and the detection of legacy TCVN3/VNI files.
package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s in Unicode NFC with surrounding space trimmed and every run
// of inner white space collapsed to one space. Every value typed or imported
// passes through it before it is validated or stored.
func Clean(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if !needsSpaceFix(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func needsSpaceFix(s string) bool {
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && s != ""
}

// Fold returns the search key of s: decomposed, tone and vowel marks
// dropped, đ/Đ mapped to d (they do not decompose), lower-cased, spaces
// collapsed. "Hòa", "Hoà", "HOÀ" and "hoa" all fold to "hoa"; "Đào" to "dao".
// It folds a million names in an import, so runes below U+2000 (Latin and
// Vietnamese letters, combining marks) come from a table made once.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		var f string
		switch {
		case r < 0x80:
			f = asciiFold[r]
		case r < foldTableSize:
			f = foldTable[r]
		default:
			f = foldRune(r)
		}
		if f == " " {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		if f != "" {
			space = false
			b.WriteString(f)
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

const foldTableSize = 0x2000

var asciiFold, foldTable = func() ([0x80]string, []string) {
	var a [0x80]string
	t := make([]string, foldTableSize)
	for r := rune(0); r < foldTableSize; r++ {
		t[r] = foldRune(r)
		if r < 0x80 {
			a[r] = t[r]
		}
	}
	return a, t
}()

// foldRune folds one rune: " " for white space, "" for a combining mark.
func foldRune(r rune) string {
	if unicode.IsSpace(r) {
		return " "
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, c):
		case c == 'đ' || c == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// SplitName splits a full name into họ đệm (family and middle names) and tên
// (the given name, the last word), the way Vietnamese registers keep them.
// "Nguyễn Thị Hoà" gives ("Nguyễn Thị", "Hoà"); a one-word name is all tên.
func SplitName(full string) (hoDem, ten string) {
	full = Clean(full)
	i := strings.LastIndexByte(full, ' ')
	if i < 0 {
		return "", full
	}
	return full[:i], full[i+1:]
}

// JoinName is the inverse of SplitName.
func JoinName(hoDem, ten string) string {
	if hoDem == "" {
		return ten
	}
	if ten == "" {
		return hoDem
	}
	return hoDem + " " + ten
}
