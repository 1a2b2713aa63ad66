package exchange

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// fillModels writes a commune's four model registers for 2026: n families
// (some recognised, with members linked to its citizens), clans, village
// communities and learning units, and a few deletes.
func (in *install) fillModels(n int, seed int64) {
	in.t.Helper()
	ctx := context.Background()
	unit := in.unit()
	citizens := in.addCitizens(n, "Thành viên")
	year := func(model string, k int) *data.ModelYear {
		y := &data.ModelYear{Model: model, Year: 2026, Registered: "co", Criteria: data.ResultOnlySet}
		switch (k + int(seed)) % 3 {
		case 0:
			y.Result, y.Status, y.DecisionNo = "dat", data.StepRecognized, fmt.Sprintf("%d/QĐ-UBND", k)
		case 1:
			y.Result, y.Status = "dat", data.StepProposed
		default:
			y.Result, y.Status = "chua_dat", data.StepSelfAssessed
		}
		return y
	}
	err := in.c.Store.Edit(ctx, "test", func(e *store.Editor) error {
		for v := 0; v < 2; v++ {
			c := &data.Community{Unit: unit, Village: fmt.Sprintf("Thôn %d", v), Households: 40 + seed}
			if _, err := e.SaveCommunity(c); err != nil {
				return err
			}
			y := year("community", v)
			y.RecordID, y.Unit = c.ID, unit
			if _, err := e.SaveModelYear(y); err != nil {
				return err
			}
		}
		clan := &data.Clan{Unit: unit, Name: "Họ Nguyễn", Head: "Nguyễn Văn Trưởng", Households: 12, Members: 50}
		if _, err := e.SaveClan(clan); err != nil {
			return err
		}
		cy := year("clan", 0)
		cy.RecordID, cy.Unit = clan.ID, unit
		if _, err := e.SaveModelYear(cy); err != nil {
			return err
		}
		for k := 0; k < n; k++ {
			f := &data.Family{Unit: unit, HoDem: "Nguyễn Văn", Ten: fmt.Sprintf("Chủ hộ %d", k),
				Village: fmt.Sprintf("Thôn %d", k%3), Members: 5, Adults: 3, Children: 1}
			if k%2 == 0 {
				f.ClanID = clan.ID
			}
			if _, err := e.SaveFamily(f); err != nil {
				return err
			}
			y := year("family", k)
			y.RecordID, y.Unit = f.ID, unit
			if _, err := e.SaveModelYear(y); err != nil {
				return err
			}
			if _, err := e.Link(f.ID, citizens[k], unit); err != nil {
				return err
			}
		}
		u := &data.LearningUnit{Unit: unit, Name: "Trường Tiểu học", Staff: 20 + seed, Head: "Hiệu trưởng Lê Thị"}
		if _, err := e.SaveLearningUnit(u); err != nil {
			return err
		}
		uy := year("unit", 0)
		uy.RecordID, uy.Unit = u.ID, unit
		if _, err := e.SaveModelYear(uy); err != nil {
			return err
		}
		if _, err := e.Link(u.ID, citizens[0], unit); err != nil {
			return err
		}
		gone := &data.LearningUnit{Unit: unit, Name: "Đơn vị đã giải thể", Staff: 99}
		if _, err := e.SaveLearningUnit(gone); err != nil {
			return err
		}
		return e.Delete(store.LearningUnit, gone.ID)
	})
	if err != nil {
		in.t.Fatal(err)
	}
}

// Three communes' model registers reach their district and the province:
// the figures per model (registered, assessed, passed, recognised, base,
// share) and the Công dân học tập shares on the programme's bases are the
// same at every level, summed upward; above the district the names of
// heads of household, clan heads and heads of units are not sent.
func TestConsolidation_ModelsCommunesDistrictProvince(t *testing.T) {
	ctx := context.Background()
	p, d := newInstall(t, "province", provinceTB), newInstall(t, "district", district)
	link(t, p, d)
	communes := []*install{newInstall(t, "commune", communeA), newInstall(t, "commune", communeB), newInstall(t, "commune", communeC)}
	want := data.NewTotals()
	var bundles []string
	for n, c := range communes {
		link(t, d, c)
		c.fillModels(4+n, int64(n))
		r := build(t, c, units.Ref{List: "2024", Code: c.id.Unit.Code})
		if r.Models["family"].Registered != int64(4+n) || r.Programme[data.ProgrammeFamilies].Base != data.BaseAdultsInFCC {
			t.Fatalf("commune %d: %+v %+v", n, r.Models["family"], r.Programme[data.ProgrammeFamilies])
		}
		want.Add(&r.Totals)
		bundles = append(bundles, c.export(t.TempDir())[0].Path)
	}
	for _, o := range d.importFiles(bundles...) {
		if !o.OK() {
			t.Fatalf("district import %+v", o)
		}
	}
	dr := build(t, d, district)
	for _, k := range []string{"family", "clan", "community", "unit"} {
		if !reflect.DeepEqual(dr.Models[k], want.Models[k]) {
			t.Errorf("district %s: %+v, want %+v", k, dr.Models[k], want.Models[k])
		}
	}
	if !reflect.DeepEqual(dr.Programme, want.Programme) {
		t.Errorf("district programme shares %+v, want %+v", dr.Programme[data.ProgrammeFamilies], want.Programme[data.ProgrammeFamilies])
	}
	up := d.export(t.TempDir())
	if o := p.importFiles(up[0].Path); o[0].Status != Imported {
		t.Fatalf("province import %+v", o[0])
	}
	pr := build(t, p, provinceTB)
	if !reflect.DeepEqual(pr.Models, want.Models) || !reflect.DeepEqual(pr.Programme, want.Programme) {
		t.Errorf("province figures\n%+v\nwant\n%+v", pr.Models, want.Models)
	}
	if len(pr.Units) != 1 || !reflect.DeepEqual(pr.Units[0].Models, want.Models) {
		t.Errorf("the province's district row %+v", pr.Units)
	}
	// The sums themselves: 4+5+6 families registered, on the villages'
	// 2×40 + 2×41 + 2×42 households.
	if w := want.Models["family"]; w.Registered != 15 || w.Base != 246 || w.BaseOf != data.BaseHouseholds ||
		w.Share != data.Ratio(w.Recognized, 246) {
		t.Errorf("family sum %+v", w)
	}
	// What the province holds of a family, a clan and a unit: counts,
	// villages, names of clans and bodies, results; no head's name.
	fams, err := store.ModelRecords(ctx, p.c.Store, data.Families, store.ModelQuery{Year: 2026, Limit: 1000})
	if err != nil || len(fams) != 15 {
		t.Fatalf("families at the province: %d %v", len(fams), err)
	}
	for _, f := range fams {
		if f.Record.HoDem != "" || f.Record.Ten != "" || f.Record.Village == "" || f.Record.Adults != 3 || f.Year.Result == "" {
			t.Fatalf("a family at the province: %+v %+v", f.Record, f.Year)
		}
	}
	clans, _ := store.ModelRecords(ctx, p.c.Store, data.Clans, store.ModelQuery{})
	us, _ := store.ModelRecords(ctx, p.c.Store, data.LearningUnits, store.ModelQuery{})
	if len(clans) != 3 || clans[0].Record.Head != "" || clans[0].Record.Name == "" || len(us) != 3 || us[0].Record.Head != "" || us[0].Record.Staff == 0 {
		t.Fatalf("clans %+v, units %+v at the province", clans, us)
	}
	dfams, _ := store.ModelRecords(ctx, d.c.Store, data.Families, store.ModelQuery{Limit: 1})
	if dfams[0].Record.Ten == "" {
		t.Fatalf("the district, which reviews, has no head's name: %+v", dfams[0].Record)
	}
}

// A family is about its head of household: a head who refused sending
// upward reaches the district without a name (the family's village,
// counts and year go, so the figures stay the commune's), and a family
// without a decision goes with it, as a citizen does.
func TestFamilyHead_ConsentGovernsTheName(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	unit := a.unit()
	refused := &data.Family{Unit: unit, HoDem: "Lò Văn", Ten: "Páo", Village: "Bản Mòng", Members: 4, Adults: 2, Note: "hộ nghèo"}
	silent := &data.Family{Unit: unit, HoDem: "Lường Thị", Ten: "Xuân", Village: "Bản Mòng", Members: 3, Adults: 2}
	err := a.c.Store.Edit(ctx, "test", func(e *store.Editor) error {
		for _, f := range []*data.Family{refused, silent} {
			if _, err := e.SaveFamily(f); err != nil {
				return err
			}
		}
		_, err := e.SaveConsent(&data.Consent{Subject: refused.ID, SubjectKind: "family", GivenBy: data.Self,
			GivenOn: data.Date{Y: 2026, M: 3, D: 1}, Keep: "co", Upward: "khong"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if o := d.importFiles(a.export(t.TempDir())[0].Path); !o[0].OK() {
		t.Fatalf("district import %+v", o[0])
	}
	got := map[string]data.Family{}
	for _, id := range []string{refused.ID, silent.ID} {
		r, err := d.c.Store.Get(ctx, store.Family, id)
		if err != nil {
			t.Fatal(err)
		}
		got[id] = store.As(data.Families, r)
	}
	if f := got[refused.ID]; f.HoDem != "" || f.Ten != "" || f.Note != "" || f.Village != "Bản Mòng" || f.Members != 4 || f.Adults != 2 {
		t.Errorf("the head who refused, at the district: %+v", f)
	}
	if f := got[silent.ID]; f.Head() != "Lường Thị Xuân" {
		t.Errorf("the head without a decision, at the district: %+v", f)
	}
}
