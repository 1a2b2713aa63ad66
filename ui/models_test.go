package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// modelTitles are the models' screens, by the title of their navigation.
var modelTitles = []string{"Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập (thôn, tổ dân phố)", "Đơn vị học tập"}

func modelItems[R any](t *testing.T, st *store.Store, table *data.Table[R], year int) []store.ModelItem[R] {
	t.Helper()
	items, err := store.ModelRecords(context.Background(), st, table, store.ModelQuery{Year: year, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// Each model has its register in the navigation, on the machinery of the
// others: a list, a search box, the year, village and result filters, the
// form, import and export.
func TestModels_AScreenPerModel(t *testing.T) {
	u, _, _ := startCommune(t)
	for _, title := range modelTitles {
		s := openRegister(t, u, title)
		f := s.base()
		if f.byCol["year"] == nil || f.byCol["result"] == nil || f.byCol["status"] == nil || f.byCol["decision_no"] == nil {
			t.Errorf("%s: the form lacks the yearly assessment", title)
		}
		if !strings.HasPrefix(u.shell.env.status.count.Text, "0 ") {
			t.Errorf("%s: the status bar counts %q", title, u.shell.env.status.count.Text)
		}
	}
}

// A school entered by keyboard alone, scored against TT 22/2020 (the set
// chosen in use): the total and the result follow the scores as they are
// typed; Enter walks every field and saves from Lưu; the record keeps the
// set it was scored against.
func TestModels_UnitScoredByKeyboard(t *testing.T) {
	u, w, st := startCommune(t)
	if err := st.UseCriteria(context.Background(), "unit", "BGDDT-TT22-2020"); err != nil {
		t.Fatal(err)
	}
	u.rebuild()
	s := openRegister(t, u, "Đơn vị học tập")
	f := s.base()
	_, save := s.view()
	test.Type(w.Canvas().Focused().(*textEntry), "Trường Tiểu học Đông Hòa")
	typed := map[string]string{"staff": "32", "year": "2025",
		"s1": "10", "s2": "10", "s3": "8", "s4": "10", "s5": "5", "s6": "10", "s7": "5", "s8": "20", "s9": "10", "s10": "5"}
	for w.Canvas().Focused() != save {
		col := stopName(f, save, w.Canvas().Focused())
		if col == "other" {
			t.Fatalf("Enter left the form: %T", w.Canvas().Focused())
		}
		if v, ok := typed[col]; ok {
			test.Type(w.Canvas().Focused(), v)
		}
		press(w, fyne.KeyReturn)
	}
	form := s.(*modelScreen[data.LearningUnit]).form.(*modelForm[data.LearningUnit])
	if got := form.total.Text; got != "Tổng điểm: 93 / 100 · Kết quả: Đạt · Tốt" {
		t.Errorf("total %q", got)
	}
	press(w, fyne.KeyReturn) // on Lưu
	items := modelItems(t, st, data.LearningUnits, 2025)
	if len(items) != 1 {
		t.Fatalf("stored %+v", items)
	}
	y := items[0].Year
	if items[0].Record.Staff != 32 || y.Result != "dat" || y.Grade != "tot" || y.Criteria != "BGDDT-TT22-2020" || len(y.Scores) != 10 || y.Status != "" {
		t.Fatalf("stored %+v %+v", items[0].Record, y)
	}
	if f.byCol["year"].get() != "2025" || f.byCol["name"].get() != "" {
		t.Errorf("the next record keeps the year (%q), not the name (%q)", f.byCol["year"].get(), f.byCol["name"].get())
	}
	// A score out of its criterion's range is refused at the field, naming it.
	fill(t, f, "name", "Trạm y tế")
	fill(t, f, "s1", "12")
	if s.Save(); len(modelItems(t, st, data.LearningUnits, 2025)) != 1 {
		t.Fatal("a score above its maximum was saved")
	}
	if !strings.Contains(form.total.Text, "1.1") {
		t.Errorf("the total line does not name the criterion: %q", form.total.Text)
	}
}

// A family with its members: the CCCDs typed link the household to the
// citizen register; one the commune does not hold is refused at the field.
// The result-only set in use lets the result be chosen.
func TestModels_FamilyMembers(t *testing.T) {
	ctx := context.Background()
	u, _, st := startCommune(t)
	rows, err := tabular.Read("../testdata/records/citizens-good.csv", tabular.Citizens)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tabular.Import(ctx, st, tabular.Citizens, rows, tabular.Options{Unit: testCommune.String()}); err != nil {
		t.Fatal(err)
	}
	s := openRegister(t, u, "Gia đình học tập")
	f := s.base()
	fill(t, f, "head", "Nguyễn Văn An")
	fill(t, f, "village", "Thôn Đông")
	fill(t, f, "adults", "3")
	fill(t, f, "year", "2025")
	fill(t, f, "result", "Đạt")
	fill(t, f, "decision_no", "12/QĐ-UBND")
	fill(t, f, "citizens", "034185001234; 000000000001")
	s.Save()
	if f.byCol["citizens"].err.Text == "" || len(modelItems(t, st, data.Families, 0)) != 0 {
		t.Fatalf("an unknown member was not refused at its field: %q", f.byCol["citizens"].err.Text)
	}
	fill(t, f, "citizens", "034185001234")
	s.Save()
	items := modelItems(t, st, data.Families, 2025)
	if len(items) != 1 || items[0].Members != 1 || items[0].Year.Result != "dat" || items[0].Year.Criteria != data.ResultOnlySet {
		t.Fatalf("stored %+v", items)
	}
	ms, _ := st.MembersOf(ctx, items[0].Record.ID)
	if len(ms) != 1 || ms[0].FullName() != "Nguyễn Thị Hòa" {
		t.Fatalf("members %+v", ms)
	}
	screen := s.(*modelScreen[data.Family])
	screen.form.Load(items[0])
	form := screen.form.(*modelForm[data.Family])
	if got := form.members.Text; got != "Thành viên: Nguyễn Thị Hòa" {
		t.Errorf("members shown %q", got)
	}
}

// A model's file through the screen's import preview, as a person imports
// it: the bad row is listed, the good ones imported.
func TestModels_ImportPreview(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Cộng đồng học tập (thôn, tổ dân phố)").(*modelScreen[data.Community])
	s.files.Preview("../testdata/records/communities.csv")
	if s.files.preview == nil {
		t.Fatal("no preview")
	}
	p := s.files.preview
	if len(p.reasons) != 1 || !strings.Contains(p.reasons[4], "Năm") || !p.all.Disabled() {
		t.Fatalf("the preview's bad rows %v (all rows allowed: %v)", p.reasons, !p.all.Disabled())
	}
	if n, _ := st.CountModelRecords(context.Background(), store.Community, store.ModelQuery{}); n != 0 {
		t.Fatalf("%d written by the preview", n)
	}
	test.Tap(p.good)
	if m := u.keys.modal(); m == nil || !strings.HasPrefix(m.key, "Đã nhập xong") {
		t.Fatal("no dialog says the import finished")
	}
	press(u.win, fyne.KeyReturn)
	if got := len(modelItems(t, st, data.Communities, 2025)); got != 3 {
		t.Fatalf("%d communities imported, want the 3 good rows", got)
	}
}

// A record scored against a set this installation does not have (a
// commune's own, at its district) is edited without losing its scores or
// its result.
func TestModels_UnknownSetKeepsItsScores(t *testing.T) {
	ctx := context.Background()
	u, _, st := startCommune(t)
	f := &data.Clan{Unit: testCommune.String(), Name: "Họ Vũ"}
	y := &data.ModelYear{Unit: testCommune.String(), Model: "clan", Year: 2025, Registered: "co", Criteria: "TINH-9",
		Scores: []int{100, 80}, Result: "dat", Status: data.StepProposed}
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		if _, err := e.SaveClan(f); err != nil {
			return err
		}
		y.RecordID = f.ID
		_, err := e.SaveModelYear(y)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Dòng họ học tập").(*modelScreen[data.Clan])
	s.form.Load(modelItems(t, st, data.Clans, 2025)[0])
	fill(t, s.base(), "note", "đã rà soát")
	if s.Save(); s.form.Dirty() {
		t.Fatalf("not saved: %s", s.base().summary.Text)
	}
	got := modelItems(t, st, data.Clans, 2025)[0]
	if got.Record.Note != "đã rà soát" || got.Year.Criteria != "TINH-9" || got.Year.Result != "dat" || len(got.Year.Scores) != 2 || got.Year.Scores[1] != 80 {
		t.Fatalf("after the edit %+v %+v", got.Record, got.Year)
	}
}

// A village's community lists the families of that village the family
// register holds recognised in the year (two of Thôn Đông; Thôn Tây's and
// one only proposed are not counted); a second community for the village
// is refused at its village field, and nothing is written.
func TestModels_CommunityOfAVillage(t *testing.T) {
	ctx := context.Background()
	u, _, st := startCommune(t)
	unit := testCommune.String()
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for n, v := range []string{"Thôn Đông", "Thôn Đông", "Thôn Tây", "Thôn Đông"} {
			f := &data.Family{Unit: unit, HoDem: "Lê Văn", Ten: string(rune('A' + n)), Village: v}
			if _, err := e.SaveFamily(f); err != nil {
				return err
			}
			y := &data.ModelYear{RecordID: f.ID, Unit: unit, Model: "family", Year: 2025, Registered: "co",
				Criteria: data.ResultOnlySet, Result: "dat", Status: data.StepRecognized, DecisionNo: "5/QĐ-UBND"}
			if n == 3 {
				y.Status, y.DecisionNo = data.StepProposed, ""
			}
			if _, err := e.SaveModelYear(y); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Cộng đồng học tập (thôn, tổ dân phố)").(*modelScreen[data.Community])
	f := s.base()
	fill(t, f, "village", "Thôn Đông")
	fill(t, f, "households", "120")
	fill(t, f, "year", "2025")
	if s.Save(); s.form.Dirty() {
		t.Fatalf("not saved: %s", f.summary.Text)
	}
	items := modelItems(t, st, data.Communities, 2025)
	if len(items) != 1 {
		t.Fatalf("stored %+v", items)
	}
	if got := s.cells(items[0]); len(got) != len(communityUI.cols)+3 || got[1] != "2" || got[2] != "120" {
		t.Errorf("the list's line %q: want 2 families recognised and the households, under %d columns", got, len(communityUI.cols)+3)
	}
	s.form.Clear()
	fill(t, f, "village", "thôn đông")
	fill(t, f, "year", "2025")
	if s.Save(); !s.form.Dirty() || !strings.Contains(f.byCol["village"].err.Text, "đã có hồ sơ cộng đồng học tập") {
		t.Fatalf("a second community of the village: its field says %q", f.byCol["village"].err.Text)
	}
	if n, _ := st.CountModelRecords(ctx, store.Community, store.ModelQuery{}); n != 1 {
		t.Fatalf("%d communities", n)
	}
}

// Without a village list kept, a model's village filter and form offer the
// villages the citizens and the register's own records are recorded in
// (Xóm Bãi only by a family), and the filter finds its families.
func TestModels_VillageChoicesWithoutAList(t *testing.T) {
	ctx := context.Background()
	u, _, st := startCommune(t)
	importFile(t, u, st, "citizens", "../testdata/records/citizens-good.csv")
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, v := range []string{"Xóm Bãi", "Thôn Đông"} {
			if _, err := e.SaveFamily(&data.Family{Unit: testCommune.String(), HoDem: "Lê Văn", Ten: "Ba", Village: v}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Gia đình học tập").(*modelScreen[data.Family])
	offered := s.village.sel.Options[1:]
	if !slices.Contains(offered, "Xóm Bãi") || !slices.Contains(offered, "Thôn Đông") || !slices.Contains(offered, "Thôn Tây") {
		t.Fatalf("the village filter offers %q", offered)
	}
	if got := s.base().byCol["village"].obj.(*choiceEntry).options; !slices.Equal(got, offered) {
		t.Errorf("the form offers %q, the filter %q", got, offered)
	}
	s.village.sel.SetSelected("Xóm Bãi")
	if n := s.pager.Len(); n != 1 {
		t.Errorf("%d families of Xóm Bãi listed", n)
	}
}
