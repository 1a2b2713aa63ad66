package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sokhuyenhoc/data"
)

const testUnit = "2024:12345"

var fixedNow = func() time.Time { return time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) }

// MustOpen opens a new set-up store in a temporary folder.
func MustOpen(tb testing.TB, site string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"), Options{Now: fixedNow})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Init(context.Background(), Setup{Site: site, Unit: testUnit, Level: "commune",
		Name: "Xã Thử", Operator: "Cán bộ " + site}); err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestOpen_SchemaMatchesMigrations(t *testing.T) {
	s := MustOpen(t, "a")
	for _, k := range Kinds {
		rows, err := s.r.Query("SELECT name FROM pragma_table_info(?)", string(k))
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			cols = append(cols, n)
		}
		rows.Close()
		sc := SchemaOf(k)
		var names, later []string
		for _, c := range sc.ColNames() {
			if addedLater[k][c] {
				later = append(later, c) // ALTER TABLE ADD COLUMN puts it last
			} else {
				names = append(names, c)
			}
		}
		want := append(append([]string{"id", "unit"}, names...), "v_l", "v_s", "b_l", "b_s", "fv", "lseq")
		want = append(append(want, sc.Derived...), later...)
		if !reflect.DeepEqual(cols, want) {
			t.Errorf("%s columns\n got %v\nwant %v", k, cols, want)
		}
	}
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// addedLater are the columns a migration added to a table that existed
// (addedColumns): they come last in the table, wherever their kind's table
// has them.
var addedLater = func() map[Kind]map[string]bool {
	m := map[Kind]map[string]bool{}
	for _, a := range addedColumns {
		if m[Kind(a.table)] == nil {
			m[Kind(a.table)] = map[string]bool{}
		}
		m[Kind(a.table)][a.col] = true
	}
	return m
}()

func TestOpen_PragmasOnEveryConnection(t *testing.T) {
	s := MustOpen(t, "a")
	for _, p := range []struct{ pragma, want string }{
		{"journal_mode", "wal"}, {"synchronous", "2"}, {"foreign_keys", "1"}, {"busy_timeout", "10000"},
	} {
		var got string
		if err := s.w.QueryRow("PRAGMA " + p.pragma).Scan(&got); err != nil || got != p.want {
			t.Errorf("writer %s = %q (%v), want %q", p.pragma, got, err, p.want)
		}
		if err := s.r.QueryRow("PRAGMA " + p.pragma).Scan(&got); err != nil || got != p.want {
			t.Errorf("reader %s = %q (%v), want %q", p.pragma, got, err, p.want)
		}
	}
}

func TestInit_RefusesTwice(t *testing.T) {
	s := MustOpen(t, "a")
	err := s.Init(context.Background(), Setup{Site: "b", Unit: "2025:00004", Level: "commune"})
	if !errors.Is(err, ErrAlreadySet) {
		t.Fatalf("second Init: %v, want ErrAlreadySet", err)
	}
	in, err := s.Installation(context.Background())
	if err != nil || in.Site != "a" || in.Unit != testUnit {
		t.Fatalf("installation changed: %+v %v", in, err)
	}
}

func TestEdit_NotSetUp(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Edit(context.Background(), "form", func(*Editor) error { return nil })
	if !errors.Is(err, ErrNotSetUp) {
		t.Fatalf("err = %v, want ErrNotSetUp", err)
	}
}

func newCitizen(hoDem, ten string) *data.Citizen {
	return &data.Citizen{Unit: testUnit, Person: data.Person{HoDem: hoDem, Ten: ten, Gender: "nu", BirthYear: 1980, Village: "Thôn Đông"}}
}

func save(t *testing.T, s *Store, recs ...*data.Citizen) {
	t.Helper()
	err := s.Edit(context.Background(), "test", func(e *Editor) error {
		for _, c := range recs {
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// assess saves citizen c's recognised (đạt) assessment of year and returns
// its id.
func assess(t *testing.T, s *Store, c *data.Citizen, year int) string {
	t.Helper()
	a := &data.Assessment{CitizenID: c.ID, Unit: c.Unit, Year: year, Result: "dat", Status: "cong_nhan"}
	if err := s.Edit(context.Background(), "test", func(e *Editor) error { _, err := e.SaveAssessment(a); return err }); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// remove deletes a record as an officer would.
func remove(t *testing.T, s *Store, kind Kind, id string) {
	t.Helper()
	if err := s.Edit(context.Background(), "form", func(e *Editor) error { return e.Delete(kind, id) }); err != nil {
		t.Fatal(err)
	}
}

func TestEditor_VersionsOnlyChangedFields(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	c := newCitizen("Nguyễn Thị", "Hoà")
	save(t, s, c)
	r1, err := s.Get(ctx, Citizen, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := r1.FV[0]; got.Ver != (Version{1, "a"}) || !got.Base.IsZero() {
		t.Fatalf("created version = %+v", got)
	}
	c.Phone = "0912345678"
	save(t, s, c)
	r2, _ := s.Get(ctx, Citizen, c.ID)
	phone := SchemaOf(Citizen).Index("phone")
	for n, f := range r2.FV {
		want := FieldVersion{Ver: Version{1, "a"}}
		if n == phone {
			want = FieldVersion{Ver: Version{2, "a"}} // base carried forward: own chain
		}
		if !f.same(want) {
			t.Errorf("field %s version %+v, want %+v", SchemaOf(Citizen).Cols[n].Name, f, want)
		}
	}
	save(t, s, c) // nothing changed: no tick, no audit
	if clock, _ := s.Meta(ctx, MetaClock); clock != "2" {
		t.Errorf("clock = %s after a no-op save, want 2", clock)
	}
	var audits int
	s.r.QueryRow("SELECT count(*) FROM audit WHERE rec_id = ?", c.ID).Scan(&audits)
	if audits != 2 {
		t.Errorf("%d audit rows, want 2 (create, update)", audits)
	}
	var detail string
	s.r.QueryRow("SELECT detail FROM audit WHERE rec_id = ? AND action = 'test:update'", c.ID).Scan(&detail)
	if detail != `{"phone":["","0912345678"]}` {
		t.Errorf("audit detail = %s", detail)
	}
}

func TestEditor_FailureWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	boom := errors.New("boom")
	err := s.Edit(ctx, "import", func(e *Editor) error {
		if _, err := e.SaveCitizen(newCitizen("Lê Văn", "An")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n, _ := s.CountCitizens(ctx, CitizenQuery{}); n != 0 {
		t.Errorf("%d citizens after a failed edit", n)
	}
	if clock, _ := s.Meta(ctx, MetaClock); clock != "0" {
		t.Errorf("clock = %s after a failed edit", clock)
	}
}

func TestEditor_DeleteLeavesTombstone(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	c := newCitizen("Đào Duy", "Anh")
	save(t, s, c)
	if err := s.Edit(ctx, "form", func(e *Editor) error { return e.Delete(Citizen, c.ID) }); err != nil {
		t.Fatal(err)
	}
	got, deleted, err := s.GetCitizen(ctx, c.ID)
	if err != nil || !deleted || got.Ten != "Anh" {
		t.Fatalf("GetCitizen = %+v deleted=%v %v", got, deleted, err)
	}
	if n, _ := s.CountCitizens(ctx, CitizenQuery{}); n != 0 {
		t.Errorf("deleted citizen still listed")
	}
}

func TestOpen_PathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Sổ #2 ?x 100%")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "khuyenhoc.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Init(ctx, Setup{Site: "a", Unit: testUnit, Level: "commune"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database is not where it was asked to be: %v", err)
	}
}

// The columns bundles carry stay those of docs/bundle-format.md and
// docs/exchange.md: installations of the previous release read them.
func TestSchema_WireColumnsUnchanged(t *testing.T) {
	want := map[Kind]string{
		Village:    "name note deleted",
		Profile:    "year adults deleted",
		Citizen:    "ho_dem ten gender birth_year birth_date id_number phone ethnicity village grp note deleted",
		Assessment: "citizen_id year scores result status decision_no decision_date criteria deleted",
		Centre:     "name decision_no established_on status merged_into director deputies deleted",
		CentreYear: "centre_id year classes learner_times budget_vnd social_vnd rating status " +
			"classes_xoa_mu_chu learners_xoa_mu_chu classes_giao_duc_tiep_tuc learners_giao_duc_tiep_tuc " +
			"classes_chuyen_giao_ky_thuat learners_chuyen_giao_ky_thuat classes_phap_luat learners_phap_luat " +
			"classes_suc_khoe learners_suc_khoe classes_van_hoa learners_van_hoa classes_ky_nang_so learners_ky_nang_so " +
			"classes_ngoai_ngu learners_ngoai_ngu classes_khac learners_khac deleted",
		Award: "ho_dem ten gender birth_date village school grade school_year guardian award_type achievement " +
			"amount_vnd in_kind_vnd funding_source sponsor decision_no decision_date deciding_level awarded_on consent fund_id " +
			"recipient_kind campaign deleted",
		Fund:         "date direction source amount_vnd in_kind_vnd voucher_no note holder deleted",
		Consent:      "subject subject_kind given_by by_name given_on keep upward publish withdrawn_on note deleted",
		Family:       "ho_dem ten village members children adults clan_id note deleted",
		Clan:         "name branch head villages households members note deleted",
		Community:    "village households note deleted",
		LearningUnit: "name type staff head note deleted",
		ModelYear: "record_id model year registered criteria scores result rating status decision_no decision_date " +
			"deciding_level deleted",
		Member:      "record_id citizen_id deleted",
		Branch:      "name form branch_type established_on dissolved_on chair note deleted",
		MemberCount: "branch_id period total admitted departed deleted",
		Activity:    "kind date title participants publicity_kind times document_no note deleted",
	}
	if len(Kinds) != len(want) {
		t.Fatalf("kinds %v", Kinds)
	}
	for _, k := range Kinds {
		if got := strings.Join(SchemaOf(k).ColNames(), " "); got != want[k] {
			t.Errorf("%s columns\n got %s\nwant %s", k, got, want[k])
		}
	}
}
