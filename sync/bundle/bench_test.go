package bundle

import (
	"bytes"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// BenchmarkZstdLevels compresses the NDJSON of 10,000 realistic citizen
// rows at each level and reports the compressed bytes per row. The chosen
// level is zstdLevel.
func BenchmarkZstdLevels(b *testing.B) {
	const rows = 10000
	f := MustFixture(b)
	g := MustGolden(b, f, 1)
	var plain bytes.Buffer
	pw := NewPayloadWriter(&plain)
	pw.Header(headerOf(g.m))
	fillRows(rows)(pw)
	pw.Close()
	levels := []zstd.EncoderLevel{zstd.SpeedFastest, zstd.SpeedDefault, zstd.SpeedBetterCompression, zstd.SpeedBestCompression}
	for _, level := range levels {
		b.Run(level.String(), func(b *testing.B) {
			var n int64
			b.SetBytes(int64(plain.Len()))
			for b.Loop() {
				cw := &countWriter{w: io.Discard, max: 1 << 40}
				zw, _ := zstd.NewWriter(cw, zstd.WithEncoderLevel(level), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(maxWindow))
				zw.Write(plain.Bytes())
				zw.Close()
				n = cw.n
			}
			b.ReportMetric(float64(plain.Len())/rows, "plain-B/row")
			b.ReportMetric(float64(n)/rows, "zstd-B/row")
		})
	}
}

// BenchmarkSeal seals 10,000 citizen rows: zstd, age, signature and archive.
func BenchmarkSeal(b *testing.B) {
	f := MustFixture(b)
	var size int
	for b.Loop() {
		data, _ := MustSeal(b, f, baseManifest(1), fillRows(10000))
		size = len(data)
	}
	b.ReportMetric(float64(size)/10000, "khb-B/row")
}

// BenchmarkRead reads back a bundle of 10,000 rows, every check included.
func BenchmarkRead(b *testing.B) {
	f := MustFixture(b)
	data, _ := MustSeal(b, f, baseManifest(1), fillRows(10000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := readAll(data, f.commune.Public(), f.district.AgeIdentity()); err != nil {
			b.Fatal(err)
		}
	}
}
