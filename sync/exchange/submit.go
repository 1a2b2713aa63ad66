package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/statement"
)

// Errors of submitting and approving here.
var (
	ErrNotBelow = errors.New("exchange: not a unit below this one")
)

// Submit records this unit's submission of period p ("đã hoàn thành, gửi
// lên"): every change not yet in a bundle is first sealed into one (in the
// outbox, delivered by the next export), so that the totals rest on the
// bundles made so far; then a statement of the totals and of the highest
// bundle number they rest on is signed and goes upward in the next
// bundle. ErrPeriodApproved when a unit above has approved the period (a
// notice received here says so): undo the approval there first.
func Submit(ctx context.Context, c *Config, p data.Period) (store.Statement, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return store.Statement{}, err
	}
	unit := id.Unit.String()
	if a, err := ApprovalOf(ctx, c, unit, p.String()); err != nil || a != nil {
		if a != nil {
			err = fmt.Errorf("%w: %s by %s", ErrPeriodApproved, p, a.Issuer)
		}
		return store.Statement{}, err
	}
	if _, err := Make(ctx, c); err != nil && !errors.Is(err, ErrNothing) {
		return store.Statement{}, err
	}
	last, err := c.Store.LastOut(ctx)
	if err != nil {
		return store.Statement{}, err
	}
	rep, err := report.BuildPeriod(ctx, c.Store, c.Units, id.Unit, p, nil)
	if err != nil {
		return store.Statement{}, err
	}
	totals := rep.Totals
	return sign(ctx, c, id, statement.Statement{Kind: statement.Submission, Unit: unit, Period: p.String(),
		RestsOn: last.Seq, Totals: &totals}, 0)
}

// Approve records this unit's approval of unit's period p (undo: its
// undoing), as a signed statement that goes upward in the next bundle and
// down to the unit in a notice (WriteNotice). Approving a whole year also
// locks it here: received changes to its records are held as conflicts
// (docs/exchange.md, "District and province").
func Approve(ctx context.Context, c *Config, unit units.Ref, p data.Period, undo bool, by string) (store.Statement, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return store.Statement{}, err
	}
	if unit == id.Unit || !c.Units.Within(unit, id.Unit) {
		return store.Statement{}, fmt.Errorf("%w: %s", ErrNotBelow, unit)
	}
	lock := 0
	if p.IsYear() {
		lock = p.Year()
	}
	s := statement.Statement{Kind: statement.Approval, Unit: unit.String(), Period: p.String(), Approved: !undo}
	if sub, err := submissionOf(ctx, c, unit.String(), p.String()); err != nil {
		return store.Statement{}, err
	} else if sub != nil {
		s.Approves = sub.N
	}
	return signBy(ctx, c, id, s, lock, by)
}

func sign(ctx context.Context, c *Config, id *keys.Identity, s statement.Statement, lock int) (store.Statement, error) {
	return signBy(ctx, c, id, s, lock, "")
}

// signBy numbers, signs and records a statement of this installation.
func signBy(ctx context.Context, c *Config, id *keys.Identity, s statement.Statement, lock int, by string) (store.Statement, error) {
	s.Issuer, s.KeyID, s.Site = id.Unit.String(), id.Public().KeyIDString(), id.Site
	n, err := c.Store.NextStatementN(ctx, s.Issuer)
	if err != nil {
		return store.Statement{}, err
	}
	now := c.now()
	s.N, s.Issued = n, statement.FormatTime(now)
	file, err := statement.Sign(id, s)
	if err != nil {
		return store.Statement{}, err
	}
	khkey, err := keys.MarshalPublic(id)
	if err != nil {
		return store.Statement{}, err
	}
	st := storedStatement(s, statement.Hash(file), file, khkey, now.UTC().Format("2006-01-02"), "")
	return st, c.Store.AddStatement(ctx, st, lock, by)
}

// ApprovalOf returns the approval in force of unit (or of a unit holding
// it) for period, held here, or nil. It reads the statements only: cheap
// enough for the app to ask before every save.
func ApprovalOf(ctx context.Context, c *Config, unit, period string) (*store.Statement, error) {
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return nil, err
	}
	ref, err := units.ParseRef(unit)
	if err != nil {
		return nil, err
	}
	for _, a := range store.InForce(all) {
		r, err := units.ParseRef(a.Unit)
		if a.Kind == statement.Approval && a.Approved && a.Period == period && err == nil && c.Units.Within(ref, r) {
			return &a, nil
		}
	}
	return nil, nil
}

// submissionOf returns the submission in force of unit for period, held
// here, or nil.
func submissionOf(ctx context.Context, c *Config, unit, period string) (*store.Statement, error) {
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range store.InForce(all) {
		if s.Kind == statement.Submission && s.Unit == unit && s.Period == period {
			return &s, nil
		}
	}
	return nil, nil
}

// SubmittedTotals reads a stored submission's totals.
func SubmittedTotals(st store.Statement) (*data.Totals, error) {
	t := data.NewTotals()
	if st.Body == "" {
		return nil, fmt.Errorf("%w: no totals", ErrStatementMalformed)
	}
	return t, json.Unmarshal([]byte(st.Body), t)
}
