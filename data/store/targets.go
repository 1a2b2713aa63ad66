package store

import (
	"context"
	"sort"

	"sokhuyenhoc/data"
)

// SetTarget records a target this installation sets for the units below
// it, over the national defaults and those handed down.
func (s *Store) SetTarget(ctx context.Context, t data.Target, by string) error {
	if err := t.Validate(); err != nil {
		return err
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO target (indicator, year, area, percent, source, set_by, set_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(indicator, year, area) DO UPDATE SET percent = excluded.percent,
		source = excluded.source, set_by = excluded.set_by, set_at = excluded.set_at`,
		t.Indicator, t.Year, t.Area, t.Percent, t.Source, by, s.stamp())
	return err
}

// OwnTargets lists the targets set here.
func (s *Store) OwnTargets(ctx context.Context) ([]data.Target, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT indicator, year, area, percent, source FROM target ORDER BY indicator, year, area")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Target
	for rows.Next() {
		var t data.Target
		if err := rows.Scan(&t.Indicator, &t.Year, &t.Area, &t.Percent, &t.Source); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetAreas tags unit with the area types areas here (none: the unit is
// of no such area, whatever was handed down).
func (s *Store) SetAreas(ctx context.Context, unit string, areas []string, by string) error {
	for _, a := range areas {
		if code, err := data.AreaTypes.Parse(a); err != nil || code != a {
			return data.ErrTarget
		}
	}
	return s.inTx(ctx, func(t *txn) error {
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM unit_area WHERE unit = ?", unit); err != nil {
			return err
		}
		if len(areas) == 0 {
			areas = []string{""}
		}
		for _, a := range areas {
			if _, err := t.tx.ExecContext(ctx, "INSERT OR IGNORE INTO unit_area (unit, area, set_by, set_at) VALUES (?, ?, ?, ?)",
				unit, a, by, s.stamp()); err != nil {
				return err
			}
		}
		return nil
	})
}

// OwnAreas returns the area types set here, by unit (an empty list: set
// to none).
func (s *Store) OwnAreas(ctx context.Context) (map[string][]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT unit, area FROM unit_area ORDER BY unit, area")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var u, a string
		if err := rows.Scan(&u, &a); err != nil {
			return nil, err
		}
		if _, ok := out[u]; !ok {
			out[u] = []string{}
		}
		if a != "" {
			out[u] = append(out[u], a)
			sort.Strings(out[u])
		}
	}
	return out, rows.Err()
}
