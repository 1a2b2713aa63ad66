package tabular

import (
	"context"
	"sort"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// A register is exported in two forms: the data form (Export), the
// columns of docs/CONTRACT.md as machines and re-imports want them, and
// the printed list (ExportList, list.go), a document for people that
// imports back as well. Both take their rows from eachListed.

// Export writes the live records of kind k held for unit ("" for every unit
// held) to path, CSV or XLSX by its extension, with every column of
// docs/CONTRACT.md: each record as data's Format writes it for a file, so
// the file imports back to the same records. A citizen or centre appears
// once per year it has (or once without a year). A person who did not
// consent to publishing is never on an exported list (ExportCounting says
// how many rows were left out). It returns the number of rows written. The
// file is written through data/atomicfile: on error, or a crash midway,
// no file is left, or the earlier one as it was.
func Export(ctx context.Context, st *store.Store, k Kind, unit, path string) (int, error) {
	n, _, err := ExportCounting(ctx, st, k, unit, path)
	return n, err
}

// ExportCounting is Export, also returning how many rows were left out for
// want of consent to publish (listing).
func ExportCounting(ctx context.Context, st *store.Store, k Kind, unit, path string) (rows, withheld int, err error) {
	cols := k.Columns()
	err = writeRows(path, cols, func(put func([]string) error) error {
		w := &rowWriter{cols: cols, out: put}
		var err error
		withheld, err = eachListed(ctx, st, k, unit, 0, func(e entry) error { return w.put(e.format(data.FileStyle)) })
		rows = w.n
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	return rows, withheld, nil
}

// entry is one row of an export: the record it writes (a citizen with one
// year's assessment, a centre with one year, an award, a ledger line), the
// unit that holds it, the year it belongs to (0 for none), and its cells
// in a style.
type entry struct {
	rec    any
	unit   string
	year   int
	format func(data.Style) data.Input
}

// listing decides whether a record may appear in an export, of either
// form: without consent to publish (data.ConsentBook.MayPublish, decided
// as of today), a person's name is never on a printed or exported list
// (docs/privacy.md §3). This is the one place where exports leave rows out.
type listing struct {
	book     *data.ConsentBook
	withheld int
}

func (l *listing) listed(rec any) bool {
	ok := true
	switch r := rec.(type) {
	case data.Award:
		ok = l.book.MayPublish(r)
	case data.CitizenEntry:
		ok = l.book.MayPublishCitizen(r.Citizen)
	}
	if !ok {
		l.withheld++
	}
	return ok
}

// eachListed calls fn with each row of kind k held for unit ("" for every
// unit held) of year (0 for every year) that may be listed, in the store's
// order (citizens and centres by name, their years newest first; awards by
// name; ledger lines by date; a centre merged into another after it). It
// returns how many rows of that year were left out (listing).
func eachListed(ctx context.Context, st *store.Store, k Kind, unit string, year int, fn func(entry) error) (int, error) {
	book, err := st.ConsentBook(ctx, unit, st.Today())
	if err != nil {
		return 0, err
	}
	l := &listing{book: book}
	err = l.each(ctx, st, k, unit, func(e entry) error {
		if year != 0 && e.year != year {
			return nil
		}
		if !l.listed(e.rec) {
			return nil
		}
		return fn(e)
	})
	return l.withheld, err
}

// each calls put with every row of kind k held for unit.
func (l *listing) each(ctx context.Context, st *store.Store, k Kind, unit string, put func(entry) error) error {
	switch k {
	case Families:
		return eachModel(ctx, st, data.FamilyKind, unit, put)
	case Clans:
		return eachModel(ctx, st, data.ClanKind, unit, put)
	case Communities:
		return eachModel(ctx, st, data.CommunityKind, unit, put)
	case Units:
		return eachModel(ctx, st, data.UnitKind, unit, put)
	case Citizens:
		return st.EachCitizen(ctx, unit, func(c data.Citizen, a *data.Assessment) error {
			e := data.CitizenEntry{Citizen: c, Assessment: a}
			year := 0
			if a != nil {
				year = a.Year
			}
			return put(entry{e, c.Unit, year, func(st data.Style) data.Input { return data.FormatCitizen(e, st) }})
		})
	case Centres:
		return eachCentre(ctx, st, unit, put)
	case Branches, Activities:
		return eachAssociation(ctx, st, k, unit, put)
	case Awards:
		for off := 0; ; off += 1000 {
			as, err := st.Awards(ctx, store.AwardQuery{Unit: unit, Offset: off, Limit: 1000})
			if err != nil || len(as) == 0 {
				return err
			}
			for _, a := range as {
				if err := put(entry{a, a.Unit, a.Year(), func(st data.Style) data.Input { return data.FormatAward(a, st) }}); err != nil {
					return err
				}
			}
		}
	}
	fs, err := st.FundLines(ctx, unit, 0)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if err := put(entry{f, f.Unit, f.Date.Y, func(st data.Style) data.Input { return data.FormatFund(f, st) }}); err != nil {
			return err
		}
	}
	return nil
}

// eachCentre lists the centres with their years, each centre a centre was
// merged into before the centres merged into it, and merged_into written as
// the name of that centre: the importer reads a name or an id, and a name
// also finds its centre in another installation, where the ids differ, so
// long as that centre came first.
func eachCentre(ctx context.Context, st *store.Store, unit string, put func(entry) error) error {
	var rows []data.CentreEntry
	centres := map[string]data.Centre{}
	err := st.EachCentre(ctx, unit, func(c data.Centre, y *data.CentreYear) error {
		rows = append(rows, data.CentreEntry{Centre: c, Year: y})
		centres[c.ID] = c
		return nil
	})
	if err != nil {
		return err
	}
	depth := func(c data.Centre) int { // how many merges lead from c to a centre that was not merged
		n := 0
		for seen := map[string]bool{}; c.MergedInto != "" && !seen[c.ID]; n++ {
			seen[c.ID] = true
			c = centres[c.MergedInto]
		}
		return n
	}
	sort.SliceStable(rows, func(i, j int) bool { return depth(rows[i].Centre) < depth(rows[j].Centre) })
	for _, e := range rows {
		rec, year := e, 0
		if e.Year != nil {
			year = e.Year.Year
		}
		if to, ok := centres[e.Centre.MergedInto]; ok && to.Unit == e.Centre.Unit {
			e.Centre.MergedInto = to.Name
		}
		if err := put(entry{rec, e.Centre.Unit, year, func(st data.Style) data.Input { return data.FormatCentre(e, st) }}); err != nil {
			return err
		}
	}
	return nil
}

// eachModel lists a model's records, one row per assessment (newest year
// first), with the citizens each links (their ids); the scores are written
// by the codes of the set each was scored against.
func eachModel[T any](ctx context.Context, st *store.Store, k *data.ModelKind[T], unit string, put func(entry) error) error {
	cat, err := st.Catalog(ctx)
	if err != nil {
		return err
	}
	return store.EachModel(ctx, st, k.Table, unit, func(x T, y *data.ModelYear, citizens []string) error {
		e := data.ModelEntry[T]{Record: x, Year: y, Citizens: citizens}
		_, u := k.Table.Key(&x)
		year := 0
		if y != nil {
			year = y.Year
		}
		return put(entry{e, *u, year, func(st data.Style) data.Input { return data.FormatModel(k, e, cat, st) }})
	})
}
