package text

import "unicode/utf8"

// ShortMax bounds how much of a value an error message quotes, in letters.
const ShortMax = 40

// Short returns the value an error message quotes: s, or its first
// ShortMax letters and "…" when it is longer. A register's messages quote
// a bad cell, column or stored value this way, never a whole paragraph.
func Short(s string) string {
	if utf8.RuneCountInString(s) <= ShortMax {
		return s
	}
	return string([]rune(s)[:ShortMax]) + "…"
}
