package tabular

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// odsBook reads an OpenDocument spreadsheet (.ods, LibreOffice Calc's own
// format): content.xml is streamed token by token, never held whole, under
// the same unzip limit as an .xlsx. Repeated rows and cells (LibreOffice
// writes a million empty rows as one element) are expanded only where they
// carry values, and never beyond the row and column limits.
type odsBook struct {
	z       *zip.ReadCloser
	content *zip.File
	lim     Limits
	names   []string
}

func openODS(p string, lim Limits) (book, error) {
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, fileErr(ErrBroken, err)
	}
	b := &odsBook{z: z, lim: lim}
	if err := checkZip(z, lim); err != nil {
		z.Close()
		return nil, err
	}
	for _, f := range z.File {
		if f.Name == "content.xml" {
			b.content = f
		}
	}
	if b.content == nil {
		z.Close()
		return nil, fileErr(ErrBroken, errors.New("content.xml missing"))
	}
	if b.names, err = b.tableNames(); err != nil {
		z.Close()
		return nil, err
	}
	return b, nil
}

// checkZip refuses a zip whose entries would unzip beyond the limit.
func checkZip(z *zip.ReadCloser, lim Limits) error {
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		if total > uint64(lim.Unzipped) {
			return fileErr(ErrTooBig, errors.New("unzipped size above the limit"))
		}
	}
	return nil
}

func (b *odsBook) sheets() []string { return b.names }
func (b *odsBook) date1904() bool   { return false }
func (b *odsBook) close() error     { return b.z.Close() }

// decoder opens content.xml for one pass.
func (b *odsBook) decoder() (*xml.Decoder, io.Closer, error) {
	rc, err := b.content.Open()
	if err != nil {
		return nil, nil, fileErr(ErrBroken, err)
	}
	return xml.NewDecoder(io.LimitReader(rc, b.lim.Unzipped)), rc, nil
}

// tableNames lists the sheets, skipping their contents.
func (b *odsBook) tableNames() ([]string, error) {
	d, rc, err := b.decoder()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fileErr(ErrBroken, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "table" {
			out = append(out, attr(se, "name"))
			if err := d.Skip(); err != nil {
				return nil, fileErr(ErrBroken, err)
			}
		}
	}
}

func (b *odsBook) open(i int) (rowSource, error) {
	d, rc, err := b.decoder()
	if err != nil {
		return nil, err
	}
	for n := 0; ; {
		tok, err := d.Token()
		if err != nil {
			rc.Close()
			return nil, fileErr(ErrBroken, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "table" {
			if n == i {
				return &odsRows{d: d, rc: rc, lim: b.lim}, nil
			}
			n++
			if err := d.Skip(); err != nil {
				rc.Close()
				return nil, fileErr(ErrBroken, err)
			}
		}
	}
}

// odsRows streams the rows of one table.
type odsRows struct {
	d      *xml.Decoder
	rc     io.Closer
	lim    Limits
	line   int
	repeat int    // copies of last still to give
	last   []cell // the row being repeated
}

func (o *odsRows) close() error { return o.rc.Close() }

func (o *odsRows) next() (int, []cell, error) {
	if o.repeat > 0 {
		o.repeat--
		o.line++
		return o.line, o.last, nil
	}
	for {
		tok, err := o.d.Token()
		if err != nil {
			return 0, nil, fileErr(ErrBroken, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "table" {
				return 0, nil, io.EOF
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "table-row":
				rep := repeated(t, "number-rows-repeated")
				cells, err := o.row()
				if err != nil {
					return 0, nil, err
				}
				if !nonEmpty(cells) {
					o.line += rep // empty rows only move the line on
					continue
				}
				o.line++
				o.last, o.repeat = cells, min(rep-1, o.lim.Rows)
				return o.line, cells, nil
			case "table-column", "shapes", "named-expressions", "table-source":
				if err := o.d.Skip(); err != nil {
					return 0, nil, fileErr(ErrBroken, err)
				}
			}
		}
	}
}

// row reads the cells of a row up to its end; trailing empty cells (often
// repeated thousands of times) are dropped.
func (o *odsRows) row() ([]cell, error) {
	var cells []cell
	pending := 0 // empty cells not yet appended
	for {
		tok, err := o.d.Token()
		if err != nil {
			return nil, fileErr(ErrBroken, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "table-row" {
				return cells, nil
			}
		case xml.StartElement:
			if t.Name.Local != "table-cell" && t.Name.Local != "covered-table-cell" {
				if err := o.d.Skip(); err != nil {
					return nil, fileErr(ErrBroken, err)
				}
				continue
			}
			c, err := o.cell(t)
			if err != nil {
				return nil, err
			}
			rep := repeated(t, "number-columns-repeated")
			if c.v == "" && !c.formula {
				pending += rep
				continue
			}
			if len(cells)+pending+rep > o.lim.Columns+1 {
				rep = max(0, o.lim.Columns+1-len(cells)-pending)
				pending = min(pending, o.lim.Columns+1-len(cells))
			}
			for ; pending > 0; pending-- {
				cells = append(cells, cell{})
			}
			for ; rep > 0; rep-- {
				cells = append(cells, c)
			}
		}
	}
}

// cell reads one cell: its value by type, and its text as shown.
func (o *odsRows) cell(se xml.StartElement) (cell, error) {
	shown, err := o.text()
	if err != nil {
		return cell{}, err
	}
	c := cell{v: shown}
	switch attr(se, "value-type") {
	case "float", "percentage", "currency":
		c.v, c.shown = attr(se, "value"), shown
	case "date":
		dv := attr(se, "date-value")
		if len(dv) >= 10 {
			dv = dv[:10] // the date part of a date-time
		}
		c.v, c.shown = dv, shown
	case "boolean":
		c.v, c.shown = attr(se, "boolean-value"), shown
	case "":
		c.formula = attr(se, "formula") != "" && strings.TrimSpace(shown) == ""
	}
	return c, nil
}

// maxCellText bounds the text kept of one cell.
const maxCellText = 1 << 20

// text reads a cell's paragraphs up to its end, leaving out comments.
func (o *odsRows) text() (string, error) {
	var b strings.Builder
	paras := 0
	for depth := 1; depth > 0; {
		tok, err := o.d.Token()
		if err != nil {
			return "", fileErr(ErrBroken, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "annotation":
				depth--
				if err := o.d.Skip(); err != nil {
					return "", fileErr(ErrBroken, err)
				}
			case "p":
				if paras++; paras > 1 {
					b.WriteByte('\n')
				}
			case "s":
				b.WriteString(strings.Repeat(" ", min(repeated(t, "c"), 64)))
			case "tab":
				b.WriteByte('\t')
			case "line-break":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if b.Len() < maxCellText {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

// repeated reads a repeat count attribute (1 when absent or malformed).
func repeated(se xml.StartElement, name string) int {
	n, err := strconv.Atoi(attr(se, name))
	if err != nil || n < 1 {
		return 1
	}
	return n
}
