package data

import (
	"strings"

	"sokhuyenhoc/data/text"
)

// Person is what the registers record about a named person. Họ đệm and tên
// are kept apart: lists sort by tên, then họ đệm.
type Person struct {
	HoDem     string
	Ten       string
	Gender    string // a code of Genders, or ""
	BirthYear int    // 0 when unknown
	BirthDate Date
	IDNumber  string // CCCD, 12 digits, or ""
	Phone     string // normalised to 0xxxxxxxxx, or ""
	Ethnicity string
	Village   string // thôn/tổ dân phố, as the commune names it
}

// FullName is họ đệm and tên joined by a space.
func (p Person) FullName() string { return text.JoinName(p.HoDem, p.Ten) }

// SearchKey is the folded text a search matches: the name, CCCD and phone.
func (p Person) SearchKey() string {
	return strings.TrimSpace(text.Fold(p.FullName()) + " " + p.IDNumber + " " + p.Phone)
}

// validate checks the person's fields and their consistency, adding each
// failure to es.
func (p *Person) validate(es *Errors) {
	p.HoDem, p.Ten = text.Clean(p.HoDem), text.Clean(p.Ten)
	p.Ethnicity, p.Village = text.Clean(p.Ethnicity), text.Clean(p.Village)
	if p.Ten == "" {
		es.add("full_name", "", ErrRequired)
	}
	es.add("full_name", p.FullName(), maxLen(p.FullName(), 120))
	if !p.BirthDate.IsZero() {
		if p.BirthYear == 0 {
			p.BirthYear = p.BirthDate.Y
		} else if p.BirthYear != p.BirthDate.Y {
			es.add("birth_date", p.BirthDate.VN(), ErrBirthDateYear)
		}
	}
	if p.BirthYear != 0 && (p.BirthYear < MinYear || p.BirthYear > MaxYear) {
		es.add("birth_year", itoa(p.BirthYear), ErrYear)
	}
	if p.IDNumber != "" {
		es.add("id_number", p.IDNumber, CheckCCCD(p.IDNumber, p.Gender, p.BirthYear))
	}
}

// NormalizeCCCD strips spaces and dots people type inside a CCCD.
func NormalizeCCCD(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// CheckCCCD checks a 12-digit citizen identity number against the gender
// and birth year when they are known. Digit 4 holds the century and the
// gender (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s …), digits 5–6 the
// last two digits of the birth year.
func CheckCCCD(id, gender string, birthYear int) error {
	if len(id) != 12 || !allDigits(id) {
		return ErrCCCDLength
	}
	c := int(id[3] - '0')
	if gender == "nam" && c%2 != 0 || gender == "nu" && c%2 != 1 {
		return ErrCCCDGender
	}
	year := 1900 + (c/2)*100 + int(id[4]-'0')*10 + int(id[5]-'0')
	if birthYear != 0 && year != birthYear {
		return ErrCCCDYear
	}
	return nil
}

// Old 11-digit mobile prefixes and the 10-digit prefixes that replaced them
// (2018).
var oldPrefixes = map[string]string{
	"0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
	"0167": "037", "0168": "038", "0169": "039",
	"0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
	"0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
	"0186": "056", "0188": "058", "0199": "059",
}

// NormalizePhone returns the 10-digit form of a Vietnamese mobile number:
// +84/84 becomes 0, spaces, dots and dashes go, old 11-digit prefixes map to
// their new ones. Eleven-digit landlines (02…) are kept as they are.
func NormalizePhone(s string) (string, error) {
	raw := strings.TrimSpace(s)
	d := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '(', ')', '\u00a0':
			return -1
		}
		return r
	}, raw)
	switch {
	case strings.HasPrefix(d, "+84"):
		d = "0" + d[3:]
	case strings.HasPrefix(d, "84") && (len(d) == 11 || len(d) == 12):
		d = "0" + d[2:]
	}
	if !allDigits(d) {
		return "", ErrPhone
	}
	if len(d) == 11 {
		if p, ok := oldPrefixes[d[:4]]; ok {
			d = p + d[4:]
		} else if strings.HasPrefix(d, "02") {
			return d, nil
		}
	}
	if len(d) != 10 || d[0] != '0' || !strings.ContainsRune("35789", rune(d[1])) {
		return "", ErrPhone
	}
	return d, nil
}

func maxLen(s string, n int) error {
	if len([]rune(s)) > n {
		return ErrTooLong
	}
	return nil
}
