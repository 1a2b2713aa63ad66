package exchange

import (
	"context"
	"errors"
	"fmt"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// The checks an import makes of a verified bundle from an enrolled key
// before it reads a row (docs/SECURITY.md, "A hostile sender with a
// genuine key"): how far its number jumps, which installation sends it,
// what its sources claim, and its size against the budget.

// Bounds on bundle numbers and keys.
const (
	// MaxSeqJump is how far a bundle's number may pass the highest one
	// received from its installation (for the first one received: its
	// number itself). Ten thousand bundles is one a day for 27 years.
	MaxSeqJump = 10_000
	// RotationGrace is how many bundles after the one announcing its
	// successor a replaced key may still sign: the other parts of the
	// export that carried the announcement (an export splits every
	// DefaultMaxRows rows; 64 parts are 12.8 million rows).
	RotationGrace = 64
)

// reviewable lists the reasons a person may overrule by accepting a held
// bundle (AcceptHeld): what a genuine sender can do in rare cases — send a
// very large register, come back after years of lost sticks, move to a
// new PC without its database, run a clock far ahead. The others are
// faults of the bundle itself and stay refused.
var reviewable = []error{ErrOverBudget, ErrSeqJump, ErrSecondSite, ErrClockAhead}

// Reviewable reports whether a bundle held with err is one a person may
// accept after review (Accept): the reasons in reviewable.
func Reviewable(err error) bool {
	for _, r := range reviewable {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// review loads whether a person accepted this bundle after an earlier
// hold.
func (im *importer) review(ctx context.Context) (Status, error) {
	q, err := im.c.Store.Held(ctx, im.hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", nil
	case err != nil:
		return Rejected, err
	}
	im.acceptedBy = q.AcceptedBy
	return "", nil
}

// overruled reports whether a person accepted the bundle and err is one
// they may overrule.
func (im *importer) overruled(err error) bool {
	return im.acceptedBy != "" && Reviewable(err)
}

// guard holds the bundle for review with err unless a person accepted it.
func (im *importer) guard(err error) (Status, error) {
	if err == nil || im.overruled(err) {
		return "", nil
	}
	return Quarantined, err
}

// sequence refuses a number that jumps too far past its installation's
// last: gaps are kept as ranges, but a number far ahead of anything sent
// is a hostile or broken sender.
func (im *importer) sequence(ctx context.Context) (Status, error) {
	last, err := im.c.Store.LastSeq(ctx, im.o.Origin, im.o.Site)
	if err != nil {
		return Rejected, err
	}
	if im.m.Seq > last+MaxSeqJump {
		return im.guard(fmt.Errorf("%w: number %d after %d (at most %d ahead)", ErrSeqJump, im.m.Seq, last, MaxSeqJump))
	}
	return "", nil
}

// sites checks which installation sends the bundle, and what its sources
// claim, against what earlier bundles announced, and prepares the rules
// its rows are held to.
func (im *importer) sites(ctx context.Context) (Status, error) {
	claims, err := im.c.Store.SiteClaims(ctx)
	if err != nil {
		return Rejected, err
	}
	clock, err := im.c.Store.Clock(ctx)
	if err != nil {
		return Rejected, err
	}
	origin, site := im.m.Origin.Ref, im.m.Origin.Site
	if err := im.checkSources(); err != nil {
		return Quarantined, err
	}
	if err := senderSite(claims, origin.String(), site, im.me.id.Site); err != nil {
		if st, err := im.guard(err); st != "" {
			return st, err
		}
	}
	if im.overruled(ErrClockAhead) {
		clock = MaxLamport
	}
	im.rules = newRowRules(im.c.Units, origin, clock, im.me.id.Site, im.allowedSites(claims))
	return "", nil
}

// senderSite decides whether site may send for origin: not this
// installation's own site, not an installation known as another unit's,
// and, when the unit already sends from one, not a second one (a key
// restored on another PC, a cloned installation: the alarm of
// equivocation).
func senderSite(claims []store.SiteClaim, origin, site, own string) error {
	if site == own {
		return fmt.Errorf("%w: %s is this installation", ErrSiteTaken, site)
	}
	var mine []string
	for _, c := range claims {
		if c.Origin == store.AnyOrigin {
			continue // seen in records: a district's site is in its communes' records
		}
		if c.Site == site && c.Unit != origin {
			return fmt.Errorf("%w: %s is the installation of %s", ErrSiteTaken, site, c.Unit)
		}
		if c.Origin == c.Unit && c.Unit == origin {
			mine = append(mine, c.Site)
		}
	}
	for _, s := range mine {
		if s == site {
			return nil
		}
	}
	if len(mine) > 0 {
		return fmt.Errorf("%w: %s sends for %s, which sent from %v", ErrSecondSite, site, origin, mine)
	}
	return nil
}

// checkSources refuses a consolidation that names bundles of units outside
// its sender's area, or of this installation.
func (im *importer) checkSources() error {
	origin := im.m.Origin.Ref
	for _, s := range im.m.Sources {
		if s.Origin.Ref == origin || !im.c.Units.Within(s.Origin.Ref, origin) || s.Origin.Site == im.me.id.Site {
			return fmt.Errorf("%w: %s number %d", ErrBadSources, s.Origin.Ref, s.Seq)
		}
	}
	return nil
}

// allowedSites maps each site to the units whose records this bundle's
// rows may carry its versions in: the claims of this origin and those
// found in the records held before claims were kept, this bundle's own
// site for its origin, and its sources' sites for their units.
func (im *importer) allowedSites(claims []store.SiteClaim) map[string][]units.Ref {
	out := map[string][]units.Ref{}
	add := func(site, unit string) {
		if ref, err := units.ParseRef(unit); err == nil {
			out[site] = append(out[site], ref)
		}
	}
	for _, c := range claims {
		if c.Origin == im.o.Origin || c.Origin == store.AnyOrigin {
			add(c.Site, c.Unit)
		}
	}
	for _, c := range im.newClaims() {
		add(c.Site, c.Unit)
	}
	return out
}

// newClaims are the claims this bundle makes: its own site for its origin,
// and each source's site for the source's unit.
func (im *importer) newClaims() []store.SiteClaim {
	out := []store.SiteClaim{{Site: im.m.Origin.Site, Unit: im.o.Origin, Origin: im.o.Origin, FirstSeq: im.m.Seq,
		AcceptedBy: im.acceptedBy}}
	for _, s := range im.m.Sources {
		out = append(out, store.SiteClaim{Site: s.Origin.Site, Unit: s.Origin.Ref.String(), Origin: im.o.Origin,
			FirstSeq: im.m.Seq})
	}
	return out
}

// budget holds a bundle larger than the budget allows, alone or with what
// its origin sent in the period.
func (im *importer) budget(ctx context.Context) (Status, error) {
	b, err := im.c.budget(ctx)
	if err != nil {
		return Rejected, err
	}
	im.maxPlain = b.BundlePlain
	used, err := im.c.Store.LedgerUsage(ctx, im.o.Origin, im.c.now().Add(-b.period()))
	if err != nil {
		return Rejected, err
	}
	rows, plain := total(im.m.Counts), im.m.Payload.PlainSize
	if im.overruled(ErrOverBudget) {
		im.maxPlain = plain
	}
	return im.guard(checkBudget(b, rows, plain, used, communesCovered(im.c.Units, im.m.Origin.Ref)))
}
