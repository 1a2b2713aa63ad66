package store

import (
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
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
	if !m.heldRows {
		ok, err := m.insertAllNew(s, rows)
		if err != nil || ok {
			for _, r := range rows {
				inserted[r.ID] = ok
			}
			return inserted, err
		}
		m.heldRows = true // this bundle brings rows held here: skip the try
	}
	return m.insertReturning(s, rows)
}

// insertAllNew inserts a batch in one plain INSERT, the common case of rows
// new here with distinct ids. When one is already held the statement fails
// on the id's uniqueness and SQLite undoes it: ok is false and nothing
// changed. Without RETURNING nothing comes back row by row; the new rowids
// follow one another, checked on the first row.
func (m *Merger) insertAllNew(s *Schema, rows []*Row) (ok bool, err error) {
	seen := make(map[string]bool, len(rows))
	args := make([]any, 0, len(rows)*(len(s.wcols)+2))
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		if seen[r.ID] {
			return false, nil
		}
		seen[r.ID] = true
		a, err := m.t.rowArgs(s, r)
		if err != nil {
			return false, err
		}
		args = append(append(args, r.ID, r.Unit), a...)
		if s.fts != "" {
			keys = append(keys, s.skeyOf(a))
		}
	}
	st, err := m.t.stmt("batchnew:"+string(s.Kind), batchSQL(s, false))
	if err != nil {
		return false, err
	}
	res, err := st.ExecContext(m.t.ctx, args...)
	if isConstraint(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, r := range rows {
		m.t.countLive(s.Kind, r.Unit, r.Deleted(), +1)
	}
	if s.fts == "" {
		return true, nil
	}
	last, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	first := last - int64(len(rows)) + 1
	if err := m.checkRowid(s, rows[0].ID, first); err != nil {
		return false, err
	}
	for i, key := range keys {
		if err := m.t.reindex(s, first+int64(i), "", key); err != nil {
			return false, err
		}
	}
	return true, nil
}

func (m *Merger) checkRowid(s *Schema, id string, want int64) error {
	st, err := m.t.stmt("rowid:"+string(s.Kind), "SELECT rowid FROM "+string(s.Kind)+" WHERE id = ?")
	if err != nil {
		return err
	}
	var got int64
	if err := st.QueryRowContext(m.t.ctx, id).Scan(&got); err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("store: %s %s got rowid %d, not %d", s.Kind, id, got, want)
	}
	return nil
}

// isConstraint reports SQLite's refusal of a row by a constraint.
func isConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// insertReturning inserts the rows whose id is free, learning from
// RETURNING which they were.
func (m *Merger) insertReturning(s *Schema, rows []*Row) (map[string]bool, error) {
	inserted := map[string]bool{}
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
			keys[r.ID] = s.skeyOf(a)
		}
	}
	st, err := m.t.stmt("batch:"+string(s.Kind), batchSQL(s, true))
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

func batchSQL(s *Schema, returning bool) string {
	one := "(?, ?" + strings.Repeat(", ?", len(s.wcols)) + ")"
	q := fmt.Sprintf("INSERT INTO %s (id, unit, %s) VALUES %s", s.Kind, strings.Join(s.wcols, ", "),
		strings.TrimSuffix(strings.Repeat(one+", ", batchRows), ", "))
	if !returning {
		return q
	}
	rowid := "0"
	if s.fts != "" {
		rowid = "rowid"
	}
	return q + " ON CONFLICT(id) DO NOTHING RETURNING id, " + rowid
}
