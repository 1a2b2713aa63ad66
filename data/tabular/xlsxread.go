package tabular

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxBook reads an .xlsx workbook with excelize under the unzip limits
// (UnzipSizeLimit, UnzipXMLSizeLimit) and its streaming row reader, so a
// large sheet is never held whole. Before excelize opens the file, the zip
// directory is checked against the limits, and each sheet's XML is scanned
// beside the row reader for formulas that have no stored value, which
// excelize's row reader gives as empty cells (formulaScan).
type xlsxBook struct {
	f     *excelize.File
	z     *zip.ReadCloser
	lim   Limits
	names []string
	parts []string // the XML part of each sheet, in the zip
	d1904 bool
}

func openXLSX(p string, lim Limits) (book, error) {
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, fileErr(ErrBroken, err)
	}
	b := &xlsxBook{z: z, lim: lim}
	if err := checkZip(z, lim); err != nil {
		z.Close()
		return nil, err
	}
	b.f, err = excelize.OpenFile(p, excelize.Options{UnzipSizeLimit: lim.Unzipped,
		UnzipXMLSizeLimit: min(lim.XMLInMemory, lim.Unzipped), TmpDir: lim.TempDir})
	if err != nil {
		z.Close()
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fileErr(ErrTooBig, err)
		}
		return nil, fileErr(ErrBroken, err)
	}
	b.names = b.f.GetSheetList()
	if err := b.findParts(); err != nil {
		b.close()
		return nil, err
	}
	if props, err := b.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.d1904 = *props.Date1904
	}
	return b, nil
}

func (b *xlsxBook) sheets() []string { return b.names }
func (b *xlsxBook) date1904() bool   { return b.d1904 }

func (b *xlsxBook) close() error {
	err := b.f.Close()
	if zerr := b.z.Close(); err == nil {
		err = zerr
	}
	return err
}

func (b *xlsxBook) open(i int) (rowSource, error) {
	formulas, err := b.scanFormulas(b.parts[i])
	if err != nil {
		return nil, err
	}
	rows, err := b.f.Rows(b.names[i])
	if err != nil {
		return nil, fileErr(ErrBroken, err)
	}
	return &xlsxRows{rows: rows, formulas: formulas}, nil
}

// xlsxRows streams one sheet's rows.
type xlsxRows struct {
	rows     *excelize.Rows
	line     int
	formulas *formulaScan
}

func (x *xlsxRows) next() (int, []cell, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return 0, nil, fileErr(ErrBroken, err)
		}
		return 0, nil, io.EOF
	}
	x.line++
	vals, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, fileErr(ErrBroken, err)
	}
	empty, err := x.formulas.in(x.line)
	if err != nil {
		return 0, nil, err
	}
	cells := make([]cell, len(vals))
	for n, v := range vals {
		cells[n] = cell{v: v, formula: v == "" && empty[n+1]}
	}
	return x.line, cells, nil
}

func (x *xlsxRows) close() error {
	err := x.rows.Close()
	if ferr := x.formulas.close(); err == nil {
		err = ferr
	}
	return err
}

// findParts finds each sheet's XML part through the workbook's relations.
func (b *xlsxBook) findParts() error {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decodePart("xl/workbook.xml", &wb); err != nil {
		return err
	}
	if err := b.decodePart("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	byName := map[string]string{}
	for _, s := range wb.Sheets {
		byName[s.Name] = target[s.ID]
	}
	b.parts = make([]string, len(b.names))
	for n, name := range b.names {
		b.parts[n] = byName[name]
	}
	return nil
}

// partLimit bounds the small parts decoded whole (workbook and relations).
const partLimit = 4 << 20

func (b *xlsxBook) decodePart(name string, v any) error {
	f := b.file(name)
	if f == nil {
		return fileErr(ErrBroken, errors.New(name+" missing"))
	}
	rc, err := f.Open()
	if err != nil {
		return fileErr(ErrBroken, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, partLimit)).Decode(v); err != nil {
		return fileErr(ErrBroken, err)
	}
	return nil
}

func (b *xlsxBook) file(name string) *zip.File {
	for _, f := range b.z.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// formulaScan streams a sheet's XML beside excelize's row reader, a row at
// a time, and finds the cells that hold a formula without a stored value:
// no <v>, or an empty one on a cell that is not of text type (Excel stores
// an empty text result as t="str" and an empty <v>; a script that never
// calculated leaves numbers empty). It reads no further than the rows asked
// for, so an import stopped at the row limit stops it too.
type formulaScan struct {
	d     *xml.Decoder
	rc    io.Closer
	row   int          // the row being scanned
	cells map[int]bool // its formula cells without values, by column (1-based)
	next  *xml.StartElement
	done  bool
}

func (b *xlsxBook) scanFormulas(part string) (*formulaScan, error) {
	f := b.file(part)
	if f == nil {
		return &formulaScan{done: true}, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fileErr(ErrBroken, err)
	}
	return &formulaScan{d: xml.NewDecoder(io.LimitReader(rc, b.lim.Unzipped)), rc: rc}, nil
}

func (s *formulaScan) close() error {
	if s.rc == nil {
		return nil
	}
	return s.rc.Close()
}

// in returns the columns of row line that hold formulas without values.
func (s *formulaScan) in(line int) (map[int]bool, error) {
	for !s.done && s.row < line {
		if err := s.scanRow(); err != nil {
			return nil, err
		}
	}
	if s.row == line {
		return s.cells, nil
	}
	return nil, nil
}

// scanRow reads the next <row> element whole.
func (s *formulaScan) scanRow() error {
	for {
		tok, err := s.d.RawToken()
		if err == io.EOF {
			s.done = true
			return nil
		}
		if err != nil {
			return fileErr(ErrBroken, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "row" {
			if n, err := strconv.Atoi(attr(se, "r")); err == nil {
				s.row = n
			} else {
				s.row++
			}
			return s.scanCells()
		}
	}
}

func (s *formulaScan) scanCells() error {
	s.cells = nil
	col := 0
	var typ string
	var inV, hasF, hasV bool
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			return fileErr(ErrBroken, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				col++
				if c, _, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col = c
				}
				typ, hasF, hasV = attr(t, "t"), false, false
			case "f":
				hasF = true
			case "v", "is":
				inV = true
				hasV = hasV || typ == "str" // an empty text result is a value
			}
		case xml.CharData:
			if inV && strings.TrimSpace(string(t)) != "" {
				hasV = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "is":
				inV = false
			case "c":
				if hasF && !hasV {
					if s.cells == nil {
						s.cells = map[int]bool{}
					}
					s.cells[col] = true
				}
			case "row":
				return nil
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
