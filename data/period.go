package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is the span of days a report counts: a half-year ("báo cáo sơ
// kết 6 tháng"), a year, or any run of days inside one calendar year, most
// often from 1 January to a date ("từ đầu năm đến nay"). Both ends are
// included. A period lies within one year, so that the records kept by the
// year (assessments, centres' years, profiles, members' yearly counts)
// have one year to count in; see docs/reports.md, "Periods".
//
// Its one text form is String, read back by ParsePeriod: "2026" (the
// year), "2026-H1" and "2026-H2" (1/1–30/6 and 1/7–31/12), and
// "2026-01-01..2026-08-18" for any other span.
type Period struct {
	From, To Date
}

// Errors of periods.
var (
	ErrPeriod       = errors.New("data: not a period (2026, 2026-H1, 2026-H2 or 2026-01-01..2026-08-18)")
	ErrPeriodOrder  = errors.New("data: the period ends before it starts")
	ErrPeriodYears  = errors.New("data: a period lies within one calendar year")
	ErrMemberPeriod = errors.New("data: members are counted for a half-year or a whole year")
)

// YearPeriod is the whole year y.
func YearPeriod(y int) Period { return Period{Date{y, 1, 1}, Date{y, 12, 31}} }

// HalfYear is the first (h = 1: 1/1–30/6) or second (h = 2: 1/7–31/12)
// half of year y.
func HalfYear(y, h int) Period {
	if h == 2 {
		return Period{Date{y, 7, 1}, Date{y, 12, 31}}
	}
	return Period{Date{y, 1, 1}, Date{y, 6, 30}}
}

// YearToDate runs from 1 January of d's year to d.
func YearToDate(d Date) Period { return Period{Date{d.Y, 1, 1}, d} }

// HalfOf is the half-year that d falls in.
func HalfOf(d Date) Period {
	if d.M >= 7 {
		return HalfYear(d.Y, 2)
	}
	return HalfYear(d.Y, 1)
}

// IsZero reports a period not given.
func (p Period) IsZero() bool { return p == Period{} }

// Year is the year the period lies in.
func (p Period) Year() int { return p.To.Y }

// IsYear reports a whole calendar year.
func (p Period) IsYear() bool { return !p.IsZero() && p == YearPeriod(p.To.Y) }

// Half is 1 or 2 for a half-year, else 0.
func (p Period) Half() int {
	switch {
	case p.IsZero():
		return 0
	case p == HalfYear(p.To.Y, 1):
		return 1
	case p == HalfYear(p.To.Y, 2):
		return 2
	}
	return 0
}

// Contains reports whether day d is in the period.
func (p Period) Contains(d Date) bool { return !d.IsZero() && !d.Before(p.From) && !p.To.Before(d) }

// Within reports whether p lies wholly inside q.
func (p Period) Within(q Period) bool { return !p.From.Before(q.From) && !q.To.Before(p.To) }

// Days counts the days of the period.
func (p Period) Days() int { return int(p.To.time().Sub(p.From.time()).Hours()/24) + 1 }

// Previous is the same period a year earlier ("so với cùng kỳ năm
// trước"): each day a year back, 29 February becoming 28 February, and an
// end on the last day of a month staying on the last day of that month
// (1/1–28/2/2025 compares with 1/1–29/2/2024, and 1/1–29/2/2024 with
// 1/1–28/2/2023). Half-years and years compare with the same half or year.
func (p Period) Previous() Period {
	from := p.From.yearBack()
	to := p.To.yearBack()
	if p.To.lastOfMonth() {
		to = Date{p.To.Y - 1, p.To.M, daysIn(p.To.Y-1, p.To.M)}
	}
	return Period{from, to}
}

// String is the period's text form: "2026", "2026-H1", "2026-H2" or
// "2026-01-01..2026-08-18" ("" for none).
func (p Period) String() string {
	switch {
	case p.IsZero():
		return ""
	case p.IsYear():
		return strconv.Itoa(p.To.Y)
	case p.Half() != 0:
		return fmt.Sprintf("%d-H%d", p.To.Y, p.Half())
	}
	return p.From.String() + ".." + p.To.String()
}

// Label names the period in Vietnamese as reports write it: "năm 2026",
// "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "từ 01/01/2026 đến
// 18/08/2026".
func (p Period) Label() string {
	switch {
	case p.IsZero():
		return ""
	case p.IsYear():
		return "năm " + strconv.Itoa(p.To.Y)
	case p.Half() == 1:
		return "6 tháng đầu năm " + strconv.Itoa(p.To.Y)
	case p.Half() == 2:
		return "6 tháng cuối năm " + strconv.Itoa(p.To.Y)
	}
	return "từ " + p.From.VN() + " đến " + p.To.VN()
}

// ParsePeriod reads a period's text form: a year "2026", a half-year
// "2026-H1" or "2026-H2" (also h1, "H1-2026", "H1/2026"), or two days
// "FROM..TO", each as ParseDate reads it (2026-01-01..2026-08-18,
// 01/01/2026..18/08/2026). The days must lie in one year, in order.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, ".."); ok {
		return parseSpan(a, b)
	}
	if y, h, ok := parseHalf(s); ok {
		if err := (Date{y, 1, 1}).check(); err != nil {
			return Period{}, err
		}
		return HalfYear(y, h), nil
	}
	if len(s) == 4 && allDigits(s) {
		y, err := ParseYear(s)
		if err != nil {
			return Period{}, err
		}
		return YearPeriod(y), nil
	}
	return Period{}, ErrPeriod
}

func parseSpan(a, b string) (Period, error) {
	if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
		return Period{}, ErrPeriod
	}
	from, err := ParseDate(a)
	if err != nil {
		return Period{}, err
	}
	to, err := ParseDate(b)
	if err != nil {
		return Period{}, err
	}
	switch {
	case to.Before(from):
		return Period{}, ErrPeriodOrder
	case from.Y != to.Y:
		return Period{}, ErrPeriodYears
	}
	return Period{from, to}, nil
}

// parseHalf reads "2026-H1", "2026H2", "H1-2026", "H1/2026" (any case).
func parseHalf(s string) (year, half int, ok bool) {
	u := strings.ToUpper(s)
	var ys, hs string
	switch {
	case len(u) == 7 && u[4] == '-' && u[5] == 'H':
		ys, hs = u[:4], u[6:]
	case len(u) == 6 && u[4] == 'H':
		ys, hs = u[:4], u[5:]
	case len(u) == 7 && u[0] == 'H' && (u[2] == '-' || u[2] == '/'):
		ys, hs = u[3:], u[1:2]
	default:
		return 0, 0, false
	}
	if !allDigits(ys) || (hs != "1" && hs != "2") {
		return 0, 0, false
	}
	y, _ := strconv.Atoi(ys)
	return y, int(hs[0] - '0'), true
}

// MarshalJSON writes {"from": "yyyy-mm-dd", "to": "yyyy-mm-dd"}, the
// report JSON's period (docs/CONTRACT.md).
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		From string `json:"from"`
		To   string `json:"to"`
	}{p.From.String(), p.To.String()})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (p *Period) UnmarshalJSON(b []byte) error {
	var v struct{ From, To string }
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	q, err := parseSpan(v.From, v.To)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// memberPeriod is the rule of a member count's period: a half-year or a
// year, kept in its text form.
func memberPeriod(s string) (string, error) {
	p, err := ParsePeriod(s)
	if err != nil {
		return "", err
	}
	if !p.IsYear() && p.Half() == 0 {
		return "", ErrMemberPeriod
	}
	return p.String(), nil
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Y != e.Y {
		return d.Y < e.Y
	}
	if d.M != e.M {
		return d.M < e.M
	}
	return d.D < e.D
}

func (d Date) time() time.Time { return time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC) }

// yearBack is the same day a year earlier; 29 February becomes 28 February.
func (d Date) yearBack() Date {
	if d.M == 2 && d.D == 29 {
		return Date{d.Y - 1, 2, 28}
	}
	return Date{d.Y - 1, d.M, d.D}
}

func (d Date) lastOfMonth() bool { return d.D == daysIn(d.Y, d.M) }

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }
