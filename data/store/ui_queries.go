package store

import (
	"context"
	"fmt"
	"strings"
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
	Activity: `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM activity
		WHERE deleted = 0 AND date <> ''`,
	MemberCount: `SELECT DISTINCT CAST(substr(period, 1, 4) AS INTEGER) FROM member_count
		WHERE deleted = 0 AND period <> ''`,
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
// all) are recorded in (UsedVillages of the citizens).
func (s *Store) CitizenVillages(ctx context.Context, unit string) ([]string, error) {
	return s.UsedVillages(ctx, unit, Citizen)
}

// villageKinds are the kinds whose records name a village (stored as
// village, folded as vkey).
var villageKinds = map[Kind]bool{Citizen: true, Family: true, Community: true}

// UsedVillages lists the village names the live records of kinds (citizen,
// family, community) of unit ("" for all) are recorded in, one spelling per
// village (names that differ only in marks or case are one village: the
// spelling of the first kind that has it), in Vietnamese order: the choices of a register's village filter and form,
// with the villages kept by the commune.
func (s *Store) UsedVillages(ctx context.Context, unit string, kinds ...Kind) ([]string, error) {
	var parts []string
	var args []any
	for n, k := range kinds {
		if !villageKinds[k] || n > 9 {
			return nil, fmt.Errorf("%w: no villages for kind %q", ErrBadRow, k)
		}
		parts = append(parts, fmt.Sprintf("SELECT '%d' || village AS v, vkey FROM %s WHERE deleted = 0 AND vkey <> '' AND (? = '' OR unit = ?)", n, k))
		args = append(args, unit, unit)
	}
	if len(parts) == 0 {
		return nil, nil
	}
	// A village's spelling is the first kind's that has it (min of the
	// kind's digit and the name).
	rows, err := s.r.QueryContext(ctx, "SELECT substr(min(v), 2) FROM ("+strings.Join(parts, " UNION ALL ")+") GROUP BY vkey", args...)
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

// CitizenPage is Citizens (kept for the desktop list).
func (s *Store) CitizenPage(ctx context.Context, q CitizenQuery) ([]CitizenItem, error) {
	return s.Citizens(ctx, q)
}
