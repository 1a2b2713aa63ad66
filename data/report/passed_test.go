package report

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Passed (đạt, whatever the step) and recognised (công nhận) are two
// figures in the JSON, the CSV and the sheet, summed up the hierarchy.
func TestReport_PassedBesideRecognised(t *testing.T) {
	st := openStore(t)
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for i, step := range []string{"cong_nhan", "de_nghi", "tu_danh_gia", "cong_nhan"} {
			unit := dongPhuong
			if i == 3 {
				unit = lienAnDo
			}
			c := &data.Citizen{Unit: unit.String(), Person: data.Person{HoDem: "Lê", Ten: "An"}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			a := &data.Assessment{CitizenID: c.ID, Unit: unit.String(), Year: 2026, Result: "dat", Status: step}
			if _, err := e.SaveAssessment(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), st, units.Default(), dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Citizens; c.Passed != 4 || c.Recognized != 2 || r.Units[0].Citizens.Passed != 3 || r.Units[1].Citizens.Passed != 1 {
		t.Fatalf("district %+v, communes %+v %+v", c, r.Units[0].Citizens, r.Units[1].Citizens)
	}
	dir := t.TempDir()
	if err := Write(r, filepath.Join(dir, "r.csv"), Meta{}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dir, "r.csv"))
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || rows[0][5] != "passed" || rows[0][6] != "recognized" || rows[1][5] != "4" || rows[1][6] != "2" {
		t.Fatalf("CSV %v %v", rows, err)
	}
	if err := Write(r, filepath.Join(dir, "r.xlsx"), Meta{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "r.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet, _ := x.GetRows("Báo cáo")
	passed, recog := -1, -1
	for _, row := range sheet {
		for n, cell := range row {
			switch cell {
			case "Đạt":
				passed = n
			case "Được công nhận":
				recog = n
			}
		}
		if len(row) > 0 && row[0] == "Tổng cộng" {
			if passed < 0 || recog != passed+1 || row[passed] != "4" || row[recog] != "2" {
				t.Fatalf("columns Đạt %d, Được công nhận %d; total row %v", passed, recog, row)
			}
			return
		}
	}
	t.Fatalf("the sheet has no total row: %v", sheet)
}
