package store

import "context"

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
