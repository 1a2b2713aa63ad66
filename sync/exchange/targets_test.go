package exchange

import (
	"context"
	"errors"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/statement"
)

// The province overrides the national target and tags a mountain commune
// with a lower one; both go down to the district in a notice, and from
// the district to the commune; the district's report puts each commune's
// share against its own target and totals the mountain communes apart.
func TestTargets_HandedDownOverriddenAndReported(t *testing.T) {
	ctx := context.Background()
	p, d := newInstall(t, "province", provinceTB), newInstall(t, "district", district)
	link(t, p, d)
	a, b := newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	a.fillCommune(2, 1)
	b.fillCommune(3, 2)
	for _, in := range []*install{a, b} {
		mustImported(t, d.importFiles(paths(in.export(t.TempDir()))...))
	}
	for _, tg := range []data.Target{
		{Indicator: data.IndicatorCitizen, Year: 2030, Percent: 70, Source: "Tỉnh Thái Bình"},
		{Indicator: data.IndicatorCitizen, Year: 2030, Area: data.AreaMountain, Percent: 45, Source: "Tỉnh Thái Bình"},
	} {
		if err := p.c.Store.SetTarget(ctx, tg, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.c.Store.SetAreas(ctx, communeA.String(), []string{data.AreaMountain}, "test"); err != nil {
		t.Fatal(err)
	}
	if to, err := Noticed(ctx, p.c); err != nil || len(to) != 1 || to[0] != district {
		t.Fatalf("the province's notices go to %v, %v", to, err)
	}
	file, _, err := WriteNotice(ctx, p.c, district, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := ImportNotice(ctx, d.c, readFile(t, file)); err != nil || rep.New != 1 {
		t.Fatalf("the district records the province's targets: %+v %v", rep, err)
	}
	got, err := Targets(ctx, d.c)
	if err != nil {
		t.Fatal(err)
	}
	if tg, _ := data.TargetFor(got.Targets, data.IndicatorCitizen, 2026, got.Areas[communeA.String()]); tg.Percent != 45 {
		t.Errorf("commune A's target at the district: %+v (areas %v)", tg, got.Areas)
	}
	if tg, _ := data.TargetFor(got.Targets, data.IndicatorCitizen, 2026, got.Areas[communeB.String()]); tg.Percent != 70 {
		t.Errorf("commune B's target at the district: %+v", tg)
	}

	// The district hands down what it holds, to each commune: A learns it
	// is a mountain commune with its target; B is not told A's area.
	file, _, err = WriteNotice(ctx, d.c, communeA, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ImportNotice(ctx, a.c, readFile(t, file)); err != nil {
		t.Fatal(err)
	}
	ga, _ := Targets(ctx, a.c)
	if tg, _ := data.TargetFor(ga.Targets, data.IndicatorCitizen, 2026, ga.Areas[communeA.String()]); tg.Percent != 45 || tg.Source != "Tỉnh Thái Bình" {
		t.Errorf("commune A's own target: %+v", tg)
	}
	fb, _, _ := Notice(ctx, d.c, communeB)
	docs, _ := statement.SplitNotice(fb)
	s, _ := statement.Parse(docs[len(docs)-1])
	if len(s.Areas) != 0 || s.Kind != statement.Targets {
		t.Errorf("B's notice: %+v", s)
	}

	r, err := report.Build(ctx, d.c.Store, units.Default(), district, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WithTargets(ctx, d.c.Store, units.Default(), r, got.Targets, got.Areas); err != nil {
		t.Fatal(err)
	}
	by := map[string]*report.Report{}
	for _, u := range r.Units {
		by[u.Unit] = u
	}
	if ta := by[communeA.Code].Target; ta == nil || ta.Percent != 45 || ta.Area != data.AreaMountain || ta.Met {
		t.Errorf("A's report target %+v", ta)
	}
	if tb := by[communeB.Code].Target; tb == nil || tb.Percent != 70 || tb.Area != "" {
		t.Errorf("B's report target %+v", tb)
	}
	if m := r.ByArea[data.AreaMountain]; m == nil || m.Citizens.Registered != by[communeA.Code].Citizens.Registered {
		t.Errorf("mountain totals %+v, A %+v", m, by[communeA.Code].Citizens)
	}

	// A targets statement is handed down, never sent up: in a bundle it
	// holds the bundle, and nothing of it goes in.
	o := p.importBytes(t, "up", craft(t, d.id, p, crafted{}, stmtTable(d.id.Site, d.key, docs[len(docs)-1])))
	if o.Status != Quarantined || !errors.Is(o.Err, ErrStatementScope) {
		t.Errorf("a targets statement sent up: %s %v", o.Status, o.Err)
	}
	if err := d.c.Store.SetTarget(ctx, data.Target{Indicator: data.IndicatorCitizen, Year: 2030, Percent: 101}, "x"); !errors.Is(err, data.ErrTarget) {
		t.Errorf("a target of 101 %%: %v", err)
	}
}
