package data

import (
	"errors"
	"fmt"
	"sort"
)

// Targets (chỉ tiêu) are the shares a movement aims at by a year: a
// national default (QĐ 387/QĐ-TTg and QĐ 677/QĐ-TTg), which a province
// sets for itself and hands down, with lower ones for units of an area
// type (miền núi, vùng đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số)
// as earlier programmes allowed (docs/submissions.md, "Targets").

// Indicators a target may be set for.
const (
	IndicatorCitizen   = "citizen"   // the share of adults holding the Công dân học tập title
	IndicatorFamily    = "family"    // learning families recognised (QĐ 387)
	IndicatorClan      = "clan"      // learning clans
	IndicatorCommunity = "community" // learning village communities
	IndicatorUnit      = "unit"      // learning units
	// The Công dân học tập share on the programme's own bases (QĐ 677):
	// among the adults of recognised families, clans and communities, and
	// among the staff of recognised units (data.ProgrammeShare).
	IndicatorCitizenFCC   = "citizen_fcc"
	IndicatorCitizenUnits = "citizen_units"
)

// Area types a unit may be tagged with.
const (
	AreaMountain = "mien_nui" // miền núi
	AreaHardship = "dbkk"     // vùng đặc biệt khó khăn
	AreaEthnic   = "dtts"     // vùng đồng bào dân tộc thiểu số
)

// TargetIndicators and AreaTypes are the closed lists, with their labels.
var (
	TargetIndicators = Enum{"indicator", []Option{{IndicatorCitizen, "Công dân học tập", "learning citizens"},
		{IndicatorFamily, "Gia đình học tập", "learning families"}, {IndicatorClan, "Dòng họ học tập", "learning clans"},
		{IndicatorCommunity, "Cộng đồng học tập", "learning communities"}, {IndicatorUnit, "Đơn vị học tập", "learning units"},
		{IndicatorCitizenFCC, "Công dân học tập trong gia đình, dòng họ, cộng đồng học tập", "learning citizens in learning families, clans, communities"},
		{IndicatorCitizenUnits, "Công dân học tập trong đơn vị học tập", "learning citizens in learning units"}}}
	AreaTypes = Enum{"area", []Option{{AreaMountain, "Miền núi", "mountain area"},
		{AreaHardship, "Vùng đặc biệt khó khăn", "area of special difficulty"},
		{AreaEthnic, "Vùng đồng bào dân tộc thiểu số", "ethnic minority area"}}}
)

// ErrTarget reports a target out of its bounds.
var ErrTarget = errors.New("data: a target is a share of 0–100 % of a known indicator for a year of 2000–2100")

// Target is the share (whole percent) an indicator aims at by a year, for
// every unit (Area "") or for units of one area type.
type Target struct {
	Indicator string `json:"indicator"`
	Year      int    `json:"year"`
	Area      string `json:"area,omitempty"`
	Percent   int    `json:"percent"`
	Source    string `json:"source,omitempty"` // the decision that set it, or the unit that did
}

// Validate checks a target's codes and bounds.
func (t Target) Validate() error {
	if code, err := TargetIndicators.Parse(t.Indicator); err != nil || code != t.Indicator {
		return fmt.Errorf("%w: indicator %q", ErrTarget, t.Indicator)
	}
	if t.Area != "" {
		if code, err := AreaTypes.Parse(t.Area); err != nil || code != t.Area {
			return fmt.Errorf("%w: area type %q", ErrTarget, t.Area)
		}
	}
	if t.Percent < 0 || t.Percent > 100 || t.Year < 2000 || t.Year > 2100 || len(t.Source) > 200 {
		return fmt.Errorf("%w: %s %d %d%%", ErrTarget, t.Indicator, t.Year, t.Percent)
	}
	return CheckText(t.Source) // cleaned text, as every received value (it travels in signed notices)
}

// Sources of the national targets.
const (
	SourceQD387 = "QĐ 387/QĐ-TTg ngày 25/3/2022"
	SourceQD677 = "QĐ 677/QĐ-TTg ngày 03/6/2022"
)

// DefaultTargets are the national targets (docs/DOMAIN.md): QĐ 387 for
// 2025 (70 % of families, 65 % of clans, 65 % of communities, 80 % of
// units recognised) and QĐ 677 for the Công dân học tập title (40 % by
// 2025, 60 % by 2030, of the adults in recognised families, clans and
// communities; 60 % and 80 % of the staff of recognised units; the
// "citizen" indicator is the app's older measure, on all adults, a
// stricter base, held to the first).
func DefaultTargets() []Target {
	return []Target{
		{IndicatorCitizen, 2025, "", 40, SourceQD677}, {IndicatorCitizen, 2030, "", 60, SourceQD677},
		{IndicatorCitizenFCC, 2025, "", 40, SourceQD677}, {IndicatorCitizenFCC, 2030, "", 60, SourceQD677},
		{IndicatorCitizenUnits, 2025, "", 60, SourceQD677}, {IndicatorCitizenUnits, 2030, "", 80, SourceQD677},
		{IndicatorFamily, 2025, "", 70, SourceQD387}, {IndicatorClan, 2025, "", 65, SourceQD387},
		{IndicatorCommunity, 2025, "", 65, SourceQD387}, {IndicatorUnit, 2025, "", 80, SourceQD387},
	}
}

// OverlayTargets lays the targets of over onto base: a target of the same
// indicator, year and area replaces base's.
func OverlayTargets(base, over []Target) []Target {
	key := func(t Target) string { return fmt.Sprintf("%s/%d/%s", t.Indicator, t.Year, t.Area) }
	m := map[string]Target{}
	for _, t := range base {
		m[key(t)] = t
	}
	for _, t := range over {
		m[key(t)] = t
	}
	out := make([]Target, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	SortTargets(out)
	return out
}

// SortTargets orders targets by indicator, year and area.
func SortTargets(ts []Target) {
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Area < b.Area
	})
}

// TargetFor is the target of indicator for year that applies to a unit of
// the area types areas: of the milestones set (2025, 2030 …), the first
// at or after year (the one being worked towards), else the last before
// it; at that milestone, the lowest target set for one of the unit's area
// types, else the one for every unit.
func TargetFor(ts []Target, indicator string, year int, areas []string) (Target, bool) {
	after, before := 0, 0
	for _, t := range ts {
		switch {
		case t.Indicator != indicator:
		case t.Year >= year && (after == 0 || t.Year < after):
			after = t.Year
		case t.Year < year && t.Year > before:
			before = t.Year
		}
	}
	milestone := after
	if milestone == 0 {
		milestone = before
	}
	var general, area Target
	hasGeneral, hasArea := false, false
	for _, t := range ts {
		switch {
		case t.Indicator != indicator || t.Year != milestone || milestone == 0:
		case t.Area == "":
			general, hasGeneral = t, true
		case contains(areas, t.Area) && (!hasArea || t.Percent < area.Percent):
			area, hasArea = t, true
		}
	}
	if hasArea {
		return area, true
	}
	return general, hasGeneral
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
