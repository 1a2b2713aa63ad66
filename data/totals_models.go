package data

import (
	"math"
	"sort"
	"strings"
)

// The report's figures of the four learning models and the Công dân học
// tập share on the programme's own base (docs/reports.md).

// ModelTotals are one model's figures for a year: assessments of the year
// registered (đăng ký), with a result, passed (đạt) and recognised (the
// step công nhận), the base the share is measured on (families in the
// commune, clans, villages, bodies; BaseOf says which), and the share
// recognised of the base.
type ModelTotals struct {
	Registered int64   `json:"registered"`
	Assessed   int64   `json:"assessed"`
	Passed     int64   `json:"passed"`
	Recognized int64   `json:"recognized"`
	Base       int64   `json:"base"`
	BaseOf     string  `json:"base_of"`
	Share      float64 `json:"share"`
}

// Bases of the models' shares.
const (
	BaseHouseholds    = "households_in_villages"  // families: the households the village communities record
	BaseFamilies      = "families_in_register"    // families, where no village records its households
	BaseClans         = "clans_in_register"       // clans
	BaseVillages      = "villages_in_list"        // communities: the commune's village list
	BaseCommunities   = "communities_in_register" // communities, where no village list is kept
	BaseUnits         = "units_in_register"       // learning units
	BaseAdultsInFCC   = "adults_in_recognised_families"
	BaseStaffInUnits  = "staff_in_recognised_units"
	BaseAdults        = "adults" // the commune profile's adult population
	ProgrammeFamilies = "family_clan_community"
	ProgrammeUnits    = "unit"
)

// ProgrammeShare is the Công dân học tập share on one of the programme's
// bases (QĐ 387, QĐ 677): the citizens recognised among People, the
// adults of the recognised families (or of families in recognised clans
// and communities) or the staff of recognised units whose members are
// linked to the citizen register (Records of them); where a unit keeps no
// such links, its adult population (Base "adults").
type ProgrammeShare struct {
	Base       string  `json:"base"`
	Records    int64   `json:"records"`
	People     int64   `json:"people"`
	Recognized int64   `json:"recognized"`
	Share      float64 `json:"share"`
}

// newModels returns the four models' zero figures.
func newModels() map[string]*ModelTotals {
	m := map[string]*ModelTotals{}
	for _, o := range ModelCodes.Options {
		m[o.Code] = &ModelTotals{}
	}
	return m
}

func newProgramme() map[string]*ProgrammeShare {
	return map[string]*ProgrammeShare{ProgrammeFamilies: {}, ProgrammeUnits: {}}
}

// addModels adds o's model figures and programme shares into t (saturating, as Add does).
func (t *Totals) addModels(o *Totals) {
	for k, x := range o.Models {
		m := t.Models[k]
		if m == nil {
			m = &ModelTotals{}
			t.Models[k] = m
		}
		add(&m.Registered, x.Registered)
		add(&m.Assessed, x.Assessed)
		add(&m.Passed, x.Passed)
		add(&m.Recognized, x.Recognized)
		add(&m.Base, x.Base)
		m.BaseOf = joinBases(m.BaseOf, x.BaseOf)
		m.Share = Ratio(m.Recognized, m.Base)
	}
	for k, x := range o.Programme {
		p := t.Programme[k]
		if p == nil {
			p = &ProgrammeShare{}
			t.Programme[k] = p
		}
		add(&p.Records, x.Records)
		add(&p.People, x.People)
		add(&p.Recognized, x.Recognized)
		p.Base = joinBases(p.Base, x.Base)
		p.Share = Ratio(p.Recognized, p.People)
	}
}

// joinBases names the bases of figures summed together: one base, or the
// different ones joined by "+" in order.
func joinBases(a, b string) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(strings.Split(a, "+"), strings.Split(b, "+")...) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "+")
}

// Ratio is part/whole rounded to four decimals (0 when whole is 0): a
// share as the report JSON writes it (0.6543 is 65.43 %).
func Ratio(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(10000*float64(part)/float64(whole)) / 10000
}

// ModelsWithFigures reports whether any model has a record counted: the
// printed report leaves the models' table out otherwise.
func (t *Totals) ModelsWithFigures() bool {
	for _, m := range t.Models {
		if m.Registered+m.Assessed+m.Base > 0 {
			return true
		}
	}
	return false
}
