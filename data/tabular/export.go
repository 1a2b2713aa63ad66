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
// once per year it has (or once without a year). It returns the number of
// rows written. On error the partial file is removed.
func Export(ctx context.Context, st *store.Store, k Kind, unit, path string) (int, error) {
	s, err := newSink(path, k.Columns())
	if err != nil {
		return 0, err
	}
	w := &rowWriter{cols: k.Columns(), s: s}
	err = exportRows(ctx, st, k, unit, w)
	if cerr := s.close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, err
	}
	return w.n, nil
}

func exportRows(ctx context.Context, st *store.Store, k Kind, unit string, w *rowWriter) error {
	file := data.FileStyle
	switch k {
	case Citizens:
		return st.EachCitizen(ctx, unit, func(c data.Citizen, a *data.Assessment) error {
			return w.put(data.FormatCitizen(data.CitizenEntry{Citizen: c, Assessment: a}, file))
		})
	case Centres:
		return st.EachCentre(ctx, unit, func(c data.Centre, y *data.CentreYear) error {
			return w.put(data.FormatCentre(data.CentreEntry{Centre: c, Year: y}, file))
		})
	case Branches, Activities:
		return exportAssociation(ctx, st, k, unit, w)
	case Awards:
		for off := 0; ; off += 1000 {
			as, err := st.Awards(ctx, store.AwardQuery{Unit: unit, Offset: off, Limit: 1000})
			if err != nil || len(as) == 0 {
				return err
			}
			for _, a := range as {
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
