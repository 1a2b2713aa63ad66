package exchange

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// A bundle of an earlier release, whose assessment table has no criteria
// column, is read by this one: the column takes its empty value (the set
// that release scored against). Any other difference is still refused.
func TestOlderRelease_AssessmentWithoutCriteria(t *testing.T) {
	ctx := context.Background()
	d := newInstall(t, "district", district)
	old := []string{"citizen_id", "year", "scores", "result", "status", "decision_no", "decision_date", "deleted"}
	sc, at, err := tableSchema(&bundle.Table{Kind: "assessment", Cols: old})
	if err != nil || at == nil {
		t.Fatalf("an older assessment table: %v %v", at, err)
	}
	id := store.NewID()
	row := &bundle.Row{ID: store.YearlyID(store.Assessment, id, 2025), Unit: communeA.String(),
		Ver:    bundle.Version{L: 3, S: "00000000000000aa"},
		Values: []any{id, int64(2025), "80,80,80,80,80,80,80,80,80,80", "dat", "de_nghi", "", "", int64(0)}}
	r := fromBundle(sc, at, row)
	err = d.c.Store.Merge(ctx, func(m *store.Merger) error {
		if err := m.Merge(r); err != nil {
			return err
		}
		return m.Flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.c.Store.Get(ctx, store.Assessment, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := store.AssessmentOf(got)
	if a.Criteria != "" || a.Result != "dat" || a.Status != data.StepProposed || len(a.Scores) != 10 {
		t.Fatalf("stored %+v", a)
	}
	for _, cols := range [][]string{
		{"citizen_id", "year", "scores", "result", "status", "decision_no", "deleted"},                       // a column not added since is missing
		{"year", "citizen_id", "scores", "result", "status", "decision_no", "decision_date", "deleted"},      // out of order
		{"citizen_id", "year", "scores", "result", "status", "decision_no", "decision_date", "deleted", "x"}, // one more
	} {
		if _, _, err := tableSchema(&bundle.Table{Kind: "assessment", Cols: cols}); !errors.Is(err, ErrUnknownTable) {
			t.Errorf("%v: %v", cols, err)
		}
	}
	if sc, at, err := tableSchema(&bundle.Table{Kind: "assessment", Cols: store.SchemaOf(store.Assessment).ColNames()}); err != nil || at != nil || !reflect.DeepEqual(sc, store.SchemaOf(store.Assessment)) {
		t.Errorf("today's table: %v %v", at, err)
	}
}
