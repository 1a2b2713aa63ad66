package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Years accepted anywhere in the registers.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Date is a calendar day without a time zone. The zero Date means "not given".
type Date struct {
	Y, M, D int
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// String returns the stored form, yyyy-mm-dd, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

// VN returns the Vietnamese form, dd/mm/yyyy, or "" for the zero Date.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.D, d.M, d.Y)
}

// ParseDate reads dd/mm/yyyy (also d/m/yyyy, with - or . as separator) or
// yyyy-mm-dd. An empty string gives the zero Date. 31/02 is refused.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var parts []string
	iso := false
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		parts, iso = strings.Split(s, "-"), true
	case strings.Count(s, "/") == 2:
		parts = strings.Split(s, "/")
	case strings.Count(s, ".") == 2:
		parts = strings.Split(s, ".")
	case strings.Count(s, "-") == 2:
		parts = strings.Split(s, "-")
	default:
		return Date{}, ErrDate
	}
	if len(parts) != 3 { // "0-00-00-00" passes the iso test above
		return Date{}, ErrDate
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || len(p) > 4 {
			return Date{}, ErrDate
		}
		n[i] = v
	}
	d := Date{Y: n[2], M: n[1], D: n[0]}
	if iso {
		d = Date{Y: n[0], M: n[1], D: n[2]}
	} else if len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return Date{}, ErrDate
	}
	if err := d.check(); err != nil {
		return Date{}, err
	}
	return d, nil
}

func (d Date) check() error {
	if d.Y < MinYear || d.Y > MaxYear {
		return ErrYear
	}
	if d.M < 1 || d.M > 12 || d.D < 1 {
		return ErrNoSuchDay
	}
	t := time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.D {
		return ErrNoSuchDay
	}
	return nil
}

// ParseYear reads a four-digit year between MinYear and MaxYear; "" gives 0.
func ParseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, ErrNumber
	}
	if y < MinYear || y > MaxYear {
		return 0, ErrYear
	}
	return y, nil
}

// ParseCount reads a whole non-negative number (classes, learner-times,
// adults) of at most MaxCount; "" gives 0. Thousands separators are
// accepted.
func ParseCount(s string) (int64, error) {
	return parseWhole(s, MaxCount)
}

// ParseVND reads a whole, non-negative amount of đồng: "1.234.567",
// "1,234,567", "1 234 567", "1234567", with or without "đ", "₫" or "VND".
// Decimals are refused ("1,5"), so are negative amounts and amounts above
// MaxVND. "" gives 0.
func ParseVND(s string) (int64, error) {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"VNĐ", "VND", "vnđ", "vnd", "đồng", "₫", "đ", "Đ"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	v, err := parseWhole(s, MaxVND)
	if err == ErrNumber {
		return 0, ErrMoney
	}
	return v, err
}

// parseWhole reads a whole number from 0 to ceiling, with thousands
// separators.
func parseWhole(s string, ceiling int64) (int64, error) {
	digits, neg, ok := stripGroups(s)
	switch {
	case !ok:
		return 0, ErrNumber
	case neg:
		return 0, ErrNegative
	case digits == "":
		return 0, nil
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || v > ceiling {
		return 0, ErrTooBig
	}
	return v, nil
}

// stripGroups removes thousands separators (".", ",", " ") that sit between
// groups of exactly three digits. ok is false for anything else.
func stripGroups(s string) (digits string, neg, ok bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(s[1:])
	}
	if s == "" {
		return "", neg, !neg
	}
	var sep rune
	groups := strings.FieldsFunc(s, func(r rune) bool {
		if r == '.' || r == ',' || r == ' ' || r == '\u00a0' {
			if sep == 0 {
				sep = r
			}
			return true
		}
		return false
	})
	if len(groups) > 1 && strings.ContainsFunc(s, func(r rune) bool {
		return (r == '.' || r == ',' || r == ' ' || r == '\u00a0') && r != sep
	}) {
		return "", neg, false
	}
	for i, g := range groups {
		if !allDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", neg, false
		}
	}
	if len(groups) > 1 && strings.Count(s, string(sep)) != len(groups)-1 {
		return "", neg, false
	}
	return strings.Join(groups, ""), neg, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FormatVND writes an amount the Vietnamese way: 1.234.567 ₫.
func FormatVND(v int64) string {
	return GroupDigits(v) + " ₫"
}

// GroupDigits writes v with dots between groups of three digits.
func GroupDigits(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
