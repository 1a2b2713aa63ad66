package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"sokhuyenhoc/data/store"
)

// importBundles times the receiver's import of the stick, on a fresh copy
// of the receiver each run, then sqlite3's .import of the same rows.
func importBundles(c config, f *figures, recv, stick string, citizens int) error {
	stage("receiver imports %d bundles, %d runs", c.communes, c.runs)
	var ds []time.Duration
	var rss int64
	final := ""
	for r := 0; r < c.runs; r++ {
		dir := filepath.Join(c.dir, fmt.Sprintf("import-run-%d", r))
		if err := copyTree(filepath.Dir(recv), dir); err != nil {
			return err
		}
		m, err := c.kh("bundle", "import", stick, "--db", filepath.Join(dir, "k.db"))
		if err != nil {
			return err
		}
		ds = append(ds, m.wall)
		rss = max(rss, m.maxRSS)
		if r == c.runs-1 {
			final = dir
		} else {
			os.RemoveAll(dir)
		}
	}
	// Keep the last run's database as the receiver for the queries.
	os.RemoveAll(filepath.Dir(recv))
	if err := os.Rename(final, filepath.Dir(recv)); err != nil {
		return err
	}
	med := median(ds)
	records := 2 * citizens
	base, bare, input, err := sqliteBaselines(c, recv)
	if err != nil {
		return err
	}
	f.add(fmt.Sprintf("import %d bundles, %dk records (CLI)", c.communes, records/1000),
		fmt.Sprintf("%.2f s (%.1f µs a record)", med.Seconds(), float64(med.Microseconds())/float64(records)),
		fmt.Sprintf("sqlite3 .import into the same schema: %.2f s", base.Seconds()),
		fmt.Sprintf("%.2f×", med.Seconds()/base.Seconds()), "≤ 2×")
	f.add("… the same import against bare tables", "", fmt.Sprintf("sqlite3 .import, no indexes: %.2f s; the input CSV: %.2f s", bare.Seconds(), input.Seconds()),
		fmt.Sprintf("%.1f× / %.1f×", med.Seconds()/bare.Seconds(), med.Seconds()/input.Seconds()), "(info)")
	f.add("peak memory of the import", fmt.Sprintf("%d MiB", rss/1024), "", "", "< 200 MiB")
	return nil
}

// sqliteBaselines dumps the rows the import stored and times sqlite3's
// .import of them: into the app's schema (indexes, search index rebuilt),
// into bare tables, and the commune files as given.
func sqliteBaselines(c config, recv string) (schema, bare, input time.Duration, err error) {
	dir := filepath.Join(c.dir, "sqlite3")
	os.MkdirAll(dir, 0o755)
	for _, t := range []string{"citizen", "assessment"} {
		cols, err := columns(recv, t)
		if err != nil {
			return 0, 0, 0, err
		}
		out, err := exec.Command("sqlite3", "-csv", recv, "SELECT "+cols+" FROM "+t).Output()
		if err != nil {
			return 0, 0, 0, fmt.Errorf("sqlite3 dump %s: %v", t, err)
		}
		os.WriteFile(filepath.Join(dir, t+".csv"), out, 0o644)
	}
	schemaSQL := filepath.Join(dir, "schema.sql")
	if err := os.WriteFile(schemaSQL, []byte(appSchema()), 0o644); err != nil {
		return 0, 0, 0, err
	}
	schema, err = c.bestOf(func(db string) []string {
		return []string{db, ".read " + schemaSQL, ".mode csv", ".import " + filepath.Join(dir, "citizen.csv") + " citizen",
			".import " + filepath.Join(dir, "assessment.csv") + " assessment", "INSERT INTO citizen_fts(citizen_fts) VALUES('rebuild')"}
	}, dir)
	if err != nil {
		return
	}
	bare, err = c.bestOf(func(db string) []string {
		return []string{db, ".mode csv", ".import " + filepath.Join(dir, "citizen.csv") + " citizen_bare",
			".import " + filepath.Join(dir, "assessment.csv") + " assessment_bare"}
	}, dir)
	if err != nil {
		return
	}
	input, err = c.bestOf(func(db string) []string {
		return []string{db, ".mode csv", ".import " + filepath.Join(c.dir, "all.csv") + " rows"}
	}, dir)
	return
}

// bestOf runs sqlite3 c.runs times on fresh databases and returns the median.
func (c config) bestOf(args func(db string) []string, dir string) (time.Duration, error) {
	var ds []time.Duration
	for r := 0; r < c.runs; r++ {
		db := filepath.Join(dir, fmt.Sprintf("b%d.db", r))
		os.Remove(db)
		pre := exec.Command("sqlite3", db, "PRAGMA journal_mode=WAL")
		if err := pre.Run(); err != nil {
			return 0, fmt.Errorf("sqlite3: %v", err)
		}
		m, err := c.cmd("sqlite3", args(db)...)
		if err != nil {
			return 0, err
		}
		if strings.Contains(m.out, "INSERT failed") {
			return 0, fmt.Errorf("sqlite3 .import failed: %s", m.out[:min(len(m.out), 300)])
		}
		ds = append(ds, m.wall)
		os.Remove(db)
	}
	return median(ds), nil
}

// columns lists a table's stored columns (nkey, a blob, as hex text).
func columns(db, table string) (string, error) {
	out, err := exec.Command("sqlite3", db, "SELECT group_concat(CASE name WHEN 'nkey' THEN 'hex(nkey)' ELSE name END, ',') FROM pragma_table_info('"+table+"')").Output()
	return strings.TrimSpace(string(out)), err
}

// appSchema is the app's schema for sqlite3, STRICT dropped so that the
// hex-dumped name keys load as text.
func appSchema() string {
	var b strings.Builder
	for _, name := range store.MigrationNames() {
		b.WriteString(strings.NewReplacer(") STRICT;", ");", ") STRICT, WITHOUT ROWID;", ") WITHOUT ROWID;").Replace(store.MigrationSQL(name)))
		b.WriteString("\n")
	}
	return b.String()
}
