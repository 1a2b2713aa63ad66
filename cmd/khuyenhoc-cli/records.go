package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/conflict"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
	"sokhuyenhoc/data/units"
)

func kindFlag(fs *flag.FlagSet) (tabular.Kind, error) {
	k, err := tabular.ParseKind(str(fs, "kind"))
	if err != nil {
		return "", usageErr("--kind citizen|centre|award|fund|family|clan|community|unit|branch|activity")
	}
	return k, nil
}

// cmdRecordsImport imports a register file. A row naming a record already
// held changes only the cells it gives; --clear-empty lets its empty cells
// clear stored values; --dry-run lists what the import would change, field
// by field, and writes nothing.
func cmdRecordsImport(e *env, fs *flag.FlagSet, args []string) error {
	k, err := kindFlag(fs)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usageErr("FILE.csv|FILE.xlsx")
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	t, err := tabular.ReadWith(args[0], k, tabular.DefaultLimits)
	if err != nil {
		e.logImport(string(k), args[0], tabular.Result{}, err)
		return rejected(fmt.Errorf("%s: %w", args[0], err))
	}
	fmt.Fprintln(e.errw, t.Describe(e.lang)) // which sheet and row held the header
	opt := tabular.Options{Unit: in.Unit, SkipBad: boolean(fs, "skip-bad"), ClearEmpty: boolean(fs, "clear-empty")}
	dry := boolean(fs, "dry-run")
	run := tabular.Import
	if dry {
		run = tabular.Preview
	}
	res, err := run(e.ctx, e.st, k, t.Rows, opt)
	if !dry {
		e.logImport(string(k), args[0], res, err)
	}
	e.reportImport(res, filepath.Base(args[0]), dry)
	if err != nil {
		return rejected(err)
	}
	if len(res.Problems) > 0 && !dry {
		return refused("%d %s", len(res.Problems), msg.T(e.lang, "rows skipped"))
	}
	if len(res.Problems) > 0 {
		return refused("%d %s", len(res.Problems), msg.T(e.lang, "rows would be rejected"))
	}
	return nil
}

func (e *env) reportImport(res tabular.Result, file string, dry bool) {
	probs := []map[string]any{}
	for _, p := range res.Problems {
		said := e.explain(p.Err, "file", file, "line", p.Line)
		e.say("%s %d: %s", msg.T(e.lang, "Line"), p.Line, said)
		probs = append(probs, map[string]any{"line": p.Line, "error": p.Err.Error(), "message": said})
	}
	changes := e.sayChanges(res)
	e.say("Rows: %d, created: %d, updated: %d, unchanged: %d, rejected: %d",
		res.Rows, res.Created, res.Updated, res.Unchanged, len(res.Problems))
	if dry {
		e.say("Nothing was written: this was a preview (--dry-run)")
	}
	if e.json {
		e.emit(map[string]any{"rows": res.Rows, "created": res.Created, "updated": res.Updated,
			"unchanged": res.Unchanged, "rejected": len(res.Problems), "problems": probs,
			"changes": changes, "unlisted": res.Unlisted, "dry_run": dry})
	}
}

// sayChanges prints each changed row's fields, old → new, in the words of
// the conflict screen, and returns them for the JSON document.
func (e *env) sayChanges(res tabular.Result) []map[string]any {
	out := []map[string]any{}
	for _, c := range res.Changes {
		fields := []map[string]any{}
		var words []string
		for _, f := range c.Fields {
			if f.Col == "" { // a yearly row the record did not have
				fields = append(fields, map[string]any{"kind": f.Kind, "created": true})
				words = append(words, "+ "+conflict.KindName(f.Kind, e.lang))
				continue
			}
			name := conflict.FieldName(f.Kind, f.Col, e.lang)
			old, now := conflict.ValueText(f.Kind, f.Col, f.Old, e.lang), conflict.ValueText(f.Kind, f.Col, f.New, e.lang)
			fields = append(fields, map[string]any{"kind": f.Kind, "field": f.Col, "field_name": name,
				"old": f.Old, "new": f.New, "old_text": old, "new_text": now})
			words = append(words, name+": "+old+" → "+now)
		}
		out = append(out, map[string]any{"line": c.Line, "record": c.Name, "created": c.Created, "fields": fields})
		if c.Created {
			e.say("%s %d, %s: %s", msg.T(e.lang, "Line"), c.Line, c.Name, msg.T(e.lang, "new record"))
		} else {
			e.say("%s %d, %s: %s", msg.T(e.lang, "Line"), c.Line, c.Name, strings.Join(words, "; "))
		}
	}
	if res.Unlisted > 0 {
		e.say("%d more changed rows are not listed", res.Unlisted)
	}
	return out
}

// cmdRecordsExport writes a register: as a printed list (.xlsx set up for
// printing, or .pdf; --year keeps one year's rows) or, with --format data
// (and always for .csv), as the contract's columns for machines. Both
// import back.
func cmdRecordsExport(e *env, fs *flag.FlagSet, _ []string) error {
	k, err := kindFlag(fs)
	if err != nil {
		return err
	}
	out, format, year := str(fs, "out"), str(fs, "format"), num(fs, "year")
	ext := strings.ToLower(filepath.Ext(out))
	if format == "" {
		format = map[bool]string{true: "data", false: "list"}[ext == ".csv"]
	}
	switch {
	case out == "":
		return usageErr("--out FILE.xlsx|FILE.pdf|FILE.csv")
	case format != "list" && format != "data":
		return usageErr("--format list|data")
	case format == "list" && ext != ".xlsx" && ext != ".pdf":
		return usageErr("--format list: --out FILE.xlsx|FILE.pdf")
	case format == "data" && ext != ".xlsx" && ext != ".csv":
		return usageErr("--format data: --out FILE.xlsx|FILE.csv")
	case format == "data" && (year != 0 || str(fs, "chairman") != ""):
		return usageErr("--format data: %s", msg.T(e.lang, "every row is written; --year and --chairman are for a printed list"))
	}
	in, err := e.installation()
	if err != nil {
		return err
	}
	var n, withheld int
	if format == "data" {
		n, withheld, err = tabular.ExportCounting(e.ctx, e.st, k, "", out)
	} else {
		ref, perr := units.ParseRef(in.Unit)
		if perr != nil {
			return perr
		}
		d, _ := data.ParseDate(today())
		m := report.ListMeta(units.Default(), ref, d, in.Operator)
		m.Year, m.Chairman = year, str(fs, "chairman")
		n, withheld, err = tabular.ExportListCounting(e.ctx, e.st, k, out, m)
	}
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"file": out, "rows": n, "format": format, "withheld": withheld})
	}
	e.say("%d rows written to %s", n, out)
	if withheld > 0 {
		e.say("%d records left out: without consent to publish, a name is never on an exported list", withheld)
	}
	return nil
}

func cmdRecordsList(e *env, fs *flag.FlagSet, _ []string) error {
	k, err := kindFlag(fs)
	if err != nil {
		return err
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	l := &lister{e: e, limit: num(fs, "limit"), year: num(fs, "year"), search: str(fs, "search")}
	switch k {
	case tabular.Citizens:
		err = l.citizens()
	case tabular.Centres:
		err = l.centres()
	case tabular.Awards:
		err = l.awards()
	case tabular.Branches:
		err = l.branches(str(fs, "period"))
	case tabular.Activities:
		err = l.activities()
	case tabular.Funds:
		err = l.funds()
	default:
		err = l.models(k)
	}
	if err != nil {
		return err
	}
	return l.done()
}

// lister prints records as lines for people or as one JSON array.
type lister struct {
	e      *env
	limit  int
	year   int
	search string
	items  []map[string]any
	n      int
}

func (l *lister) add(line string, obj map[string]any) bool {
	if l.limit > 0 && l.n >= l.limit {
		return false
	}
	l.n++
	if l.e.json {
		l.items = append(l.items, obj)
	} else {
		fmt.Fprintln(l.e.out, line)
	}
	return true
}

func (l *lister) done() error {
	if l.e.json {
		if l.items == nil {
			l.items = []map[string]any{}
		}
		return l.e.emit(l.items)
	}
	l.e.say("%d records", l.n)
	return nil
}

// citizens lists the citizen register: each object holds the cells of the
// citizen's file row (data.FormatCitizen: the ten scores, the result, the
// workflow step and its decision, the criteria set) for the --year
// assessment or, without --year, the latest one, as the app's list shows it.
func (l *lister) citizens() error {
	q := store.CitizenQuery{Search: l.search, Year: l.year, Limit: 1000}
	for {
		page, err := l.e.st.Citizens(l.e.ctx, q)
		if err != nil {
			return err
		}
		for _, it := range page {
			e := data.CitizenEntry{Citizen: it.Citizen}
			if e.Assessment, err = l.assessment(it); err != nil {
				return err
			}
			obj := map[string]any{}
			for col, v := range data.FormatCitizen(e, data.FileStyle) {
				obj[col] = v
			}
			// The members of earlier versions that are not text keep their type.
			obj["id"], obj["unit"], obj["birth_year"] = it.ID, it.Unit, it.BirthYear
			line := fmt.Sprintf("%-32s %-4s %4d  %-20s", it.FullName(), it.Gender, it.BirthYear, it.Village)
			if a := e.Assessment; a != nil {
				obj["year"] = a.Year
				line += fmt.Sprintf(" %d %s", a.Year, data.Results.Label(a.Result, l.e.lang))
			}
			if !l.add(strings.TrimRight(line, " "), obj) {
				return nil
			}
		}
		if len(page) < q.Limit {
			return nil
		}
		q.Offset += len(page)
	}
}

// assessment returns the whole assessment a list line shows: that of the
// --year the page was read for, else the citizen's latest; nil for none.
func (l *lister) assessment(it store.CitizenItem) (*data.Assessment, error) {
	as, err := l.e.st.Assessments(l.e.ctx, it.ID) // newest year first
	if err != nil {
		return nil, err
	}
	for n := range as {
		if l.year == 0 || as[n].Year == l.year {
			return &as[n], nil
		}
	}
	return nil, nil
}
