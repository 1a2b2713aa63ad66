package store

import (
	"context"
	"fmt"

	"sokhuyenhoc/data"
)

// UnitTotals returns the totals of the whole year for every unit that
// holds records, keyed by "list:code" (PeriodTotals of the year).
func (s *Store) UnitTotals(ctx context.Context, year int) (map[string]*data.Totals, error) {
	return s.PeriodTotals(ctx, data.YearPeriod(year))
}

// PeriodTotals returns the totals of period p for every unit that holds
// records, keyed by "list:code". Callers roll units up the hierarchy. How
// each kind of record counts in a period is data's rule (period_rules.go,
// docs/reports.md "Periods"): dated records by their day, yearly records
// in every period of their year, the fund's balance at the period's end.
func (s *Store) PeriodTotals(ctx context.Context, p data.Period) (map[string]*data.Totals, error) {
	out := map[string]*data.Totals{}
	get := func(unit string) *data.Totals {
		t := out[unit]
		if t == nil {
			t = data.NewTotals()
			out[unit] = t
		}
		return t
	}
	for _, q := range append(totalQueries, breakdownQueries...) {
		rows, err := s.r.QueryContext(ctx, q.sql, q.args(p)...)
		if err != nil {
			return nil, fmt.Errorf("store: totals: %w", err)
		}
		for rows.Next() {
			var unit, key string
			var n [4]int64
			if err := rows.Scan(&unit, &key, &n[0], &n[1], &n[2], &n[3]); err != nil {
				rows.Close()
				return nil, err
			}
			q.add(get(unit), key, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if err := s.associationTotals(ctx, p, get); err != nil {
		return nil, err
	}
	if err := s.modelTotals(ctx, p.Year(), out, get); err != nil {
		return nil, err
	}
	return out, nil
}

// totalQuery selects, per unit (and key), four sums that add gives their
// place in the totals.
type totalQuery struct {
	sql  string
	args func(p data.Period) []any
	add  func(t *data.Totals, key string, n [4]int64)
}

// yearArg is the year of a period: what the records kept by the year
// (assessments, centres' years, profiles) count in.
func yearArg(p data.Period) []any { return []any{p.Year()} }

// spanArgs are the year and the first and last days of a period (?1, ?2, ?3).
func spanArgs(p data.Period) []any { return []any{p.Year(), p.From.String(), p.To.String()} }

// awardIn is the SQL of data.Award.CountsIn: an award's day (given, else
// decided) in the period, or no day and the year of its school year.
const awardIn = `year = ?1 AND deleted = 0 AND (CASE WHEN awarded_on <> '' THEN awarded_on ELSE decision_date END
	BETWEEN ?2 AND ?3 OR (awarded_on = '' AND decision_date = ''))`

// Sums of amounts and counts never fail: SQLite's sum() stops a whole
// report with "integer overflow" when one unit's values pass 2^63, which
// a stored value alone can nearly do. Each value has a ceiling
// (data.MaxVND, data.MaxCount), and the sums are taken by total(), which
// adds exactly while the sum stays below 2^53 (9 million billion đồng,
// beyond any real figure) and never fails; CAST brings it back to an
// integer, saturating at the largest one.
var totalQueries = []totalQuery{
	// Deleting a citizen deletes their assessments too (Editor.Delete), so
	// the assessments answer alone, from the covering index assessment_report.
	// Passed and recognised as data.Assessment's Passed and Recognized say.
	{`SELECT unit, '', count(*), sum(result <> ''), sum(result = 'dat'), sum(result = 'dat' AND status = 'cong_nhan')
		FROM assessment WHERE year = ? AND deleted = 0 GROUP BY unit`, yearArg,
		func(t *data.Totals, _ string, n [4]int64) {
			c := &t.Citizens
			c.Registered, c.Assessed, c.Passed, c.Recognized = n[0], n[1], n[2], n[3]
		}},
	// An assessment can outlive its citizen when the delete raced an edit
	// made elsewhere; the few such rows come off, found from the deleted
	// citizens (index citizen_list) rather than by joining every row: CROSS
	// JOIN and INDEXED BY hold SQLite to that plan.
	{`SELECT a.unit, '', count(*), sum(a.result <> ''), sum(a.result = 'dat'), sum(a.result = 'dat' AND a.status = 'cong_nhan')
		FROM citizen c CROSS JOIN assessment a INDEXED BY assessment_citizen ON a.citizen_id = c.id
		WHERE c.deleted = 1 AND a.year = ? AND a.deleted = 0 GROUP BY a.unit`, yearArg,
		func(t *data.Totals, _ string, n [4]int64) {
			c := &t.Citizens
			c.Registered -= n[0]
			c.Assessed -= n[1]
			c.Passed -= n[2]
			c.Recognized -= n[3]
		}},
	{`SELECT unit, '', CAST(total(adults) AS INTEGER), 0, 0, 0 FROM profile WHERE year = ? AND deleted = 0 GROUP BY unit`, yearArg,
		func(t *data.Totals, _ string, n [4]int64) { t.Citizens.Adults = n[0] }},
	{`SELECT y.unit, '', count(DISTINCT y.centre_id), CAST(total(y.classes) AS INTEGER), CAST(total(y.learner_times) AS INTEGER), 0
		FROM centre_year y JOIN centre c ON c.id = y.centre_id
		WHERE y.year = ? AND y.deleted = 0 AND c.deleted = 0 AND y.status = 'hoat_dong' GROUP BY y.unit`, yearArg,
		func(t *data.Totals, _ string, n [4]int64) { t.Centres.Active = n[0] }},
	{`SELECT y.unit, y.rating, count(*), CAST(total(y.classes) AS INTEGER), CAST(total(y.learner_times) AS INTEGER), 0
		FROM centre_year y JOIN centre c ON c.id = y.centre_id
		WHERE y.year = ? AND y.deleted = 0 AND c.deleted = 0 GROUP BY y.unit, y.rating`, yearArg,
		func(t *data.Totals, rating string, n [4]int64) {
			if rating != "" {
				t.Centres.ByRating[rating] += n[0]
			}
			t.Centres.Classes += n[1]
			t.Centres.LearnerTimes += n[2]
		}},
	{`SELECT unit, award_type, count(*), CAST(total(amount_vnd) AS INTEGER), 0, 0 FROM award
		WHERE ` + awardIn + ` GROUP BY unit, award_type`, spanArgs,
		func(t *data.Totals, typ string, n [4]int64) {
			t.Awards.Count += n[0]
			t.Awards.AmountVND += n[1]
			t.Awards.ByType[typ] = &data.TypeTotal{Count: n[0], AmountVND: n[1]}
		}},
	{`SELECT unit, '', ` + fundSums + ` FROM fund WHERE deleted = 0 AND date <= ?3 GROUP BY unit`, spanArgs,
		func(t *data.Totals, _ string, n [4]int64) {
			t.Funds.RaisedVND, t.Funds.SpentVND, t.Funds.BalanceVND = n[0], n[1], n[2]
		}},
}
