package report

import (
	"context"
	"math"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// TargetShare is a unit's figure against its target (docs/submissions.md,
// "Targets"): the share of adults holding the Công dân học tập title
// against the target that applies to the unit's area types.
type TargetShare struct {
	Indicator string   `json:"indicator"`
	Year      int      `json:"year"`           // the milestone it is set for
	Percent   int      `json:"percent"`        // the target
	Area      string   `json:"area,omitempty"` // the area type whose target applies, "" for the general one
	Source    string   `json:"source,omitempty"`
	Share     float64  `json:"share"` // the unit's share, one decimal
	Met       bool     `json:"met"`
	Areas     []string `json:"areas,omitempty"` // the unit's area types
}

// WithTargets sets, on the report and each unit of it, the target that
// applies to it (data.TargetFor: its own area types and those of the units
// holding it) beside its share of adults holding the title (Target), and
// beside each model's share recognised and the programme's shares
// (Targets); and on the report the totals of the units of each area type
// (ByArea).
func WithTargets(ctx context.Context, st *store.Store, reg *units.Registry, r *Report, ts []data.Target, areas map[string][]string) error {
	for _, x := range append([]*Report{r}, r.Units...) {
		x.Target = targetOf(reg, x, ts, areas)
		x.Targets = modelTargets(reg, x, ts, areas)
	}
	all, err := st.PeriodTotals(ctx, r.Period)
	if err != nil {
		return err
	}
	for key, t := range all {
		ref, err := units.ParseRef(key)
		if err != nil || !reg.Within(ref, r.ref) {
			continue
		}
		for _, a := range areasOf(reg, ref, areas) {
			if r.ByArea == nil {
				r.ByArea = map[string]*data.Totals{}
			}
			if r.ByArea[a] == nil {
				r.ByArea[a] = data.NewTotals()
			}
			r.ByArea[a].Add(t)
		}
	}
	return nil
}

func targetOf(reg *units.Registry, r *Report, ts []data.Target, areas map[string][]string) *TargetShare {
	return against(ts, data.IndicatorCitizen, r.Year, areasOf(reg, r.ref, areas), r.Share(), r.Citizens.Adults > 0)
}

// modelTargets puts each model's share recognised, and the Công dân học
// tập shares on the programme's bases, against their targets.
func modelTargets(reg *units.Registry, r *Report, ts []data.Target, areas map[string][]string) map[string]*TargetShare {
	as := areasOf(reg, r.ref, areas)
	out := map[string]*TargetShare{}
	for _, m := range []string{data.IndicatorFamily, data.IndicatorClan, data.IndicatorCommunity, data.IndicatorUnit} {
		if x := r.Models[m]; x != nil {
			if t := against(ts, m, r.Year, as, percentOf(x.Recognized, x.Base), x.Base > 0); t != nil {
				out[m] = t
			}
		}
	}
	for ind, key := range map[string]string{data.IndicatorCitizenFCC: data.ProgrammeFamilies, data.IndicatorCitizenUnits: data.ProgrammeUnits} {
		if x := r.Programme[key]; x != nil {
			if t := against(ts, ind, r.Year, as, percentOf(x.Recognized, x.People), x.People > 0); t != nil {
				out[ind] = t
			}
		}
	}
	return out
}

// percentOf is part of whole in percent, unrounded: a share is rounded
// once, to the one decimal it is shown with (Share, four decimals of a
// fraction, rounded again put 1392 of 1932, 72.05 %, at 72.1).
func percentOf(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

// against is a share (percent) against the target of indicator for year
// and the area types as; measured says the share has a base at all.
func against(ts []data.Target, indicator string, year int, as []string, share float64, measured bool) *TargetShare {
	t, ok := data.TargetFor(ts, indicator, year, as)
	if !ok {
		return nil
	}
	share = math.Round(share*10) / 10
	return &TargetShare{Indicator: t.Indicator, Year: t.Year, Percent: t.Percent, Area: t.Area, Source: t.Source, Share: share,
		Met: measured && share >= float64(t.Percent), Areas: as}
}

// areasOf is a unit's area types: its own and those of the units holding it.
func areasOf(reg *units.Registry, ref units.Ref, areas map[string][]string) []string {
	seen := map[string]bool{}
	var out []string
	for u, _ := reg.Get(ref); u != nil; u = reg.Parent(u.Ref) {
		for _, a := range areas[u.Ref.String()] {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}
