package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

func cmdBundleStatus(e *env, fs *flag.FlagSet, _ []string) error {
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	days := num(fs, "overdue-days")
	rep, err := exchange.UnitsStatus(e.ctx, c, exchange.StatusOptions{
		Overdue: time.Duration(days) * 24 * time.Hour, All: boolean(fs, "all")})
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(rep)
	}
	for _, u := range rep.Units {
		if !u.Enrolled && u.Bundles == 0 {
			continue
		}
		line := fmt.Sprintf("%-6s %-32s #%-4d %-20s", u.Unit, u.Name, u.LastSeq, u.LastImport)
		if len(u.Gaps) > 0 {
			line += fmt.Sprintf(" %s %v", e.t("missing"), u.Gaps)
		}
		if u.Quarantined > 0 {
			line += fmt.Sprintf(" %s %d", e.t("held"), u.Quarantined)
		}
		if u.Conflicts > 0 {
			line += fmt.Sprintf(" %s %d", e.t("conflicts"), u.Conflicts)
		}
		if u.Overdue {
			line += " " + e.t("OVERDUE")
		}
		fmt.Fprintln(e.out, line)
	}
	enrolled := 0
	for _, u := range rep.Units {
		if u.Enrolled {
			enrolled++
		}
	}
	e.say("%d units below, %d enrolled", len(rep.Units), enrolled)
	for _, p := range rep.Periods {
		e.say("%s: %d of %d submitted (%.1f%%), on time %d, late %d, missing %d, not yet due %d", capital(p.Label),
			p.Submitted, p.Expected, p.Completeness, p.OnTime, p.Late, p.Missing, p.Pending)
		for _, u := range p.Units {
			fmt.Fprintf(e.out, "  %-6s %-32s %s\n", u.Unit, u.Name, e.periodState(u))
		}
	}
	return nil
}

func cmdApprove(e *env, fs *flag.FlagSet, args []string) error {
	code := str(fs, "unit")
	p, err := periodFlag(fs)
	if err != nil || code == "" || len(args) > 0 {
		return usageErr("--unit CODE --year Y|--period P: %v", err)
	}
	c, area, in, err := e.exchangeArea()
	if err != nil {
		return err
	}
	ref := units.Ref{List: area.List, Code: code}
	undo := boolean(fs, "undo")
	st, err := exchange.Approve(e.ctx, c, ref, p, undo, in.Operator)
	if errors.Is(err, exchange.ErrNotBelow) {
		return usageErr("--unit %s: %s", code, e.t("not a unit below this one"))
	}
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"unit": code, "period": p.String(), "year": p.Year(), "approved": !undo,
			"statement": st.Hash, "n": st.N})
	}
	e.say("Done")
	return nil
}
