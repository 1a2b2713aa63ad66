package exchange

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

var communeC = units.Ref{List: "2024", Code: "12688"}

// fillCommune writes a little of every register for a commune.
func (in *install) fillCommune(n int, seed int64) {
	in.t.Helper()
	in.addCitizens(n, "Dân")
	unit := in.unit()
	err := in.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		c := &data.Centre{Unit: unit, Name: "TTHTCĐ " + unit, Status: "hoat_dong"}
		if _, err := e.SaveCentre(c); err != nil {
			return err
		}
		if _, err := e.SaveCentreYear(&data.CentreYear{CentreID: c.ID, Unit: unit, Year: 2026, Classes: seed, LearnerTimes: 10 * seed, Rating: "tot", Status: "hoat_dong"}); err != nil {
			return err
		}
		a := &data.Award{Unit: unit, Person: data.Person{HoDem: "Lê", Ten: "Em", BirthDate: data.Date{Y: 2012, M: 1, D: 2}},
			AwardType: "hoc_bong_vuot_kho", AmountVND: seed * 100000, AwardedOn: data.Date{Y: 2026, M: 9, D: 5}, Guardian: "Lê Văn Bố"}
		if _, err := e.SaveAward(a); err != nil {
			return err
		}
		if _, err := e.SaveFund(&data.FundLine{Unit: unit, Date: data.Date{Y: 2026, M: 1, D: 5}, Direction: "thu", AmountVND: seed * 1000000}); err != nil {
			return err
		}
		_, err := e.SaveProfile(&data.Profile{Unit: unit, Year: 2026, Adults: 1000 * seed})
		return err
	})
	if err != nil {
		in.t.Fatal(err)
	}
}

func build(t *testing.T, in *install, area units.Ref) *report.Report {
	t.Helper()
	r, err := report.Build(context.Background(), in.c.Store, units.Default(), area, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestConsolidation_CommunesDistrictProvince(t *testing.T) {
	ctx := context.Background()
	p, d := newInstall(t, "province", provinceTB), newInstall(t, "district", district)
	link(t, p, d)
	communes := []*install{newInstall(t, "commune", communeA), newInstall(t, "commune", communeB), newInstall(t, "commune", communeC)}
	var bundles []string
	var want data.Totals = *data.NewTotals()
	for n, c := range communes {
		link(t, d, c)
		c.fillCommune(3+n, int64(n+1))
		r := build(t, c, units.Ref{List: "2024", Code: c.id.Unit.Code})
		want.Add(&r.Totals)
		bundles = append(bundles, c.export(t.TempDir())[0].Path)
	}
	// Withhold the second commune's bundle: its status shows nothing arrived.
	d.importFiles(bundles[0], bundles[2])
	st, err := UnitsStatus(ctx, d.c, StatusOptions{Overdue: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]UnitStatus{}
	for _, u := range st.Units {
		byCode[u.Unit] = u
	}
	if u := byCode[communeB.Code]; !u.Enrolled || u.Bundles != 0 || !u.Overdue {
		t.Fatalf("withheld commune status %+v", u)
	}
	if u := byCode[communeA.Code]; u.LastSeq != 1 || u.Overdue || u.Records["citizen"] != 3 {
		t.Fatalf("commune A status %+v", u)
	}
	d.importFiles(bundles[1])
	// The district's report: its row is the sum of its communes.
	dr := build(t, d, district)
	if !reflect.DeepEqual(dr.Totals, want) {
		t.Fatalf("district totals\n%+v\nwant\n%+v", dr.Totals, want)
	}
	// Up to the province, carrying the communes' records without their contact data.
	up := d.export(t.TempDir())
	if o := p.importFiles(up[0].Path); o[0].Status != Imported {
		t.Fatalf("province import %+v", o[0])
	}
	pr := build(t, p, provinceTB)
	if !reflect.DeepEqual(pr.Totals, want) || len(pr.Units) != 1 || !reflect.DeepEqual(pr.Units[0].Totals, want) {
		t.Fatalf("province totals %+v units %d, want %+v", pr.Totals, len(pr.Units), want)
	}
	items, _ := p.c.Store.Citizens(ctx, store.CitizenQuery{})
	for _, it := range items {
		if it.IDNumber != "" || it.Phone != "" || it.Ten == "" {
			t.Fatalf("province received %+v: contact data must stay at the district", it.Person)
		}
	}
	// The manifest names its sources: the three commune bundles.
	if m := manifestOf(t, up[0].Path); len(m.Sources) != 3 {
		t.Fatalf("sources %+v", m.Sources)
	}
	// Everything again, in any order: nothing changes.
	before := p.snapshot()
	dBefore := d.snapshot()
	d.importFiles(bundles[2], bundles[0], bundles[1])
	p.importFiles(up[0].Path)
	if !reflect.DeepEqual(p.snapshot(), before) || !reflect.DeepEqual(d.snapshot(), dBefore) {
		t.Fatal("importing everything twice changed something")
	}
}
