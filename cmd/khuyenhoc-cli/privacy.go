package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/subject"
	"sokhuyenhoc/sync/exchange"
)

// The commands of personal data (docs/privacy.md): consent decisions, a
// person's data on request, purging, the log of requests, retention.

// ids is a repeatable --id flag.
type ids []string

func (v *ids) String() string     { return strings.Join(*v, ",") }
func (v *ids) Set(s string) error { *v = append(*v, strings.TrimSpace(s)); return nil }
func (v *ids) Get() any           { return []string(*v) }

func idsFlag(fs *flag.FlagSet) []string { return fs.Lookup("id").Value.(flag.Getter).Get().([]string) }

// personKind finds whether id is a citizen or an award.
func (e *env) personKind(id string) (store.Kind, error) {
	for _, k := range []store.Kind{store.Citizen, store.Award, store.Family} {
		if r, err := e.st.Get(e.ctx, k, id); err == nil {
			if r.Purged() {
				return k, store.ErrPurged
			}
			return k, nil
		}
	}
	return "", rejected(fmt.Errorf("%w: %s", store.ErrNotFound, id))
}

// dayFlag reads a dd/mm/yyyy flag ("" for today).
func (e *env) dayFlag(fs *flag.FlagSet, name string) (data.Date, error) {
	v := str(fs, name)
	if v == "" {
		return e.st.Today(), nil
	}
	d, err := data.ParseDate(v)
	if err != nil {
		return d, usageErr("--%s: %v", name, err)
	}
	return d, nil
}

func cmdConsentAdd(e *env, fs *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	id := str(fs, "id")
	kind, err := e.personKind(id)
	if err != nil {
		return err
	}
	in := data.Input{"given_by": map[string]string{"guardian": data.Guardian, "child": data.Child, "self": data.Self}[str(fs, "by")],
		"by_name": str(fs, "name"), "given_on": str(fs, "on"), "keep": str(fs, "keep"), "upward": str(fs, "upward"),
		"publish": str(fs, "publish"), "note": str(fs, "note")}
	if in["given_on"] == "" {
		in["given_on"] = e.st.Today().VN()
	}
	c, err := data.ParseConsent(in)
	if err != nil {
		return rejected(err)
	}
	c.Subject, c.SubjectKind = id, string(kind)
	if err := e.st.Edit(e.ctx, "consent", func(ed *store.Editor) error { _, err := ed.SaveConsent(&c); return err }); err != nil {
		return rejected(err)
	}
	return e.showConsents(kind, id)
}

func cmdConsentWithdraw(e *env, fs *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	r, err := e.st.Get(e.ctx, store.Consent, str(fs, "consent"))
	if err != nil || r.Deleted() {
		return rejected(fmt.Errorf("%w: consent %s", store.ErrNotFound, str(fs, "consent")))
	}
	c := store.ConsentOf(r)
	if c.WithdrawnOn, err = e.dayFlag(fs, "on"); err != nil {
		return err
	}
	if err := e.st.Edit(e.ctx, "consent", func(ed *store.Editor) error { _, err := ed.SaveConsent(&c); return err }); err != nil {
		return rejected(err)
	}
	return e.showConsents(store.Kind(c.SubjectKind), c.Subject)
}

func cmdConsentList(e *env, fs *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	kind, err := e.personKind(str(fs, "id"))
	if err != nil {
		return err
	}
	return e.showConsents(kind, str(fs, "id"))
}

// showConsents prints a record's consent history and its decisions today.
func (e *env) showConsents(kind store.Kind, id string) error {
	cs, err := e.st.Consents(e.ctx, id)
	if err != nil {
		return err
	}
	r, err := e.st.Get(e.ctx, kind, id)
	if err != nil {
		return err
	}
	dk := data.KindNamed(string(kind))
	pol, err := e.st.ConsentPolicy(e.ctx)
	if err != nil {
		return err
	}
	book := data.NewConsentBook(cs, pol, e.st.Today())
	decisions := map[string]string{}
	for _, p := range data.Purposes {
		decisions[string(p)] = book.Decide(dk, id, data.SubjectOf(dk, r.Vals), p).String()
	}
	if e.json {
		hist := []map[string]any{}
		for _, c := range cs {
			hist = append(hist, map[string]any{"id": c.ID, "given_by": c.GivenBy, "by_name": c.Name, "given_on": c.GivenOn.String(),
				"keep": c.Keep, "upward": c.Upward, "publish": c.Publish, "withdrawn_on": c.WithdrawnOn.String(), "note": c.Note})
		}
		return e.emit(map[string]any{"kind": kind, "id": id, "consents": hist, "decisions": decisions})
	}
	for _, c := range cs {
		line := fmt.Sprintf("%s  %s %s  %s: %s, %s: %s, %s: %s", c.ID, c.GivenOn.VN(),
			data.ConsentParties.Label(c.GivenBy, e.lang), e.t("keep"), data.Consents.Label(c.Keep, e.lang),
			e.t("upward"), data.Consents.Label(c.Upward, e.lang), e.t("publish"), data.Consents.Label(c.Publish, e.lang))
		if !c.WithdrawnOn.IsZero() {
			line += "  " + msg.T(e.lang, "withdrawn on %s", c.WithdrawnOn.VN())
		}
		fmt.Fprintln(e.out, line)
	}
	words := map[string]string{"undecided": e.t("no decision (silence is not consent)"), "given": e.t("given"),
		"refused": e.t("refused"), "withdrawn": e.t("withdrawn")}
	for _, p := range data.Purposes {
		fmt.Fprintf(e.errw, "%s: %s\n", data.PurposeLabels.Label(string(p), e.lang), words[decisions[string(p)]])
	}
	return nil
}

func cmdConsentStatus(e *env, _ *flag.FlagSet, _ []string) error {
	in, err := e.installation()
	if err != nil {
		return err
	}
	gaps, err := e.st.ConsentGaps(e.ctx, in.Unit, e.st.Today())
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"consent_gaps": gaps})
	}
	for _, g := range gaps {
		fmt.Fprintln(e.out, g.Line(e.lang))
	}
	return nil
}

func cmdConsentPolicy(e *env, _ *flag.FlagSet, args []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	if len(args) == 1 {
		if args[0] != "required" && args[0] != "recorded" {
			return usageErr("required|recorded")
		}
		if err := e.st.SetConsentPolicy(e.ctx, data.ConsentPolicy{SilenceRefuses: args[0] == "required"}); err != nil {
			return err
		}
	}
	pol, err := e.st.ConsentPolicy(e.ctx)
	if err != nil {
		return err
	}
	word := map[bool]string{true: "required", false: "recorded"}[pol.SilenceRefuses]
	if e.json {
		return e.emit(map[string]any{"citizens": word})
	}
	if pol.SilenceRefuses {
		e.say("Citizens' consent is required: without a decision, a citizen goes upward without details and is never on a list")
	} else {
		e.say("Citizens' consent is honoured where recorded: without a decision, a citizen's record is used as before")
	}
	return nil
}

func cmdPersonFind(e *env, _ *flag.FlagSet, args []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	ms, err := e.st.FindPeople(e.ctx, "", strings.Join(args, " "), e.lang, 100)
	if err != nil {
		return err
	}
	if e.json {
		out := []map[string]any{}
		for _, m := range ms {
			out = append(out, map[string]any{"kind": m.Kind, "id": m.ID, "unit": m.Unit, "name": m.Name, "born": m.Born,
				"village": m.Village, "what": m.What})
		}
		return e.emit(out)
	}
	for _, m := range ms {
		fmt.Fprintf(e.out, "%s  %-8s %-30s %-10s %-20s %s\n", m.ID, m.Kind, m.Name, m.Born, m.Village, m.What)
	}
	return nil
}

// cmdPersonExport writes everything held about a person, and logs the
// request answered.
func cmdPersonExport(e *env, fs *flag.FlagSet, _ []string) error {
	in, err := e.installation()
	if err != nil {
		return err
	}
	out, list := str(fs, "out"), idsFlag(fs)
	if out == "" || len(list) == 0 {
		return usageErr("--id ID [--id ID …] --out FILE.pdf|FILE.xlsx|FILE.json")
	}
	var refs []store.SubjectRef
	for _, id := range list {
		k, err := e.personKind(id)
		if err != nil && !errors.Is(err, store.ErrPurged) {
			return err
		}
		refs = append(refs, store.SubjectRef{Kind: k, ID: id})
	}
	received, err := e.dayFlag(fs, "received")
	if err != nil {
		return err
	}
	f, err := e.st.SubjectFile(e.ctx, refs, e.lang)
	if err != nil {
		return err
	}
	who := str(fs, "requester")
	name := personName(f)
	if err := subject.Write(f, subject.Meta{UnitName: in.Name, Person: name, Operator: in.Operator, Lang: e.lang}, out); err != nil {
		if errors.Is(err, subject.ErrFormat) {
			return usageErr("%v", err)
		}
		return err
	}
	n, err := e.st.LogRequest(e.ctx, store.SubjectRequest{Kind: "access", Records: refs, Requester: orName(who, name),
		ReceivedOn: received, Detail: filepath.Base(out)}, true)
	if err != nil {
		return err
	}
	e.log.Info("person export", "request", n, "records", len(refs), "file", filepath.Ext(out))
	if e.json {
		return e.emit(map[string]any{"file": out, "records": len(f.Records), "request": n})
	}
	e.say("Everything held about %s written to %s (request %d logged)", name, out, n)
	return nil
}

func personName(f *data.SubjectFile) string {
	for _, r := range f.Records {
		var ho, ten string
		for _, fl := range r.Fields {
			switch fl.Name {
			case "ho_dem":
				ho = fl.Text
			case "ten":
				ten = fl.Text
			}
		}
		if ten != "" {
			return strings.TrimSpace(ho + " " + ten)
		}
	}
	return "…"
}

func orName(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return b
}

// cmdPurge erases a person's record on request (store.Purge), deals with
// the bundle copies that carried it and logs the request.
func cmdPurge(e *env, fs *flag.FlagSet, _ []string) error {
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	id := str(fs, "id")
	if id == "" {
		return usageErr("--id ID")
	}
	kind, err := e.personKind(id)
	if err != nil {
		return rejected(err)
	}
	received, err := e.dayFlag(fs, "received")
	if err != nil {
		return err
	}
	marks, rep, err := exchange.Purge(e.ctx, c, kind, id)
	if err != nil {
		return err
	}
	n, err := e.st.LogRequest(e.ctx, store.SubjectRequest{Kind: "erase", Records: []store.SubjectRef{{Kind: kind, ID: id}},
		Requester: str(fs, "requester"), ReceivedOn: received,
		Detail: msg.T(e.lang, "%d records erased; bundles sealed again: %d, removed: %d", len(marks), len(rep.Resealed), len(rep.Removed))}, true)
	if err != nil {
		return err
	}
	e.log.Info("purge", "request", n, "records", len(marks), "resealed", len(rep.Resealed), "removed", len(rep.Removed))
	if e.json {
		return e.emit(map[string]any{"purged": len(marks), "resealed": rep.Resealed, "removed": rep.Removed, "request": n})
	}
	e.say("%d records erased; the next bundle tells the levels above to erase them too (request %d logged)", len(marks), n)
	if len(rep.Resealed)+len(rep.Removed) > 0 {
		e.say("Copies of bundles that carried them: %d sealed again without them, %d removed", len(rep.Resealed), len(rep.Removed))
	}
	return nil
}

func cmdPersonRequests(e *env, _ *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	rs, err := e.st.Requests(e.ctx)
	if err != nil {
		return err
	}
	today := e.st.Today()
	out := []map[string]any{}
	for _, r := range rs {
		late := r.AnsweredAt == "" && today.String() > r.DueOn.String() ||
			r.AnsweredAt != "" && r.AnsweredAt[:10] > r.DueOn.String()
		var recs []string
		for _, x := range r.Records {
			recs = append(recs, x.ID)
		}
		out = append(out, map[string]any{"id": r.ID, "kind": r.Kind, "records": recs, "requester": r.Requester,
			"received_on": r.ReceivedOn.String(), "due_on": r.DueOn.String(), "answered_at": r.AnsweredAt, "late": late,
			"operator": r.Operator, "detail": r.Detail})
		if !e.json {
			state := msg.T(e.lang, "answered %s", r.AnsweredAt)
			if r.AnsweredAt == "" {
				state = e.t("open")
			}
			if late {
				state += " — " + e.t("LATE")
			}
			fmt.Fprintf(e.out, "%d  %-7s %s  %s → %s  %s  %s\n", r.ID, r.Kind, r.Requester, r.ReceivedOn.VN(), r.DueOn.VN(), state, r.Detail)
		}
	}
	if e.json {
		return e.emit(out)
	}
	return nil
}

func cmdPrivacyRetention(e *env, fs *flag.FlagSet, _ []string) error {
	if _, err := e.installation(); err != nil {
		return err
	}
	r, err := e.st.Retention(e.ctx)
	if err != nil {
		return err
	}
	changed := false
	for _, f := range []struct {
		name string
		dst  *int
	}{{"outbox-days", &r.OutboxDays}, {"purge-marks-days", &r.PurgeMarkDays}} {
		if v := num(fs, f.name); v >= 0 {
			*f.dst, changed = v, true
		}
	}
	if changed {
		if err := e.st.SetRetention(e.ctx, r); err != nil {
			return err
		}
	}
	if e.json {
		return e.emit(map[string]any{"outbox_days": r.OutboxDays, "purge_marks_days": r.PurgeMarkDays})
	}
	e.say("Sent bundles kept in the outbox: %d days (0: for good)", r.OutboxDays)
	e.say("Purge marks kept: %d days (0: for good)", r.PurgeMarkDays)
	return nil
}

func cmdPrivacySweep(e *env, _ *flag.FlagSet, _ []string) error {
	c, err := e.exchangeConfig()
	if err != nil {
		return err
	}
	rep, err := exchange.Sweep(e.ctx, c, time.Now())
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"copies_removed": rep.Copies, "purge_marks_forgotten": rep.PurgeMarks})
	}
	e.say("Outbox copies removed: %d; purge marks forgotten: %d", len(rep.Copies), rep.PurgeMarks)
	return nil
}

// sayPurges tells what an imported bundle erased, and what it brought of
// records erased before (dropped).
func (e *env) sayPurges(o exchange.Outcome) {
	if o.Stats.Purged > 0 {
		e.say("%d records erased on the sender's purge instruction", o.Stats.Purged)
	}
	if o.Stats.Erased > 0 {
		e.say("%d rows of records erased earlier were dropped", o.Stats.Erased)
	}
}
