package tabular

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sokhuyenhoc/data"
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
				st := freshStore(b)
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

// BenchmarkImportCSVSharedNames imports 20,000, 80,000 and 200,000 citizen
// rows that share five names (as whole villages of Nguyễn Văn An do),
// into a fresh store, beside the same rows with every name distinct: the
// baseline of the same run, where matching a row costs one lookup. The
// two stay within a small factor of each other at every size, and the
// time per row stays nearly flat as the rows grow: the matching is an
// index, not a scan of the namesakes per row (docs/benchmarks.md).
// BENCH_CSV_ROWS=20000 keeps to one size.
func BenchmarkImportCSVSharedNames(b *testing.B) {
	sizes := []int{20_000, 80_000, 200_000}
	if s := os.Getenv("BENCH_CSV_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		sizes = []int{n}
	}
	ctx := context.Background()
	for _, n := range sizes {
		for _, shared := range []bool{true, false} {
			rows := namesakeRows(n, shared)
			name := fmt.Sprintf("rows=%d/names=%s", n, map[bool]string{true: "5", false: "distinct"}[shared])
			b.Run(name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					st := freshStore(b)
					b.StartTimer()
					res, err := Import(ctx, st, Citizens, rows, Options{Unit: unit})
					if err != nil || res.Created != n {
						b.Fatalf("%+v %v", res.Created, err)
					}
					b.StopTimer()
					st.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/row")
			})
		}
	}
}

// namesakeRows makes n citizen rows with a 2026 result: five names shared
// by all (or a name of its own each), 66 birth years, 12 villages, and a
// CCCD on every other row.
func namesakeRows(n int, shared bool) []Row {
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"}
	rows := make([]Row, n)
	for i := range rows {
		name := names[i%len(names)]
		if !shared {
			name = fmt.Sprintf("%s %d", name, i)
		}
		year := 1940 + i%66
		in := data.Input{"full_name": name, "gender": "nam", "birth_year": strconv.Itoa(year),
			"village": fmt.Sprintf("Thôn %d", i%12), "year": "2026", "result": "dat"}
		if i%2 == 0 {
			in["id_number"] = fmt.Sprintf("034%d%02d%06d", 2*((year-1900)/100), year%100, i)
		}
		rows[i] = Row{Line: i + 2, Input: in}
	}
	return rows
}

// freshStore opens a new commune's store for one run of a benchmark.
func freshStore(b *testing.B) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "b.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Init(ctx, store.Setup{Site: "s1", Unit: unit, Level: "commune"}); err != nil {
		b.Fatal(err)
	}
	return st
}
