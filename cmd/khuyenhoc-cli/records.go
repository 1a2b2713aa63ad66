package main

import (
	"flag"
	"fmt"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

func kindFlag(fs *flag.FlagSet) (tabular.Kind, error) {
	k, err := tabular.ParseKind(str(fs, "kind"))
	if err != nil {
		return "", usageErr("--kind citizen|centre|award|fund")
	}
	return k, nil
}

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
	res, err := tabular.Import(e.ctx, e.st, k, t.Rows, tabular.Options{Unit: in.Unit, SkipBad: boolean(fs, "skip-bad")})
	e.logImport(string(k), args[0], res, err)
	e.reportImport(res)
	if err != nil {
		return rejected(err)
	}
	if len(res.Problems) > 0 {
		return rejected(fmt.Errorf("%d %s", len(res.Problems), msg.T(e.lang, "rows skipped")))
	}
	return nil
}

func (e *env) reportImport(res tabular.Result) {
	probs := []map[string]any{}
	for _, p := range res.Problems {
		e.say("%s %d: %s", msg.T(e.lang, "Line"), p.Line, msg.Err(e.lang, p.Err))
		probs = append(probs, map[string]any{"line": p.Line, "error": p.Err.Error(), "message": msg.Err(e.lang, p.Err)})
	}
	e.say("Rows: %d, created: %d, updated: %d, unchanged: %d, rejected: %d",
		res.Rows, res.Created, res.Updated, res.Unchanged, len(res.Problems))
	if e.json {
		e.emit(map[string]any{"rows": res.Rows, "created": res.Created, "updated": res.Updated,
			"unchanged": res.Unchanged, "rejected": len(res.Problems), "problems": probs})
	}
}

func cmdRecordsExport(e *env, fs *flag.FlagSet, _ []string) error {
	k, err := kindFlag(fs)
	if err != nil {
		return err
	}
	out := str(fs, "out")
	if out == "" {
		return usageErr("--out FILE.csv|FILE.xlsx")
	}
	if _, err := e.installation(); err != nil {
		return err
	}
	n, err := tabular.Export(e.ctx, e.st, k, "", out)
	if err != nil {
		return err
	}
	if e.json {
		return e.emit(map[string]any{"file": out, "rows": n})
	}
	e.say("%d rows written to %s", n, out)
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
	default:
		err = l.funds()
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

func (l *lister) citizens() error {
	q := store.CitizenQuery{Search: l.search, Year: l.year, Limit: 1000}
	for {
		page, err := l.e.st.Citizens(l.e.ctx, q)
		if err != nil {
			return err
		}
		for _, it := range page {
			obj := map[string]any{"id": it.ID, "unit": it.Unit, "full_name": it.FullName(),
				"gender": it.Gender, "birth_year": it.BirthYear, "birth_date": it.BirthDate.String(),
				"id_number": it.IDNumber, "phone": it.Phone, "ethnicity": it.Ethnicity,
				"village": it.Village, "group": it.Group}
			line := fmt.Sprintf("%-32s %-4s %4d  %-20s", it.FullName(), it.Gender, it.BirthYear, it.Village)
			if it.Year != 0 {
				obj["year"], obj["result"] = it.Year, it.Result
				line += fmt.Sprintf(" %d %s", it.Year, data.Results.Label(it.Result, l.e.lang))
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
