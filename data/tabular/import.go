package tabular

import (
	"context"
	"errors"
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// Options of an import.
type Options struct {
	Unit     string        // the unit the records belong to ("list:code")
	SkipBad  bool          // import the good rows and skip the bad ones
	Rule     data.PassRule // the pass rule; zero means data.DefaultPassRule
	Progress func(done, total int)
}

// Problem is a rejected row: its line and the reason.
type Problem struct {
	Line int
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("line %d: %v", p.Line, p.Err) }

// Unwrap returns the reason.
func (p Problem) Unwrap() error { return p.Err }

// Result says what an import did.
type Result struct {
	Rows      int // data rows read
	Created   int // records created
	Updated   int // records changed
	Unchanged int // rows that matched a record exactly
	Skipped   int // bad rows left out (with SkipBad)
	Problems  []Problem
}

// Check validates every row without writing anything: the preview a person
// sees before an import.
func Check(k Kind, rows []Row, rule data.PassRule) []Problem {
	var out []Problem
	for _, r := range rows {
		if err := parse(k, r.Input, rule); err != nil {
			out = append(out, Problem{Line: r.Line, Err: r.explain(err)})
		}
	}
	return out
}

func parse(k Kind, in data.Input, rule data.PassRule) error {
	var err error
	switch k {
	case Citizens:
		_, err = data.ParseCitizen(in, rule)
	case Centres:
		_, err = data.ParseCentre(in)
	case Awards:
		_, err = data.ParseAward(in)
	case Funds:
		_, err = data.ParseFund(in)
	default:
		err = ErrKind
	}
	return err
}

// Import writes rows into the store in one transaction. Unless SkipBad is
// set, a single bad row rejects the whole file with ErrRejected and the
// store is left exactly as it was. A row that names a record already held
// (the same person, centre, award or ledger line) updates it instead of
// adding a duplicate, so importing a file twice changes nothing.
func Import(ctx context.Context, st *store.Store, k Kind, rows []Row, opt Options) (Result, error) {
	if opt.Rule == (data.PassRule{}) {
		opt.Rule = data.DefaultPassRule
	}
	res := Result{Rows: len(rows), Problems: Check(k, rows, opt.Rule)}
	if len(res.Problems) > 0 && !opt.SkipBad {
		return res, ErrRejected
	}
	bad := map[int]bool{}
	for _, p := range res.Problems {
		bad[p.Line] = true
	}
	im := importer{k: k, unit: opt.Unit, rule: opt.Rule, res: &res}
	err := st.Edit(ctx, "import", func(e *store.Editor) error {
		im.e = e
		for n, r := range rows {
			if opt.Progress != nil && n%500 == 0 {
				opt.Progress(n, len(rows))
			}
			if bad[r.Line] {
				continue
			}
			if err := im.row(r); err != nil {
				var rej rowError
				if !errors.As(err, &rej) {
					return err
				}
				res.Problems = append(res.Problems, Problem{Line: r.Line, Err: r.explain(rej.err)})
				if !opt.SkipBad {
					return ErrRejected
				}
			}
		}
		return nil
	})
	res.Skipped = len(res.Problems)
	if err != nil {
		res.Created, res.Updated, res.Unchanged = 0, 0, 0
		return res, err
	}
	if opt.Progress != nil {
		opt.Progress(len(rows), len(rows))
	}
	return res, nil
}

// rowError marks a row that fails only once merged with what is stored.
type rowError struct{ err error }

func (r rowError) Error() string { return r.err.Error() }
