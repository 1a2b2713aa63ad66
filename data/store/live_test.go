package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
)

// checkLive fails unless live_count agrees with counting the rows.
func checkLive(t *testing.T, s *Store) {
	t.Helper()
	got, err := s.RecordCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[Kind]int64{}
	for _, k := range Kinds {
		rows, err := s.r.Query("SELECT unit, count(*) FROM " + string(k) + " WHERE deleted = 0 GROUP BY unit")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var unit string
			var n int64
			if err := rows.Scan(&unit, &n); err != nil {
				t.Fatal(err)
			}
			if want[unit] == nil {
				want[unit] = map[Kind]int64{}
			}
			want[unit][k] = n
		}
		rows.Close()
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("live counts %v, rows say %v", got, want)
	}
}

// Every way a row comes, goes or comes back keeps the counts true: saves,
// cascading deletes, a batch of received rows with repeats and tombstones,
// a delete racing an edit and its resolution.
func TestLiveCounts(t *testing.T) {
	ctx := context.Background()
	a, d := MustOpen(t, "a"), MustOpen(t, "d")
	var ids []string
	for i := 0; i < 150; i++ {
		c := newCitizen("Trần Văn", fmt.Sprintf("Số %d", i))
		save(t, a, c)
		ids = append(ids, c.ID)
		assess(t, a, c, 2026)
	}
	for _, id := range ids[:10] {
		remove(t, a, Citizen, id)
	}
	checkLive(t, a)
	rows, lseq := ship(t, a, 0)
	apply(t, d, append(rows, rows[:70]...)) // more than a batch, some twice
	checkLive(t, d)
	if n, _ := d.RecordCounts(ctx); n[testUnit][Citizen] != 140 || n[testUnit][Assessment] != 140 {
		t.Fatalf("counts %v, want 140 citizens and 140 assessments", n)
	}
	// A delete at the receiver races an edit at the sender; taking the
	// edit brings the citizen back.
	remove(t, d, Citizen, ids[20])
	checkLive(t, d)
	edit(t, a, ids[20], func(c *data.Citizen) { c.Phone = "0933333333" })
	edit(t, a, ids[20], func(c *data.Citizen) { c.Ethnicity = "Tày" })
	rows, _ = ship(t, a, lseq)
	apply(t, d, rows)
	cs, _ := d.Conflicts(ctx, "")
	if len(cs) != 1 {
		t.Fatalf("conflicts %+v", cs)
	}
	if err := d.Resolve(ctx, Citizen, ids[20], "_deleted", cs[0].Site, TakeLoser); err != nil {
		t.Fatal(err)
	}
	checkLive(t, d)
}
