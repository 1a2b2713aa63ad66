package exchange

import (
	"context"
	"testing"
)

// BenchmarkImport imports one bundle of 20,000 citizens with their
// assessments (40,000 rows) into a fresh district per iteration.
func BenchmarkImport(b *testing.B) {
	d, a := newInstallB(b, "district", district), newInstallB(b, "commune", communeA)
	linkB(b, d, a)
	a.addCitizensB(b, 20000)
	w, err := Export(context.Background(), a.c, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dd := cloneInstallB(b, d)
		b.StartTimer()
		o, err := Import(context.Background(), dd.c, []string{w[0].Path}, nil)
		if err != nil || o[0].Status != Imported {
			b.Fatalf("%+v %v", o, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/40000, "µs/row")
}

// BenchmarkExport makes one bundle of 20,000 citizens with assessments.
func BenchmarkExport(b *testing.B) {
	d, a := newInstallB(b, "district", district), newInstallB(b, "commune", communeA)
	linkB(b, d, a)
	a.addCitizensB(b, 20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		aa := cloneInstallB(b, a)
		b.StartTimer()
		if _, err := Make(context.Background(), aa.c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/40000, "µs/row")
}
