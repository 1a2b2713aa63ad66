package tabular

import (
	"context"
	"os"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// Export writes the live records of kind k held for unit ("" for every unit
// held) to path, CSV or XLSX by its extension, with every column of
// docs/CONTRACT.md: each record as data's Format writes it for a file, so
// the file imports back to the same records. A citizen or centre appears
// once per year it has (or once without a year). A person who did not
// consent to publishing is never on an exported list (ExportCounting says
// how many were left out). It returns the number of rows written. On error
// the partial file is removed.
func Export(ctx context.Context, st *store.Store, k Kind, unit, path string) (int, error) {
	n, _, err := ExportCounting(ctx, st, k, unit, path)
	return n, err
}

// ExportCounting is Export, also returning how many rows were left out for
// want of consent to publish (data.ConsentBook.MayPublish).
func ExportCounting(ctx context.Context, st *store.Store, k Kind, unit, path string) (rows, withheld int, err error) {
	s, err := newSink(path, k.Columns())
	if err != nil {
		return 0, 0, err
	}
	w := &rowWriter{cols: k.Columns(), s: s}
	book, err := st.ConsentBook(ctx, unit, st.Today())
	if err == nil {
		err = exportRows(ctx, st, k, unit, w, book)
	}
	if cerr := s.close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, 0, err
	}
	return w.n, w.withheld, nil
}

func exportRows(ctx context.Context, st *store.Store, k Kind, unit string, w *rowWriter, book *data.ConsentBook) error {
	file := data.FileStyle
	switch k {
	case Citizens:
		return st.EachCitizen(ctx, unit, func(c data.Citizen, a *data.Assessment) error {
			if !book.MayPublishCitizen(c) {
				w.withheld++
				return nil
			}
			return w.put(data.FormatCitizen(data.CitizenEntry{Citizen: c, Assessment: a}, file))
		})
	case Centres:
		return st.EachCentre(ctx, unit, func(c data.Centre, y *data.CentreYear) error {
			return w.put(data.FormatCentre(data.CentreEntry{Centre: c, Year: y}, file))
		})
	case Awards:
		for off := 0; ; off += 1000 {
			as, err := st.Awards(ctx, store.AwardQuery{Unit: unit, Offset: off, Limit: 1000})
			if err != nil || len(as) == 0 {
				return err
			}
			for _, a := range as {
				if !book.MayPublish(a) {
					w.withheld++
					continue
				}
				if err := w.put(data.FormatAward(a, file)); err != nil {
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
		if err := w.put(data.FormatFund(f, file)); err != nil {
			return err
		}
	}
	return nil
}
