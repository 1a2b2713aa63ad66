package main

import (
	"flag"
	"fmt"
	"strconv"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

func cmdReport(e *env, fs *flag.FlagSet, _ []string) error {
	q, err := reportQuery(fs)
	if err != nil {
		return err
	}
	out := str(fs, "out")
	if out == "" {
		return usageErr("(--year Y | --period P) --out FILE.xlsx|FILE.pdf|FILE.csv|FILE.json")
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	area, err := units.ParseRef(in.Unit)
	if err != nil {
		return err
	}
	reg := units.Default()
	if c := str(fs, "unit"); c != "" {
		want := units.Ref{List: area.List, Code: c}
		if _, err := reg.Get(want); err != nil || !reg.Within(want, area) {
			return usageErr("--unit %s: %s", c, e.t("not this unit or a unit below it"))
		}
		area = want
	}
	r, err := report.BuildFor(e.ctx, e.st, reg, area, q, e.enrolled())
	if err != nil {
		return err
	}
	if err := e.withTargets(r); err != nil {
		return err
	}
	if err := report.AddConsentGaps(e.ctx, e.st, r, e.st.Today()); err != nil { // docs/privacy.md
		return err
	}
	u, _ := reg.Get(area)
	m := report.Meta{Place: u.Name, Date: today(), Operator: in.Operator, Number: str(fs, "number"),
		Chairman: str(fs, "chairman"), Parent: str(fs, "parent")}
	if m.Parent == "" {
		m.Parent = report.ParentBody(reg, area)
	}
	if err := report.Write(r, out, m); err != nil {
		return usageFail(err)
	}
	if e.json {
		return e.emit(r)
	}
	e.say("Report written to %s", out)
	return nil
}

// reportQuery reads what the report is for: --period (a half-year, a year
// or a span within a year) or --year (the whole year), with --compare the
// same period a year earlier beside it.
func reportQuery(fs *flag.FlagSet) (report.Query, error) {
	year, period := num(fs, "year"), str(fs, "period")
	q := report.Query{Compare: boolean(fs, "compare")}
	switch {
	case year != 0 && period != "":
		return q, usageErr("--year or --period, not both")
	case period != "":
		p, err := data.ParsePeriod(period)
		if err != nil {
			return q, usageFail(fmt.Errorf("--period %s: %w", period, err))
		}
		q.Period = p
	case year != 0:
		if _, err := data.ParseYear(strconv.Itoa(year)); err != nil {
			return q, usageFail(fmt.Errorf("--year %d: %w", year, err))
		}
		q.Period = data.YearPeriod(year)
	default:
		return q, usageErr("--year Y or --period 2026-H1|2026|2026-01-01..2026-08-18")
	}
	return q, nil
}

// enrolled lists the units below whose keys are trusted, so units that have
// not reported show on the report as zeros.
func (e *env) enrolled() []units.Ref {
	ks, _ := e.st.PeerKeys(e.ctx, store.RoleBelow)
	var out []units.Ref
	for _, k := range ks {
		if r, err := units.ParseRef(k.Unit); err == nil && k.Status == store.Trusted {
			out = append(out, r)
		}
	}
	return out
}

func cmdProfileSet(e *env, fs *flag.FlagSet, _ []string) error {
	p, err := data.ParseProfile(data.Input{"year": strconv.Itoa(num(fs, "year")), "adults": str(fs, "adults")})
	if err != nil || num(fs, "year") == 0 {
		return usageErr("--year Y --adults N")
	}
	year, adults := p.Year, p.Adults
	in, err := e.installation()
	if err != nil {
		return err
	}
	err = e.st.Edit(e.ctx, "cli", func(ed *store.Editor) error {
		_, err := ed.SaveProfile(&data.Profile{Unit: in.Unit, Year: year, Adults: adults})
		return err
	})
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"unit": in.Unit, "year": year, "adults": adults})
	}
	e.say("Adults in %d: %d", year, adults)
	return nil
}
