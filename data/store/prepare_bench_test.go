package store

import (
	"fmt"
	"testing"
)

// BenchmarkPrepare computes the derived keys of citizen rows as a bundle
// import does on its reading goroutine.
func BenchmarkPrepare(b *testing.B) {
	rows := make([]*Row, 1000)
	for n := range rows {
		vals := []any{"Nguyễn Thị", fmt.Sprintf("Hoà%d", n), "nu", int64(1985), "1985-03-12", "034185001234",
			"0912345678", "Kinh", "Thôn Đông", "nong_dan", "", int64(0)}
		rows[n] = &Row{Kind: Citizen, ID: "x", Unit: "2024:12345", Vals: vals}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := rows[i%len(rows)]
		r.derived = nil
		r.Prepare()
	}
}
