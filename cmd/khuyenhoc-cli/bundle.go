package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// exchangeConfig wires the exchange to the open database: the outbox and
// the quarantine live next to it.
func (e *env) exchangeConfig() (*exchange.Config, error) {
	st, err := e.open()
	if err != nil {
		return nil, err
	}
	if _, err := st.Installation(e.ctx); err != nil {
		return nil, err
	}
	return e.folders().Config(st, units.Default()), nil
}

// folders are the outbox, held and inbox folders next to the database.
func (e *env) folders() exchange.Folders { return exchange.FoldersIn(filepath.Dir(e.dbPath)) }

func cmdBundleExport(e *env, fs *flag.FlagSet, _ []string) error {
	dir := str(fs, "out")
	if dir == "" {
		return usageErr("--out DIR")
	}
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	var ws []exchange.Written
	if from := num(fs, "from-seq"); from > 0 {
		ws, err = exchange.Resend(e.ctx, c, dir, int64(from))
	} else {
		ws, err = exchange.Export(e.ctx, c, dir)
	}
	if errors.Is(err, exchange.ErrNothing) {
		if e.json {
			return e.emit(map[string]any{"written": []any{}, "nothing": true})
		}
		e.say("Nothing to export: no record changed since the last bundle")
		return nil
	}
	out := []map[string]any{}
	for _, w := range ws {
		e.event("bundle export", nil, "file", filepath.Base(w.Path), "seq", w.Seq, "rows", w.Rows, "resent", w.Resent)
		fmt.Fprintln(e.out, w.Path)
		out = append(out, map[string]any{"path": w.Path, "seq": w.Seq, "rows": w.Rows, "resent": w.Resent})
	}
	if err != nil {
		e.event("bundle export", err)
		return err
	}
	if e.json {
		return e.emit(map[string]any{"written": out})
	}
	e.say("%d bundle(s) written", len(ws))
	return nil
}

func cmdBundleImport(e *env, fs *flag.FlagSet, args []string) error {
	return e.bundleBatch(args, func(c *exchange.Config) ([]exchange.Outcome, error) {
		return exchange.Import(e.ctx, c, args, nil)
	})
}

func cmdBundleVerify(e *env, fs *flag.FlagSet, args []string) error {
	return e.bundleBatch(args, func(c *exchange.Config) ([]exchange.Outcome, error) {
		return exchange.Verify(e.ctx, c, args)
	})
}

// cmdBundleRetry imports the held bundles again; with --accept HASH, a
// person accepts one held bundle after review (the operator, for the
// record) and it is imported again past the checks a person may overrule.
func cmdBundleRetry(e *env, fs *flag.FlagSet, _ []string) error {
	hash := str(fs, "accept")
	return e.bundleBatch([]string{"-"}, func(c *exchange.Config) ([]exchange.Outcome, error) {
		if hash == "" {
			return exchange.RetryHeld(e.ctx, c)
		}
		in, err := c.Store.Installation(e.ctx)
		if err != nil {
			return nil, err
		}
		by := in.Operator
		if by == "" {
			by = e.t("operator")
		}
		o, err := exchange.Accept(e.ctx, c, hash, by)
		if err != nil {
			return nil, err
		}
		return []exchange.Outcome{o}, nil
	})
}

// cmdBundleBudget shows the size budget of bundles from below, and sets
// what the flags give.
func cmdBundleBudget(e *env, fs *flag.FlagSet, _ []string) error {
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	set := exchange.Budget{BundleRows: int64(num(fs, "bundle-rows")), BundlePlain: int64(num(fs, "bundle-mib")) << 20,
		PeriodRows: int64(num(fs, "period-rows")), PeriodPlain: int64(num(fs, "period-mib")) << 20,
		PeriodDays: num(fs, "period-days")}
	b, err := exchange.SetBudget(e.ctx, c.Store, set)
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(b)
	}
	e.say("One bundle: at most %d rows and %d MiB decompressed", b.BundleRows, b.BundlePlain>>20)
	e.say("One sender in %d days: at most %d rows and %d MiB for each commune it covers", b.PeriodDays, b.PeriodRows, b.PeriodPlain>>20)
	return nil
}

// bundleBatch runs an import or a verification and reports each file;
// exit 1 when any was not accepted.
func (e *env) bundleBatch(args []string, run func(*exchange.Config) ([]exchange.Outcome, error)) error {
	if len(args) == 0 {
		return usageErr("FILE|DIR...")
	}
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	outs, err := run(c)
	stopped := err != nil && e.ctx.Err() != nil
	if err != nil && !stopped {
		return usageFail(err)
	}
	bad := 0
	list := []map[string]any{}
	for _, o := range outs {
		if !o.OK() && o.Status != exchange.Verified {
			bad++
		}
		e.logOutcome(o)
		list = append(list, e.outcome(o))
	}
	if e.json {
		if err := e.emit(map[string]any{"bundles": list, "refused": bad, "stopped": stopped}); err != nil {
			return err
		}
	}
	if stopped {
		return usageFail(fmt.Errorf("%w: %w", msg.Said(e.t("stopped before the end; the bundle being read was left out whole")), err))
	}
	if bad > 0 {
		return refused("%d %s", bad, msg.T(e.lang, "bundle(s) refused"))
	}
	return nil
}

// outcome tells what became of one bundle and returns it for --json.
func (e *env) outcome(o exchange.Outcome) map[string]any {
	said := ""
	if o.Err != nil {
		said = e.explain(o.Err, "file", filepath.Base(o.File), "origin", o.Origin, "seq", o.Seq)
	}
	e.sayOutcome(o, said)
	m := map[string]any{"file": o.File, "status": string(o.Status), "origin": o.Origin, "seq": o.Seq,
		"bundle_id": o.BundleID, "inserted": o.Stats.Inserted, "updated": o.Stats.Updated,
		"unchanged": o.Stats.Unchanged, "conflicts": o.Stats.Conflicts, "gaps": o.Gaps,
		"purged": o.Stats.Purged, "erased": o.Stats.Erased, "statements": o.Statements}
	if o.Gaps == nil {
		m["gaps"] = []store.SeqRange{}
	}
	if o.Err != nil {
		m["error"], m["message"] = o.Err.Error(), said
	}
	return m
}

// sayOutcome prints one outcome; said is the sentence of its error.
func (e *env) sayOutcome(o exchange.Outcome, said string) {
	name := filepath.Base(o.File)
	switch o.Status {
	case exchange.Imported:
		e.say("%s: imported (%d new, %d changed, %d conflicts)", name, o.Stats.Inserted, o.Stats.Updated, o.Stats.Conflicts)
		if o.Statements > 0 {
			e.say("%s: %d signed statement(s) of submission or approval", name, o.Statements)
		}
		e.sayPurges(o) // privacy.go
		if len(o.Gaps) > 0 {
			e.say("%s: bundles still missing from %s: %v", name, o.Origin, o.Gaps)
		}
	case exchange.Duplicate:
		e.say("%s: already imported, nothing to do", name)
	case exchange.Verified:
		e.say("%s: verified", name)
	case exchange.Quarantined:
		e.say("%s: held for review: %s", name, said)
	default:
		e.say("%s: refused: %s", name, said)
	}
}

// reasonText words why a bundle is held, from the reason code recorded
// when it was held (and logged then); a code of no one reason reads "held
// for review" (its detail is in --json).
func (e *env) reasonText(code string) string {
	if err := exchange.HeldReason(code); err != nil {
		return msg.Err(e.lang, err)
	}
	return e.t("held for review")
}

func cmdBundleHeld(e *env, _ *flag.FlagSet, _ []string) error {
	st, err := e.open()
	if err != nil {
		return err
	}
	qs, err := st.QuarantineList(e.ctx)
	if err != nil {
		return err
	}
	list := []map[string]any{}
	for _, q := range qs {
		list = append(list, map[string]any{"origin": q.Origin, "seq": q.Seq, "reason": q.Reason,
			"detail": q.Detail, "file": q.File, "received_at": q.ReceivedAt, "manifest_sha256": q.ManifestSHA256,
			"accepted_by": q.AcceptedBy})
		e.say("%s #%d: %s (%s)", q.Origin, q.Seq, q.Reason, q.File)
		fmt.Fprintf(e.errw, "  %s: %s\n", q.ManifestSHA256, e.reasonText(q.Reason))
	}
	if e.json {
		return e.emit(list)
	}
	return nil
}
