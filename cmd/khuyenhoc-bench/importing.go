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
// of the receiver each run, and sqlite3's .import of the same rows. The runs
// alternate (ours, then sqlite3's), so that a machine slowing down for a
// while weighs on both sides of the ratio alike.
func importBundles(c config, f *figures, recv, stick string, citizens int) error {
	stage("receiver imports %d bundles, alternating with sqlite3 .import, %d runs", c.communes, c.runs)
	var ours, schema, bare, input []time.Duration
	var rss int64
	final := ""
	base := sqliteBase{dir: filepath.Join(c.dir, "sqlite3"), c: c}
	for r := 0; r < c.runs; r++ {
		dir := filepath.Join(c.dir, fmt.Sprintf("import-run-%d", r))
		if err := copyTree(filepath.Dir(recv), dir); err != nil {
			return err
		}
		m, err := c.kh("bundle", "import", stick, "--db", filepath.Join(dir, "k.db"))
		if err != nil {
			return err
		}
		ours = append(ours, m.wall)
		rss = max(rss, m.maxRSS)
		if r == 0 {
			if err := base.dump(filepath.Join(dir, "k.db"), filepath.Join(c.dir, "all.csv")); err != nil {
				return err
			}
		}
		if final != "" {
			os.RemoveAll(final)
		}
		final = dir
		ds, err := base.run()
		if err != nil {
			return err
		}
		schema, bare, input = append(schema, ds[0]), append(bare, ds[1]), append(input, ds[2])
	}
	// Keep the last run's database as the receiver for the queries.
	os.RemoveAll(filepath.Dir(recv))
	if err := os.Rename(final, filepath.Dir(recv)); err != nil {
		return err
	}
	med, sch, br, in := median(ours), median(schema), median(bare), median(input)
	records := 2 * citizens
	f.add(fmt.Sprintf("import %d bundles, %dk records (CLI)", c.communes, records/1000),
		fmt.Sprintf("%.2f s (%.1f µs a record)", med.Seconds(), float64(med.Microseconds())/float64(records)),
		fmt.Sprintf("sqlite3 .import into the same schema: %.2f s", sch.Seconds()),
		fmt.Sprintf("%.2f×", med.Seconds()/sch.Seconds()), "≤ 2× (1M from 100 bundles)")
	f.add("… the same import against bare tables", "", fmt.Sprintf("sqlite3 .import, no indexes: %.2f s; the input CSV: %.2f s", br.Seconds(), in.Seconds()),
		fmt.Sprintf("%.1f× / %.1f×", med.Seconds()/br.Seconds(), med.Seconds()/in.Seconds()), "(info)")
	f.add("peak memory of the import", fmt.Sprintf("%d MiB", rss/1024), "", "", "< 200 MiB")
	return nil
}

// sqliteBase is the practical limit: sqlite3's .import of the rows the
// import stored, into the app's schema (indexes, search index rebuilt),
// into bare tables, and of the commune files as given.
type sqliteBase struct {
	dir, input string
	c          config
}

// dump writes the stored rows as CSV, and the app's schema, for sqlite3.
func (b *sqliteBase) dump(db, input string) error {
	b.input = input
	os.MkdirAll(b.dir, 0o755)
	for _, t := range []string{"citizen", "assessment"} {
		cols, err := columns(db, t)
		if err != nil {
			return err
		}
		if err := toFile(filepath.Join(b.dir, t+".csv"), "sqlite3", "-csv", db, "SELECT "+cols+" FROM "+t); err != nil {
			return fmt.Errorf("sqlite3 dump %s: %v", t, err)
		}
	}
	return os.WriteFile(filepath.Join(b.dir, "schema.sql"), []byte(appSchema()), 0o644)
}

// run times the three imports once each, on fresh databases.
func (b *sqliteBase) run() ([]time.Duration, error) {
	csv := func(t string) string { return filepath.Join(b.dir, t+".csv") }
	scripts := [][]string{
		{".read " + filepath.Join(b.dir, "schema.sql"), ".mode csv", ".import " + csv("citizen") + " citizen",
			".import " + csv("assessment") + " assessment", "INSERT INTO citizen_fts(citizen_fts) VALUES('rebuild')"},
		{".mode csv", ".import " + csv("citizen") + " citizen_bare", ".import " + csv("assessment") + " assessment_bare"},
		{".mode csv", ".import " + b.input + " rows"},
	}
	var out []time.Duration
	for _, script := range scripts {
		d, err := b.once(script)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (b *sqliteBase) once(script []string) (time.Duration, error) {
	db := filepath.Join(b.dir, "b.db")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(p)
	}
	if err := exec.Command("sqlite3", db, "PRAGMA journal_mode=WAL").Run(); err != nil {
		return 0, fmt.Errorf("sqlite3: %v", err)
	}
	m, err := b.c.cmd("sqlite3", append([]string{db}, script...)...)
	if err != nil {
		return 0, err
	}
	if strings.Contains(m.out, "INSERT failed") {
		return 0, fmt.Errorf("sqlite3 .import failed: %s", m.out[:min(len(m.out), 300)])
	}
	os.Remove(db)
	return m.wall, nil
}

// toFile runs a command with its output going straight to a file. The
// bench never holds big outputs in memory: Linux counts the pages of the
// parent that a child shares until exec in the child's peak resident set
// (ru_maxrss), so a fat bench would inflate the import's peak memory.
func toFile(path, name string, args ...string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout = f
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
