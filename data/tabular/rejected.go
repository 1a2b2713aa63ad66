package tabular

import (
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/msg"
)

// rejectedExtra are the columns a rejected-rows workbook adds around the
// data; Read ignores them, so the corrected workbook imports as it is.
var rejectedExtra = map[string]bool{"donggoc": true, "originalline": true, "lydo": true, "reason": true}

// WriteRejected writes the rows that have a problem to an .xlsx workbook to
// correct in Excel and import again: the line each had in the original
// file, its cells as the officer typed them under the columns' names in
// lang, and a last column with the whole reason.
func WriteRejected(path string, k Kind, rows []Row, probs []Problem, lang string) error {
	reason := map[int]string{}
	for _, p := range probs {
		if reason[p.Line] != "" {
			reason[p.Line] += "; "
		}
		reason[p.Line] += msg.Err(lang, p.Err)
	}
	cols := usedColumns(k, rows, reason)
	head := []any{msg.T(lang, "Original line")}
	for _, c := range cols {
		head = append(head, msg.T(lang, fieldKey(k, c)))
	}
	head = append(head, msg.T(lang, "reason"))
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	n := 2
	for _, r := range rows {
		if reason[r.Line] == "" {
			continue
		}
		cells := []any{r.Line}
		for _, c := range cols {
			v := r.Input[c]
			if t, ok := r.Typed[c]; ok {
				v = t
			}
			if v == "" {
				cells = append(cells, nil)
				continue
			}
			cells = append(cells, v) // text: a CCCD keeps its zero
		}
		cells = append(cells, reason[r.Line])
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(n), &cells); err != nil {
			return err
		}
		n++
	}
	if err := rejectedLook(f, sheet, len(head), n-1); err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Public, func(out *os.File) error { return f.Write(out) })
}

// usedColumns lists the kind's columns that any rejected row has.
func usedColumns(k Kind, rows []Row, reason map[int]string) []string {
	used := map[string]bool{}
	for _, r := range rows {
		if reason[r.Line] == "" {
			continue
		}
		for c := range r.Input {
			used[c] = true
		}
	}
	var out []string
	for _, c := range k.Columns() {
		if used[c] {
			out = append(out, c)
		}
	}
	return out
}

// rejectedLook bolds the header, freezes it, widens the columns and wraps
// the reason.
func rejectedLook(f *excelize.File, sheet string, ncols, nrows int) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Font: &excelize.Font{Color: "C00000"}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(ncols)
	if err := f.SetSheetDimension(sheet, "A1:"+last+strconv.Itoa(max(nrows, 1))); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", last, 18); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, last, last, 60); err != nil {
		return err
	}
	if nrows >= 2 {
		if err := f.SetCellStyle(sheet, last+"2", last+strconv.Itoa(nrows), wrap); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
