package store

import "context"

// liveKey names one counter of live_count.
type liveKey struct {
	kind Kind
	unit string
}

// countLive records that a row of kind in unit, deleted or not, came
// (sign +1) or went (sign -1). Only live rows count.
func (t *txn) countLive(kind Kind, unit string, deleted bool, sign int64) {
	if deleted {
		return
	}
	if t.live == nil {
		t.live = map[liveKey]int64{}
	}
	t.live[liveKey{kind, unit}] += sign
}

// flushLive adds the transaction's changes to live_count.
func (t *txn) flushLive() error {
	for k, n := range t.live {
		if n == 0 {
			continue
		}
		st, err := t.stmt("live", `INSERT INTO live_count (kind, unit, n) VALUES (?, ?, ?)
			ON CONFLICT(kind, unit) DO UPDATE SET n = n + excluded.n`)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(t.ctx, string(k.kind), k.unit, n); err != nil {
			return err
		}
	}
	t.live = nil
	return nil
}

// RecordCounts returns the live records per unit and kind.
func (s *Store) RecordCounts(ctx context.Context) (map[string]map[Kind]int64, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT kind, unit, n FROM live_count WHERE n <> 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[Kind]int64{}
	for rows.Next() {
		var kind, unit string
		var n int64
		if err := rows.Scan(&kind, &unit, &n); err != nil {
			return nil, err
		}
		if out[unit] == nil {
			out[unit] = map[Kind]int64{}
		}
		out[unit][Kind(kind)] = n
	}
	return out, rows.Err()
}
