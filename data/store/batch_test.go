package store

import (
	"fmt"
	"testing"
)

// A batch is tried as all new in one statement; when a row of it is held
// here already, SQLite undoes the statement and the batch goes in row by
// row knowing which are new. Either way every new row is searchable under
// its own rowid and counted once.
func TestBatchInsert_AllNewAndPartlyHeld(t *testing.T) {
	a := MustOpen(t, "a")
	var ids []string
	for i := 0; i < 3*batchRows; i++ {
		c := newCitizen("Phạm Văn", fmt.Sprintf("Tên%c%c", 'a'+i/26, 'a'+i%26))
		save(t, a, c)
		ids = append(ids, c.ID)
	}
	rows, _ := ship(t, a, 0)
	d := MustOpen(t, "d")
	if st := apply(t, d, rows[batchRows+5:batchRows+6]); st.Inserted != 1 {
		t.Fatalf("first row: %+v", st)
	}
	st := apply(t, d, rows)
	if st.Inserted != len(rows)-1 || st.Unchanged != 1 {
		t.Fatalf("stats %+v, want %d inserted and 1 unchanged", st, len(rows)-1)
	}
	checkLive(t, d)
	for i, id := range ids {
		var got string
		err := d.r.QueryRow(`SELECT c.id FROM citizen_fts f JOIN citizen c ON c.rowid = f.rowid
			WHERE citizen_fts MATCH ?`, fmt.Sprintf("ten%c%c", 'a'+i/26, 'a'+i%26)).Scan(&got)
		if err != nil || got != id {
			t.Fatalf("citizen %d: search finds %q (%v), want %s", i, got, err, id)
		}
	}
	if !d.mergerHeld(t, rows) {
		t.Fatal("a re-sent bundle should switch the merger to row-by-row inserts")
	}
}

// mergerHeld applies rows again and reports whether the merger learnt that
// they are held here.
func (s *Store) mergerHeld(t *testing.T, rows []*Row) bool {
	t.Helper()
	var held bool
	err := s.Merge(t.Context(), func(m *Merger) error {
		for _, r := range rows {
			cp := *r
			if err := m.Merge(&cp); err != nil {
				return err
			}
		}
		err := m.Flush()
		held = m.heldRows
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return held
}
