package tabular

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"sokhuyenhoc/data/gen"
	"sokhuyenhoc/data/store"
)

// BenchmarkImportCSV imports a commune's file of 5,000 citizens with their
// assessments into a fresh store per iteration, and then the same file
// again (every row matched to the record it made): the two paths of
// records import.
func BenchmarkImportCSV(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.New(7, 2026, 0.2).Citizens(&buf, 5000); err != nil {
		b.Fatal(err)
	}
	rows, err := ReadCSV(buf.Bytes(), Citizens)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, again := range []bool{false, true} {
		name := map[bool]string{false: "new", true: "again"}[again]
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Init(ctx, store.Setup{Site: "s1", Unit: unit, Level: "commune"}); err != nil {
					b.Fatal(err)
				}
				if again {
					if _, err := Import(ctx, st, Citizens, rows, Options{Unit: unit}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				res, err := Import(ctx, st, Citizens, rows, Options{Unit: unit})
				if err != nil || res.Created+res.Updated+res.Unchanged != len(rows) {
					b.Fatalf("%+v %v", res, err)
				}
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(rows)), "µs/row")
		})
	}
}
