package exchange

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
)

// Bounds on what a received row's versions may say (docs/SECURITY.md,
// "A hostile sender with a genuine key").
const (
	// MaxClockLead is how far a received Lamport time may run ahead of this
	// installation's clock. A clock moves by one for each local save (a
	// whole file import is one) and to the highest time received: a genuine
	// sender is ahead by the saves it made since its last bundle arrived,
	// thousands in years of work, never sixteen million.
	MaxClockLead = 1 << 24
	// MaxLamport is the highest Lamport time accepted at all, even by a
	// person's decision: 2^32 local saves below the format's ceiling
	// (2^53 − 1), so that no received value can ever make an export fail.
	MaxLamport = 1<<53 - 1 - 1<<32
	// MaxSupersedes is the longest list of versions a field may settle: a
	// person's resolution settles two (the winner and the loser it saw).
	MaxSupersedes = 8
)

// rowRules is what a receiver knows before it reads a bundle's rows, and
// what it learns while reading them, to judge each row on its own: the
// pure half of a merge ("decide, then apply", docs/ARCHITECTURE.md). It
// touches no store; the writer asks the store only for what a bundle
// cannot tell (a parent received earlier, an id held for another unit).
type rowRules struct {
	reg      *units.Registry
	origin   units.Ref
	maxClock int64                  // the highest Lamport time accepted
	own      string                 // this installation's site: never a sender's
	sites    map[string][]units.Ref // site → the units whose records may carry its versions, for this origin

	seen    map[rowKey]int32   // the rows of this bundle so far: kind and id → their unit (an index of units)
	units   []string           // the units of seen, each once
	unitAt  map[string]int32   // and their indexes
	allowed map[[2]string]bool // (site, unit) decided already
	inside  map[string]bool    // unit → whether it lies inside the origin, decided already
}

// rowKey is a row's kind and id, compactly: a bundle of 200,000 rows keeps
// 200,000 of them.
type rowKey [17]byte

func keyOf(kind store.Kind, id string) (rowKey, bool) {
	var k rowKey
	u, err := uuid.Parse(id)
	if err != nil {
		return k, false
	}
	k[0] = kindIndex[kind]
	copy(k[1:], u[:])
	return k, true
}

var kindIndex = func() map[store.Kind]byte {
	m := map[store.Kind]byte{}
	for n, k := range store.Kinds {
		m[k] = byte(n + 1)
	}
	return m
}()

func newRowRules(reg *units.Registry, origin units.Ref, clock int64, own string, sites map[string][]units.Ref) *rowRules {
	return &rowRules{reg: reg, origin: origin, maxClock: min(clock+MaxClockLead, MaxLamport), own: own, sites: sites,
		seen: map[rowKey]int32{}, unitAt: map[string]int32{}, allowed: map[[2]string]bool{}, inside: map[string]bool{}}
}

// rowCheck is the verdict on one row: an error, or the parents the store
// must still confirm (those this bundle does not carry).
type rowCheck struct {
	parents []store.Parent
}

// check judges a received row r, made from the payload row br of a table
// of schema sc. Rows must come parents first, as exports write them.
func (rr *rowRules) check(sc *store.Schema, br *bundle.Row, r *store.Row) (rowCheck, error) {
	if !rr.inScope(r.Unit) {
		return rowCheck{}, rowErr(ErrRowOutOfScope, r, "", fmt.Errorf("not inside %s", rr.origin))
	}
	if err := rr.versions(br, r); err != nil {
		return rowCheck{}, err
	}
	if err := sc.CheckRules(r.Vals); err != nil {
		return rowCheck{}, rowErr(ErrInvalidRow, r, "", err)
	}
	if err := store.CheckDerivedID(r); err != nil {
		return rowCheck{}, rowErr(ErrDerivedID, r, "", err)
	}
	key, _ := keyOf(r.Kind, r.ID) // the payload reader checked the id is a UUID
	if _, dup := rr.seen[key]; dup {
		return rowCheck{}, rowErr(ErrDuplicateRow, r, "", nil)
	}
	rr.seen[key] = rr.unitIndex(r.Unit)
	return rr.parent(r)
}

func (rr *rowRules) unitIndex(unit string) int32 {
	n, ok := rr.unitAt[unit]
	if !ok {
		n = int32(len(rr.units))
		rr.units = append(rr.units, unit)
		rr.unitAt[unit] = n
	}
	return n
}

// inScope reports whether unit lies inside the origin (a bundle's rows
// name a few units, each decided once).
func (rr *rowRules) inScope(unit string) bool {
	in, done := rr.inside[unit]
	if !done {
		ref, err := units.ParseRef(unit)
		in = err == nil && rr.reg.Within(ref, rr.origin)
		rr.inside[unit] = in
	}
	return in
}

// parent checks a row's parents (a yearly row's parent, a member link's
// citizen and record: store.ParentsOf) against the rows of this bundle;
// those it does not carry are left for the store.
func (rr *rowRules) parent(r *store.Row) (rowCheck, error) {
	var c rowCheck
	for _, p := range store.ParentsOf(r) {
		found := false
		for _, kind := range p.Kinds {
			key, ok := keyOf(kind, p.ID)
			if !ok {
				return rowCheck{}, rowErr(ErrNoParent, r, "", fmt.Errorf("%s id %q", kind, p.ID))
			}
			n, here := rr.seen[key]
			if !here {
				continue
			}
			if rr.units[n] != r.Unit {
				return rowCheck{}, rowErr(ErrNoParent, r, "", fmt.Errorf("%s %s is of %s", kind, p.ID, rr.units[n]))
			}
			found = true
			break
		}
		if !found {
			c.parents = append(c.parents, p)
		}
	}
	return c, nil
}

// versions checks every version the row carries: known columns, Lamport
// times within the clock's bound, bases and settled versions older than
// the version they belong to, and only sites the sender announced for
// the row's unit.
func (rr *rowRules) versions(br *bundle.Row, r *store.Row) error {
	if err := rr.fieldVersion(r, "", bundle.FieldVersion{Ver: br.Ver, Base: br.Base}); err != nil {
		return err
	}
	sc := store.SchemaOf(r.Kind)
	for col, fv := range br.Overrides {
		if sc.Index(col) < 0 {
			return rowErr(ErrBadVersion, r, col, errors.New("no such column"))
		}
		if err := rr.fieldVersion(r, col, fv); err != nil {
			return err
		}
	}
	return nil
}

func (rr *rowRules) fieldVersion(r *store.Row, col string, fv bundle.FieldVersion) error {
	if fv.Ver.L > rr.maxClock {
		return rowErr(ErrClockAhead, r, col, fmt.Errorf("lamport %d, at most %d here", fv.Ver.L, rr.maxClock))
	}
	if len(fv.Sup) > MaxSupersedes {
		return rowErr(ErrBadVersion, r, col, fmt.Errorf("settles %d versions, at most %d", len(fv.Sup), MaxSupersedes))
	}
	if err := rr.site(r, col, fv.Ver); err != nil {
		return err
	}
	if !fv.Base.IsZero() {
		if err := rr.older(r, col, fv.Base, fv.Ver); err != nil {
			return err
		}
	}
	for _, v := range fv.Sup {
		if err := rr.older(r, col, v, fv.Ver); err != nil {
			return err
		}
	}
	return nil
}

// older checks a base or settled version v of the field version of ver:
// strictly older than it, and of an announced site.
func (rr *rowRules) older(r *store.Row, col string, v, ver bundle.Version) error {
	if v.L >= ver.L {
		return rowErr(ErrBadVersion, r, col, fmt.Errorf("%d@%s is not older than %d@%s", v.L, v.S, ver.L, ver.S))
	}
	return rr.site(r, col, v)
}

// site checks that v is of a site announced for the row's unit.
func (rr *rowRules) site(r *store.Row, col string, v bundle.Version) error {
	if !rr.siteAllowed(v.S, r.Unit) {
		return rowErr(ErrForeignSite, r, col, fmt.Errorf("site %s in a record of %s", v.S, r.Unit))
	}
	return nil
}

// siteAllowed reports whether versions of site may appear in the records
// of unit: the site was announced, by this origin (or before claims were
// kept), for unit or a unit that holds it. This installation's own site
// never may: nothing from below carries what it wrote itself.
func (rr *rowRules) siteAllowed(site, unit string) bool {
	key := [2]string{site, unit}
	if ok, done := rr.allowed[key]; done {
		return ok
	}
	ok := false
	if ref, err := units.ParseRef(unit); err == nil && site != rr.own {
		for _, u := range rr.sites[site] {
			ok = ok || ref == u || rr.reg.Within(ref, u)
		}
	}
	rr.allowed[key] = ok
	return ok
}

// RowError names the row of a bundle that was refused, and why.
type RowError struct {
	Kind   store.Kind
	ID     string
	Unit   string
	Col    string // the column whose version is at fault, if one is
	Reason error  // one of the exchange's sentinels
	Detail error  // what was wrong (data.Errors for a value), or nil
}

func rowErr(reason error, r *store.Row, col string, detail error) *RowError {
	return &RowError{Kind: r.Kind, ID: r.ID, Unit: r.Unit, Col: col, Reason: reason, Detail: detail}
}

func (e *RowError) Error() string {
	at := fmt.Sprintf("%s %s of %s", e.Kind, e.ID, e.Unit)
	if e.Col != "" {
		at += ", column " + e.Col
	}
	if e.Detail == nil {
		return fmt.Sprintf("%v: %s", e.Reason, at)
	}
	return fmt.Sprintf("%v: %s: %v", e.Reason, at, e.Detail)
}

// Unwrap gives errors.Is the reason and the detail (a data sentinel).
func (e *RowError) Unwrap() []error {
	if e.Detail == nil {
		return []error{e.Reason}
	}
	return []error{e.Reason, e.Detail}
}
