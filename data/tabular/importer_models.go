package tabular

import (
	"errors"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

// The rows of the four learning models' files (data/models.go): a record,
// its assessment of the row's year judged by the criteria set it names
// (a new assessment: the set in use), and the citizens it links.

// modelImport says how one model's rows are imported: its kind, how the
// record a row names is found (identity: the conditions on its stored or
// derived columns that the row's cells give, and the columns it leaves
// open), how its references are resolved, and how it is saved.
type modelImport[T any] struct {
	k        *data.ModelKind[T]
	kind     store.Kind
	identity func(x *T, in data.Input) (eq []store.Eq, open []string)
	resolve  func(im *importer, x *T) error
	save     func(*store.Editor, *T) (bool, error)
}

var familyImport = modelImport[data.Family]{k: data.FamilyKind, kind: store.Family,
	identity: func(f *data.Family, in data.Input) ([]store.Eq, []string) {
		eq := []store.Eq{{Col: "nkey", Val: text.NameKey(f.HoDem, f.Ten)}}
		if in.Get("village") != "" {
			return append(eq, store.Eq{Col: "vkey", Val: text.Fold(f.Village)}), nil
		}
		return eq, []string{"vkey"}
	},
	resolve: func(im *importer, f *data.Family) (err error) { f.ClanID, err = im.clanRef(f.ClanID); return err },
	save:    (*store.Editor).SaveFamily}

var clanImport = modelImport[data.Clan]{k: data.ClanKind, kind: store.Clan,
	identity: func(c *data.Clan, in data.Input) ([]store.Eq, []string) {
		return []store.Eq{{Col: "nkey", Val: text.Key(text.JoinName(c.Name, c.Branch))}}, nil
	},
	save: (*store.Editor).SaveClan}

var communityImport = modelImport[data.Community]{k: data.CommunityKind, kind: store.Community,
	identity: func(c *data.Community, in data.Input) ([]store.Eq, []string) {
		return []store.Eq{{Col: "vkey", Val: text.Fold(c.Village)}}, nil
	},
	save: (*store.Editor).SaveCommunity}

var unitImport = modelImport[data.LearningUnit]{k: data.UnitKind, kind: store.LearningUnit,
	identity: func(u *data.LearningUnit, in data.Input) ([]store.Eq, []string) {
		return []store.Eq{{Col: "nkey", Val: text.Key(u.Name)}}, nil
	},
	save: (*store.Editor).SaveLearningUnit}

// importModel imports one row of a model's file.
func importModel[T any](im *importer, mi modelImport[T], in data.Input) error {
	model := mi.k.Model
	restore := im.inUse(in, model)
	alone, aloneErr := data.ParseModel(mi.k, in, im.opt.Criteria)
	restore()
	year := 0
	if alone.Year != nil {
		year = alone.Year.Year
	}
	eq, open := mi.identity(&alone.Record, in)
	ms, err := im.e.Matches(mi.kind, im.opt.Unit, eq, open)
	if err != nil {
		return err
	}
	id, err := im.pick(ms, year, open)
	if err != nil {
		return err
	}
	givesStep := im.gives(in, "status")
	e, stored, bad := alone, (*data.ModelYear)(nil), aloneErr // a new record is the row alone
	if id != "" {
		if e, stored, bad, err = overModel(im, mi, id, year, in, givesStep); err != nil {
			return err
		}
	}
	if bad != nil {
		return rowError{bad}
	}
	if y := e.Year; y != nil && !givesStep {
		if y.Status, err = data.CheckedFileStep(*y, stored); err != nil {
			return rowError{err}
		}
	}
	x := e.Record
	pid, unit := mi.k.Table.Key(&x)
	*pid, *unit = id, im.opt.Unit
	if mi.resolve != nil {
		if err := mi.resolve(im, &x); err != nil {
			return err
		}
	}
	im.cur.Name = mi.k.Name(&x)
	if _, err := mi.save(im.e, &x); err != nil {
		return err
	}
	im.mark(*pid, year)
	if y := e.Year; y != nil {
		y.RecordID, y.Unit, y.Model = *pid, im.opt.Unit, model
		if _, err := im.e.SaveModelYear(y); err != nil {
			return err
		}
	}
	if mi.k.Links && im.gives(in, "citizens") {
		return im.setMembers(*pid, e.Citizens)
	}
	return nil
}

// overModel lays a row over the stored record id and its assessment of
// year, as overCitizen does for citizens.
func overModel[T any](im *importer, mi modelImport[T], id string, year int, in data.Input, givesStep bool) (
	e data.ModelEntry[T], stored *data.ModelYear, bad, err error) {
	cur, err := im.e.Load(mi.kind, id)
	if err != nil {
		return e, nil, nil, err
	}
	if year != 0 {
		r, err := im.e.Load(store.ModelYear, store.YearlyID(store.ModelYear, id, year))
		switch {
		case err == nil && !r.Deleted():
			y := store.As(data.ModelYears, r)
			stored = &y
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return e, nil, nil, err
		}
	}
	base := data.FormatModel(mi.k, data.ModelEntry[T]{Record: store.As(mi.k.Table, cur), Year: stored},
		im.opt.Criteria, data.FileStyle)
	if strings.TrimSpace(in["scores"]) != "" {
		delete(base, "result") // scores given: the result and grade are judged afresh
		delete(base, "rating")
	}
	next := im.merged(base, in)
	if !givesStep {
		next["status"] = "" // the step follows the rules of data.FileStep
	}
	if stored == nil && year != 0 && next.Get("criteria") == "" {
		next["criteria"] = im.opt.Criteria.Current(mi.k.Model).Version // a new year: the set in use
	}
	e, bad = data.ParseModel(mi.k, next, im.opt.Criteria)
	return e, stored, bad, nil
}

// inUse gives a row that names no criteria set the set of model in use,
// for the row alone (what makes a new assessment), and returns what puts
// the row back as it was (a record already held keeps its own set).
func (im *importer) inUse(in data.Input, model string) func() {
	if in.Get("criteria") != "" || in.Get("year") == "" {
		return func() {}
	}
	old, had := in["criteria"]
	in["criteria"] = im.opt.Criteria.Current(model).Version
	return func() {
		if had {
			in["criteria"] = old
		} else {
			delete(in, "criteria")
		}
	}
}

// clanRef turns a family's clan cell into a clan's id (store.ClanRef).
func (im *importer) clanRef(v string) (string, error) {
	id, err := im.e.ClanRef(im.opt.Unit, v)
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return "", rowError{fe}
	}
	return id, err
}

// setMembers makes the citizens named (ids as exports write them, or
// CCCDs) exactly the members of record id; a name the unit does not hold
// is the row's fault.
func (im *importer) setMembers(id string, named []string) error {
	err := im.e.SetMembers(id, im.opt.Unit, named)
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return rowError{fe}
	}
	return err
}
