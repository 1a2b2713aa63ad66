package applog

import (
	"regexp"
)

var (
	// quoted is a Go- or JSON-quoted string, or one cut short by the end
	// of the line (errors that show the first bytes of a bad value).
	quoted = regexp.MustCompile(`"(?:[^"\\\n]|\\.)*(?:"|$)`)
	// guillemets is how data/msg shows a value typed: «…».
	guillemets = regexp.MustCompile(`«[^»\n]*(?:»|$)`)
	// digits is nine or more digits, maybe grouped by single spaces or
	// dots, maybe after a +: a CCCD (12) or a phone number (10, or +84 …).
	digits = regexp.MustCompile(`\+?\d(?:[ .]?\d){8,}`)
)

// Redact masks in s what may be personal data: every quoted value and
// every run of nine or more digits.
func Redact(s string) string {
	s = quoted.ReplaceAllString(s, `"…"`)
	s = guillemets.ReplaceAllString(s, "«…»")
	return digits.ReplaceAllString(s, "#########")
}
