package tabular

import (
	"errors"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

func (im *importer) centre(in data.Input) error {
	alone, _ := data.ParseCentre(in)
	id, err := im.e.FindCentre(im.opt.Unit, alone.Centre.Name)
	if err != nil {
		return err
	}
	var base data.Input
	if id != "" {
		cur, err := im.e.Load(store.Centre, id)
		if err != nil {
			return err
		}
		e := data.CentreEntry{Centre: store.CentreOf(cur)}
		if alone.Year != nil {
			r, err := im.e.Load(store.CentreYear, store.YearlyID(store.CentreYear, id, alone.Year.Year))
			if err == nil && !r.Deleted() {
				y := store.CentreYearOf(r)
				e.Year = &y
			} else if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		base = data.FormatCentre(e, data.FileStyle)
	}
	next := im.merged(base, in)
	if !im.gives(in, "year_status") && im.gives(in, "status") {
		next["year_status"] = "" // a file without the year's own status: the year follows the status
	}
	e, err := data.ParseCentre(next)
	if err != nil {
		return rowError{err}
	}
	c := e.Centre
	c.ID, c.Unit = id, im.opt.Unit
	if c.MergedInto, err = im.centreRef(c.MergedInto); err != nil {
		return err
	}
	im.cur.Name = c.Name
	if _, err := im.e.SaveCentre(&c); err != nil {
		return err
	}
	if y := e.Year; y != nil {
		y.CentreID, y.Unit = c.ID, im.opt.Unit
		_, err := im.e.SaveCentreYear(y)
		return err
	}
	return nil
}

// centreRef turns the merged_into cell into a centre's id: the id itself
// (as exports write it) or the name of a centre of the unit.
func (im *importer) centreRef(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if r, err := im.e.Load(store.Centre, v); err == nil && r.Unit == im.opt.Unit {
		return v, nil
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	id, err := im.e.FindCentre(im.opt.Unit, v)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", rowError{&data.FieldError{Field: "merged_into", Value: v, Err: ErrNoSuchCentre}}
	}
	return id, nil
}

// plainKind says how the rows of a kind without yearly rows (an award, a
// ledger line) are imported: its table and text form, the columns that
// tell its records apart (extra: conditions beyond those cells), and how
// a record is named and saved.
type plainKind[T any] struct {
	kind     store.Kind
	table    *data.Table[T]
	parse    func(data.Input) (T, error)
	format   func(T, data.Style) data.Input
	identity []string
	extra    func(*T) []store.Eq
	name     func(*T) string
	save     func(*store.Editor, *T) (bool, error)
}

var awardKind = plainKind[data.Award]{kind: store.Award, table: data.Awards, parse: data.ParseAward,
	format:   data.FormatAward,
	identity: []string{"birth_date", "award_type", "school_year", "awarded_on", "decision_no", "amount_vnd"},
	extra:    func(a *data.Award) []store.Eq { return []store.Eq{{Col: "nkey", Val: nameKey(a.Person)}} },
	name:     func(a *data.Award) string { return a.FullName() },
	save:     (*store.Editor).SaveAward}

var fundKind = plainKind[data.FundLine]{kind: store.Fund, table: data.Funds, parse: data.ParseFund,
	format:   data.FormatFund,
	identity: []string{"date", "direction", "source", "amount_vnd", "in_kind_vnd", "voucher_no"},
	name:     func(f *data.FundLine) string { return f.Date.VN() + " " + f.VoucherNo },
	save:     (*store.Editor).SaveFund}

func (im *importer) award(in data.Input) error { return importPlain(im, awardKind, in) }

func (im *importer) fund(in data.Input) error { return importPlain(im, fundKind, in) }

// importPlain imports one row of a plain kind: the record it names by the
// identity cells it gives, laid over with its cells.
func importPlain[T any](im *importer, k plainKind[T], in data.Input) error {
	alone, aloneErr := k.parse(in)
	eq, open := identity(k.table.Cols(), k.table.Values(&alone), in, k.identity)
	if k.extra != nil {
		eq = append(eq, k.extra(&alone)...)
	}
	id, err := im.match(k.kind, eq, open)
	if err != nil {
		return err
	}
	x, bad := alone, aloneErr // a new record is the row alone
	if id != "" {
		cur, err := im.e.Load(k.kind, id)
		if err != nil {
			return err
		}
		x, bad = k.parse(im.merged(k.format(store.As(k.table, cur), data.FileStyle), in))
	}
	if bad != nil {
		return rowError{bad}
	}
	pid, unit := k.table.Key(&x)
	*pid, *unit = id, im.opt.Unit
	im.cur.Name = k.name(&x)
	if _, err := k.save(im.e, &x); err != nil {
		return err
	}
	im.mark(*pid, 0)
	return nil
}

// match finds the record of kind a row names by its identity conditions:
// the records that have every value the row gives; failing those, the
// records that lack some of the texts it gives (a voucher or a decision
// number added to a line recorded without one).
func (im *importer) match(kind store.Kind, eq []store.Eq, open []string) (string, error) {
	ms, err := im.e.Matches(kind, im.opt.Unit, eq, open)
	if err != nil {
		return "", err
	}
	if im.claim(ms, 0) != "" {
		return im.pick(ms, 0, open)
	}
	relaxed, any := make([]store.Eq, len(eq)), false
	for n, c := range eq {
		relaxed[n] = c
		if s, ok := c.Val.(string); ok && s != "" {
			relaxed[n].OrEmpty, any = true, true
		}
	}
	if !any {
		return "", nil
	}
	if ms, err = im.e.Matches(kind, im.opt.Unit, relaxed, open); err != nil {
		return "", err
	}
	return im.pick(ms, 0, open)
}

// identity makes the conditions of a match from the identity columns of a
// kind: a condition for each column whose cell the row gives, the others
// left open (their stored values are asked for, to tell matches apart).
func identity(cols []data.Col, vals []any, in data.Input, names []string) (eq []store.Eq, open []string) {
	for _, name := range names {
		for n, c := range cols {
			if c.Name != name {
				continue
			}
			if in.Get(c.File) != "" {
				eq = append(eq, store.Eq{Col: name, Val: vals[n]})
			} else {
				open = append(open, name)
			}
		}
	}
	return eq, open
}
