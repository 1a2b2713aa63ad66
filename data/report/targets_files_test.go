package report

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// targetsReport is Đông Hưng's report for 2026 on a real store: Đông
// Phương, a mountain commune (3 of 10 adults recognised, its target 30 %),
// and Liên An Đô, of an ethnic minority area (2 of 10, its target 35 %);
// the district holds the general target for 2030, 60 %.
func targetsReport(t *testing.T) *Report {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	fill(t, st, dongPhuong, 3, 100)
	fill(t, st, lienAnDo, 2, 200)
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, u := range []units.Ref{dongPhuong, lienAnDo} {
			if _, err := e.SaveProfile(&data.Profile{Unit: u.String(), Year: 2026, Adults: 10}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := units.Default()
	r, err := Build(ctx, st, reg, dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := data.OverlayTargets(data.DefaultTargets(), []data.Target{
		{Indicator: data.IndicatorCitizen, Year: 2030, Area: data.AreaMountain, Percent: 30, Source: "Tỉnh Thái Bình"},
		{Indicator: data.IndicatorCitizen, Year: 2030, Area: data.AreaEthnic, Percent: 35, Source: "Tỉnh Thái Bình"}})
	areas := map[string][]string{dongPhuong.String(): {data.AreaMountain}, lienAnDo.String(): {data.AreaEthnic}}
	if err := WithTargets(ctx, st, reg, r, ts, areas); err != nil {
		t.Fatal(err)
	}
	return r
}

// The names the registry gives the two communes.
func communeNames(t *testing.T) (string, string) {
	reg := units.Default()
	a, err := reg.Get(dongPhuong)
	if err != nil {
		t.Fatal(err)
	}
	b, err := reg.Get(lienAnDo)
	if err != nil {
		t.Fatal(err)
	}
	return a.FullName, b.FullName
}

// csvLines writes r as CSV and returns its lines, without the BOM.
func csvLines(t *testing.T, r *Report) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := Write(r, path, Meta{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff")), "\n")
}

// workbook writes r as a workbook and opens it with excelize.
func workbook(t *testing.T, r *Report) *excelize.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := Write(r, path, sampleMeta); err != nil {
		t.Fatal(err)
	}
	return printtest.Workbook(t, path)
}

// The CSV: each line's targets after the other columns, then a line per
// area type with its totals, the area type in the last column.
func TestCSV_TargetsAndTotalsByArea(t *testing.T) {
	lines := csvLines(t, targetsReport(t))
	a, l := communeNames(t)
	// The first nine columns (unit … share_of_adults_pct), then the last 22:
	// the citizens' target, those of the programme's shares (the national
	// 2030 ones, the milestone worked towards) and of the models (2025, the
	// last set), unmet: nothing recorded; and the area type.
	models := ",70,,false,65,,false,65,,false,80,,false"
	programme := ",60,,false,80,,false"
	want := []struct{ head, tail string }{
		{"unit,name,year,registered,assessed,passed,recognized,adults,share_of_adults_pct",
			"citizen_target_pct,citizen_target_area,citizen_target_met,citizen_fcc_target_pct,citizen_fcc_target_area,citizen_fcc_target_met," +
				"citizen_units_target_pct,citizen_units_target_area,citizen_units_target_met,family_target_pct,family_target_area,family_target_met," +
				"clan_target_pct,clan_target_area,clan_target_met,community_target_pct,community_target_area,community_target_met," +
				"unit_target_pct,unit_target_area,unit_target_met,area_type"},
		{"340,Huyện Đông Hưng,2026,5,5,5,5,20,25.0", "60,,false" + programme + models + ","},
		{"12694," + a + ",2026,3,3,3,3,10,30.0", "30,mien_nui,true" + programme + models + ","},
		{"12700," + l + ",2026,2,2,2,2,10,20.0", "35,dtts,false" + programme + models + ","},
		{",Miền núi,2026,3,3,3,3,10,30.0", ",,,,,,,,,,,,,,,,,,,,,mien_nui"},
		{",Vùng đồng bào dân tộc thiểu số,2026,2,2,2,2,10,20.0", ",,,,,,,,,,,,,,,,,,,,,dtts"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	for n, w := range want {
		cells := strings.Split(lines[n], ",")
		if got := strings.Join(cells[:9], ","); got != w.head {
			t.Errorf("line %d begins %s, want %s", n+1, got, w.head)
		}
		if got := strings.Join(cells[len(cells)-22:], ","); got != w.tail {
			t.Errorf("line %d ends %s, want %s", n+1, got, w.tail)
		}
		if len(cells) != len(strings.Split(lines[0], ",")) {
			t.Errorf("line %d has %d cells, the head %d", n+1, len(cells), len(strings.Split(lines[0], ",")))
		}
	}
}

// A report made without targets writes the CSV as before: no targets'
// columns, no lines by area type.
func TestCSV_WithoutTargetsAsBefore(t *testing.T) {
	st := openStore(t)
	fill(t, st, dongPhuong, 3, 100)
	r, err := Build(context.Background(), st, units.Default(), dongHung, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := csvLines(t, r)
	if want := strings.Join(append(csvColumns, modelCSVColumns()...), ","); lines[0] != want || len(lines) != 3 {
		t.Errorf("head %s and %d lines, want %s and 3", lines[0], len(lines), want)
	}
}

// The workbook: the table "Theo loại địa bàn" under the table of units,
// each area type's totals in the same columns, and the shares against the
// targets that apply, the area type's named where it is not the general.
func TestXLSX_TargetsAndTotalsByArea(t *testing.T) {
	r := targetsReport(t)
	f := workbook(t, r)
	rows, _ := f.GetRows("Báo cáo")
	find := func(first string, after int) int {
		for n := after; n < len(rows); n++ {
			if len(rows[n]) > 0 && rows[n][0] == first {
				return n
			}
		}
		t.Fatalf("no row begins %q after row %d", first, after+1)
		return 0
	}
	raw := func(row int, cols string) []string {
		var out []string
		for _, c := range strings.Split(cols, ",") {
			cell, _ := excelize.CoordinatesToCellName(int(c[0]-'A')+1, row+1)
			v, _ := f.GetCellValue("Báo cáo", cell, excelize.Options{RawCellValue: true})
			out = append(out, v)
		}
		return out
	}
	a, l := communeNames(t)
	byArea := find("Theo loại địa bàn", 0)
	if got := rows[byArea+1][:3]; !reflect.DeepEqual(got, []string{"Loại địa bàn", "Mã", "Công dân học tập"}) {
		t.Errorf("the head of the totals by area type: %q", got)
	}
	for _, w := range []struct {
		name string
		want []string // registered, recognised, adults, share
	}{{"Miền núi", []string{"3", "3", "10", "0.3"}}, {"Vùng đồng bào dân tộc thiểu số", []string{"2", "2", "10", "0.2"}}} {
		n := find(w.name, byArea)
		if got := raw(n, "B,C,F,G,H"); !reflect.DeepEqual(got, append([]string{""}, w.want...)) {
			t.Errorf("%s: %q, want no code and %q", w.name, got, w.want)
		}
	}
	tg := find("Công dân học tập so với chỉ tiêu", byArea)
	if got := rows[tg+1]; !reflect.DeepEqual(got, []string{"Đơn vị", "Mã", "Công dân học tập (trên số người trưởng thành)", "", "",
		"Chỉ tiêu riêng của loại địa bàn"}) {
		t.Errorf("the targets' group row: %q", got)
	}
	if got := rows[tg+2][2:5]; !reflect.DeepEqual(got, []string{"Tỷ lệ (%)", "Chỉ tiêu (%)", "Đánh giá"}) {
		t.Errorf("the targets' head: %q", got)
	}
	for _, w := range []struct {
		name string
		want []string
	}{
		{a, []string{"12694", "0.3", "0.3", "Đạt", "Miền núi"}},
		{l, []string{"12700", "0.2", "0.35", "Chưa đạt", "Vùng đồng bào dân tộc thiểu số"}},
		{"Tổng cộng", []string{"340", "0.25", "0.6", "Chưa đạt", ""}},
	} {
		if got := raw(find(w.name, tg), "B,C,D,E,F"); !reflect.DeepEqual(got, w.want) {
			t.Errorf("%s: %q, want %q", w.name, got, w.want)
		}
	}
	if find("Công dân học tập so với chỉ tiêu", 0) < byArea || len(r.targetTables()) != 1 {
		t.Errorf("the tables' order, or the models' targets printed without the models' table")
	}
}

// The PDF and LibreOffice's print of the workbook show the totals by area
// type and the targets, one page wide, the header on page 1 and the
// signatures whole on the last page.
func TestPrinted_TargetsAndTotalsByArea(t *testing.T) {
	dir := keepDir(t)
	r := targetsReport(t)
	xlsx, pdf := filepath.Join(dir, "targets.xlsx"), filepath.Join(dir, "targets.pdf")
	for _, p := range []string{xlsx, pdf} {
		if err := Write(r, p, sampleMeta); err != nil {
			t.Fatal(err)
		}
	}
	soffice(t, dir, "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), xlsx)
	a, l := communeNames(t)
	for _, path := range []string{pdf, filepath.Join(dir, "lo", "targets.pdf")} {
		pages := pdfPages(t, path)
		checkPrinted(t, pages, totalLine(r))
		all := strings.Join(pages, "\n")
		for _, re := range []string{
			`Theo loại địa bàn`,
			`Miền núi\s+3\s+3\s+3\s+3\s+10\s+30[,.]0`,
			`Vùng đồng bào dân tộc thiểu số\s+2\s+2\s+2\s+2\s+10\s+20[,.]0`,
			`Công dân học tập so với chỉ tiêu`,
			regexp.QuoteMeta(a) + `\s+12694\s+30[,.]0\s*%?\s+30[,.]0\s*%?\s+Đạt\s+Miền núi`,
			regexp.QuoteMeta(l) + `\s+12700\s+20[,.]0\s*%?\s+35[,.]0\s*%?\s+Chưa đạt\s+(Vùng đồng\s+)?bào dân tộc`, // the workbook wraps the area type
			`Tổng cộng\s+340\s+25[,.]0\s*%?\s+60[,.]0\s*%?\s+Chưa đạt`,
		} {
			if !regexp.MustCompile(re).MatchString(all) {
				t.Errorf("%s: no text matches %s:\n%s", path, re, all)
			}
		}
		for n, p := range pages {
			if strings.Contains(p, "so với chỉ tiêu") && !strings.Contains(p, "loại địa bàn") {
				t.Errorf("%s page %d: the targets' table is cut on the right:\n%s", path, n+1, p)
			}
		}
	}
}

// With the models' table, the programme's shares stand against their
// targets beside the citizens', and the models' against theirs after the
// models' table, an area type's target named with the indicators it
// applies to; each table one page wide in the PDF and in LibreOffice's
// print.
func TestPrinted_ModelsAgainstTheirTargets(t *testing.T) {
	dir := keepDir(t)
	reg := units.Default()
	r := sampleModelsReport(12)
	r.Units[0].ref = dongPhuong // Xã Đông Phương Số 1, a mountain commune
	ts := data.OverlayTargets(data.DefaultTargets(), []data.Target{
		{Indicator: data.IndicatorFamily, Year: 2025, Area: data.AreaMountain, Percent: 50, Source: "Tỉnh Thái Bình"}})
	areas := map[string][]string{dongPhuong.String(): {data.AreaMountain}}
	for _, x := range append([]*Report{r}, r.Units...) {
		x.Target, x.Targets = targetOf(reg, x, ts, areas), modelTargets(reg, x, ts, areas)
	}
	tables := r.targetTables()
	if len(tables) != 2 || len(tables[0].Columns) != 12 || len(tables[1].Columns) != 15 {
		t.Fatalf("%d tables of the targets", len(tables))
	}
	if got := tables[1].Rows[0].Cells[14]; got != "Miền núi (Gia đình học tập)" {
		t.Errorf("the area type of Đông Phương's targets: %q", got)
	}
	xlsx, pdf := filepath.Join(dir, "models-targets.xlsx"), filepath.Join(dir, "models-targets.pdf")
	for _, p := range []string{xlsx, pdf} {
		if err := Write(r, p, sampleMeta); err != nil {
			t.Fatal(err)
		}
	}
	soffice(t, dir, "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), xlsx)
	for _, path := range []string{pdf, filepath.Join(dir, "lo", "models-targets.pdf")} {
		pages := pdfPages(t, path)
		checkPrinted(t, pages, totalLine(r))
		all := strings.Join(pages, "\n")
		// Đông Phương's family share 61/106 (57.547 %, once rounded) against the mountain's 50 % (the
		// heads and the area type wrap).
		for _, re := range []string{`Mô hình học tập so với chỉ tiêu`, `Xã Đông Phương Số 1\s+12694\s+57[,.]5\s*%?\s+50[,.]0\s*%?\s+Đạt`,
			`\(Gia đình`, `Công dân học tập trong đơn`} {
			if !regexp.MustCompile(re).MatchString(all) {
				t.Errorf("%s: no text matches %s:\n%s", path, re, all)
			}
		}
		for n, p := range pages {
			if strings.Contains(p, "so với chỉ tiêu") && !strings.Contains(p, "loại địa bàn") {
				t.Errorf("%s page %d: a targets' table is cut on the right:\n%s", path, n+1, p)
			}
		}
	}
}
