package report

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// sampleModelsReport is sampleReport with the four models' figures and the
// programme's shares in every commune.
func sampleModelsReport(n int) *Report {
	r := sampleReport(n)
	r.Totals = *data.NewTotals()
	for i, c := range r.Units {
		t := &c.Totals
		for k, m := range t.Models {
			base := int64(100 + 10*i + len(k))
			*m = data.ModelTotals{Registered: base - 20, Assessed: base - 30, Passed: base - 40, Recognized: base - 45,
				Base: base, BaseOf: map[string]string{"family": data.BaseHouseholds, "clan": data.BaseClans,
					"community": data.BaseVillages, "unit": data.BaseUnits}[k], Share: data.Ratio(base-45, base)}
		}
		t.Programme[data.ProgrammeFamilies] = &data.ProgrammeShare{Base: data.BaseAdultsInFCC, Records: 40, People: 120,
			Recognized: int64(50 + i), Share: data.Ratio(int64(50+i), 120)}
		t.Programme[data.ProgrammeUnits] = &data.ProgrammeShare{Base: data.BaseAdults, People: t.Citizens.Adults,
			Recognized: t.Citizens.Recognized, Share: data.Ratio(t.Citizens.Recognized, t.Citizens.Adults)}
		r.Add(t)
	}
	return r
}

// The district's report sums its communes' model figures and recomputes
// each share from the sums; a base that differs between communes is named
// as both.
func TestBuild_ModelsSumUpward(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for n, u := range []units.Ref{dongPhuong, lienAnDo} {
			for k := 0; k < 3+n; k++ {
				f := &data.Family{Unit: u.String(), HoDem: "Lê", Ten: "Hộ " + strconv.Itoa(k)}
				if _, err := e.SaveFamily(f); err != nil {
					return err
				}
				y := &data.ModelYear{RecordID: f.ID, Unit: u.String(), Model: "family", Year: 2026, Registered: "co", Result: "dat"}
				if k == 0 {
					y.Status = data.StepRecognized
				}
				if _, err := e.SaveModelYear(y); err != nil {
					return err
				}
			}
			if n == 0 { // the first commune records its villages' households
				if _, err := e.SaveCommunity(&data.Community{Unit: u.String(), Village: "Thôn Một", Households: 40}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ctx, st, units.Default(), dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := r.Models["family"]
	// 3 + 4 families registered, one recognised in each; bases 40 households and 4 families.
	if f.Registered != 7 || f.Recognized != 2 || f.Base != 44 || f.BaseOf != "families_in_register+households_in_villages" ||
		f.Share != data.Ratio(2, 44) {
		t.Fatalf("district family figures %+v", f)
	}
	if len(r.Units) != 2 || r.Units[0].Models["family"].Base != 40 || r.Units[1].Models["family"].BaseOf != data.BaseFamilies {
		t.Fatalf("communes %+v %+v", r.Units[0].Models["family"], r.Units[1].Models["family"])
	}
	var out map[string]any
	b, _ := json.Marshal(r)
	json.Unmarshal(b, &out)
	for _, k := range []string{"family", "clan", "community", "unit"} {
		m := out["models"].(map[string]any)[k].(map[string]any)
		for _, f := range []string{"registered", "assessed", "passed", "recognized", "base", "base_of", "share"} {
			if _, ok := m[f]; !ok {
				t.Errorf("models.%s has no %s", k, f)
			}
		}
	}
	if p := out["units"].([]any)[0].(map[string]any)["programme"].(map[string]any)["unit"].(map[string]any); p["base"] != "adults" {
		t.Errorf("a commune without links is measured on its adults: %v", p)
	}
}

// The CSV carries each model's figures and each share's base after the
// columns it had.
func TestCSV_Models(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv")
	r := sampleModelsReport(3)
	if err := Write(r, path, sampleMeta); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	if strings.TrimPrefix(strings.Join(head[:len(csvColumns)], ","), "\ufeff") != strings.Join(csvColumns, ",") {
		t.Fatalf("the columns it had moved: %v", head)
	}
	col := map[string]int{}
	for n, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = n
	}
	fam := r.Models["family"]
	for name, want := range map[string]string{"family_registered": strconv.FormatInt(fam.Registered, 10),
		"family_base": strconv.FormatInt(fam.Base, 10), "family_base_of": data.BaseHouseholds,
		"family_share_pct":                strconv.FormatFloat(100*fam.Share, 'f', 2, 64),
		"cdht_family_clan_community_base": data.BaseAdultsInFCC, "cdht_unit_base": data.BaseAdults} {
		n, ok := col[name]
		if !ok || rows[1][n] != want {
			t.Errorf("%s: %v, want %q", name, ok && len(rows[1]) > n, want)
		}
	}
	if len(rows) != 5 { // the head, the district, its three communes
		t.Fatalf("%d lines", len(rows))
	}
}

// The printed report with the models: LibreOffice prints the workbook one
// page wide with the models' table and what each share is measured on;
// the PDF says the same.
func TestPrinted_Models(t *testing.T) {
	dir := keepDir(t)
	r := sampleModelsReport(12)
	xlsx, pdf := filepath.Join(dir, "models.xlsx"), filepath.Join(dir, "models.pdf")
	if err := Write(r, xlsx, sampleMeta); err != nil {
		t.Fatal(err)
	}
	if err := Write(r, pdf, sampleMeta); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), xlsx)
	for _, path := range []string{filepath.Join(dir, "lo", "models.pdf"), pdf} {
		name := map[bool]string{true: "LibreOffice's print of the workbook", false: "the PDF"}[strings.Contains(path, "lo")]
		if got := pdfInfo(t, path); !strings.Contains(got, "Page size: 841.89 x 595.") {
			t.Errorf("%s: %s, want A4 landscape", path, got)
		}
		pages := pdfPages(t, path)
		if len(pages) < 2 {
			t.Fatalf("%s: %d pages, want the main table on page 1 and the figures by section after", name, len(pages))
		}
		for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026", "Tồn (đ)", "Tổng cộng"} {
			if !strings.Contains(pages[0], want) {
				t.Errorf("%s: page 1 lacks %q", name, want)
			}
		}
		for _, want := range []string{"NGƯỜI LẬP BIỂU", "TM. BAN THƯỜNG VỤ", "Trần Thị Lụa"} {
			if !strings.Contains(pages[len(pages)-1], want) {
				t.Errorf("%s: the last page lacks %q", name, want)
			}
		}
		all := strings.Join(pages, "\n")
		for _, want := range []string{"Mô hình học tập (QĐ 387/QĐ-TTg)", "Gia đình học tập", "Dòng họ học tập",
			"Cộng đồng học tập", "Đơn vị học tập", "Công dân học tập được công nhận", "Tỷ lệ tính trên số", "hộ",
			"người lớn GĐ-DH-CĐ", "người trưởng thành"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		for n, p := range pages {
			if strings.Contains(p, "Tỷ lệ tính trên") && !strings.Contains(p, "Trong đơn vị") {
				t.Errorf("%s page %d: the models' table is cut on the right:\n%s", name, n+1, p)
			}
			// The models' table (its title) and its last line on one page;
			// the figures by section name the models too (II).
			if strings.Contains(p, "Mô hình học tập (QĐ 387/QĐ-TTg)") && !strings.Contains(p, "Tỷ lệ tính trên") {
				t.Errorf("%s page %d: the models' table is not whole on its page:\n%s", name, n+1, p)
			}
		}
	}
}
