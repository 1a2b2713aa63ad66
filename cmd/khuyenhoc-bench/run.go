package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// figures collects the results, keyed by the row of the table.
type figures struct {
	rows []row
}

type row struct {
	what, value, baseline, ratio, target string
}

func (f *figures) add(what, value, baseline, ratio, target string) {
	f.rows = append(f.rows, row{what, value, baseline, ratio, target})
	fmt.Fprintf(os.Stderr, "  %s: %s (baseline %s, %s)\n", what, value, baseline, ratio)
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func run(ctx context.Context, c config) error {
	if c.dir == "" {
		d, err := os.MkdirTemp("", "khbench")
		if err != nil {
			return err
		}
		c.dir = d
	}
	if abs, err := filepath.Abs(c.cli); err == nil {
		c.cli = abs
	}
	f := &figures{}
	stage("set-up: receiver and %d communes", c.communes+1)
	recv, communes, err := setUp(ctx, c)
	if err != nil {
		return err
	}
	small, big := communes[:c.communes], communes[c.communes]
	if err := importCSV(c, f, communes); err != nil {
		return err
	}
	stick := filepath.Join(c.dir, "stick")
	if err := exportAll(c, f, small, big, stick); err != nil {
		return err
	}
	total := c.communes * c.perCommune
	if err := bundleSize(c, f, small, stick, total); err != nil {
		return err
	}
	if err := importBundles(c, f, recv, stick, total); err != nil {
		return err
	}
	if err := queries(ctx, c, f, recv); err != nil {
		return err
	}
	printTable(c, f)
	return nil
}

func stage(format string, a ...any) { fmt.Fprintf(os.Stderr, "== "+format+"\n", a...) }

func importCSV(c config, f *figures, communes []site) error {
	stage("register files imported at each commune (CLI records import)")
	var wall time.Duration
	n := 0
	for i, s := range communes {
		m, err := c.kh("records", "import", "--kind", "citizen", s.csv, "--db", s.db)
		if err != nil {
			return err
		}
		if i < c.communes {
			wall += m.wall
			n += c.perCommune
		}
	}
	f.add("CSV import at a commune (per citizen, info)", fmt.Sprintf("%.0f µs", float64(wall.Microseconds())/float64(n)), "", "", "")
	return nil
}

// copyTree copies a folder with cp -a (the databases and their outboxes).
func copyTree(src, dst string) error {
	return exec.Command("cp", "-a", src, dst).Run()
}

func exportAll(c config, f *figures, small []site, big site, stick string) error {
	stage("commune export of %d citizens (%d changed records), %d runs", c.exportCitizens, 2*c.exportCitizens, c.runs)
	var ds []time.Duration
	for r := 0; r < c.runs; r++ {
		dir := filepath.Join(c.dir, fmt.Sprintf("export-run-%d", r))
		if err := copyTree(filepath.Dir(big.db), dir); err != nil {
			return err
		}
		out := filepath.Join(dir, "stick")
		os.MkdirAll(out, 0o755)
		m, err := c.kh("bundle", "export", "--out", out, "--db", filepath.Join(dir, "k.db"))
		if err != nil {
			return err
		}
		ds = append(ds, m.wall)
		os.RemoveAll(dir)
	}
	med := median(ds)
	perRow := float64(med.Microseconds()) / float64(2*c.exportCitizens)
	f.add(fmt.Sprintf("export %dk changed records (CLI, median of %d)", 2*c.exportCitizens/1000, c.runs),
		fmt.Sprintf("%.2f s (%.1f µs a record)", med.Seconds(), perRow), "", "",
		fmt.Sprintf("< 2 s for 100k: %.2f s", perRow*100000/1e6))
	os.MkdirAll(stick, 0o755)
	stage("every commune exports its bundle to one stick")
	for _, s := range small {
		if _, err := c.kh("bundle", "export", "--out", stick, "--db", s.db); err != nil {
			return err
		}
	}
	return nil
}

func bundleSize(c config, f *figures, small []site, stick string, citizens int) error {
	stage("bytes on the stick against zstd -19 of the same rows as CSV")
	files, _ := filepath.Glob(filepath.Join(stick, "*.khb"))
	var bundleBytes int64
	for _, p := range files {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		bundleBytes += st.Size()
	}
	var csvs []string
	for _, s := range small {
		csvs = append(csvs, s.csv)
	}
	all := filepath.Join(c.dir, "all.csv")
	if err := concat(all, csvs); err != nil {
		return err
	}
	if err := exec.Command("zstd", "-q", "-f", "-19", all, "-o", all+".zst").Run(); err != nil {
		return fmt.Errorf("zstd -19: %v", err)
	}
	st, err := os.Stat(all + ".zst")
	if err != nil {
		return err
	}
	per, zper := float64(bundleBytes)/float64(citizens), float64(st.Size())/float64(citizens)
	rows, err := sameRowsZstd(c, small)
	if err != nil {
		return err
	}
	rper := float64(rows) / float64(citizens)
	f.add("bundle bytes per citizen record (citizen + assessment)", fmt.Sprintf("%.1f B", per),
		fmt.Sprintf("zstd -19 of the same rows as CSV (ids, versions, values): %.1f B", rper),
		fmt.Sprintf("%.2f×", per/rper), "< 120 B and ≤ 1.5×")
	f.add("… against the officers' input files", "", fmt.Sprintf("zstd -19 of the input CSV (no ids, no versions): %.1f B", zper),
		fmt.Sprintf("%.2f×", per/zper), "(info)")
	return nil
}

// sameRowsZstd dumps, from each commune's database, the rows its bundle
// carries (id, unit, versions and values; not the derived search columns)
// as CSV, and returns the size of zstd -19 of them all.
func sameRowsZstd(c config, small []site) (int64, error) {
	path := filepath.Join(c.dir, "same-rows.csv")
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	for _, s := range small {
		for _, q := range []string{
			"SELECT id, unit, ho_dem, ten, gender, birth_year, birth_date, id_number, phone, ethnicity, village, grp, note, deleted, v_l, v_s, b_l, b_s, fv FROM citizen",
			"SELECT id, unit, citizen_id, year, scores, result, status, decision_no, decision_date, deleted, v_l, v_s, b_l, b_s, fv FROM assessment",
		} {
			cmd := exec.Command("sqlite3", "-csv", s.db, q)
			cmd.Stdout = out
			if err := cmd.Run(); err != nil {
				out.Close()
				return 0, fmt.Errorf("sqlite3 dump: %v", err)
			}
		}
	}
	out.Close()
	if err := exec.Command("zstd", "-q", "-f", "-19", path, "-o", path+".zst").Run(); err != nil {
		return 0, err
	}
	st, err := os.Stat(path + ".zst")
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func concat(dst string, srcs []string) error {
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	for i, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			return err
		}
		if i > 0 { // one header
			if k := strings.IndexByte(string(b), '\n'); k >= 0 {
				b = b[k+1:]
			}
		}
		out.Write(b)
	}
	return nil
}

func printTable(c config, f *figures) {
	fmt.Printf("Machine: %s, %d cores, %s; %d communes × %d citizens (each with an assessment), medians of %d runs.\n\n",
		cpuModel(), runtime.NumCPU(), runtime.Version(), c.communes, c.perCommune, c.runs)
	fmt.Println("| what | measured | baseline (same run) | ratio | target |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range f.rows {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.what, r.value, r.baseline, r.ratio, r.target)
	}
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			return strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
		}
	}
	return runtime.GOARCH
}
