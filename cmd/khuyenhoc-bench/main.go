// Command khuyenhoc-bench measures the figures of docs/benchmarks.md on
// generated data, each against a baseline measured in the same run: it sets
// up communes and a receiving unit with the real command line, generates
// realistic registers (data/gen), imports them, exports bundles, imports the
// bundles at the receiver, and compares with sqlite3's own .import and with
// zstd -19 of the same rows. It prints a Markdown table.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	cfg := config{}
	flag.StringVar(&cfg.dir, "dir", "", "working folder (default: a new temporary folder)")
	flag.StringVar(&cfg.cli, "cli", "bin/khuyenhoc-cli", "the khuyenhoc-cli binary to measure")
	flag.IntVar(&cfg.communes, "communes", 20, "communes sending bundles")
	flag.IntVar(&cfg.perCommune, "citizens", 5000, "citizens per commune (each with an assessment)")
	flag.IntVar(&cfg.exportCitizens, "export-citizens", 50000, "citizens of the commune whose export is timed")
	flag.IntVar(&cfg.runs, "runs", 3, "runs per figure (the median is reported)")
	only := flag.String("queries", "", "only time the queries (list, search, report, status) on this receiver database")
	flag.Parse()
	do := run
	if *only != "" {
		do = func(ctx context.Context, c config) error { return queriesOnly(ctx, c, *only) }
	}
	if err := do(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
