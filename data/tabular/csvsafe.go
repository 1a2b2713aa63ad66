package tabular

import "strings"

// BOM is the UTF-8 byte order mark every CSV file the app writes starts
// with: Excel on Windows then reads its Vietnamese letters as UTF-8 instead
// of the ANSI code page.
const BOM = "\ufeff"

// formulaStart lists the characters a spreadsheet may take as the start of
// a formula (OWASP's CSV injection rule: = + - @, tab and carriage return).
const formulaStart = "=+-@\t\r"

// needsQuote reports whether v must be written with a leading apostrophe:
// it could start a formula, or it already starts with an apostrophe that a
// reader would otherwise drop (so the rule is lossless both ways).
func needsQuote(v string) bool {
	if v == "" {
		return false
	}
	if strings.IndexByte(formulaStart, v[0]) >= 0 {
		return true
	}
	return v[0] == '\'' && len(v) > 1 && strings.IndexByte(formulaStart+"'", v[1]) >= 0
}

// Neutralise returns the CSV form of a cell: a value a spreadsheet would run
// as a formula ("=HYPERLINK(…)", "+cmd|…", "@SUM…", "-2+3") gets a leading
// apostrophe, which Excel and LibreOffice show as text and Restore removes.
func Neutralise(v string) string {
	if needsQuote(v) {
		return "'" + v
	}
	return v
}

// Restore is the inverse of Neutralise: Restore(Neutralise(v)) == v for
// every v. An apostrophe before anything but a formula character or another
// apostrophe is kept as typed.
func Restore(v string) string {
	if len(v) > 1 && v[0] == '\'' && needsQuote(v[1:]) {
		return v[1:]
	}
	return v
}

// NeutraliseAll applies Neutralise to every cell of a record.
func NeutraliseAll(rec []string) []string {
	out := make([]string, len(rec))
	for n, v := range rec {
		out[n] = Neutralise(v)
	}
	return out
}
