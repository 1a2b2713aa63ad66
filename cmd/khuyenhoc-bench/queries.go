package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// What officers type in the search box: whole given names with and without
// marks, family and middle names, names typed letter by letter, CCCD and
// phone prefixes.
var searches = []string{"hoa", "Hòa", "Hoà", "thuy", "Thủy", "dao", "Đào", "nguyen", "nguyen van", "tran thi",
	"le thi hoa", "pham", "ng", "ngu", "nguy", "nguye", "t", "th", "tha", "thao", "minh", "anh", "vu",
	"bui thi", "do van", "hoang", "034", "0341", "091", "0912", "yen", "quynh", "phuong", "dang van minh",
	"h", "ho", "hu", "huong", "lan", "mai"}

func queries(ctx context.Context, c config, f *figures, recv string) error {
	st, err := store.Open(ctx, recv, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.CountCitizens(ctx, store.CitizenQuery{})
	if err != nil {
		return err
	}
	stage("in-process queries on the receiver's %d citizens", n)
	if err := listOpen(ctx, c, f, st); err != nil {
		return err
	}
	if err := searchLatency(ctx, f, st, n); err != nil {
		return err
	}
	if err := reportTime(ctx, c, f, st, n); err != nil {
		return err
	}
	return statusTime(ctx, c, f, st)
}

// queriesOnly times the queries on an existing receiver database.
func queriesOnly(ctx context.Context, c config, db string) error {
	if c.dir == "" {
		c.dir = filepath.Dir(db)
	}
	f := &figures{}
	if err := queries(ctx, c, f, db); err != nil {
		return err
	}
	printTable(c, f)
	return nil
}

// listOpen is what the citizen list does when it opens: the first page and
// the count for the status bar.
func listOpen(ctx context.Context, c config, f *figures, st *store.Store) error {
	var ds []time.Duration
	for r := 0; r < c.runs+2; r++ {
		start := time.Now()
		if _, err := st.Citizens(ctx, store.CitizenQuery{Limit: 100}); err != nil {
			return err
		}
		if _, err := st.CountCitizens(ctx, store.CitizenQuery{}); err != nil {
			return err
		}
		ds = append(ds, time.Since(start))
	}
	f.add("citizen list opens: first page + count", fmt.Sprintf("%.0f ms", ms(median(ds))), "", "", "< 1 s")
	return nil
}

// searchLatency times what the list shows as one types: the first page of
// matches in name order; the count for the status bar follows separately.
func searchLatency(ctx context.Context, f *figures, st *store.Store, total int) error {
	var pages, counts []time.Duration
	for round := 0; round < 3; round++ {
		for _, q := range searches {
			start := time.Now()
			if _, err := st.Citizens(ctx, store.CitizenQuery{Search: q, Limit: 50}); err != nil {
				return err
			}
			mid := time.Now()
			if _, err := st.CountCitizens(ctx, store.CitizenQuery{Search: q}); err != nil {
				return err
			}
			pages, counts = append(pages, mid.Sub(start)), append(counts, time.Since(mid))
		}
	}
	p50, p95 := percentiles(pages)
	f.add(fmt.Sprintf("search on %dk citizens: first page of matches, %d queries", total/1000, len(pages)),
		fmt.Sprintf("p50 %.1f ms, p95 %.1f ms", ms(p50), ms(p95)), "", "", "p95 < 50 ms")
	c50, c95 := percentiles(counts)
	f.add("… then the count of matches (status bar)", fmt.Sprintf("p50 %.1f ms, p95 %.1f ms", ms(c50), ms(c95)), "", "", "(info)")
	return nil
}

func percentiles(ds []time.Duration) (p50, p95 time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], ds[len(ds)*95/100]
}

func reportTime(ctx context.Context, c config, f *figures, st *store.Store, n int) error {
	var ds []time.Duration
	for r := 0; r < c.runs; r++ {
		start := time.Now()
		rep, err := report.Build(ctx, st, units.Default(), receiver, 2026, nil)
		if err != nil {
			return err
		}
		ds = append(ds, time.Since(start))
		if rep.Citizens.Registered != int64(n) {
			return fmt.Errorf("report counts %d citizens, the store %d", rep.Citizens.Registered, n)
		}
	}
	f.add(fmt.Sprintf("report over %dk records", 2*n/1000), fmt.Sprintf("%.0f ms", ms(median(ds))), "", "", "< 1 s for 1M")
	return nil
}

func statusTime(ctx context.Context, c config, f *figures, st *store.Store) error {
	cfg := &exchange.Config{Store: st, Units: units.Default(), Outbox: filepath.Join(c.dir, "x"), Held: filepath.Join(c.dir, "y")}
	var ds []time.Duration
	var units int
	for r := 0; r < c.runs+2; r++ {
		start := time.Now()
		rep, err := exchange.UnitsStatus(ctx, cfg, exchange.StatusOptions{Overdue: 45 * 24 * time.Hour, All: true})
		if err != nil {
			return err
		}
		ds = append(ds, time.Since(start))
		units = len(rep.Units)
	}
	f.add(fmt.Sprintf("status of %d units below", units), fmt.Sprintf("%.0f ms", ms(median(ds))), "", "", "< 200 ms for 500")
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
