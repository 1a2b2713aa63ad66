package exchange

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/statement"
)

// Timeliness of a unit's submission of a period against the deadline set
// here.
const (
	OnTime  = "on_time" // submitted by the deadline (or none was set)
	Late    = "late"    // submitted after it
	Missing = "missing" // not submitted, and the deadline has passed (or none was set)
	Pending = "pending" // not submitted yet, the deadline not yet passed
)

// PeriodUnit is what this installation knows of one unit below for one
// period (docs/submissions.md).
type PeriodUnit struct {
	Unit        string `json:"unit"`
	List        string `json:"list"`
	Name        string `json:"name"`
	Level       string `json:"level"`
	Submitted   bool   `json:"submitted"`
	SubmittedOn string `json:"submitted_on"` // the day the level directly above it received the submission
	RestsOn     int64  `json:"rests_on"`     // the unit's highest bundle number the submitted totals rest on
	// Incomplete: a bundle the submission rests on has not arrived here
	// (for units that send here directly; their gaps are in Units).
	Incomplete bool   `json:"incomplete"`
	Approved   bool   `json:"approved"`    // approved by the unit directly above it
	ApprovedOn string `json:"approved_on"` // the day the approver signed (its clock)
	Accepted   bool   `json:"accepted"`    // the province approved it, or a unit holding it
	AcceptedOn string `json:"accepted_on"`
	Deadline   string `json:"deadline"`
	Timeliness string `json:"timeliness"` // on_time, late, missing or pending
	// ChangedAfter: the figures held here differ from those submitted
	// (records arrived, or were accepted, after the submission).
	ChangedAfter bool `json:"changed_after"`
	// Held: changes of the unit (and the units inside it) received after
	// the year was approved here, held for a person (conflicts _locked).
	Held            int          `json:"held"`
	SubmittedTotals *data.Totals `json:"submitted_totals,omitempty"`
	Totals          *data.Totals `json:"totals,omitempty"` // the figures held here, when they differ

	site string // the installation that submitted
}

// missingBelow reports a bundle numbered 1 … restsOn of (origin, site)
// not received here, when that installation sends here at all.
func missingBelow(have map[[2]string]map[int64]bool, origin, site string, restsOn int64) bool {
	got := have[[2]string{origin, site}]
	if got == nil {
		return false // it reaches this installation through the level between
	}
	for n := int64(1); n <= restsOn; n++ {
		if !got[n] {
			return true
		}
	}
	return false
}

// PeriodStatus is every unit below for one period, with the completeness
// (share of units submitted, in percent) and the timeliness counts.
type PeriodStatus struct {
	Period       string       `json:"period"`
	Label        string       `json:"label"`
	Units        []PeriodUnit `json:"units"`
	Expected     int          `json:"expected"`
	Submitted    int          `json:"submitted"`
	Completeness float64      `json:"completeness"`
	OnTime       int          `json:"on_time"`
	Late         int          `json:"late"`
	Missing      int          `json:"missing"`
	Pending      int          `json:"pending"`
}

// Periods reports each period that has a deadline set here or a statement
// held, for every unit below area that takes part (taking); with self, for area alone (a commune's
// own view: what it submitted, what the units above approved).
func Periods(ctx context.Context, c *Config, area units.Ref, self bool, now time.Time) ([]PeriodStatus, error) {
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return nil, err
	}
	dls, err := c.Store.Deadlines(ctx)
	if err != nil {
		return nil, err
	}
	periods := map[string]bool{}
	for _, d := range dls {
		periods[d.Period] = true
	}
	for _, s := range all {
		periods[s.Period] = true
	}
	names := make([]string, 0, len(periods))
	for p := range periods {
		names = append(names, p)
	}
	sort.Strings(names)
	listed, err := taking(ctx, c, area, all)
	if err != nil {
		return nil, err
	}
	if self {
		u, err := c.Units.Get(area)
		if err != nil {
			return nil, err
		}
		listed = []*units.Unit{u}
	}
	force := store.InForce(all)
	led, err := c.Store.Ledger(ctx, "")
	if err != nil {
		return nil, err
	}
	held, err := c.Store.HeldCounts(ctx)
	if err != nil {
		return nil, err
	}
	have := map[[2]string]map[int64]bool{} // (origin, site) → numbers received
	for _, b := range led {
		k := [2]string{b.Origin, b.Site}
		if have[k] == nil {
			have[k] = map[int64]bool{}
		}
		have[k][b.Seq] = true
	}
	totals := map[data.Period]map[string]*data.Totals{}
	out := []PeriodStatus{}
	for _, name := range names {
		p, err := data.ParsePeriod(name)
		if err != nil {
			continue
		}
		if totals[p] == nil {
			if totals[p], err = c.Store.PeriodTotals(ctx, p); err != nil {
				return nil, err
			}
		}
		ps := PeriodStatus{Period: name, Label: p.Label(), Units: []PeriodUnit{}}
		for _, u := range listed {
			pu := periodUnit(c.Units, u, name, force, dls, totals[p], now)
			pu.Incomplete = pu.Submitted && missingBelow(have, u.Ref.String(), pu.site, pu.RestsOn)
			if p.IsYear() {
				pu.Held = heldWithin(c.Units, u.Ref, held)
			}
			ps.add(pu)
		}
		out = append(out, ps)
	}
	return out, nil
}

// taking lists the units below area that take part in reporting here:
// those enrolled here (a district's communes), and those whose records or
// statements reached this installation (a province's districts' communes).
func taking(ctx context.Context, c *Config, area units.Ref, sts []store.Statement) ([]*units.Unit, error) {
	known := map[string]bool{}
	ks, err := c.Store.PeerKeys(ctx, store.RoleBelow)
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		known[k.Unit] = known[k.Unit] || k.Status == store.Trusted
	}
	counts, err := c.Store.RecordCounts(ctx)
	if err != nil {
		return nil, err
	}
	for u := range counts {
		known[u] = true
	}
	for _, s := range sts {
		known[s.Unit], known[s.Issuer] = true, true
	}
	var out []*units.Unit
	for _, u := range below(c.Units, area, true) {
		if known[u.Ref.String()] {
			out = append(out, u)
		}
	}
	return out, nil
}

func (ps *PeriodStatus) add(pu PeriodUnit) {
	ps.Units = append(ps.Units, pu)
	ps.Expected++
	if pu.Submitted {
		ps.Submitted++
	}
	switch pu.Timeliness {
	case OnTime:
		ps.OnTime++
	case Late:
		ps.Late++
	case Missing:
		ps.Missing++
	case Pending:
		ps.Pending++
	}
	ps.Completeness = float64(int(1000*float64(ps.Submitted)/float64(ps.Expected)+0.5)) / 10
}

// periodUnit decides one unit's line from the statements in force.
func periodUnit(reg *units.Registry, u *units.Unit, period string, force []store.Statement, dls []store.Deadline,
	totals map[string]*data.Totals, now time.Time) PeriodUnit {
	pu := PeriodUnit{Unit: u.Code, List: u.List, Name: u.FullName, Level: u.Level, Deadline: deadlineFor(reg, u, period, force, dls)}
	parent := reg.Parent(u.Ref)
	direct := false // accepted itself, not only through the unit holding it
	for _, s := range force {
		if s.Period != period {
			continue
		}
		ref, err := units.ParseRef(s.Unit)
		if err != nil {
			continue
		}
		switch {
		case s.Kind == statement.Submission && s.Unit == u.Ref.String():
			pu.Submitted, pu.SubmittedOn, pu.RestsOn, pu.site = true, s.ReceivedOn, s.RestsOn, s.Site
			pu.SubmittedTotals, _ = SubmittedTotals(s)
		case s.Kind != statement.Approval || !s.Approved || !reg.Within(u.Ref, ref):
		case s.Unit == u.Ref.String() && parent != nil && s.Issuer == parent.Ref.String():
			pu.Approved, pu.ApprovedOn = true, day(s.Issued)
		}
		if s.Kind == statement.Approval && s.Approved && reg.Within(u.Ref, ref) && levelOf(reg, s.Issuer) == units.Province {
			pu.Accepted, pu.AcceptedOn = true, day(s.Issued)
			direct = direct || s.Unit == u.Ref.String()
		}
	}
	if !direct && !pu.Submitted { // the province accepted the district's year, not a submission this unit never made
		pu.Accepted, pu.AcceptedOn = false, ""
	}
	pu.Timeliness = timeliness(pu, now)
	if pu.Submitted {
		cur := sumWithin(reg, u.Ref, totals)
		a, _ := json.Marshal(cur)
		b, _ := json.Marshal(pu.SubmittedTotals)
		if string(a) != string(b) {
			pu.ChangedAfter, pu.Totals = true, cur
		}
	}
	return pu
}

func timeliness(pu PeriodUnit, now time.Time) string {
	today := now.UTC().Format("2006-01-02")
	switch {
	case pu.Submitted && (pu.Deadline == "" || pu.SubmittedOn <= pu.Deadline):
		return OnTime
	case pu.Submitted:
		return Late
	case pu.Deadline != "" && today <= pu.Deadline:
		return Pending
	}
	return Missing
}

func sumWithin(reg *units.Registry, area units.Ref, totals map[string]*data.Totals) *data.Totals {
	t := data.NewTotals()
	for key, v := range totals {
		if ref, err := units.ParseRef(key); err == nil && reg.Within(ref, area) {
			t.Add(v)
		}
	}
	return t
}

func levelOf(reg *units.Registry, unit string) string {
	ref, err := units.ParseRef(unit)
	if err != nil {
		return ""
	}
	u, err := reg.Get(ref)
	if err != nil {
		return ""
	}
	return u.Level
}

func day(stamp string) string {
	if len(stamp) >= 10 {
		return stamp[:10]
	}
	return stamp
}

// heldWithin sums the held changes of area and the units inside it.
func heldWithin(reg *units.Registry, area units.Ref, held map[string]int) int {
	n := 0
	for key, k := range held {
		if ref, err := units.ParseRef(key); err == nil && reg.Within(ref, area) {
			n += k
		}
	}
	return n
}
