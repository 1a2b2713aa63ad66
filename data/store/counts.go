package store

import "context"

// RecordCounts returns the live records per unit and kind.
func (s *Store) RecordCounts(ctx context.Context) (map[string]map[Kind]int64, error) {
	out := map[string]map[Kind]int64{}
	for _, k := range Kinds {
		rows, err := s.r.QueryContext(ctx, "SELECT unit, count(*) FROM "+string(k)+" WHERE deleted = 0 GROUP BY unit")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var unit string
			var n int64
			if err := rows.Scan(&unit, &n); err != nil {
				rows.Close()
				return nil, err
			}
			if out[unit] == nil {
				out[unit] = map[Kind]int64{}
			}
			out[unit][k] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ConflictCounts returns the open conflicts per unit.
func (s *Store) ConflictCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT unit, count(*) FROM conflict GROUP BY unit")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var unit string
		var n int
		if err := rows.Scan(&unit, &n); err != nil {
			return nil, err
		}
		out[unit] = n
	}
	return out, rows.Err()
}
