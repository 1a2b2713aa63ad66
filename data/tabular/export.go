package tabular

import (
	"context"
	"os"
	"sort"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// A register is exported in two forms: the data form (Export), the
// columns of docs/CONTRACT.md as machines and re-imports want them, and
// the printed list (ExportList, list.go), a document for people that
// imports back as well. Both take their rows from eachEntry.

// Export writes the live records of kind k held for unit ("" for every unit
// held) to path, CSV or XLSX by its extension, with every column of
// docs/CONTRACT.md: each record as data's Format writes it for a file, so
// the file imports back to the same records. A citizen or centre appears
// once per year it has (or once without a year). It returns the number of
// rows written. On error the partial file is removed.
func Export(ctx context.Context, st *store.Store, k Kind, unit, path string) (int, error) {
	s, err := newSink(path, k.Columns())
	if err != nil {
		return 0, err
	}
	w := &rowWriter{cols: k.Columns(), s: s}
	err = eachEntry(ctx, st, k, unit, func(e entry) error { return w.put(e.format(data.FileStyle)) })
	if cerr := s.close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, err
	}
	return w.n, nil
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

// listed reports whether a record may appear in an export, of either form.
// This is the one place where exports leave rows out: a rule such as a
// consent to publish goes here.
func listed(rec any) bool { return true }

// eachEntry calls fn with each row of kind k held for unit ("" for every
// unit held) that may be listed, in the store's order (citizens and centres
// by name, their years newest first; awards by name; ledger lines by date;
// a centre merged into another after it).
func eachEntry(ctx context.Context, st *store.Store, k Kind, unit string, fn func(entry) error) error {
	put := func(e entry) error {
		if !listed(e.rec) {
			return nil
		}
		return fn(e)
	}
	switch k {
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
