package store

import (
	"fmt"
	"strings"
)

// batchRows is how many new rows go into one INSERT statement: most rows of
// a bundle are new to the receiver, and one statement for 64 of them costs
// far less than 64 statements.
const batchRows = 64

// queue holds a received row that is probably new until a batch is full.
// Rows keep their order: anything else the merger does flushes first.
func (m *Merger) queue(s *Schema, r *Row) error {
	if len(m.pending) > 0 && m.pending[0].Kind != r.Kind {
		if err := m.Flush(); err != nil {
			return err
		}
	}
	var err error
	if r.Lseq, err = m.Lseq(); err != nil {
		return err
	}
	m.pending = append(m.pending, r)
	if len(m.pending) == batchRows {
		return m.Flush()
	}
	return nil
}

// Flush writes the queued rows: new ones in one statement, the others
// (already held here) merged field by field, in arrival order.
func (m *Merger) Flush() error {
	rows := m.pending
	m.pending = nil
	if len(rows) == 0 {
		return nil
	}
	s := schemas[rows[0].Kind]
	inserted, err := m.insertBatch(s, rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if !inserted[r.ID] {
			if err := m.mergeExisting(s, r); err != nil {
				return err
			}
			continue
		}
		delete(inserted, r.ID) // a second row with this id merges into the first
		m.seeAll(r.FV)
		m.Stats.Inserted++
		if r.Deleted() {
			if err := m.checkDeleteRace(s, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertBatch inserts the rows whose id is free and returns their ids.
func (m *Merger) insertBatch(s *Schema, rows []*Row) (map[string]bool, error) {
	inserted := map[string]bool{}
	if len(rows) < batchRows {
		for _, r := range rows {
			done, err := m.t.tryInsert(s, r)
			if err != nil {
				return nil, err
			}
			if done {
				inserted[r.ID] = true
			}
		}
		return inserted, nil
	}
	args := make([]any, 0, len(rows)*(len(s.wcols)+2))
	keys, byID := map[string]string{}, map[string]*Row{} // of the first row with each id: the one inserted
	for _, r := range rows {
		a, err := m.t.rowArgs(s, r)
		if err != nil {
			return nil, err
		}
		args = append(append(args, r.ID, r.Unit), a...)
		if _, dup := byID[r.ID]; dup {
			continue
		}
		byID[r.ID] = r
		if s.fts != "" {
			keys[r.ID] = a[len(s.Cols)].(string) // skey, the first derived column
		}
	}
	st, err := m.t.stmt("batch:"+string(s.Kind), batchSQL(s))
	if err != nil {
		return nil, err
	}
	res, err := st.QueryContext(m.t.ctx, args...)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	for res.Next() {
		var id string
		var rowid int64
		if err := res.Scan(&id, &rowid); err != nil {
			return nil, err
		}
		if !inserted[id] {
			r := byID[id]
			m.t.countLive(s.Kind, r.Unit, r.Deleted(), +1)
		}
		inserted[id] = true
		if s.fts != "" {
			if err := m.t.reindex(s, rowid, "", keys[id]); err != nil {
				return nil, err
			}
		}
	}
	return inserted, res.Err()
}

func batchSQL(s *Schema) string {
	one := "(?, ?" + strings.Repeat(", ?", len(s.wcols)) + ")"
	rowid := "0"
	if s.fts != "" {
		rowid = "rowid"
	}
	return fmt.Sprintf("INSERT INTO %s (id, unit, %s) VALUES %s ON CONFLICT(id) DO NOTHING RETURNING id, %s",
		s.Kind, strings.Join(s.wcols, ", "), strings.TrimSuffix(strings.Repeat(one+", ", batchRows), ", "), rowid)
}
