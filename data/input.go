package data

import (
	"strconv"
	"strings"

	"sokhuyenhoc/data/text"
)

// Input is one record as people write it: raw strings keyed by the column
// names of docs/CONTRACT.md ("full_name", "birth_year", "i1" …). A CSV row,
// an XLSX row and a form on screen all become an Input, and the same Parse
// function turns it into typed records, so every path shares one set of
// rules; the Format beside each Parse writes a record back as an Input.
type Input map[string]string

// Get returns the cleaned (NFC, trimmed) value of a column.
func (in Input) Get(col string) string { return text.Clean(in[col]) }

func (in Input) get(col string) string { return in.Get(col) }

// Overlay returns base with the cells of given laid over it: what a row of
// a file (or a form) changes in a stored record. A column given with a
// value wins; a column given empty keeps base's value unless clear is set
// (an explicit choice to clear it); a column not given keeps base's value.
func Overlay(base, given Input, clear bool) Input {
	out := make(Input, len(base)+len(given))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range given {
		if strings.TrimSpace(v) != "" || clear {
			out[k] = v
		}
	}
	return out
}

// parser accumulates the field errors of one Input.
type parser struct {
	in Input
	es Errors
}

// field reads the cell of a text, code or reference column by its rules:
// normalised, a code of its list (or, for an open list, a label turned
// into its code), within its length.
func (p *parser) field(c *Col) string {
	raw := p.in.get(c.File)
	v := raw
	switch {
	case c.Enum != nil:
		code, err := c.Enum.Parse(raw)
		p.es.add(c.File, raw, err)
		v = code
	case c.norm != nil && v != "":
		n, err := c.norm(v)
		p.es.add(c.File, v, err)
		v = n
	case c.Open != nil && v != "":
		if code, err := (Enum{Options: c.Open}).Parse(v); err == nil && code != "" {
			v = code
		}
	}
	if c.Max > 0 {
		p.es.add(c.File, v, maxLen(v, c.Max))
	}
	if v != "" {
		p.es.add(c.File, v, CheckText(v))
		p.es.add(c.File, v, c.checkLabel(v))
	}
	p.require(c)
	return v
}

// require records ErrRequired for a required column whose cell is empty.
func (p *parser) require(c *Col) {
	if c.Required && p.in.get(c.File) == "" {
		p.es.add(c.File, "", ErrRequired)
	}
}

func (p *parser) text(col string, max int) string {
	v := p.in.get(col)
	p.es.add(col, v, maxLen(v, max))
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

// any reports whether any of cols has a value.
func (p *parser) any(cols ...string) bool {
	for _, c := range cols {
		if p.in.get(c) != "" {
			return true
		}
	}
	return false
}

// name reads full_name as họ đệm and tên.
func (p *parser) name(person *Person) {
	person.HoDem, person.Ten = text.SplitName(p.in.get("full_name"))
}

func itoa(n int) string { return strconv.Itoa(n) }

// Columns of each file kind, in docs/CONTRACT.md order; columns added
// since a kind's first release come last, so older files (which lack them)
// still import and older readers find the columns they know where they were.
var (
	CitizenColumns = []string{"full_name", "gender", "birth_year", "birth_date", "id_number",
		"phone", "ethnicity", "village", "group", "year", "i1", "i2", "i3", "i4", "i5", "i6",
		"i7", "i8", "i9", "i10", "result", "decision_no", "decision_date", "note", "status", "criteria"}
	CentreColumns = []string{"name", "decision_no", "established_on", "status", "director",
		"year", "classes", "learner_times", "budget_vnd", "social_vnd", "rating", "deputies",
		"merged_into", "year_status", "classes_xoa_mu_chu", "learners_xoa_mu_chu", "classes_giao_duc_tiep_tuc",
		"learners_giao_duc_tiep_tuc", "classes_chuyen_giao_ky_thuat", "learners_chuyen_giao_ky_thuat",
		"classes_phap_luat", "learners_phap_luat", "classes_suc_khoe", "learners_suc_khoe", "classes_van_hoa",
		"learners_van_hoa", "classes_ky_nang_so", "learners_ky_nang_so", "classes_ngoai_ngu", "learners_ngoai_ngu",
		"classes_khac", "learners_khac"}
	AwardColumns = []string{"full_name", "gender", "birth_date", "school", "grade",
		"school_year", "village", "guardian", "award_type", "achievement", "amount_vnd",
		"in_kind_vnd", "funding_source", "sponsor", "decision_no", "decision_date",
		"awarded_on", "consent", "deciding_level", "fund_id", "recipient_kind", "campaign"}
	FundColumns    = []string{"date", "direction", "source", "amount_vnd", "in_kind_vnd", "voucher_no", "note", "holder"}
	VillageColumns = []string{"name", "note"}
	ProfileColumns = []string{"year", "adults"}
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
