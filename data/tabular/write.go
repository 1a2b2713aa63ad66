package tabular

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/atomicfile"
)

// sink receives rows of cells and writes them to a file format.
type sink interface {
	write(cells []string) error
	close() error
}

// newSink creates path as CSV or XLSX according to its extension and writes
// the header row.
func newSink(path string, cols []string) (sink, error) {
	var s sink
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		s, err = newCSVSink(path)
	case ".xlsx":
		s, err = newXLSXSink(path, len(cols))
	default:
		return nil, fmt.Errorf("%w: %s", ErrFormat, filepath.Base(path))
	}
	if err != nil {
		return nil, err
	}
	return s, s.write(cols)
}

type csvSink struct {
	f *os.File
	w *csv.Writer
}

func newCSVSink(path string) (*csvSink, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(BOM); err != nil {
		f.Close()
		return nil, err
	}
	return &csvSink{f: f, w: csv.NewWriter(f)}, nil
}

// write neutralises cells a spreadsheet would run as formulas.
func (s *csvSink) write(cells []string) error { return s.w.Write(NeutraliseAll(cells)) }

func (s *csvSink) close() error {
	s.w.Flush()
	err := s.w.Error()
	if err == nil {
		err = s.f.Sync()
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
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

func newXLSXSink(path string, ncols int) (*xlsxSink, error) {
	return &xlsxSink{path: path, ncols: ncols}, nil
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

// writeInputs writes one file row per Input, in the kind's column order.
type rowWriter struct {
	cols []string
	s    sink
	n    int
}

func (w *rowWriter) put(in data.Input) error {
	cells := make([]string, len(w.cols))
	for n, c := range w.cols {
		cells[n] = in[c]
	}
	w.n++
	return w.s.write(cells)
}
