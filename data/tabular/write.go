package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/atomicfile"
)

// rowsOut puts a file's rows, in order, and returns the first error.
type rowsOut func(put func(cells []string) error) error

// writeRows writes path, CSV or XLSX by its extension, through
// data/atomicfile: the header row cols, then each row rows puts. A write
// that fails, or is cut short, leaves no file, or the earlier one as it
// was.
func writeRows(path string, cols []string, rows rowsOut) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return atomicfile.Write(path, atomicfile.Public, func(f *os.File) error { return writeCSV(f, cols, rows) })
	case ".xlsx":
		s := &xlsxSink{path: path, ncols: len(cols), rows: [][]string{cols}}
		if err := rows(s.write); err != nil {
			return err
		}
		return s.close()
	}
	return fmt.Errorf("%w: %s", ErrFormat, filepath.Base(path))
}

// writeCSV writes the BOM, the header and the rows, neutralising cells a
// spreadsheet would run as formulas.
func writeCSV(f io.Writer, cols []string, rows rowsOut) error {
	if _, err := io.WriteString(f, BOM); err != nil {
		return err
	}
	w := csv.NewWriter(f)
	put := func(cells []string) error { return w.Write(NeutraliseAll(cells)) }
	if err := put(cols); err != nil {
		return err
	}
	if err := rows(put); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// xlsxSink writes the data form's workbook: every cell text (a CCCD keeps
// its leading zero, a code stays a code), the header bold and frozen. The
// rows are kept until close, which streams them after the sheet's
// dimension is set: excelize's stream writer would otherwise leave
// <dimension ref="A1">, and read-only readers (openpyxl's) would see one
// cell.
type xlsxSink struct {
	path  string
	ncols int
	rows  [][]string
}

func (s *xlsxSink) write(cells []string) error {
	s.rows = append(s.rows, cells)
	return nil
}

func (s *xlsxSink) close() error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	last, _ := excelize.CoordinatesToCellName(s.ncols, max(len(s.rows), 1))
	if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, s.ncols, 16); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for n, cells := range s.rows {
		row := make([]any, len(cells))
		for j, c := range cells {
			if n == 0 {
				row[j] = excelize.Cell{StyleID: bold, Value: c}
			} else if c != "" {
				row[j] = c // text cells
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	// atomicfile.Public: excelize's SaveAs would make an executable file
	return atomicfile.Write(s.path, atomicfile.Public, func(out *os.File) error { return f.Write(out) })
}

// rowWriter puts one file row per Input, in the kind's column order.
type rowWriter struct {
	cols []string
	out  func(cells []string) error
	n    int
}

func (w *rowWriter) put(in data.Input) error {
	cells := make([]string, len(w.cols))
	for n, c := range w.cols {
		cells[n] = in[c]
	}
	w.n++
	return w.out(cells)
}
