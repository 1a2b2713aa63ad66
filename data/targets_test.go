package data

import (
	"errors"
	"testing"
)

func TestTargetFor_MilestoneThenAreaType(t *testing.T) {
	ts := OverlayTargets(DefaultTargets(), []Target{
		{Indicator: IndicatorCitizen, Year: 2025, Percent: 60, Source: "Phú Thọ"}, // a province's own
		{Indicator: IndicatorCitizen, Year: 2025, Area: AreaMountain, Percent: 30},
		{Indicator: IndicatorCitizen, Year: 2025, Area: AreaHardship, Percent: 25},
	})
	cases := []struct {
		year  int
		areas []string
		want  int
	}{
		{2024, nil, 60},                                  // working towards 2025
		{2025, nil, 60},                                  // the province's overrides QĐ 677's 40
		{2025, []string{AreaMountain}, 30},               // a mountain commune
		{2025, []string{AreaMountain, AreaHardship}, 25}, // the lowest of its area types
		{2025, []string{AreaEthnic}, 60},                 // no target for that type: the general one
		{2027, []string{AreaMountain}, 60},               // towards 2030: QĐ 677's 60, no area target then
		{2031, nil, 60},                                  // past the last milestone: the last one
	}
	for _, c := range cases {
		got, ok := TargetFor(ts, IndicatorCitizen, c.year, c.areas)
		if !ok || got.Percent != c.want {
			t.Errorf("%d %v: %+v %v, want %d", c.year, c.areas, got, ok, c.want)
		}
	}
	if _, ok := TargetFor(ts, "school", 2025, nil); ok {
		t.Error("a target for an indicator never set")
	}
	if got, _ := TargetFor(ts, IndicatorFamily, 2025, nil); got.Percent != 70 || got.Source != SourceQD387 {
		t.Errorf("families: %+v", got)
	}
}

func TestTarget_Validate(t *testing.T) {
	for _, bad := range []Target{{Indicator: "school", Year: 2025, Percent: 5}, {Indicator: IndicatorCitizen, Year: 2025, Percent: 101},
		{Indicator: IndicatorCitizen, Year: 1999, Percent: 5}, {Indicator: IndicatorCitizen, Year: 2025, Area: "đồng bằng", Percent: 5},
		{Indicator: "Công dân học tập", Year: 2025, Percent: 5}} {
		if err := bad.Validate(); !errors.Is(err, ErrTarget) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if err := (Target{Indicator: IndicatorCitizen, Year: 2025, Percent: 5, Source: "Tỉnh\u202e"}).Validate(); err == nil {
		t.Error("a source with a bidirectional control")
	}
	for _, good := range DefaultTargets() {
		if err := good.Validate(); err != nil {
			t.Errorf("%+v: %v", good, err)
		}
	}
}
