package store

import (
	"context"
	"fmt"

	"sokhuyenhoc/data"
)

// yearsSQL holds, per kind with a year, the query listing the years its
// live records fall in.
var yearsSQL = map[Kind]string{
	Assessment: `SELECT DISTINCT year FROM assessment WHERE deleted = 0 AND year > 0`,
	CentreYear: `SELECT DISTINCT year FROM centre_year WHERE deleted = 0 AND year > 0`,
	Award:      `SELECT DISTINCT year FROM award WHERE deleted = 0 AND year > 0`,
	Fund: `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM fund
		WHERE deleted = 0 AND date <> ''`,
	Profile: `SELECT DISTINCT year FROM profile WHERE deleted = 0 AND year > 0`,
}

// RecordYears lists the years that live records of kind (assessment,
// centre_year, award, fund or profile) fall in, newest first: the choices
// of a screen's year filter.
func (s *Store) RecordYears(ctx context.Context, kind Kind) ([]int, error) {
	q, ok := yearsSQL[kind]
	if !ok {
		return nil, fmt.Errorf("%w: no years for kind %q", ErrBadRow, kind)
	}
	rows, err := s.r.QueryContext(ctx, q+" ORDER BY 1 DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// CitizenVillages lists the village names the live citizens of unit ("" for
// all) are recorded in, one spelling per village (names that differ only in
// marks or case are one village), in Vietnamese order: the choices of the
// register's village filter, with the villages kept by the commune.
func (s *Store) CitizenVillages(ctx context.Context, unit string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT min(village) FROM citizen
		WHERE deleted = 0 AND vkey <> '' AND (? = '' OR unit = ?) GROUP BY vkey`, unit, unit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sortBy(out, func(v string) string { return v })
	return out, rows.Err()
}

// CitizenPage returns the same page of the register as Citizens, for the
// desktop list: in name order with ties broken by rowid instead of id, so
// that with q.Unit set the rows come straight from the citizen_list index
// (unit, deleted, nkey) without sorting the register. On a million
// citizens the first page takes milliseconds instead of seconds.
func (s *Store) CitizenPage(ctx context.Context, q CitizenQuery) ([]CitizenItem, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	from, args := q.from()
	where, wargs := q.where()
	order := "c.unit, c.nkey, c.rowid"
	if q.Unit != "" {
		order = "c.nkey, c.rowid"
	}
	args = append(append(args, wargs...), q.Limit, q.Offset)
	rows, err := s.r.QueryContext(ctx, `SELECT c.id, c.unit, c.ho_dem, c.ten, c.gender, c.birth_year,
		c.birth_date, c.id_number, c.phone, c.ethnicity, c.village, c.grp, c.note,
		coalesce(a.year, 0), coalesce(a.result, ''), coalesce(a.status, ''), coalesce(a.scores, '')
		FROM `+from+` WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CitizenItem
	for rows.Next() {
		var it CitizenItem
		var birth, scores string
		c := &it.Citizen
		if err := rows.Scan(&c.ID, &c.Unit, &c.HoDem, &c.Ten, &c.Gender, &c.BirthYear, &birth,
			&c.IDNumber, &c.Phone, &c.Ethnicity, &c.Village, &c.Group, &c.Note,
			&it.Year, &it.Result, &it.Status, &scores); err != nil {
			return nil, err
		}
		c.BirthDate = date(birth)
		it.Total = -1
		if sc := decodeScores(scores); len(sc) > 0 {
			it.Total = data.Assessment{Scores: sc}.Total()
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
