package tabular

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/text"
)

// cell is one cell as a reader found it.
type cell struct {
	v       string // the value: a number's digits, a date serial, text
	shown   string // the cell as displayed, when the reader knows it and it differs
	formula bool   // a formula whose value was never stored
}

// rowSource yields the rows of one sheet: its line (1 for the first row)
// and its cells; io.EOF after the last.
type rowSource interface {
	next() (line int, cells []cell, err error)
	close() error
}

// book is a file of one or more sheets, in their order.
type book interface {
	sheets() []string
	open(i int) (rowSource, error)
	date1904() bool
	close() error
}

// headerScan is how many non-empty rows are looked at for the header: a
// title, a subtitle, a date and a group row fit many times over.
const headerScan = 20

// sheetMiss is a sheet in which no header was found: the error of its most
// header-like row (nil when every row was empty), and whether that row is
// surely the register's header, mistyped (it names two columns or more).
type sheetMiss struct {
	err    error
	strong bool
}

func (m *sheetMiss) Error() string { return "tabular: no header in this sheet" }

// readBook reads the first sheet that has a header. A sheet whose header
// surely names a column wrongly stops the search: it is the register,
// mistyped. When no sheet has a header, the first sheet's nearest miss says
// why.
func readBook(b book, k Kind, lim Limits) (*Table, error) {
	names := b.sheets()
	var first error
	for i, name := range names {
		src, err := b.open(i)
		if err != nil {
			return nil, err
		}
		r := &sheetReader{k: k, lim: lim, sheet: name, names: headerNames(k), date1904: b.date1904()}
		if len(names) == 1 {
			r.sheet = "" // messages name a sheet only when there are several
		}
		t, err := r.read(src)
		if cerr := src.close(); err == nil {
			err = cerr
		}
		var miss *sheetMiss
		if errors.As(err, &miss) {
			if miss.strong {
				return nil, miss.err
			}
			if first == nil {
				first = miss.err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		t.Sheet, t.SheetIndex, t.Sheets = name, i, len(names)
		return t, nil
	}
	if first == nil {
		first = ErrEmpty
	}
	return nil, first
}

// line is a row kept while the header is looked for.
type line struct {
	n     int
	cells []cell
}

type sheetReader struct {
	k        Kind
	lim      Limits
	sheet    string
	names    map[string]string
	date1904 bool
	cols     []string // column of each cell index ("" ignored)
	t        *Table
}

func (r *sheetReader) read(src rowSource) (*Table, error) {
	var kept []line
	var miss sheetMiss // the nearest miss so far
	known := -1
	for {
		n, cells, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(cells) > r.lim.Columns {
			if nonEmpty(cells[r.lim.Columns:]) {
				return nil, fileErr(ErrTooWide, nil)
			}
			cells = cells[:r.lim.Columns]
		}
		if r.t != nil {
			if isFootRow(cells) { // the signature block: the table ended above it
				r.t.FootLine = n
				break
			}
			if err := r.data(n, cells); err != nil {
				return nil, err
			}
			continue
		}
		if !nonEmpty(cells) {
			continue
		}
		kept = append(kept, line{n, cells})
		ok, n, err := r.header(kept)
		if ok {
			continue
		}
		if n > known {
			miss, known = sheetMiss{err: err, strong: n >= 2}, n
		}
		if len(kept) == headerScan {
			break
		}
	}
	if r.t == nil {
		return nil, &miss
	}
	return r.t, nil
}

// header tries the last kept row as the header, alone or under the row
// above it (a two-row header whose upper row groups columns). When it is
// not, it returns how many columns of the kind the row names and why it is
// not a header.
func (r *sheetReader) header(kept []line) (bool, int, error) {
	low := kept[len(kept)-1]
	cols, known, err := r.resolve(texts(low.cells))
	if err == nil {
		r.found(low.n, 1, cols)
		return true, known, nil
	}
	if len(kept) > 1 && kept[len(kept)-2].n == low.n-1 {
		up := kept[len(kept)-2]
		cols, k2, err2 := r.resolve(mergeHeader(texts(up.cells), texts(low.cells)))
		if err2 == nil {
			r.found(low.n, 2, cols)
			return true, k2, nil
		}
		if k2 > known {
			known, err = k2, err2
		}
	}
	return false, known, &HeaderError{Sheet: r.sheet, Line: low.n, Err: err}
}

func (r *sheetReader) found(n, rows int, cols []string) {
	r.cols = cols
	r.t = &Table{HeaderLine: n, HeaderLines: rows}
}

// resolve maps header cells to columns; known counts the cells that name
// a column of the kind.
func (r *sheetReader) resolve(head []string) (cols []string, known int, err error) {
	cols = make([]string, len(head))
	seen := map[string]bool{}
	for n, h := range head {
		key := headerKey(h)
		if key == "" || ignoredHeaders[key] || rejectedExtra[key] {
			continue
		}
		c, ok := r.names[key]
		if !ok {
			if err == nil {
				err = &ColumnError{Column: text.Short(strings.TrimSpace(h)), Err: ErrUnknownColumn}
			}
			continue
		}
		known++
		if seen[c] && err == nil {
			err = &ColumnError{Column: text.Short(strings.TrimSpace(h)), Err: ErrDupColumn}
		}
		seen[c] = true
		cols[n] = c
	}
	if err != nil {
		return nil, known, err
	}
	for _, req := range r.k.required() {
		if !seen[req] {
			return nil, known, &ColumnError{Column: req, Err: ErrMissingColumn}
		}
	}
	return cols, known, nil
}

// mergeHeader lays a two-row header into one: a lower cell names its
// column (a number 1…10 under "Tiêu chí" or "Chỉ số" names indicator
// i1…i10); where the lower cell is empty, the upper one does (a name merged
// down over both rows). Upper cells over named lower cells only group.
func mergeHeader(up, low []string) []string {
	out := make([]string, max(len(up), len(low)))
	group := ""
	for n := range out {
		u, l := at(up, n), at(low, n)
		if strings.TrimSpace(u) != "" {
			group = u
		}
		switch {
		case strings.TrimSpace(l) == "":
			out[n] = u
		case groupHeaders[headerKey(group)] && isIndicator(l):
			out[n] = "i" + strings.TrimSpace(l)
		default:
			out[n] = l
		}
	}
	return out
}

func isIndicator(s string) bool {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil && n >= 1 && n <= data.Indicators
}

func at(s []string, n int) string {
	if n < len(s) {
		return s[n]
	}
	return ""
}

func texts(cells []cell) []string {
	out := make([]string, len(cells))
	for n, c := range cells {
		out[n] = c.v
	}
	return out
}

func nonEmpty(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.v) != "" || c.formula {
			return true
		}
	}
	return false
}

// data turns a row below the header into a Row.
func (r *sheetReader) data(n int, cells []cell) error {
	in, typed := data.Input{}, map[string]string{}
	empty := true
	for j, c := range cells {
		col := ""
		if j < len(r.cols) {
			col = r.cols[j]
		}
		if col == "" {
			if j >= len(r.cols) && strings.TrimSpace(c.v) != "" {
				return &LineError{Line: n, Err: ErrRowLength}
			}
			continue
		}
		if c.formula {
			name, _ := excelize.CoordinatesToCellName(j+1, n)
			return &CellError{Sheet: r.sheet, Cell: name, Err: ErrFormula}
		}
		v, shown := fixCell(col, c.v, r.date1904)
		if c.shown != "" {
			shown = c.shown
		}
		if strings.TrimSpace(v) != "" {
			empty = false
		}
		in[col] = v
		if shown != v {
			typed[col] = shown
		}
	}
	if empty {
		return nil
	}
	for _, col := range r.cols { // a short row (XLSX drops trailing empty cells) has empty cells
		if _, ok := in[col]; col != "" && !ok {
			in[col] = ""
		}
	}
	if len(r.t.Rows) >= r.lim.Rows {
		return fileErr(ErrTooManyRows, nil)
	}
	if len(typed) == 0 {
		typed = nil
	}
	r.t.Rows = append(r.t.Rows, Row{Line: n, Input: in, Typed: typed})
	return nil
}

// Describe says where the rows were found: the header row(s) and, in a
// workbook of several sheets, the sheet read.
func (t *Table) Describe(lang string) string {
	s := msg.T(lang, "Header: row %d.", t.HeaderLine)
	if t.HeaderLines == 2 {
		s = msg.T(lang, "Header: rows %d–%d (the upper row groups columns).", t.HeaderLine-1, t.HeaderLine)
	}
	if t.FootLine > 0 {
		s += " " + msg.T(lang, "From row %d on: the signature block, not imported.", t.FootLine)
	}
	if t.Sheets > 1 {
		s = msg.T(lang, "Sheet read: “%s” (%d of %d).", t.Sheet, t.SheetIndex+1, t.Sheets) + " " + s
		if t.SheetIndex > 0 {
			s += " " + msg.T(lang, "The sheets before it have no header row.")
		}
	}
	return s
}
