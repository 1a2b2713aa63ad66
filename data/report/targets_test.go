package report

import (
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
)

// Each model's share and the programme's shares stand against their
// targets: the national defaults, a mountain commune's lower one.
func TestModelTargets_AgainstTheUnitsTargets(t *testing.T) {
	reg := units.Default()
	commune := units.Ref{List: "2024", Code: "12694"}
	r, err := newReport(reg, commune, data.YearPeriod(2025))
	if err != nil {
		t.Fatal(err)
	}
	r.Models[data.ModelFamily] = &data.ModelTotals{Recognized: 72, Base: 100, Share: 0.72}
	r.Models[data.ModelClan] = &data.ModelTotals{Recognized: 3, Base: 5, Share: 0.6}
	r.Programme[data.ProgrammeFamilies] = &data.ProgrammeShare{People: 200, Recognized: 70, Share: 0.35}
	ts := data.OverlayTargets(data.DefaultTargets(), []data.Target{
		{Indicator: data.IndicatorCitizenFCC, Year: 2025, Area: data.AreaMountain, Percent: 30, Source: "Tỉnh"}})
	got := modelTargets(reg, r, ts, map[string][]string{commune.String(): {data.AreaMountain}})
	cases := map[string]struct {
		percent int
		share   float64
		met     bool
	}{
		data.IndicatorFamily:       {70, 72, true},
		data.IndicatorClan:         {65, 60, false},
		data.IndicatorCommunity:    {65, 0, false}, // no community registered: nothing measured, not met
		data.IndicatorCitizenFCC:   {30, 35, true}, // the mountain commune's own target
		data.IndicatorCitizenUnits: {60, 0, false},
	}
	for ind, want := range cases {
		g := got[ind]
		if g == nil || g.Percent != want.percent || g.Share != want.share || g.Met != want.met {
			t.Errorf("%s: %+v, want %+v", ind, g, want)
		}
	}
}
