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

type xlsxSink struct {
	path string
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
}

func newXLSXSink(path string, ncols int) (*xlsxSink, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(1, ncols, 16); err != nil {
		return nil, err
	}
	return &xlsxSink{path: path, f: f, sw: sw}, nil
}

func (s *xlsxSink) write(cells []string) error {
	s.row++
	row := make([]any, len(cells))
	for n, c := range cells {
		row[n] = c // text cells: a CCCD keeps its leading zero
	}
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, row)
}

func (s *xlsxSink) close() error {
	if err := s.sw.Flush(); err != nil {
		return err
	}
	// atomicfile.Public: excelize's SaveAs would make an executable file
	if err := atomicfile.Write(s.path, atomicfile.Public, func(f *os.File) error { return s.f.Write(f) }); err != nil {
		return err
	}
	return s.f.Close()
}

// writeInputs writes one file row per Input, in the kind's column order.
type rowWriter struct {
	cols     []string
	s        sink
	n        int
	withheld int // left out for want of consent to publish (export.go)
}

func (w *rowWriter) put(in data.Input) error {
	cells := make([]string, len(w.cols))
	for n, c := range w.cols {
		cells[n] = in[c]
	}
	w.n++
	return w.s.write(cells)
}
