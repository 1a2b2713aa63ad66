package paper

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Text is measured as the workbook's font sets it: Times New Roman, whose
// advance widths (in thousandths of an em, from the font's metrics) give
// each letter's width in digits, the unit of column widths. A Vietnamese
// letter is as wide as its base letter (ệ as e, Đ as D).
var advance = map[rune]int{
	' ': 250, ',': 250, '.': 250, ':': 278, ';': 278, '/': 278, '-': 333, '(': 333, ')': 333, '%': 833, '&': 778,
	'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500, 'i': 278, 'j': 278, 'k': 500,
	'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500, 'q': 500, 'r': 333, 's': 389, 't': 278, 'u': 500, 'v': 500,
	'w': 722, 'x': 500, 'y': 500, 'z': 444, 'đ': 500,
	'A': 722, 'B': 667, 'C': 667, 'D': 722, 'E': 611, 'F': 556, 'G': 722, 'H': 722, 'I': 333, 'J': 389, 'K': 722,
	'L': 611, 'M': 889, 'N': 722, 'O': 722, 'P': 556, 'Q': 722, 'R': 667, 'S': 556, 'T': 611, 'U': 722, 'V': 722,
	'W': 944, 'X': 722, 'Y': 722, 'Z': 611, 'Đ': 722,
}

// width is how many digits wide s is set in the workbook's font.
func width(s string) float64 {
	em := 0
	for _, r := range s {
		if a, ok := advance[r]; ok {
			em += a
			continue
		}
		if d := []rune(norm.NFD.String(string(r))); len(d) > 1 { // a letter with marks: its base letter
			if a, ok := advance[d[0]]; ok {
				em += a
				continue
			}
		}
		switch {
		case unicode.IsDigit(r):
			em += 500
		case unicode.IsUpper(r):
			em += 722
		default:
			em += 500
		}
	}
	return float64(em) / 500
}

// widest is the width of the widest word of s, which a wrapped cell cannot
// split.
func widest(s string) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, width(word))
	}
	return w
}

// wrap counts the lines s takes in a column w digits wide, broken between
// words as a spreadsheet breaks them.
func wrap(s string, w float64) int {
	room := max(1, w-1) // the cell's padding
	n, line := 1, 0.0
	for _, word := range strings.Fields(s) {
		ww := width(word)
		switch {
		case line == 0:
			line = ww
		case line+width(" ")+ww <= room:
			line += width(" ") + ww
		default:
			n++
			line = ww
		}
		for line > room { // a word longer than the line breaks inside it
			n++
			line -= room
		}
	}
	return n
}
