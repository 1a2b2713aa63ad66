package main

import (
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
	return nil
}

func cmdApprove(e *env, fs *flag.FlagSet, args []string) error {
	year, code := num(fs, "year"), str(fs, "unit")
	if year == 0 || code == "" {
		return usageErr("--unit CODE --year Y")
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	area, _ := units.ParseRef(in.Unit)
	ref := units.Ref{List: area.List, Code: code}
	if !units.Default().Within(ref, area) || ref == area {
		return usageErr("--unit %s: %s", code, e.t("not a unit below this one"))
	}
	if boolean(fs, "undo") {
		err = e.st.Unapprove(e.ctx, ref.String(), year)
	} else {
		err = e.st.Approve(e.ctx, ref.String(), year, in.Operator)
	}
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"unit": code, "year": year, "approved": !boolean(fs, "undo")})
	}
	e.say("Done")
	return nil
}
