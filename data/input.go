package data

import (
	"strconv"
	"strings"

	"sokhuyenhoc/data/text"
)

// Input is one record as people write it: raw strings keyed by the column
// names of CONTRACT.md ("full_name", "birth_year", "i1" …). A CSV row, an
// XLSX row and a form on screen all become an Input, and the same Parse
// function turns it into typed records, so every path shares one set of rules.
type Input map[string]string

// get returns the cleaned (NFC, trimmed) value of a column.
func (in Input) get(col string) string { return text.Clean(in[col]) }

// parser accumulates the field errors of one Input.
type parser struct {
	in Input
	es Errors
}

func (p *parser) text(col string, max int) string {
	v := p.in.get(col)
	p.es.add(col, v, maxLen(v, max))
	return v
}

func (p *parser) required(col string, max int) string {
	v := p.text(col, max)
	if v == "" {
		p.es.add(col, "", ErrRequired)
	}
	return v
}

func (p *parser) enum(col string, e Enum) string {
	v, err := e.Parse(p.in.get(col))
	p.es.add(col, p.in.get(col), err)
	return v
}

func (p *parser) date(col string) Date {
	d, err := ParseDate(p.in.get(col))
	p.es.add(col, p.in.get(col), err)
	return d
}

func (p *parser) year(col string) int {
	y, err := ParseYear(p.in.get(col))
	p.es.add(col, p.in.get(col), err)
	return y
}

func (p *parser) count(col string) int64 {
	n, err := ParseCount(p.in.get(col))
	p.es.add(col, p.in.get(col), err)
	return n
}

func (p *parser) vnd(col string) int64 {
	n, err := ParseVND(p.in.get(col))
	p.es.add(col, p.in.get(col), err)
	return n
}

func (p *parser) phone(col string) string {
	v := p.in.get(col)
	if v == "" {
		return ""
	}
	n, err := NormalizePhone(v)
	p.es.add(col, v, err)
	return n
}

// person reads the columns every person shares.
func (p *parser) person() Person {
	hoDem, ten := text.SplitName(p.in.get("full_name"))
	if p.in.get("ho_dem") != "" || p.in.get("ten") != "" {
		hoDem, ten = p.in.get("ho_dem"), p.in.get("ten")
	}
	return Person{
		HoDem:     hoDem,
		Ten:       ten,
		Gender:    p.enum("gender", Genders),
		BirthYear: p.year("birth_year"),
		BirthDate: p.date("birth_date"),
		IDNumber:  NormalizeCCCD(p.in.get("id_number")),
		Phone:     p.phone("phone"),
		Ethnicity: p.text("ethnicity", 60),
		Village:   p.text("village", 120),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Columns of each file kind, in CONTRACT.md order.
var (
	CitizenColumns = []string{"full_name", "gender", "birth_year", "birth_date", "id_number",
		"phone", "ethnicity", "village", "group", "year", "i1", "i2", "i3", "i4", "i5", "i6",
		"i7", "i8", "i9", "i10", "result", "decision_no", "decision_date"}
	CentreColumns = []string{"name", "decision_no", "established_on", "status", "director",
		"year", "classes", "learner_times", "budget_vnd", "social_vnd", "rating"}
	AwardColumns = []string{"full_name", "gender", "birth_date", "school", "grade",
		"school_year", "village", "guardian", "award_type", "achievement", "amount_vnd",
		"in_kind_vnd", "funding_source", "sponsor", "decision_no", "decision_date",
		"awarded_on", "consent"}
	FundColumns = []string{"date", "direction", "source", "amount_vnd", "in_kind_vnd",
		"voucher_no", "note"}
)

// HasColumn reports whether col is one of cols.
func HasColumn(cols []string, col string) bool {
	for _, c := range cols {
		if c == col {
			return true
		}
	}
	return false
}

// lowerASCII is strings.ToLower for header names.
func lowerASCII(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
