package store

import (
	"context"
	"fmt"
)

// Totals are the figures of one unit for one year, in the shape of the
// report JSON of CONTRACT.md.
type Totals struct {
	Citizens CitizenTotals `json:"citizens"`
	Centres  CentreTotals  `json:"centres"`
	Awards   AwardTotals   `json:"awards"`
	Funds    FundTotals    `json:"funds"`
}

// CitizenTotals: citizens with an entry for the year (registered), with a
// result (assessed), with the title (recognized: đạt and not refused), and
// the adult population from the commune profile.
type CitizenTotals struct {
	Registered int64 `json:"registered"`
	Assessed   int64 `json:"assessed"`
	Recognized int64 `json:"recognized"`
	Adults     int64 `json:"adults"`
}

// CentreTotals: centres active that year, their ratings, classes and
// learner-times.
type CentreTotals struct {
	Active       int64            `json:"active"`
	ByRating     map[string]int64 `json:"by_rating"`
	Classes      int64            `json:"classes"`
	LearnerTimes int64            `json:"learner_times"`
}

// AwardTotals: awards given that year, cash amounts, by type.
type AwardTotals struct {
	Count     int64                 `json:"count"`
	AmountVND int64                 `json:"amount_vnd"`
	ByType    map[string]*TypeTotal `json:"by_type"`
}

// TypeTotal is one award type's count and cash amount.
type TypeTotal struct {
	Count     int64 `json:"count"`
	AmountVND int64 `json:"amount_vnd"`
}

// FundTotals: cash raised and spent in the year, and the balance at the
// year's end (everything raised minus everything spent up to 31/12).
type FundTotals struct {
	RaisedVND  int64 `json:"raised_vnd"`
	SpentVND   int64 `json:"spent_vnd"`
	BalanceVND int64 `json:"balance_vnd"`
}

// NewTotals returns zero totals with every rating present.
func NewTotals() *Totals {
	return &Totals{
		Centres: CentreTotals{ByRating: map[string]int64{"tot": 0, "kha": 0, "trung_binh": 0, "yeu": 0}},
		Awards:  AwardTotals{ByType: map[string]*TypeTotal{}},
	}
}

// Add adds o into t.
func (t *Totals) Add(o *Totals) {
	c, oc := &t.Citizens, o.Citizens
	c.Registered += oc.Registered
	c.Assessed += oc.Assessed
	c.Recognized += oc.Recognized
	c.Adults += oc.Adults
	t.Centres.Active += o.Centres.Active
	t.Centres.Classes += o.Centres.Classes
	t.Centres.LearnerTimes += o.Centres.LearnerTimes
	for k, v := range o.Centres.ByRating {
		t.Centres.ByRating[k] += v
	}
	t.Awards.Count += o.Awards.Count
	t.Awards.AmountVND += o.Awards.AmountVND
	for k, v := range o.Awards.ByType {
		tt := t.Awards.ByType[k]
		if tt == nil {
			tt = &TypeTotal{}
			t.Awards.ByType[k] = tt
		}
		tt.Count += v.Count
		tt.AmountVND += v.AmountVND
	}
	t.Funds.RaisedVND += o.Funds.RaisedVND
	t.Funds.SpentVND += o.Funds.SpentVND
	t.Funds.BalanceVND += o.Funds.BalanceVND
}

// UnitTotals returns the totals of year for every unit that holds records,
// keyed by "list:code". Callers roll units up the hierarchy.
func (s *Store) UnitTotals(ctx context.Context, year int) (map[string]*Totals, error) {
	out := map[string]*Totals{}
	get := func(unit string) *Totals {
		t := out[unit]
		if t == nil {
			t = NewTotals()
			out[unit] = t
		}
		return t
	}
	for _, q := range totalQueries {
		rows, err := s.r.QueryContext(ctx, q.sql, q.args(year)...)
		if err != nil {
			return nil, fmt.Errorf("store: totals: %w", err)
		}
		for rows.Next() {
			var unit, key string
			var a, b, c int64
			if err := rows.Scan(&unit, &key, &a, &b, &c); err != nil {
				rows.Close()
				return nil, err
			}
			q.add(get(unit), key, a, b, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type totalQuery struct {
	sql  string
	args func(year int) []any
	add  func(t *Totals, key string, a, b, c int64)
}

func yearArg(y int) []any { return []any{y} }

var totalQueries = []totalQuery{
	// Deleting a citizen deletes their assessments too (Editor.Delete), so
	// the assessments answer alone, from the covering index assessment_report.
	{`SELECT unit, '', count(*), sum(result <> ''), sum(result = 'dat' AND status <> 'khong_cong_nhan')
		FROM assessment WHERE year = ? AND deleted = 0 GROUP BY unit`, yearArg,
		func(t *Totals, _ string, a, b, c int64) {
			t.Citizens.Registered, t.Citizens.Assessed, t.Citizens.Recognized = a, b, c
		}},
	// An assessment can outlive its citizen when the delete raced an edit
	// made elsewhere; the few such rows come off, found from the deleted
	// citizens (index citizen_list) rather than by joining every row: CROSS
	// JOIN and INDEXED BY hold SQLite to that plan.
	{`SELECT a.unit, '', count(*), sum(a.result <> ''), sum(a.result = 'dat' AND a.status <> 'khong_cong_nhan')
		FROM citizen c CROSS JOIN assessment a INDEXED BY assessment_citizen ON a.citizen_id = c.id
		WHERE c.deleted = 1 AND a.year = ? AND a.deleted = 0 GROUP BY a.unit`, yearArg,
		func(t *Totals, _ string, a, b, c int64) {
			t.Citizens.Registered -= a
			t.Citizens.Assessed -= b
			t.Citizens.Recognized -= c
		}},
	{`SELECT unit, '', sum(adults), 0, 0 FROM profile WHERE year = ? AND deleted = 0 GROUP BY unit`, yearArg,
		func(t *Totals, _ string, a, _, _ int64) { t.Citizens.Adults = a }},
	{`SELECT y.unit, '', count(DISTINCT y.centre_id), sum(y.classes), sum(y.learner_times)
		FROM centre_year y JOIN centre c ON c.id = y.centre_id
		WHERE y.year = ? AND y.deleted = 0 AND c.deleted = 0 AND y.status = 'hoat_dong' GROUP BY y.unit`, yearArg,
		func(t *Totals, _ string, a, _, _ int64) { t.Centres.Active = a }},
	{`SELECT y.unit, y.rating, count(*), sum(y.classes), sum(y.learner_times)
		FROM centre_year y JOIN centre c ON c.id = y.centre_id
		WHERE y.year = ? AND y.deleted = 0 AND c.deleted = 0 GROUP BY y.unit, y.rating`, yearArg,
		func(t *Totals, rating string, a, b, c int64) {
			if rating != "" {
				t.Centres.ByRating[rating] += a
			}
			t.Centres.Classes += b
			t.Centres.LearnerTimes += c
		}},
	{`SELECT unit, award_type, count(*), sum(amount_vnd), 0 FROM award
		WHERE year = ? AND deleted = 0 GROUP BY unit, award_type`, yearArg,
		func(t *Totals, typ string, a, b, _ int64) {
			t.Awards.Count += a
			t.Awards.AmountVND += b
			t.Awards.ByType[typ] = &TypeTotal{Count: a, AmountVND: b}
		}},
	{`SELECT unit, '',
		coalesce(sum(CASE WHEN direction = 'thu' AND substr(date, 1, 4) = printf('%04d', ?1) THEN amount_vnd END), 0),
		coalesce(sum(CASE WHEN direction = 'chi' AND substr(date, 1, 4) = printf('%04d', ?1) THEN amount_vnd END), 0),
		coalesce(sum(CASE direction WHEN 'thu' THEN amount_vnd WHEN 'chi' THEN -amount_vnd END), 0)
		FROM fund WHERE deleted = 0 AND date <= printf('%04d-12-31', ?1) GROUP BY unit`, yearArg,
		func(t *Totals, _ string, a, b, c int64) {
			t.Funds.RaisedVND, t.Funds.SpentVND, t.Funds.BalanceVND = a, b, c
		}},
}
