package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestRecordsList_CitizenAssessment: the citizens' JSON carries each one's
// assessment as the app's list shows it (the --year one, else the latest):
// the ten scores, the result, the workflow step with its decision and the
// criteria set, in the cells of the citizen file; the members of earlier
// versions keep their names and types.
func TestRecordsList_CitizenAssessment(t *testing.T) {
	home, db := newCommune(t)
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", fixture("citizens-good.csv"), "--db", db))
	byName := func(items []map[string]any) map[string]map[string]any {
		out := map[string]map[string]any{}
		for _, it := range items {
			out[it["full_name"].(string)] = it
		}
		return out
	}
	y26 := byName(listCitizens(t, home, db, "--year", "2026"))
	hoa := y26["Nguyễn Thị Hòa"]
	var scores []any
	for _, c := range []string{"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10"} {
		scores = append(scores, hoa[c])
	}
	if want := []any{"9", "8", "8", "8", "8", "8", "8", "8", "8", "8"}; !reflect.DeepEqual(scores, want) {
		t.Errorf("Hòa's scores %v, want %v", scores, want)
	}
	for col, want := range map[string]any{"result": "dat", "status": "cong_nhan", "decision_no": "12/QĐ-UBND",
		"decision_date": "2026-11-15", "year": 2026.0, "birth_year": 1985.0, "birth_date": "1985-03-12",
		"id_number": "034185001234", "group": "nong_dan", "village": "Thôn Đông"} {
		if hoa[col] != want {
			t.Errorf("Hòa's %s = %#v, want %#v", col, hoa[col], want)
		}
	}
	if hoa["id"] == "" || hoa["unit"] == "" {
		t.Errorf("Hòa's id and unit: %v", hoa)
	}
	if mai := y26["Đào Thị Mai"]; mai["status"] != "tu_danh_gia" || mai["result"] != "chua_dat" || mai["decision_no"] != "" || mai["i10"] != "7" {
		t.Errorf("Mai %v", mai)
	}
	// Scored đạt without a decision: passed, awaiting recognition.
	f := filepath.Join(t.TempDir(), "an.csv")
	if err := os.WriteFile(f, []byte("full_name,gender,birth_year,year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\n"+
		"Vũ Văn An,nam,1980,2026,9,9,9,9,9,9,9,9,9,8.5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustOK(t, cli(t, home, "records", "import", "--kind", "citizen", f, "--db", db))
	an := byName(listCitizens(t, home, db, "--year", "2026"))["Vũ Văn An"]
	if an["status"] != "de_nghi" || an["result"] != "dat" || an["decision_no"] != "" || an["i10"] != "8.5" {
		t.Errorf("An %v", an)
	}
	// Without --year, each citizen's latest assessment, with its year.
	all := byName(listCitizens(t, home, db))
	if k := all["Phạm Minh Khôi"]; k["year"] != 2025.0 || k["result"] != "dat" || k["status"] != "cong_nhan" || k["i1"] != nil {
		t.Errorf("Khôi without --year %v", k)
	}
	if h := all["Nguyễn Thị Hòa"]; h["year"] != 2026.0 || h["i1"] != "9" {
		t.Errorf("Hòa without --year %v", h)
	}
}
