package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"sokhuyenhoc/data"
)

// secrets of the person purged in these tests: none may survive anywhere in
// the database file or its log.
var purgeSecrets = []string{"034090012345", "Khổng", "khong minh", "0912999888", "GHI-CHU-RIENG", "Người Bảo Hộ Riêng"}

func purgeFixture(t *testing.T, s *Store) (keep, gone *data.Citizen) {
	t.Helper()
	keep = newCitizen("Trần Thị", "Còn")
	gone = &data.Citizen{Unit: testUnit, Person: data.Person{HoDem: "Khổng", Ten: "Minh", Gender: "nam", BirthYear: 1990,
		IDNumber: "034090012345", Phone: "0912999888", Ethnicity: "Tày", Village: "Thôn Tây"}, Note: "GHI-CHU-RIENG"}
	save(t, s, keep, gone)
	edit(t, s, gone.ID, func(c *data.Citizen) { c.Note = "GHI-CHU-RIENG sửa" }) // an audit row with old and new values
	saveAssessment(t, s, &data.Assessment{CitizenID: gone.ID, Unit: testUnit, Year: 2026, Result: "dat", Status: "de_nghi"})
	err := s.Edit(context.Background(), "test", func(e *Editor) error {
		_, err := e.SaveConsent(&data.Consent{Subject: gone.ID, SubjectKind: "citizen", GivenBy: data.Self,
			Name: "Người Bảo Hộ Riêng", Upward: "co"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return keep, gone
}

// fileHolds reports which of the strings the database file or its WAL
// holds, byte for byte.
func fileHolds(t *testing.T, s *Store, strs []string) []string {
	t.Helper()
	var all []byte
	for _, p := range []string{s.Path(), s.Path() + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	var found []string
	for _, x := range strs {
		if bytes.Contains(all, []byte(x)) {
			found = append(found, x)
		}
	}
	return found
}

func TestPurge_ErasesFromRowsAuditConflictsAndFile(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	keep, gone := purgeFixture(t, s)
	if found := fileHolds(t, s, purgeSecrets[:1]); len(found) == 0 {
		t.Fatal("the fixture's values are not in the file: the check below proves nothing")
	}
	marks, err := s.Purge(ctx, Citizen, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[Kind]int{}
	for _, m := range marks {
		kinds[m.Kind]++
		if m.Ver.S != "a" || m.Origin != "" || m.Unit != testUnit {
			t.Errorf("mark %+v", m)
		}
	}
	if kinds[Citizen] != 1 || kinds[Assessment] != 1 || kinds[Consent] != 1 {
		t.Fatalf("marks %+v", marks)
	}
	r, err := s.Get(ctx, Citizen, gone.ID)
	if err != nil || !r.Purged() || r.Get("ho_dem") != "" || r.Get("id_number") != "" || r.Get("note") != "" {
		t.Fatalf("purged row %+v %v", r, err)
	}
	var audit, conflicts int
	s.r.QueryRow("SELECT count(*) FROM audit WHERE rec_id = ? AND action <> 'purge:purge'", gone.ID).Scan(&audit)
	s.r.QueryRow("SELECT count(*) FROM audit WHERE rec_id = ? AND action = 'purge:purge' AND detail = '{}'", gone.ID).Scan(&conflicts)
	if audit != 0 || conflicts != 1 {
		t.Errorf("audit rows left: %d, purge rows %d", audit, conflicts)
	}
	if found := fileHolds(t, s, purgeSecrets); len(found) > 0 {
		t.Errorf("the database file still holds %q", found)
	}
	if found := fileHolds(t, s, []string{keep.Ten}); len(found) != 1 {
		t.Error("the other citizen went too")
	}
	if items, _ := s.Citizens(ctx, CitizenQuery{Unit: testUnit, Search: "minh"}); len(items) != 0 {
		t.Errorf("the search still finds %v", items)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	checkLive(t, s)
	// No edit reaches a purged record; purging again changes nothing.
	err = s.Edit(ctx, "test", func(e *Editor) error { _, err := e.SaveCitizen(gone); return err })
	if !errors.Is(err, ErrPurged) {
		t.Errorf("edit of a purged record: %v", err)
	}
	if again, err := s.Purge(ctx, Citizen, gone.ID); err != nil || len(again) != 0 {
		t.Errorf("second purge %v %v", again, err)
	}
	if _, err := s.Purge(ctx, Assessment, "x"); !errors.Is(err, ErrNotPerson) {
		t.Errorf("purge of an assessment alone: %v", err)
	}
}

// The commune's purge, carried to the district as marks, erases the
// district's copy; rows of an older bundle replayed afterwards, and rows
// arriving after the marks at a district that never had the record,
// bring nothing back.
func TestPurge_MarksCarriedUpwardBlockEveryOlderCopy(t *testing.T) {
	ctx := context.Background()
	a, d, fresh := MustOpen(t, "a"), MustOpen(t, "d"), MustOpen(t, "f")
	_, gone := purgeFixture(t, a)
	old, _ := ship(t, a, 0)
	apply(t, d, old)
	marks, err := a.Purge(ctx, Citizen, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	sn, _ := a.Snapshot(ctx)
	sent, err := sn.PurgeMarks(0)
	after, _ := ship(t, a, 0)
	sn.Close()
	if err != nil || len(sent) != len(marks) {
		t.Fatalf("marks to send %v %v", sent, err)
	}
	for _, r := range after {
		if r.ID == gone.ID {
			t.Fatal("the purged stub travels as a row")
		}
	}
	for _, dst := range []*Store{d, fresh} {
		err := dst.Merge(ctx, func(m *Merger) error {
			for _, mk := range sent {
				mk.Origin = "2024:12345"
				if err := m.Purge(mk); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := dst.Wipe(ctx); err != nil {
			t.Fatal(err)
		}
		st := apply(t, dst, old) // the older bundle, replayed
		if st.Erased != 3 || st.Inserted != 1 && dst == fresh {
			t.Errorf("replay at %s: %+v", dst.site, st)
		}
		if found := fileHolds(t, dst, purgeSecrets); len(found) > 0 {
			t.Errorf("%s still holds %q", dst.site, found)
		}
		r, err := dst.Get(ctx, Citizen, gone.ID)
		if err != nil || !r.Purged() {
			t.Errorf("%s: %+v %v", dst.site, r, err)
		}
		ms, _ := dst.PurgeMarks(ctx)
		if len(ms) != 3 || ms[0].Origin != "2024:12345" {
			t.Errorf("%s marks %+v", dst.site, ms)
		}
		checkLive(t, dst)
	}
}
