package exchange

import (
	"context"
	"sort"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// UnitStatus is what a district (or province) sees of one unit below it.
type UnitStatus struct {
	Unit         string           `json:"unit"`
	List         string           `json:"list"`
	Name         string           `json:"name"`
	Enrolled     bool             `json:"enrolled"`
	Fingerprints []string         `json:"fingerprints"`
	LastSeq      int64            `json:"last_seq"`     // the highest bundle number received
	LastImport   string           `json:"last_import"`  // when a bundle of it was last imported here
	LastCreated  string           `json:"last_created"` // when bundle LastSeq was made (the sender's clock)
	Bundles      int              `json:"bundles"`
	Gaps         []store.SeqRange `json:"gaps"` // runs of bundle numbers missing below the newest, per installation
	Quarantined  int              `json:"quarantined"`
	Conflicts    int              `json:"conflicts"`
	Records      map[string]int64 `json:"records"`
	Overdue      bool             `json:"overdue"` // enrolled, and nothing arrived within the period
}

// StatusReport covers every unit directly below this installation's unit.
type StatusReport struct {
	Unit  string       `json:"unit"`
	Name  string       `json:"name"`
	Units []UnitStatus `json:"units"`
	// Periods: per period, every unit below (districts and their
	// communes): submitted, approved, accepted, timeliness and
	// completeness (docs/submissions.md).
	Periods []PeriodStatus `json:"periods"`
}

// StatusOptions choose what UnitsStatus covers.
type StatusOptions struct {
	Overdue time.Duration // no bundle imported for this long: overdue (this PC's clock, informational)
	All     bool          // every unit below (a province: districts and their communes), not only those directly below
}

// UnitsStatus reports, for each unit below, whether it is enrolled, its
// last bundle, the bundles missing, what is held or in conflict, its
// records (its own and those of the units inside it) and whether it is
// overdue.
func UnitsStatus(ctx context.Context, c *Config, opt StatusOptions) (StatusReport, error) {
	in, err := c.Store.Installation(ctx)
	if err != nil {
		return StatusReport{}, err
	}
	area, err := units.ParseRef(in.Unit)
	if err != nil {
		return StatusReport{}, err
	}
	g, err := gather(ctx, c.Store)
	if err != nil {
		return StatusReport{}, err
	}
	rep := StatusReport{Unit: area.Code, Name: in.Name, Units: []UnitStatus{}}
	listed := below(c.Units, area, opt.All)
	g.rollUp(c.Units, area, listed)
	for _, u := range listed {
		rep.Units = append(rep.Units, g.unit(u, c.now(), opt.Overdue))
	}
	sort.SliceStable(rep.Units, func(i, j int) bool { return rep.Units[i].Unit < rep.Units[j].Unit })
	rep.Periods, err = Periods(ctx, c, area, false, c.now())
	return rep, err
}

// gathered holds every table the status reads, read once.
type gathered struct {
	keys      []store.PeerKey
	ledger    map[string][]store.InBundle
	held      map[string]int
	conflicts map[string]int
	records   map[string]map[store.Kind]int64
	// rolled-up figures per listed unit
	recordsIn   map[units.Ref]map[string]int64
	conflictsIn map[units.Ref]int
}

// below lists the units directly below area, or every unit below it.
func below(reg *units.Registry, area units.Ref, all bool) []*units.Unit {
	var out []*units.Unit
	for _, u := range reg.Children(area) {
		out = append(out, u)
		if all {
			out = append(out, below(reg, u.Ref, true)...)
		}
	}
	return out
}

// rollUp adds each unit's records and conflicts to every listed unit that
// holds it (a commune counts in itself and in its district).
func (g *gathered) rollUp(reg *units.Registry, area units.Ref, listed []*units.Unit) {
	want := map[units.Ref]bool{}
	for _, u := range listed {
		want[u.Ref] = true
	}
	g.recordsIn, g.conflictsIn = map[units.Ref]map[string]int64{}, map[units.Ref]int{}
	holders := func(unit string) []units.Ref {
		r, err := units.ParseRef(unit)
		if err != nil {
			return nil
		}
		var out []units.Ref
		for u, _ := reg.Get(r); u != nil && u.Ref != area; u = reg.Parent(u.Ref) {
			if want[u.Ref] {
				out = append(out, u.Ref)
			}
		}
		return out
	}
	for unit, kinds := range g.records {
		for _, h := range holders(unit) {
			if g.recordsIn[h] == nil {
				g.recordsIn[h] = map[string]int64{}
			}
			for k, n := range kinds {
				g.recordsIn[h][string(k)] += n
			}
		}
	}
	for unit, n := range g.conflicts {
		for _, h := range holders(unit) {
			g.conflictsIn[h] += n
		}
	}
}

func gather(ctx context.Context, st *store.Store) (*gathered, error) {
	g := &gathered{ledger: map[string][]store.InBundle{}, held: map[string]int{}}
	var err error
	if g.keys, err = st.PeerKeys(ctx, store.RoleBelow); err != nil {
		return nil, err
	}
	led, err := st.Ledger(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, b := range led {
		g.ledger[b.Origin] = append(g.ledger[b.Origin], b)
	}
	qs, err := st.QuarantineList(ctx)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		g.held[q.Origin]++
	}
	if g.conflicts, err = st.ConflictCounts(ctx); err != nil {
		return nil, err
	}
	g.records, err = st.RecordCounts(ctx)
	return g, err
}

func (g *gathered) unit(u *units.Unit, now time.Time, overdue time.Duration) UnitStatus {
	s := UnitStatus{Unit: u.Code, List: u.List, Name: u.FullName, Fingerprints: []string{},
		Gaps: []store.SeqRange{}, Records: map[string]int64{}}
	key := u.Ref.String()
	for _, k := range g.keys {
		if k.Unit == key && k.Status == store.Trusted {
			s.Enrolled = true
			s.Fingerprints = append(s.Fingerprints, k.Fingerprint)
		}
	}
	s.ledgerFacts(g.ledger[key])
	s.Quarantined = g.held[key]
	for k, n := range g.recordsIn[u.Ref] {
		s.Records[k] = n
	}
	s.Conflicts = g.conflictsIn[u.Ref]
	last, err := time.Parse("2006-01-02T15:04:05Z", s.LastImport)
	s.Overdue = s.Enrolled && (err != nil || now.Sub(last) > overdue)
	return s
}

// ledgerFacts reads the unit's newest bundle and its gaps from its ledger:
// the runs of numbers missing between the bundles of each installation,
// one range per run however long (a number far ahead costs nothing).
func (s *UnitStatus) ledgerFacts(rows []store.InBundle) {
	bySite := map[string][]int64{}
	for _, b := range rows {
		s.Bundles++
		bySite[b.Site] = append(bySite[b.Site], b.Seq)
		if b.Seq > s.LastSeq {
			s.LastSeq, s.LastCreated = b.Seq, b.Created
		}
		if b.ImportedAt > s.LastImport {
			s.LastImport = b.ImportedAt
		}
	}
	sites := make([]string, 0, len(bySite))
	for site := range bySite {
		sites = append(sites, site)
	}
	sort.Strings(sites)
	for _, site := range sites {
		s.Gaps = append(s.Gaps, gapsOf(bySite[site])...)
	}
}

// gapsOf returns the runs of numbers missing from 1 to the highest of seqs.
func gapsOf(seqs []int64) []store.SeqRange {
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	var out []store.SeqRange
	prev := int64(0)
	for _, n := range seqs {
		if n > prev+1 {
			out = append(out, store.SeqRange{From: prev + 1, To: n - 1})
		}
		prev = max(prev, n)
	}
	return out
}
