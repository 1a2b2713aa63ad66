package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data"
)

// fill gives s some of everything a unit keeps: citizens (one deleted, and
// one moved to a far rowid, so that the copy must keep the citizen table's
// rowids for the search index to find the right person), assessments, a centre, an award, a fund line, the secret keys and a key
// of a unit below.
func fill(t *testing.T, s *Store, n int) []string {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for i := 0; i < n; i++ {
		c := newCitizen("Trần Thị", fmt.Sprintf("Lan%c", 'a'+i%26))
		save(t, s, c)
		ids = append(ids, c.ID)
		assess(t, s, c, 2026)
	}
	remove(t, s, Citizen, ids[1])
	for _, q := range []string{"UPDATE citizen SET rowid = rowid + 1000 WHERE id = '" + ids[len(ids)/3] + "'",
		"INSERT INTO citizen_fts(citizen_fts) VALUES ('rebuild')"} {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	err := s.Edit(ctx, "test", func(e *Editor) error {
		if _, err := e.SaveCentre(&data.Centre{Unit: testUnit, Name: "TTHTCĐ xã Thử"}); err != nil {
			return err
		}
		if _, err := e.SaveAward(&data.Award{Unit: testUnit, AwardType: "qua", Person: data.Person{HoDem: "Phạm Minh", Ten: "Đức", Gender: "nam", BirthYear: 2012}}); err != nil {
			return err
		}
		_, err := e.SaveFund(&data.FundLine{Unit: testUnit, Date: data.Date{Y: 2026, M: 1, D: 5}, Direction: "thu", AmountVND: 12500000})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, MetaIdentity, "# khkey-backup/1\nAGE-SECRET-KEY-1TEST\n"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPeerKey(ctx, PeerKey{Fingerprint: "1111 2222 3333", Unit: "2024:12346", Level: "commune",
		Name: "Xã Bên", Site: "b", KeyID: "ab12", Role: RoleBelow, KHKey: []byte("khkey file")}); err != nil {
		t.Fatal(err)
	}
	return ids
}

// dump reads every row of every table of the database at path, with the
// rowid where a table has one, as text.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	ddl := map[string]string{}
	for rows.Next() {
		var name, sq string
		rows.Scan(&name, &sq)
		ddl[name] = sq
	}
	rows.Close()
	out := map[string][]string{}
	for name, sq := range ddl {
		if strings.HasPrefix(sq, "CREATE VIRTUAL") {
			continue // its shadow tables are dumped
		}
		cols := "*"
		if !strings.Contains(sq, "WITHOUT ROWID") {
			cols = "rowid, *"
		}
		out[name] = tableRows(t, db, "SELECT "+cols+" FROM \""+name+"\" ORDER BY 1")
	}
	if len(out["citizen"]) == 0 || len(out["meta"]) == 0 || len(out["peer_key"]) == 0 {
		t.Fatalf("dump of %s found no citizens, meta or keys: %v", path, out)
	}
	return out
}

func tableRows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%q", vals))
	}
	return out
}

// diffDumps says which tables differ and their first differing row; "" when
// none does.
func diffDumps(got, want map[string][]string) string {
	var out []string
	for _, name := range tableNames(got, want) {
		g, w := got[name], want[name]
		if reflect.DeepEqual(g, w) {
			continue
		}
		for i := 0; i < max(len(g), len(w)); i++ {
			var gi, wi string
			if i < len(g) {
				gi = g[i]
			}
			if i < len(w) {
				wi = w[i]
			}
			if gi != wi {
				out = append(out, fmt.Sprintf("%s row %d: got %s, want %s", name, i, gi, wi))
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

func tableNames(ms ...map[string][]string) []string {
	seen := map[string]bool{}
	var names []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	return names
}

// withCounters is meta rows with the Lamport and local change counters'
// rows of from in their place.
func withCounters(meta, from []string) []string {
	out := append([]string(nil), meta...)
	for _, key := range []string{MetaClock, MetaLseq} {
		for i, r := range out {
			if !strings.Contains(r, `"`+key+`"`) {
				continue
			}
			for _, f := range from {
				if strings.Contains(f, `"`+key+`"`) {
					out[i] = f
				}
			}
		}
	}
	return out
}

func closeAndDump(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dump(t, s.Path())
}

func TestWriteBackup_CheckedPrivateCopy(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	fill(t, s, 5)
	dst := filepath.Join(t.TempDir(), "copy.db")
	info, err := s.WriteBackup(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	want := BackupInfo{Path: dst, Site: "a", Unit: testUnit, Level: "commune", Name: "Xã Thử",
		Created: "2026-11-25T08:00:00Z", Schema: len(MigrationNames()), Bytes: info.Bytes}
	if info != want || info.Bytes < 4096 {
		t.Fatalf("info %+v\nwant %+v", info, want)
	}
	if fi, err := os.Stat(dst); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(dst + ".partial"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left: %v", err)
	}
	if _, err := s.WriteBackup(ctx, dst); !errors.Is(err, os.ErrExist) {
		t.Errorf("second copy to the same file: %v, want os.ErrExist", err)
	}
	if d := diffDumps(dump(t, dst), closeAndDump(t, s)); d != "" {
		t.Fatalf("the copy differs from the database: %s", d)
	}
}

func TestRestore_RoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	ids := fill(t, s, 30)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if _, err := s.WriteBackup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	atBackup := dump(t, copyPath)
	// Work goes on after the copy: a new citizen, a delete, a key revoked.
	save(t, s, newCitizen("Võ Văn", "Mới"))
	remove(t, s, Citizen, ids[7])
	if err := s.RevokePeerKey(ctx, "1111 2222 3333"); err != nil {
		t.Fatal(err)
	}
	dbPath := s.Path()
	afterWork := closeAndDump(t, s)

	aside := filepath.Join(filepath.Dir(dbPath), "backups")
	st, res, err := Restore(ctx, dbPath, copyPath, aside, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.From.Unit != testUnit || res.From.Path != copyPath {
		t.Errorf("restored from %+v", res.From)
	}
	if want := filepath.Join(aside, "before-restore-2026-11-25-080000.db"); res.Aside != want {
		t.Errorf("kept aside at %q, want %q", res.Aside, want)
	}
	// The restored store works: search follows the citizen table's rowids.
	found, err := st.Citizens(ctx, CitizenQuery{Search: "lank"})
	if err != nil || len(found) != 1 || found[0].ID != ids[10] {
		t.Errorf("search in the restored database: %+v, %v; want %s", found, err, ids[10])
	}
	// The copy, but for the counters, carried from the database replaced
	// (same installation: TestRestore_CarriesTheBundlesMadeSinceTheCopy).
	want := map[string][]string{}
	for k, v := range atBackup {
		want[k] = v
	}
	want["meta"] = withCounters(atBackup["meta"], afterWork["meta"])
	if d := diffDumps(closeAndDump(t, st), want); d != "" {
		t.Fatalf("restored database differs from the copy: %s", d)
	}
	if d := diffDumps(dump(t, res.Aside), afterWork); d != "" {
		t.Fatalf("the database kept aside differs from the one replaced: %s", d)
	}
	if fi, err := os.Stat(dbPath); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("restored database mode %v, want 0600", fi.Mode().Perm())
	}
}

// Restore refuses what it must not put in place, with its own error, and
// leaves the database exactly as it was.
func TestRestore_Refusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := MustOpen(t, "b")
	if err := other.SetMeta(ctx, MetaUnit, "2024:99999"); err != nil {
		t.Fatal(err)
	}
	otherCopy := filepath.Join(dir, "other-unit.db")
	if _, err := other.WriteBackup(ctx, otherCopy); err != nil {
		t.Fatal(err)
	}
	newer := MustOpen(t, "a")
	newerCopy := filepath.Join(dir, "newer.db")
	if _, err := newer.WriteBackup(ctx, newerCopy); err != nil {
		t.Fatal(err)
	}
	rawExec(t, newerCopy, fmt.Sprintf("PRAGMA user_version = %d", len(MigrationNames())+1))
	blank, err := Open(ctx, filepath.Join(dir, "blank.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	blankCopy := filepath.Join(dir, "blank-copy.db")
	if err := blank.Backup(ctx, blankCopy); err != nil {
		t.Fatal(err)
	}
	blank.Close()
	foreign := filepath.Join(dir, "foreign.db")
	rawExec(t, foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1)")
	damaged := damagedCopy(t, dir)

	s := MustOpen(t, "a")
	fill(t, s, 5)
	dbPath := s.Path()
	for _, tc := range []struct {
		name, src string
		want      error
	}{
		{"text file", write("notes.db", []byte("chỉ là chữ, không phải cơ sở dữ liệu")), ErrNotBackup},
		{"empty file", write("empty.db", nil), ErrNotBackup},
		{"another program's database", foreign, ErrNotBackup},
		{"never set up", blankCopy, ErrNotSetUp},
		{"newer schema", newerCopy, ErrNewerSchema},
		{"damaged", damaged, ErrDamaged},
		{"another unit", otherCopy, ErrOtherUnit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Restore(ctx, dbPath, tc.src, filepath.Join(dir, "aside"), Options{Now: fixedNow})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// The database still open here is in use: refused as such.
	_, _, err = Restore(ctx, dbPath, newerCopyOfSelf(t, s, dir), filepath.Join(dir, "aside"), Options{Now: fixedNow})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("restore over a database in use: %v, want ErrInUse", err)
	}
	before := dump(t, dbPath)
	if d := diffDumps(closeAndDump(t, s), before); d != "" {
		t.Fatalf("a refused restore changed the database: %s", d)
	}
	if _, err := os.Stat(filepath.Join(dir, "aside")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore kept something aside: %v", err)
	}
	if _, err := os.Stat(dbPath + ".restoring"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore left its staging copy: %v", err)
	}
}

// newerCopyOfSelf is a good copy of s: only the database being open refuses it.
func newerCopyOfSelf(t *testing.T, s *Store, dir string) string {
	p := filepath.Join(dir, "self.db")
	if _, err := s.WriteBackup(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func rawExec(t *testing.T, path, q string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatal(q, err)
	}
}

// damagedCopy is a good copy of a unit with a page of its citizen table
// overwritten.
func damagedCopy(t *testing.T, dir string) string {
	t.Helper()
	s := MustOpen(t, "a")
	fill(t, s, 40)
	p := filepath.Join(dir, "damaged.db")
	if _, err := s.WriteBackup(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+p+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var page, size int64
	err = db.QueryRow("SELECT pageno FROM dbstat WHERE name = 'citizen' AND pagetype = 'leaf' LIMIT 1").Scan(&page)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&size)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := []byte(strings.Repeat("\xff\x00", 64))
	if _, err := f.WriteAt(junk, (page-1)*size+8); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDailyBackup_OncePerDayKeepingTheNewest(t *testing.T) {
	ctx := context.Background()
	day := fixedNow()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"), Options{Now: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := BackupDir(s.Path())
	if p, err := s.DailyBackup(ctx, dir, 3); p != "" || err != nil {
		t.Fatalf("a database not set up: copy %q, %v; want none", p, err)
	}
	if err := s.Init(ctx, Setup{Site: "a", Unit: testUnit, Level: "commune", Name: "Xã Thử"}); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "before-restore-2026-01-01-000000.db")
	for i := 0; i < 5; i++ {
		p, err := s.DailyBackup(ctx, dir, 3)
		if err != nil || p != filepath.Join(dir, "khuyenhoc-"+day.Format("2006-01-02")+".db") {
			t.Fatalf("day %d: %q, %v", i, p, err)
		}
		if again, err := s.DailyBackup(ctx, dir, 3); again != "" || err != nil {
			t.Fatalf("day %d, second close: %q, %v; want no copy", i, again, err)
		}
		if i == 0 {
			if err := os.WriteFile(kept, []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	files, err := Backups(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f.Path))
	}
	want := []string{"khuyenhoc-2026-11-29.db", "khuyenhoc-2026-11-28.db", "khuyenhoc-2026-11-27.db",
		"before-restore-2026-01-01-000000.db"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("backups %v, want %v", got, want)
	}
	if fi, err := os.Stat(dir); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %v, want 0700", fi.Mode().Perm())
	}
	// The clock set back a year: that day's copy is made and not pruned at once.
	day = fixedNow().AddDate(-1, 0, 0)
	p, err := s.DailyBackup(ctx, dir, 3)
	if err != nil || p == "" {
		t.Fatalf("copy with the clock set back: %q, %v", p, err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the copy just made was pruned: %v", err)
	}
}

// A copy restored over the same installation keeps the bundles made since
// the copy, and counters no lower than they were: the next bundle takes the
// next number, and what is typed next is exported.
func TestRestore_CarriesTheBundlesMadeSinceTheCopy(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	fill(t, s, 3)
	out := func(seq int64) {
		t.Helper()
		lseq, _ := s.Meta(ctx, MetaLseq)
		var to int64
		fmtSscan(lseq, &to)
		if err := s.RecordOut(ctx, OutBundle{Seq: seq, BundleID: fmt.Sprint("b", seq), ManifestSHA256: fmt.Sprint("h", seq),
			LseqTo: to, Rows: 1, File: fmt.Sprint("outbox/", seq, ".khb"), Created: "2026-11-25T08:00:00Z"}); err != nil {
			t.Fatal(err)
		}
	}
	out(1)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if _, err := s.WriteBackup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	save(t, s, newCitizen("Võ Văn", "Sau"))
	out(2)
	save(t, s, newCitizen("Võ Văn", "Nữa"))
	out(3)
	wantOut, _ := s.OutBundles(ctx, 1)
	clock, _ := s.Meta(ctx, MetaClock)
	lseq, _ := s.Meta(ctx, MetaLseq)
	dbPath := s.Path()
	s.Close()

	st, res, err := Restore(ctx, dbPath, copyPath, BackupDir(dbPath), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res.Carried != 2 {
		t.Errorf("carried %d bundles, want 2", res.Carried)
	}
	if got, _ := st.OutBundles(ctx, 1); !reflect.DeepEqual(got, wantOut) {
		t.Errorf("bundles after the restore\n%+v\nwant\n%+v", got, wantOut)
	}
	for key, want := range map[string]string{MetaClock: clock, MetaLseq: lseq} {
		if got, _ := st.Meta(ctx, key); got != want {
			t.Errorf("%s = %s after the restore, want %s", key, got, want)
		}
	}
	if got := citizenCount(t, st); got != 2 { // fill's 3, one deleted; the two saved later are not in the copy
		t.Errorf("%d live citizens, want the copy's 2", got)
	}
	c := newCitizen("Lê Thị", "Mới")
	save(t, st, c)
	sn, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sn.Close()
	if n, err := sn.Count(Citizen, wantOut[2].LseqTo); err != nil || n != 1 {
		t.Errorf("changes after the last bundle: %d, %v; want the one typed after the restore", n, err)
	}

	// Over another installation of the unit nothing is carried.
	other := MustOpen(t, "b")
	otherPath := other.Path()
	other.Close()
	st2, res2, err := Restore(ctx, otherPath, copyPath, BackupDir(otherPath), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if got, _ := st2.OutBundles(ctx, 1); res2.Carried != 0 || len(got) != 1 {
		t.Errorf("over another site: carried %d, bundles %+v; want the copy's one", res2.Carried, got)
	}
}

func citizenCount(t *testing.T, s *Store) int64 {
	t.Helper()
	counts, err := s.RecordCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return counts[testUnit][Citizen]
}
