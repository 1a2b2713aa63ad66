// Package report builds the report of a unit and of each unit directly
// below it for a period (a half-year, a year, from 1 January to a date;
// optionally beside the same period a year earlier), in the shape of
// docs/CONTRACT.md's report JSON, and writes it as JSON, CSV, or the
// association's printed report (Excel, PDF) with the national header.
package report

import (
	"context"
	"fmt"
	"sort"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Report is one unit's figures for a period, with the units directly
// below, and with Compare the same report for the same period a year
// earlier.
type Report struct {
	Unit   string      `json:"unit"`
	Name   string      `json:"name"`
	Year   int         `json:"year"` // the year the period lies in
	Period data.Period `json:"period"`
	data.Totals
	Units    []*Report `json:"units"`
	Previous *Report   `json:"previous,omitempty"`
	// Target, Targets and ByArea are set by WithTargets (docs/submissions.md).
	Target  *TargetShare            `json:"target,omitempty"`  // the share of adults holding the title
	Targets map[string]*TargetShare `json:"targets,omitempty"` // each model's share, the programme's shares
	ByArea  map[string]*data.Totals `json:"by_area,omitempty"`
	// ConsentGaps: the records without a consent decision (consent.go),
	// when asked for.
	ConsentGaps []data.ConsentGaps `json:"consent_gaps,omitempty"`

	ref units.Ref
}

// Query is what a report is made for: its period, and whether the same
// period a year earlier (data.Period.Previous) stands beside it.
type Query struct {
	Period  data.Period
	Compare bool
}

// BuildFor builds the report of q for area (see BuildPeriod); with
// q.Compare, Previous holds the same report for the same period a year
// earlier, zeros where nothing was recorded then.
func BuildFor(ctx context.Context, st *store.Store, reg *units.Registry, area units.Ref, q Query, also []units.Ref) (*Report, error) {
	r, err := BuildPeriod(ctx, st, reg, area, q.Period, also)
	if err != nil || !q.Compare {
		return r, err
	}
	r.Previous, err = BuildPeriod(ctx, st, reg, area, q.Period.Previous(), also)
	return r, err
}

// Ref returns the unit the report is for.
func (r *Report) Ref() units.Ref { return r.ref }

// Share returns the share of adults holding the title, in percent (0 when
// the adult population is unknown).
func (r *Report) Share() float64 {
	if r.Citizens.Adults == 0 {
		return 0
	}
	return 100 * float64(r.Citizens.Recognized) / float64(r.Citizens.Adults)
}

// Build is the report of the whole year (BuildPeriod).
func Build(ctx context.Context, st *store.Store, reg *units.Registry, area units.Ref, year int, also []units.Ref) (*Report, error) {
	return BuildPeriod(ctx, st, reg, area, data.YearPeriod(year), also)
}

// BuildPeriod adds up the period's totals of every unit inside area, and of
// each unit directly below it (a commune counts in its district on a
// province's report). Units below that hold no records are listed when
// named in also (enrolled units), so a unit that has not reported shows as
// zeros.
func BuildPeriod(ctx context.Context, st *store.Store, reg *units.Registry, area units.Ref, p data.Period, also []units.Ref) (*Report, error) {
	top, err := newReport(reg, area, p)
	if err != nil {
		return nil, err
	}
	all, err := st.PeriodTotals(ctx, p)
	if err != nil {
		return nil, err
	}
	children := map[units.Ref]*Report{}
	child := func(ref units.Ref) *Report {
		c := children[ref]
		if c == nil {
			c, _ = newReport(reg, ref, p)
			children[ref] = c
		}
		return c
	}
	for _, ref := range also {
		if c := reg.ChildOf(area, ref); c != nil {
			child(c.Ref)
		}
	}
	for key, t := range all {
		ref, err := units.ParseRef(key)
		if err != nil || !reg.Within(ref, area) {
			continue
		}
		top.Add(t)
		if c := reg.ChildOf(area, ref); c != nil {
			child(c.Ref).Add(t)
		}
	}
	for _, c := range children {
		top.Units = append(top.Units, c)
	}
	sort.Slice(top.Units, func(i, j int) bool { return top.Units[i].Unit < top.Units[j].Unit })
	return top, nil
}

func newReport(reg *units.Registry, ref units.Ref, p data.Period) (*Report, error) {
	u, err := reg.Get(ref)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return &Report{Unit: ref.Code, Name: u.FullName, Year: p.Year(), Period: p, Totals: *data.NewTotals(),
		Units: []*Report{}, ref: ref}, nil
}
