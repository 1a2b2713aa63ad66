package report

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

var (
	province   = units.Ref{List: "2024", Code: "34"}
	dongHung   = units.Ref{List: "2024", Code: "340"}
	thaiThuy   = units.Ref{List: "2024", Code: "341"}
	dongPhuong = units.Ref{List: "2024", Code: "12694"} // in Đông Hưng
	lienAnDo   = units.Ref{List: "2024", Code: "12700"} // in Đông Hưng
	thuyTruong = units.Ref{List: "2024", Code: "12832"} // in Thái Thụy
)

// fill writes n citizens recognised in 2026 and one award of amount for unit.
func fill(t *testing.T, st *store.Store, unit units.Ref, n int, amount int64) {
	t.Helper()
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for i := 0; i < n; i++ {
			c := &data.Citizen{Unit: unit.String(), Person: data.Person{HoDem: "Nguyễn", Ten: "An"}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: unit.String(), Year: 2026, Result: "dat", Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		a := &data.Award{Unit: unit.String(), Person: data.Person{Ten: "B"}, AwardType: "qua", AmountVND: amount,
			AwardedOn: data.Date{Y: 2026, M: 6, D: 1}}
		_, err := e.SaveAward(a)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func openStore(t *testing.T) *store.Store {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Init(context.Background(), store.Setup{Site: "p", Unit: province.String(), Level: "province"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestBuild_RollsUpTheHierarchy(t *testing.T) {
	st := openStore(t)
	fill(t, st, dongPhuong, 3, 100)
	fill(t, st, lienAnDo, 2, 200)
	fill(t, st, thuyTruong, 4, 400)
	fill(t, st, units.Ref{List: "2024", Code: "00004"}, 7, 700) // Hà Nội: outside the province
	reg := units.Default()
	p, err := Build(context.Background(), st, reg, province, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Citizens.Recognized != 9 || p.Awards.AmountVND != 700 || len(p.Units) != 2 {
		t.Fatalf("province %+v units %d", p.Citizens, len(p.Units))
	}
	if p.Units[0].Unit != "340" || p.Units[0].Citizens.Registered != 5 || p.Units[1].Citizens.Registered != 4 {
		t.Fatalf("districts %+v %+v", p.Units[0], p.Units[1])
	}
	d, err := Build(context.Background(), st, reg, dongHung, 2026, []units.Ref{{List: "2024", Code: "12688"}})
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, c := range d.Units {
		sum += c.Citizens.Registered
	}
	if len(d.Units) != 3 || sum != d.Citizens.Registered || d.Units[0].Unit != "12688" || d.Units[0].Citizens.Registered != 0 {
		t.Fatalf("district rows %+v", d.Units)
	}
}

func TestWrite_JSONShape(t *testing.T) {
	st := openStore(t)
	fill(t, st, dongPhuong, 1, 50)
	r, err := Build(context.Background(), st, units.Default(), dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.json")
	if err := Write(r, path, Meta{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"unit", "name", "year", "citizens", "centres", "awards", "funds", "units"} {
		if _, ok := m[k]; !ok {
			t.Errorf("report JSON lacks %q: %s", k, b)
		}
	}
	if m["unit"] != "340" || m["name"] != "Huyện Đông Hưng" {
		t.Errorf("unit %v name %v", m["unit"], m["name"])
	}
	c := m["centres"].(map[string]any)["by_rating"].(map[string]any)
	if len(c) != 4 {
		t.Errorf("by_rating %v", c)
	}
	child := m["units"].([]any)[0].(map[string]any)
	if child["unit"] != "12694" || child["awards"].(map[string]any)["by_type"].(map[string]any)["qua"] == nil {
		t.Errorf("child %v", child)
	}
}

func TestWrite_ExcelHasNationalHeader(t *testing.T) {
	st := openStore(t)
	fill(t, st, dongPhuong, 2, 500000)
	r, err := Build(context.Background(), st, units.Default(), dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(r, path, Meta{Place: "Đông Hưng", Date: "25/11/2026", Operator: "Nguyễn Văn Tâm"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Báo cáo")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, row := range rows {
		all.WriteString(strings.Join(row, "|") + "\n")
	}
	for _, want := range []string{paper.NationalTitle, paper.NationalMotto, "Đông Hưng, ngày 25 tháng 11 năm 2026",
		"BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026", "HUYỆN ĐÔNG HƯNG", "Xã Đông Phương", "NGƯỜI LẬP BIỂU",
		"Nguyễn Văn Tâm", "Quà"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("Excel report lacks %q", want)
		}
	}
}

func TestWrite_RefusesOtherFormats(t *testing.T) {
	if err := Write(&Report{}, filepath.Join(t.TempDir(), "r.docx"), Meta{}); err == nil || !strings.Contains(err.Error(), "report: output") {
		t.Fatalf("err = %v", err)
	}
}
