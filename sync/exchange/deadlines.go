package exchange

import (
	"context"
	"encoding/json"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/statement"
)

// SetDeadline sets the day by which the units below (of d.Level, or all)
// report d.Period, and signs this installation's deadlines of the period
// as a statement that goes upward in the next bundle
// (docs/submissions.md, "Deadlines"): the levels above then judge the
// timeliness of the units below by the deadline their own parent set.
func SetDeadline(ctx context.Context, c *Config, d store.Deadline) (store.Statement, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return store.Statement{}, err
	}
	if err := c.Store.SetDeadline(ctx, d); err != nil {
		return store.Statement{}, err
	}
	dls, err := c.Store.Deadlines(ctx)
	if err != nil {
		return store.Statement{}, err
	}
	due := map[string]string{}
	for _, x := range dls {
		if x.Period == d.Period {
			due[x.Level] = x.Due
		}
	}
	return signBy(ctx, c, id, statement.Statement{Kind: statement.Deadlines, Unit: id.Unit.String(), Period: d.Period,
		Due: due}, 0, d.SetBy)
}

// deadlineFor is the day unit u reports period by: a deadline set here
// for u's level; else the one u's parent set for u's level or for every
// level (its deadlines statement in force, received from below or made
// here); else one set here for every level. "" when none applies.
func deadlineFor(reg *units.Registry, u *units.Unit, period string, force []store.Statement, dls []store.Deadline) string {
	all := ""
	for _, d := range dls {
		switch {
		case d.Period != period:
		case d.Level == u.Level:
			return d.Due
		case d.Level == "":
			all = d.Due
		}
	}
	if parent := reg.Parent(u.Ref); parent != nil {
		for _, s := range force {
			if s.Kind != statement.Deadlines || s.Issuer != parent.Ref.String() || s.Period != period {
				continue
			}
			due, _ := deadlinesBody(s)
			if d := due[u.Level]; d != "" {
				return d
			}
			if d := due[""]; d != "" {
				return d
			}
		}
	}
	return all
}

// deadlinesBody is what a stored deadlines statement sets (storedStatement).
func deadlinesBody(st store.Statement) (map[string]string, error) {
	due := map[string]string{}
	return due, json.Unmarshal([]byte(st.Body), &due)
}
