package data

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sokhuyenhoc/data/text"
)

// Stored values are what a record holds once parsed: the codes, the
// yyyy-mm-dd dates, the whole numbers and the cleaned text Parse makes
// from cells. They reach a store by other doors than a form or a file —
// a bundle from the level below carries them as they are — and every door
// applies the same rules: CheckValues holds stored values to the rules
// of their columns, the ones Parse applies to what people type. The rules
// come from each kind's table (type, length, closed list, normaliser,
// required), so a new kind is checked as soon as its table exists.
//
// Rules that tie several fields together (a CCCD against the gender and
// birth year, a result against the scores under this installation's pass
// rule) are not applied to stored values: a record merged field by field
// from two valid edits may pair values no single form wrote, and the pass
// rule is each installation's setting.

// Ceilings of numbers, for every door: far above any real figure of a
// commune, a district or a province, and low enough that sums over
// millions of records stay exact (docs/SECURITY.md, "Received rows").
const (
	MaxVND   = 100_000_000_000 // one amount: 100 billion đồng (100 tỷ)
	MaxCount = 100_000_000     // one count: classes, learner-times, adults
)

// CheckValues checks the stored values of a record of kind k, in column
// order (extra values after the kind's columns, such as the store's
// tombstone, are not looked at). It returns Errors naming each bad column
// by its stored name, quoting at most a short prefix of its value.
func CheckValues(k Kind, vals []any) error {
	cols := k.Cols()
	if len(vals) < len(cols) {
		return fmt.Errorf("%w: %d values for %d columns", ErrRequired, len(vals), len(cols))
	}
	var es Errors
	withheld := detailsWithheld(cols, vals)
	for n := range cols {
		c := &cols[n]
		if withheld && c.Ident {
			continue // blank, as the projection sends it
		}
		if err := c.CheckStored(vals[n]); err != nil {
			es.add(c.Name, quoteValue(vals[n]), err)
		}
	}
	return es.err()
}

// detailsWithheld reports a record of a person's kind whose identifying
// columns are all blank: one sent upward without the person's consent
// (projection.go, docs/privacy.md §2), whose name is then rightly blank.
// A record that carries any of the person's details needs its name.
func detailsWithheld(cols []Col, vals []any) bool {
	some := false
	for n := range cols {
		if !cols[n].Ident {
			continue
		}
		some = true
		if v := vals[n]; v != "" && v != int64(0) {
			return false
		}
	}
	return some
}

// CheckStored checks one stored value of the column: a string or an
// int64 as the column's type says, within its rules.
func (c *Col) CheckStored(v any) error {
	if c.Type.Int() {
		n, ok := v.(int64)
		if !ok {
			return ErrNumber
		}
		return c.checkInt(n)
	}
	s, ok := v.(string)
	if !ok {
		return ErrNumber
	}
	if s == "" {
		if c.Required {
			return ErrRequired
		}
		return nil
	}
	if err := CheckText(s); err != nil {
		return err
	}
	switch c.Type {
	case TypeCode:
		return c.checkCode(s)
	case TypeDate:
		return checkStoredDate(s)
	case TypeScores:
		if c.form != nil {
			return c.form(s) // scores of another shape than the ten indicators (a model's year)
		}
		return checkStoredScores(s, Indicators, 100)
	}
	if c.norm != nil {
		n, err := c.norm(s)
		if err != nil {
			return err
		}
		if n != s {
			return ErrNotNormal
		}
	}
	if c.form != nil {
		if err := c.form(s); err != nil {
			return err
		}
	}
	if err := c.checkLabel(s); err != nil {
		return err
	}
	if c.Max > 0 {
		return maxLen(s, c.Max)
	}
	return nil
}

func (c *Col) checkInt(n int64) error {
	switch {
	case n == 0 && c.Required:
		return ErrRequired
	case n == 0:
		return nil
	case c.Type == TypeYear && (n < MinYear || n > MaxYear):
		return ErrYear
	case n < 0:
		return ErrNegative
	case c.Type == TypeVND && n > MaxVND, c.Type == TypeCount && n > MaxCount:
		return ErrTooBig
	}
	return nil
}

func (c *Col) checkCode(s string) error {
	for _, o := range c.Enum.Options {
		if o.Code == s {
			return nil
		}
	}
	return &FieldError{Err: ErrEnum, Want: strings.Join(c.Enum.Codes(), "|")}
}

// checkLabel refuses, in a column of an open list (a subject group, an
// award type, a fund's source: a code or a label people typed), a value
// that begins as a spreadsheet formula does (= + - @): a label is words,
// and such a value only ever comes from a pasted formula or an attack.
func (c *Col) checkLabel(s string) error {
	if c.Open != nil && s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return ErrLabel
	}
	return nil
}

// CheckText refuses what no cleaned value holds: text not in Unicode NFC,
// with spaces at its ends or inside it doubled, or white space other than
// the plain space (what text.Clean leaves), or with control characters,
// the invisible marks that reorder text on screen (bidirectional controls,
// a way to make one name look like another) among them. It runs for every
// text of every row a bundle brings, and allocates nothing for text in NFC.
func CheckText(s string) error {
	if s == "" {
		return nil
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || !utf8.ValidString(s) {
		return ErrText
	}
	prev := rune(0)
	for _, r := range s {
		if r < utf8.RuneSelf { // ASCII: its white space other than ' ' is control characters
			if r < 0x20 || r == 0x7f || r == ' ' && prev == ' ' {
				return ErrText
			}
		} else if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ErrText
		}
		prev = r
	}
	// The quick check settles NFC text without allocating; only a string
	// with marks it cannot settle (combining ones, say) is checked in full.
	if norm.NFC.QuickSpanString(s) != len(s) && !norm.NFC.IsNormalString(s) {
		return ErrText
	}
	return nil
}

// checkStoredDate accepts exactly the stored form of a valid day,
// yyyy-mm-dd, without allocating.
func checkStoredDate(s string) error {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return ErrDate
	}
	n := func(a, b int) int {
		v := 0
		for _, c := range s[a:b] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	d := Date{Y: n(0, 4), M: n(5, 7), D: n(8, 10)}
	if d.Y < 0 || d.M < 0 || d.D < 0 {
		return ErrDate
	}
	return d.check()
}

// checkStoredScores accepts exactly the stored form of scores: want
// numbers (an assessment's ten; 0: one to MaxSetCriteria) of 0 to most in
// tenths, without leading zeros, comma-separated.
func checkStoredScores(s string, want, most int) error {
	count, v, digits := 0, 0, 0
	width := 1
	for m := most; m >= 10; m /= 10 {
		width++
	}
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			switch {
			case digits == 0 || digits > 1 && s[i-digits] == '0':
				return ErrScore
			case v > most:
				return ErrScore
			}
			count, v, digits = count+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == width {
			return ErrScore
		}
		v, digits = v*10+int(c-'0'), digits+1
	}
	if want > 0 && count != want || count > MaxSetCriteria {
		return ErrScoresPartial
	}
	return nil
}

// setScores is the stored form of the scores of a model's year against its
// criteria set: one to MaxSetCriteria scores of 0 to 10000 tenths (1000
// points, the most a criterion may have), the set's own bounds judged
// where the set is installed.
func setScores(s string) error { return checkStoredScores(s, 0, 10000) }

// quoteValue is a stored value as an error quotes it: a text as
// text.Short cuts it.
func quoteValue(v any) string {
	switch x := v.(type) {
	case string:
		return text.Short(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
