package store

import "context"

// ConflictCounts returns the open conflicts per unit.
func (s *Store) ConflictCounts(ctx context.Context) (map[string]int, error) {
	return s.conflictCounts(ctx, "")
}

// HeldCounts counts, per unit, the received changes held because their
// year is approved here (conflicts of field _locked).
func (s *Store) HeldCounts(ctx context.Context) (map[string]int, error) {
	return s.conflictCounts(ctx, "WHERE field = '_locked'")
}

func (s *Store) conflictCounts(ctx context.Context, where string) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT unit, count(*) FROM conflict "+where+" GROUP BY unit")
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
