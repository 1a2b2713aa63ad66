package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

func init() { commands = append(commands, submitCommands...) }

// submitCommands are the verbs of consolidation (docs/submissions.md):
// submitting a period, notices of approval, deadlines, and the view of
// one's own periods.
var submitCommands = []command{
	{words: []string{"submit"}, args: "--period P|--year Y", run: cmdSubmit,
		flags: func(fs *flag.FlagSet) {
			fs.String("period", "", "")
			fs.Int("year", 0, "")
		}},
	{words: []string{"approvals", "write"}, args: "--for UNIT --out DIR", run: cmdApprovalsWrite,
		flags: func(fs *flag.FlagSet) {
			fs.String("for", "", "")
			fs.String("out", "", "")
		}},
	{words: []string{"approvals", "import"}, args: "FILE.khn...", run: cmdApprovalsImport},
	{words: []string{"deadline", "set"}, args: "--period P --due DATE [--level commune|district]", run: cmdDeadlineSet,
		flags: func(fs *flag.FlagSet) {
			fs.String("period", "", "")
			fs.String("due", "", "")
			fs.String("level", "", "")
		}},
	{words: []string{"periods"}, run: cmdPeriods},
	{words: []string{"targets", "set"}, args: "--indicator citizen|family|clan|community|unit --year Y --percent N [--area mien_nui|dbkk|dtts] [--source TEXT]",
		run: cmdTargetsSet, flags: func(fs *flag.FlagSet) {
			fs.String("indicator", "", "")
			fs.Int("year", 0, "")
			fs.Int("percent", -1, "")
			fs.String("area", "", "")
			fs.String("source", "", "")
		}},
	{words: []string{"targets", "list"}, run: cmdTargetsList},
	{words: []string{"areas", "set"}, args: "--unit CODE [--types mien_nui,dbkk,dtts]", run: cmdAreasSet,
		flags: func(fs *flag.FlagSet) {
			fs.String("unit", "", "")
			fs.String("types", "", "")
		}},
}

// exchangeArea is the exchange's configuration, this installation's unit
// and its record.
func (e *env) exchangeArea() (*exchange.Config, units.Ref, store.Installation, error) {
	c, err := e.exchangeConfig()
	if err != nil {
		return nil, units.Ref{}, store.Installation{}, err
	}
	in, err := e.installation()
	if err != nil {
		return nil, units.Ref{}, store.Installation{}, err
	}
	area, err := units.ParseRef(in.Unit)
	return c, area, in, err
}

// periodFlag reads --period, or --year when given.
func periodFlag(fs *flag.FlagSet) (data.Period, error) {
	if f := fs.Lookup("year"); f != nil && num(fs, "year") != 0 {
		return data.ParsePeriod(strconv.Itoa(num(fs, "year")))
	}
	return data.ParsePeriod(str(fs, "period"))
}

func cmdSubmit(e *env, fs *flag.FlagSet, args []string) error {
	p, err := periodFlag(fs)
	if err != nil || len(args) > 0 {
		return usageErr("--period P (2026, 2026-H1, 2026-01-01..2026-08-18): %v", err)
	}
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	st, err := exchange.Submit(e.ctx, c, p)
	if errors.Is(err, exchange.ErrPeriodApproved) {
		return rejected(err)
	}
	if err != nil {
		return err
	}
	if e.json {
		t, _ := exchange.SubmittedTotals(st)
		return e.emit(map[string]any{"period": st.Period, "rests_on": st.RestsOn, "statement": st.Hash, "n": st.N,
			"totals": t})
	}
	e.say("Submitted %s: the totals rest on bundles up to number %d; they go up with the next bundle export", p.Label(), st.RestsOn)
	return nil
}

func cmdApprovalsWrite(e *env, fs *flag.FlagSet, args []string) error {
	code, dir := str(fs, "for"), str(fs, "out")
	if code == "" || dir == "" || len(args) > 0 {
		return usageErr("--for UNIT --out DIR")
	}
	c, area, _, err := e.exchangeArea()
	if err != nil {
		return err
	}
	ref := units.Ref{List: area.List, Code: strings.TrimPrefix(code, area.List+":")}
	path, n, err := exchange.WriteNotice(e.ctx, c, ref, dir)
	if err != nil {
		return rejected(err)
	}
	if e.json {
		return e.emit(map[string]any{"file": path, "for": ref.String(), "statements": n})
	}
	fmt.Fprintln(e.out, path)
	e.say("Notice of approvals for %s written to %s (%d statement(s))", ref, path, n)
	return nil
}

func cmdApprovalsImport(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) == 0 {
		return usageErr("FILE.khn...")
	}
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	var reps []map[string]any
	for _, f := range args {
		b, err := readCapped(f, exchange.MaxNoticeBytes)
		if err == nil {
			var rep exchange.NoticeReport
			rep, err = exchange.ImportNotice(e.ctx, c, b)
			reps = append(reps, map[string]any{"file": f, "statements": rep.Statements, "new": rep.New})
			if err == nil && !e.json {
				e.say("%s: %d statement(s), %d new", f, rep.Statements, rep.New)
			}
		}
		if err != nil {
			if e.json {
				e.emit(map[string]any{"file": f, "error": err.Error(), "message": e.explain(err, "file", f)})
				e.sent = true
			}
			return rejected(err)
		}
	}
	if e.json {
		return e.emit(reps)
	}
	return e.sayPeriods()
}

func readCapped(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, exchange.ErrNotRegular
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%w: %s", exchange.ErrStatementMalformed, path)
	}
	return os.ReadFile(path)
}

func cmdDeadlineSet(e *env, fs *flag.FlagSet, args []string) error {
	p, err := periodFlag(fs)
	due, derr := data.ParseDate(str(fs, "due"))
	level := str(fs, "level")
	if err != nil || derr != nil || len(args) > 0 || (level != "" && level != units.Commune && level != units.District) {
		return usageErr("--period P --due DATE [--level commune|district]: %v", errors.Join(err, derr))
	}
	c, _, in, err := e.exchangeArea()
	if err != nil {
		return err
	}
	if _, err := exchange.SetDeadline(e.ctx, c, store.Deadline{Period: p.String(), Level: level, Due: due.String(),
		SetBy: in.Operator}); err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"period": p.String(), "level": level, "due": due.String()})
	}
	e.say("Deadline for %s: %s", p.Label(), due.VN())
	return nil
}

func cmdPeriods(e *env, _ *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return usageErr("")
	}
	return e.sayPeriods()
}

// sayPeriods tells this unit what it submitted and what the units above
// approved: "Năm 2026: đã gửi ngày …; huyện đã phê duyệt ngày …".
func (e *env) sayPeriods() error {
	c, area, _, err := e.exchangeArea()
	if err != nil {
		return err
	}
	ps, err := exchange.Periods(e.ctx, c, area, true, c.Store.Now())
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(ps)
	}
	parent := units.Default().Parent(area)
	for _, p := range ps {
		fmt.Fprintln(e.out, e.periodLine(p.Label, p.Units[0], parent))
	}
	return nil
}

func (e *env) periodLine(label string, u exchange.PeriodUnit, parent *units.Unit) string {
	line := capital(label) + ": "
	var parts []string
	if u.Submitted {
		parts = append(parts, fmt.Sprintf(e.t("submitted on %s"), vnDay(u.SubmittedOn)))
	} else {
		parts = append(parts, e.t("not submitted"))
	}
	if u.Approved && parent != nil {
		parts = append(parts, fmt.Sprintf(e.t("%s approved on %s"), e.levelName(parent.Level), vnDay(u.ApprovedOn)))
	}
	if u.Accepted {
		parts = append(parts, fmt.Sprintf(e.t("%s accepted on %s"), e.levelName(units.Province), vnDay(u.AcceptedOn)))
	}
	return line + strings.Join(parts, "; ")
}

func vnDay(s string) string {
	d, err := data.ParseDate(s)
	if err != nil {
		return s
	}
	return d.VN()
}

// levelName names a level as the commune's line says it: "huyện", "tỉnh".
func (e *env) levelName(level string) string {
	switch level {
	case units.Province:
		return e.t("level province")
	case units.District:
		return e.t("level district")
	}
	return e.t("level commune")
}

// capital starts s with a capital letter: "Năm 2026".
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// sayNotices tells what a pull did with notices of approval: those handed
// to the hub for the units below, and the new ones from the unit above,
// after which this unit's periods are told again.
func (e *env) sayNotices(sent, received int) {
	if sent > 0 {
		e.say("Notices of approval handed to the hub for %d unit(s) below", sent)
	}
	if received > 0 {
		e.say("%d new notice(s) of approval from the unit above", received)
		e.sayPeriods()
	}
}

func cmdTargetsSet(e *env, fs *flag.FlagSet, args []string) error {
	_, _, in, err := e.exchangeArea()
	if err != nil {
		return err
	}
	t := data.Target{Indicator: str(fs, "indicator"), Year: num(fs, "year"), Area: str(fs, "area"),
		Percent: num(fs, "percent"), Source: text.Clean(str(fs, "source"))}
	if t.Source == "" {
		t.Source = in.Name
	}
	if err := t.Validate(); err != nil || len(args) > 0 {
		return usageErr("--indicator citizen|family|clan|community|unit --year Y --percent N [--area mien_nui|dbkk|dtts]: %v", err)
	}
	if err := e.st.SetTarget(e.ctx, t, in.Operator); err != nil {
		return err
	}
	if e.json {
		return e.emit(t)
	}
	e.say("Target set: %s; it goes down to the units below with the notices", e.targetText(t))
	return nil
}

// targetText words a target: "Công dân học tập 2030 (Miền núi): 50% — Tỉnh …".
func (e *env) targetText(x data.Target) string {
	area := ""
	if x.Area != "" {
		area = " (" + data.AreaTypes.Label(x.Area, e.lang) + ")"
	}
	return fmt.Sprintf("%s %d%s: %d%% — %s", data.TargetIndicators.Label(x.Indicator, e.lang), x.Year, area, x.Percent, x.Source)
}

func cmdTargetsList(e *env, _ *flag.FlagSet, _ []string) error {
	c, _, _, err := e.exchangeArea()
	if err != nil {
		return err
	}
	t, err := exchange.Targets(e.ctx, c)
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(t)
	}
	for _, x := range t.Targets {
		fmt.Fprintln(e.out, e.targetText(x))
	}
	for u, as := range t.Areas {
		fmt.Fprintf(e.out, "%s: %s\n", u, strings.Join(as, ", "))
	}
	return nil
}

func cmdAreasSet(e *env, fs *flag.FlagSet, args []string) error {
	_, area, in, err := e.exchangeArea()
	if err != nil {
		return err
	}
	ref := units.Ref{List: area.List, Code: str(fs, "unit")}
	if ref.Code == "" || len(args) > 0 || !units.Default().Within(ref, area) {
		return usageErr("--unit CODE [--types mien_nui,dbkk,dtts]: %s", e.t("not this unit or a unit below it"))
	}
	var types []string
	for _, t := range strings.Split(str(fs, "types"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			types = append(types, t)
		}
	}
	sort.Strings(types)
	if err := e.st.SetAreas(e.ctx, ref.String(), types, in.Operator); err != nil {
		return usageErr("--types %s: %v", str(fs, "types"), err)
	}
	if e.json {
		return e.emit(map[string]any{"unit": ref.String(), "areas": types})
	}
	e.say("Done")
	return nil
}

// withTargets sets the targets in force here on a report, with its totals
// by area type (docs/submissions.md, "Targets").
func (e *env) withTargets(r *report.Report) error {
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	t, err := exchange.Targets(e.ctx, c)
	if err != nil {
		return err
	}
	return report.WithTargets(e.ctx, e.st, units.Default(), r, t.Targets, t.Areas)
}

// periodState words one unit's period for bundle status: "đã gửi
// 01/12/2026, muộn · huyện đã phê duyệt".
func (e *env) periodState(u exchange.PeriodUnit) string {
	var parts []string
	switch u.Timeliness {
	case exchange.OnTime:
		parts = append(parts, fmt.Sprintf(e.t("submitted on %s, on time"), vnDay(u.SubmittedOn)))
	case exchange.Late:
		parts = append(parts, fmt.Sprintf(e.t("submitted on %s, late"), vnDay(u.SubmittedOn)))
	case exchange.Missing:
		parts = append(parts, e.t("not submitted"))
	default:
		parts = append(parts, e.t("not yet due"))
	}
	if u.Incomplete {
		parts = append(parts, e.t("bundles it rests on missing"))
	}
	if u.ChangedAfter {
		parts = append(parts, e.t("figures changed since"))
	}
	if u.Approved {
		parts = append(parts, e.t("approved"))
	}
	if u.Held > 0 {
		parts = append(parts, fmt.Sprintf(e.t("%d change(s) held after approval"), u.Held))
	}
	if u.Accepted {
		parts = append(parts, e.t("accepted"))
	}
	return strings.Join(parts, " · ")
}
