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
	Unit       string        // the unit the records belong to ("list:code")
	SkipBad    bool          // import the good rows and skip the bad ones
	ClearEmpty bool          // an empty cell clears the stored value (otherwise it keeps it)
	Criteria   *data.Catalog // the criteria sets; nil means the store's (store.Catalog)
	MaxChanges int           // changed rows listed in the result; 0 means DefaultMaxChanges
	Progress   func(done, total int)
}

// DefaultMaxChanges is how many changed rows a result lists by default
// (all are counted).
const DefaultMaxChanges = 10000

// Problem is a rejected row: its line and the reason.
type Problem struct {
	Line int
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("line %d: %v", p.Line, p.Err) }

// Unwrap returns the reason.
func (p Problem) Unwrap() error { return p.Err }

// Result says what an import did (or, from Preview, would do).
type Result struct {
	Rows      int // data rows read
	Created   int // rows that made a new record
	Updated   int // rows that changed a record
	Unchanged int // rows that matched a record exactly
	Skipped   int // bad rows left out (with SkipBad)
	Problems  []Problem
	Changes   []Change // the rows that created or changed records, in file order, up to MaxChanges
	Unlisted  int      // changed rows beyond MaxChanges
}

// Change is what one row of a file does: the records it creates, and for
// each record it updates, every field's old and new value.
type Change struct {
	Line    int
	Name    string // the row's record for people: "Nguyễn Thị Hoà", a centre's name, a ledger line's date
	Created bool   // the row makes a new record (its yearly row, if any, with it)
	Fields  []FieldChange
}

// FieldChange is one field a row changes: its kind and stored column, and
// its old and new stored values (data.ColOf(Kind, Col).Text writes them
// for people).
type FieldChange struct {
	Kind     store.Kind
	Col      string
	Old, New any
}

// Import writes rows into the store in one transaction. A row that names a
// record already held (the same person, centre, award or ledger line)
// changes only the cells the file gives: a column the file lacks, and an
// empty cell unless ClearEmpty, keep the stored value. Each row is checked
// against what it makes, merged with what is stored, and every bad row is
// named; unless SkipBad is set, one bad row rejects the whole file with
// ErrRejected and the store is left exactly as it was. Importing a file
// twice changes nothing.
func Import(ctx context.Context, st *store.Store, k Kind, rows []Row, opt Options) (Result, error) {
	return run(ctx, st, k, rows, opt, false)
}

// Preview runs the import and undoes it: the result lists every bad row
// and, for every row that would create or change a record, what it would
// change, field by field. Nothing is written.
func Preview(ctx context.Context, st *store.Store, k Kind, rows []Row, opt Options) (Result, error) {
	opt.SkipBad = true
	return run(ctx, st, k, rows, opt, true)
}

// errUndo ends a preview's transaction without committing it.
var errUndo = errors.New("tabular: preview")

func run(ctx context.Context, st *store.Store, k Kind, rows []Row, opt Options, undo bool) (Result, error) {
	if opt.Criteria == nil {
		cat, err := st.Catalog(ctx)
		if err != nil {
			return Result{}, err
		}
		opt.Criteria = cat
	}
	if opt.MaxChanges <= 0 {
		opt.MaxChanges = DefaultMaxChanges
	}
	if _, ok := importers[k]; !ok {
		return Result{}, fmt.Errorf("%w: %q", ErrKind, k)
	}
	res := Result{Rows: len(rows)}
	im := &importer{k: k, opt: opt, res: &res, cols: columnsOf(rows)}
	err := st.Edit(ctx, "import", func(e *store.Editor) error {
		im.e = e
		e.OnChange(im.changed)
		for n, r := range rows {
			if opt.Progress != nil && n%500 == 0 {
				opt.Progress(n, len(rows))
			}
			if err := im.row(r); err != nil {
				return err
			}
		}
		if len(res.Problems) > 0 && !opt.SkipBad {
			return ErrRejected
		}
		if undo {
			return errUndo
		}
		return nil
	})
	res.Skipped = len(res.Problems)
	switch {
	case errors.Is(err, errUndo):
		err = nil
	case err != nil:
		res.Created, res.Updated, res.Unchanged, res.Changes, res.Unlisted = 0, 0, 0, nil, 0
		return res, err
	}
	if opt.Progress != nil {
		opt.Progress(len(rows), len(rows))
	}
	return res, nil
}

// columnsOf lists the columns the file has (every row of a file has the
// same keys: the header's columns).
func columnsOf(rows []Row) map[string]bool {
	cols := map[string]bool{}
	if len(rows) > 0 {
		for c := range rows[0].Input {
			cols[c] = true
		}
	}
	return cols
}
