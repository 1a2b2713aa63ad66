package gen

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// What the generator writes is valid: every row imports.
func TestGeneratedFilesImport(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Init(context.Background(), store.Setup{Site: "0123456789abcdef", Unit: "2024:12694", Level: "commune"}); err != nil {
		t.Fatal(err)
	}
	g := New(7, 2026, 0.2)
	for _, tc := range []struct {
		kind  tabular.Kind
		write func(*bytes.Buffer) error
		rows  int
	}{
		{tabular.Citizens, func(b *bytes.Buffer) error { return g.Citizens(b, 500) }, 500},
		{tabular.Centres, func(b *bytes.Buffer) error { return g.Centres(b, "Đông Phương") }, -1},
		{tabular.Awards, func(b *bytes.Buffer) error { return g.Awards(b, 50) }, 50},
		{tabular.Funds, func(b *bytes.Buffer) error { return g.Funds(b, 30) }, 30},
	} {
		var b bytes.Buffer
		if err := tc.write(&b); err != nil {
			t.Fatal(err)
		}
		rows, err := tabular.ReadCSV(b.Bytes(), tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := tabular.Preview(context.Background(), st, tc.kind, rows, tabular.Options{Unit: "2024:12694"}); err != nil || len(p.Problems) != 0 {
			t.Fatalf("%s: generated rows rejected: %v %v", tc.kind, p.Problems, err)
		}
		if tc.rows >= 0 && len(rows) != tc.rows {
			t.Fatalf("%s: %d rows", tc.kind, len(rows))
		}
		if _, err := tabular.Import(context.Background(), st, tc.kind, rows, tabular.Options{Unit: "2024:12694"}); err != nil {
			t.Fatal(err)
		}
	}
	var a, b bytes.Buffer
	New(9, 2026, 0).Citizens(&a, 20)
	New(9, 2026, 0).Citizens(&b, 20)
	if a.String() != b.String() {
		t.Fatal("the same seed must give the same file")
	}
}
