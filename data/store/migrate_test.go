package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A database made before migrations 0004–0006 (report index, live counts,
// assessments as a rowid table) comes through them with every record,
// version and conflict as it was, its counts and totals right and its
// search working.
func TestMigrate_FromVersion3KeepsEverything(t *testing.T) {
	ctx := context.Background()
	src := MustOpen(t, "a")
	var ids []string
	for i := 0; i < 30; i++ {
		c := newCitizen("Đỗ Thị", fmt.Sprintf("Hoà%c", 'a'+i))
		save(t, src, c)
		ids = append(ids, c.ID)
		assess(t, src, c, 2026)
	}
	remove(t, src, Citizen, ids[3])
	old := filepath.Join(t.TempDir(), "old.db")
	makeVersion(t, src.Path(), old, 3)

	st, err := Open(ctx, old, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, want := state(t, st), state(t, src); !reflect.DeepEqual(got, want) {
		t.Fatalf("records after the migrations differ:\n%v\nwant\n%v", got, want)
	}
	checkLive(t, st)
	tot, err := st.UnitTotals(ctx, 2026)
	if err != nil || tot[testUnit].Citizens.Registered != 29 {
		t.Fatalf("totals %+v, %v; want 29 registered", tot[testUnit], err)
	}
	found, err := st.Citizens(ctx, CitizenQuery{Search: "hoak"})
	if err != nil || len(found) != 1 || found[0].ID != ids[10] {
		t.Fatalf("search after the migrations: %+v, %v", found, err)
	}
}

// makeVersion writes at dst the database src would have been under the
// first n migrations: the same rows, the old schema (the tables of later
// migrations must hold nothing of src's, or be absent from src).
func makeVersion(t *testing.T, src, dst string, n int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dst)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, name := range MigrationNames()[:n] {
		if _, err := db.Exec(MigrationSQL(name)); err != nil {
			t.Fatal(name, err)
		}
	}
	if n >= migrationModels { // the columns migration 0010's Go side adds (addedColumns)
		for _, a := range addedColumns {
			if _, err := db.Exec("ALTER TABLE " + a.table + " ADD COLUMN " + a.col + " " + a.decl); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.Exec("ATTACH ? AS src", src); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT name FROM main.sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'citizen_fts%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, tb := range tables {
		cols := tableCols(t, db, tb) // the old table's: later migrations may add columns
		if _, err := db.Exec("INSERT INTO main." + tb + " (" + cols + ") SELECT " + cols + " FROM src." + tb); err != nil {
			t.Fatal(tb, err)
		}
	}
	for _, q := range []string{"INSERT INTO citizen_fts(citizen_fts) VALUES ('rebuild')", "DETACH src",
		fmt.Sprintf("PRAGMA user_version = %d", n)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	var ddl string
	db.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'assessment'").Scan(&ddl)
	if n < 6 && !strings.Contains(ddl, "WITHOUT ROWID") {
		t.Fatalf("not the old schema: %s", ddl)
	}
}

// tableCols lists a table's columns in the main database, comma-separated.
func tableCols(t *testing.T, db *sql.DB, table string) string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM pragma_table_info(?, 'main')", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		cols = append(cols, n)
	}
	return strings.Join(cols, ", ")
}
