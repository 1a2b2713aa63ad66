package store

import (
	"context"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// CentreItem is a centre with its activity in the queried year (zero when
// it has none).
type CentreItem struct {
	data.Centre
	Year data.CentreYear
}

// Centres lists the live centres of a unit ("" for all) by name, with their
// activity in year.
func (s *Store) Centres(ctx context.Context, unit string, year int) ([]CentreItem, error) {
	cs, err := queryRows(ctx, s, Centre, CentreOf, "deleted = 0 AND (? = '' OR unit = ?) ORDER BY nkey", unit, unit)
	if err != nil {
		return nil, err
	}
	out := make([]CentreItem, len(cs))
	for n, c := range cs {
		out[n].Centre = c
		ys, err := queryRows(ctx, s, CentreYear, CentreYearOf, "id = ? AND deleted = 0",
			YearlyID(CentreYear, c.ID, year))
		if err != nil {
			return nil, err
		}
		if len(ys) == 1 {
			out[n].Year = ys[0]
		}
	}
	return out, nil
}

// CentreYears returns a centre's live yearly rows, newest first.
func (s *Store) CentreYears(ctx context.Context, centreID string) ([]data.CentreYear, error) {
	return queryRows(ctx, s, CentreYear, CentreYearOf, "centre_id = ? AND deleted = 0 ORDER BY year DESC", centreID)
}

// AwardQuery selects awards.
type AwardQuery struct {
	Unit   string
	Search string
	Year   int
	Offset int
	Limit  int
}

// Awards returns a page of the award register in name order.
func (s *Store) Awards(ctx context.Context, q AwardQuery) ([]data.Award, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	return queryRows(ctx, s, Award, AwardOf, `deleted = 0 AND (? = '' OR unit = ?) AND (? = 0 OR year = ?)
		AND skey LIKE ? ORDER BY nkey, id LIMIT ? OFFSET ?`,
		q.Unit, q.Unit, q.Year, q.Year, "%"+text.Fold(q.Search)+"%", q.Limit, q.Offset)
}

// CountAwards counts what Awards pages through.
func (s *Store) CountAwards(ctx context.Context, q AwardQuery) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM award WHERE deleted = 0 AND (? = '' OR unit = ?)
		AND (? = 0 OR year = ?) AND skey LIKE ?`, q.Unit, q.Unit, q.Year, q.Year, "%"+text.Fold(q.Search)+"%").Scan(&n)
	return n, err
}

// FundLines lists the live ledger lines of a unit ("" for all) in a year (0
// for all), by date.
func (s *Store) FundLines(ctx context.Context, unit string, year int) ([]data.FundLine, error) {
	return queryRows(ctx, s, Fund, FundOf, `deleted = 0 AND (? = '' OR unit = ?)
		AND (? = 0 OR substr(date, 1, 4) = printf('%04d', ?)) ORDER BY date, id`, unit, unit, year, year)
}

// Villages lists the live villages of a unit by name.
func (s *Store) Villages(ctx context.Context, unit string) ([]data.Village, error) {
	vs, err := queryRows(ctx, s, Village, VillageOf, "deleted = 0 AND unit = ?", unit)
	if err != nil {
		return nil, err
	}
	sortBy(vs, func(v data.Village) string { return v.Name })
	return vs, nil
}

// Profiles lists a unit's profile rows by year.
func (s *Store) Profiles(ctx context.Context, unit string) ([]data.Profile, error) {
	return queryRows(ctx, s, Profile, ProfileOf, "deleted = 0 AND unit = ? ORDER BY year", unit)
}

// Get loads any record by kind and id (deleted ones too).
func (s *Store) Get(ctx context.Context, kind Kind, id string) (*Row, error) {
	return loadRow(ctx, s.r, schemas[kind], id)
}

func sortBy[T any](xs []T, key func(T) string) {
	for n := 1; n < len(xs); n++ {
		for k := n; k > 0 && text.Compare(key(xs[k-1]), key(xs[k])) > 0; k-- {
			xs[k-1], xs[k] = xs[k], xs[k-1]
		}
	}
}
