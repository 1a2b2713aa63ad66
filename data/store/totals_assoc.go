package store

import (
	"context"
	"fmt"
	"strings"

	"sokhuyenhoc/data"
)

// The figures added with the association's records (docs/reports.md):
// centres' classes per programme, awards by kind of recipient and by
// campaign, the fund by holder and by source, the association's
// activities (breakdownQueries), and its branches and members, which data
// counts from the rows (associationTotals).

// fundSums are a fund query's raised and spent in the period (?2 to ?3;
// the query keeps lines up to ?3) and the balance at its end.
// Summed by total(), as the other figures are (totals.go).
const fundSums = `CAST(total(CASE WHEN direction = 'thu' AND date >= ?2 THEN amount_vnd END) AS INTEGER),
		CAST(total(CASE WHEN direction = 'chi' AND date >= ?2 THEN amount_vnd END) AS INTEGER),
		CAST(total(CASE direction WHEN 'thu' THEN amount_vnd WHEN 'chi' THEN -amount_vnd END) AS INTEGER), 0`

var breakdownQueries = append(programmeQueries(), []totalQuery{
	{`SELECT unit, recipient_kind, count(*), CAST(total(amount_vnd) AS INTEGER), 0, 0 FROM award
		WHERE ` + awardIn + ` GROUP BY unit, recipient_kind`, spanArgs,
		func(t *data.Totals, kind string, n [4]int64) {
			*data.TypeOf(t.Awards.ByRecipient, kind) = data.TypeTotal{Count: n[0], AmountVND: n[1]}
		}},
	{`SELECT unit, campaign, count(*), CAST(total(amount_vnd) AS INTEGER), 0, 0 FROM award
		WHERE ` + awardIn + ` AND campaign <> '' GROUP BY unit, campaign`, spanArgs,
		func(t *data.Totals, c string, n [4]int64) {
			*data.TypeOf(t.Awards.ByCampaign, c) = data.TypeTotal{Count: n[0], AmountVND: n[1]}
		}},
	// A line without a holder is the association's own money ("hoi").
	{`SELECT unit, CASE holder WHEN '' THEN 'hoi' ELSE holder END, ` + fundSums + `
		FROM fund WHERE deleted = 0 AND date <= ?3 GROUP BY 1, 2`, spanArgs,
		func(t *data.Totals, holder string, n [4]int64) {
			*data.HolderOf(t.Funds.ByHolder, holder) = data.HolderTotal{RaisedVND: n[0], SpentVND: n[1], BalanceVND: n[2]}
		}},
	{`SELECT unit, source, ` + fundSums + ` FROM fund WHERE deleted = 0 AND date <= ?3 GROUP BY unit, source`, spanArgs,
		func(t *data.Totals, source string, n [4]int64) {
			*data.HolderOf(t.Funds.BySource, source) = data.HolderTotal{RaisedVND: n[0], SpentVND: n[1], BalanceVND: n[2]}
		}},
	// The log, per kind, and publicity per kind of publicity.
	{`SELECT unit, kind || '/' || CASE kind WHEN 'tuyen_truyen' THEN publicity_kind ELSE '' END,
		count(*), CAST(total(participants) AS INTEGER), CAST(total(times) AS INTEGER), 0 FROM activity
		WHERE date BETWEEN ?2 AND ?3 AND deleted = 0 GROUP BY 1, 2`, spanArgs, addActivities},
}...)

// programmeQueries sum each programme's classes and learner-times over
// the centres' years of the period's year, as centres.classes sums theirs.
func programmeQueries() []totalQuery {
	var out []totalQuery
	for _, o := range data.Programmes {
		out = append(out, totalQuery{fmt.Sprintf(`SELECT y.unit, '%s',
			CAST(total(y.classes_%[1]s) AS INTEGER), CAST(total(y.learners_%[1]s) AS INTEGER), 0, 0
			FROM centre_year y JOIN centre c ON c.id = y.centre_id
			WHERE y.year = ? AND y.deleted = 0 AND c.deleted = 0 GROUP BY y.unit`, o.Code), yearArg,
			func(t *data.Totals, code string, n [4]int64) {
				*data.ClassOf(t.Centres.ByProgramme, code) = data.ClassCount{Classes: n[0], LearnerTimes: n[1]}
			}})
	}
	return out
}

func addActivities(t *data.Totals, key string, n [4]int64) {
	a := &t.Association.Activities
	kind, pub, _ := strings.Cut(key, "/")
	switch kind {
	case "tap_huan":
		a.Training = data.Gathering{Count: a.Training.Count + n[0], Participants: a.Training.Participants + n[1]}
	case "hoi_nghi":
		a.Meetings = data.Gathering{Count: a.Meetings.Count + n[0], Participants: a.Meetings.Participants + n[1]}
	case "tuyen_truyen":
		a.Publicity.Count += n[0]
		a.Publicity.Times += n[2]
		a.Publicity.ByKind[pub] += n[2]
	case "van_ban":
		a.Documents.Count += n[0]
	}
}

// associationTotals counts each unit's branches and members for p by
// data's rules (data.BranchFigures, data.MemberFigures), from the live
// branches and the member counts of p's year and before.
func (s *Store) associationTotals(ctx context.Context, p data.Period, get func(string) *data.Totals) error {
	bs, err := queryRows(ctx, s, Branch, BranchOf, "deleted = 0")
	if err != nil {
		return err
	}
	ms, err := queryRows(ctx, s, MemberCount, MemberCountOf, `deleted = 0 AND period <> ''
		AND substr(period, 1, 4) <= printf('%04d', ?)
		AND branch_id IN (SELECT id FROM branch WHERE deleted = 0)`, p.Year())
	if err != nil {
		return err
	}
	byUnit := map[string][]data.Branch{}
	for _, b := range bs {
		byUnit[b.Unit] = append(byUnit[b.Unit], b)
	}
	counts := map[string][]data.MemberCount{}
	for _, m := range ms {
		counts[m.Unit] = append(counts[m.Unit], m)
	}
	for unit, bs := range byUnit {
		a := &get(unit).Association
		a.Branches = data.BranchFigures(bs, p)
		a.Members = data.MemberFigures(bs, counts[unit], p)
	}
	return nil
}
