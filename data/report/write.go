package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/tabular"
)

// ErrFormat reports an output file that is not .json, .csv, .xlsx or .pdf.
var ErrFormat = errors.New("report: output must be .json, .csv, .xlsx or .pdf")

// Write writes the report to path, as JSON, CSV, XLSX or PDF by its
// extension; the workbook and the PDF are the same printed page.
func Write(r *Report, path string, m Meta) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return writeFile(path, func(f *os.File) error { return WriteJSON(r, f) })
	case ".csv":
		return writeFile(path, func(f *os.File) error { return writeCSV(r, f) })
	case ".xlsx":
		return paper.WriteXLSX(r.Doc(m), path)
	case ".pdf":
		return paper.WritePDF(r.Doc(m), path)
	}
	return fmt.Errorf("%w: %s", ErrFormat, filepath.Base(path))
}

// WriteJSON writes the report JSON of docs/CONTRACT.md.
func WriteJSON(r *Report, f *os.File) error {
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// writeFile writes a report through data/atomicfile: a failed or cut
// write leaves no half report under its name.
func writeFile(path string, fn func(*os.File) error) error { return atomicfile.Write(path, 0o644, fn) }

// Columns of the CSV form: one line for the unit, then one per unit below;
// with a comparison, the same lines for the period a year earlier after
// them. The association's columns come last (csv_assoc.go).
var csvColumns = append([]string{"unit", "name", "year", "registered", "assessed", "passed", "recognized", "adults",
	"share_of_adults_pct", "centres_active", "rating_tot", "rating_kha", "rating_trung_binh",
	"rating_yeu", "classes", "learner_times", "awards_count", "awards_amount_vnd",
	"funds_raised_vnd", "funds_spent_vnd", "funds_balance_vnd"}, assocCSVColumns...)

func (r *Report) cells() []string {
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	c, ce, a, f := r.Citizens, r.Centres, r.Awards, r.Funds
	return append([]string{r.Unit, r.Name, strconv.Itoa(r.Year), n(c.Registered), n(c.Assessed),
		n(c.Passed), n(c.Recognized), n(c.Adults), strconv.FormatFloat(r.Share(), 'f', 1, 64), n(ce.Active),
		n(ce.ByRating["tot"]), n(ce.ByRating["kha"]), n(ce.ByRating["trung_binh"]),
		n(ce.ByRating["yeu"]), n(ce.Classes), n(ce.LearnerTimes), n(a.Count), n(a.AmountVND),
		n(f.RaisedVND), n(f.SpentVND), n(f.BalanceVND)}, r.assocCells()...)
}

// writeCSV writes a BOM (for Excel on Windows) and neutralises cells a
// spreadsheet would run as formulas, as every CSV the app writes.
func writeCSV(r *Report, f *os.File) error {
	if _, err := f.WriteString(tabular.BOM); err != nil {
		return err
	}
	w := csv.NewWriter(f)
	head := append(append([]string{}, csvColumns...), modelCSVColumns()...)
	// With targets (WithTargets), each line's targets after (targets_files.go);
	// with totals by area type, a line per area type after the units, its
	// area type in the last column.
	targets, areas := r.hasTargets(), len(r.ByArea) > 0
	if targets {
		head = append(head, targetCSVColumns()...)
	}
	if areas {
		head = append(head, "area_type")
	}
	w.Write(head)
	line := func(x *Report, area string) {
		cells := append(x.cells(), x.modelCells()...)
		if targets {
			cells = append(cells, x.targetCSVCells()...)
		}
		if areas {
			cells = append(cells, area)
		}
		w.Write(tabular.NeutraliseAll(cells))
	}
	for _, x := range []*Report{r, r.Previous} {
		if x == nil {
			continue
		}
		line(x, "")
		for _, c := range x.Units {
			line(c, "")
		}
		if x == r {
			for _, a := range r.areaReports() {
				line(a.r, a.code)
			}
		}
	}
	w.Flush()
	return w.Error()
}

// awardTypes lists the award types present in the report, sorted.
func (r *Report) awardTypes() []string {
	var out []string
	for k := range r.Awards.ByType {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
