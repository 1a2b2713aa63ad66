package exchange

import (
	"context"
	"encoding/json"
	"reflect"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/statement"
)

// Targets returns the targets in force here and the area types of the
// units: the national defaults (data.DefaultTargets), under those the
// units above handed down (their targets statements about this unit, the
// nearer unit's last), under those set here (store.SetTarget,
// store.SetAreas); docs/submissions.md, "Targets".
func Targets(ctx context.Context, c *Config) (statement.HandedDown, error) {
	in, err := c.Store.Installation(ctx)
	if err != nil {
		return statement.HandedDown{}, err
	}
	me, err := units.ParseRef(in.Unit)
	if err != nil {
		return statement.HandedDown{}, err
	}
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return statement.HandedDown{}, err
	}
	out := statement.HandedDown{Targets: data.DefaultTargets(), Areas: map[string][]string{}}
	for _, h := range handedDown(c.Units, me, all) {
		out.Targets = data.OverlayTargets(out.Targets, h.Targets)
		for u, a := range h.Areas {
			out.Areas[u] = a
		}
	}
	own, err := c.Store.OwnTargets(ctx)
	if err != nil {
		return out, err
	}
	out.Targets = data.OverlayTargets(out.Targets, own)
	areas, err := c.Store.OwnAreas(ctx)
	for u, a := range areas {
		if len(a) == 0 {
			delete(out.Areas, u)
		} else {
			out.Areas[u] = a
		}
	}
	return out, err
}

// handedDown lists what the units above handed down to me, farthest
// first, from their targets statements in force.
func handedDown(reg *units.Registry, me units.Ref, all []store.Statement) []statement.HandedDown {
	var chain []units.Ref
	for u := reg.Parent(me); u != nil; u = reg.Parent(u.Ref) {
		chain = append([]units.Ref{u.Ref}, chain...)
	}
	force := store.InForce(all)
	var out []statement.HandedDown
	for _, above := range chain {
		for _, s := range force {
			if s.Kind == statement.Targets && s.Unit == me.String() && s.Issuer == above.String() {
				var h statement.HandedDown
				if json.Unmarshal([]byte(s.Body), &h) == nil {
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// handDown is what this installation hands down to unit: every target in
// force here, and the area types of the units inside unit.
func handDown(c *Config, t statement.HandedDown, unit units.Ref) statement.HandedDown {
	out := statement.HandedDown{Targets: t.Targets, Areas: map[string][]string{}}
	for u, a := range t.Areas {
		if ref, err := units.ParseRef(u); err == nil && c.Units.Within(ref, unit) {
			out.Areas[u] = a
		}
	}
	return out
}

// targetsStatement returns the targets statement this installation hands
// to unit, signing a new one when what it hands down changed since the
// last; nil when it sets or received nothing beyond the national defaults.
func targetsStatement(ctx context.Context, c *Config, id *keys.Identity, unit units.Ref, all []store.Statement) (*store.Statement, error) {
	t, err := Targets(ctx, c)
	if err != nil {
		return nil, err
	}
	h := handDown(c, t, unit)
	if reflect.DeepEqual(h.Targets, data.OverlayTargets(nil, data.DefaultTargets())) && len(h.Areas) == 0 {
		return nil, nil
	}
	for _, s := range store.InForce(all) {
		if s.Kind == statement.Targets && s.Issuer == id.Unit.String() && s.Unit == unit.String() {
			var last statement.HandedDown
			if json.Unmarshal([]byte(s.Body), &last) == nil && reflect.DeepEqual(normal(last), normal(h)) {
				return &s, nil
			}
		}
	}
	s := statement.Statement{Kind: statement.Targets, Unit: unit.String(), Period: data.YearPeriod(c.now().Year()).String(),
		Targets: h.Targets}
	if len(h.Areas) > 0 {
		s.Areas = h.Areas
	}
	st, err := sign(ctx, c, id, s, 0)
	return &st, err
}

func normal(h statement.HandedDown) statement.HandedDown {
	if h.Areas == nil {
		h.Areas = map[string][]string{}
	}
	return h
}
