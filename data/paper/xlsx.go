package paper

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/atomicfile"
)

// WriteXLSX writes d to path as a workbook an office prints as it is: A4
// landscape, fit to one page wide, the print area set, the head of the
// first table repeated on every page (when it runs onto them, repeats),
// page breaks placed so that the header block and the signature block are
// each whole on one page, column widths fitted to their cells, thin black
// borders, numbers as numbers.
func WriteXLSX(d *Doc, path string) error {
	if err := d.check(); err != nil {
		return err
	}
	s, err := newXSheet(d)
	if err != nil {
		return err
	}
	defer s.f.Close()
	for _, step := range []func() error{s.header, s.title, s.tables, s.footer, s.pageSetup, s.props} {
		if err := step(); err != nil {
			return err
		}
	}
	return atomicfile.Write(path, atomicfile.Public, func(f *os.File) error { return s.f.Write(f) })
}

// xsheet lays a Doc out on one worksheet, row by row.
type xsheet struct {
	d       *Doc
	f       *excelize.File
	name    string
	st      map[string]int
	w       []float64 // the shown columns' widths: the grid the layout spans
	hidden  []float64 // the widths of the hidden columns after them
	row     int       // the last row written
	heights []float64 // of each row, in points
	keep    [][2]int  // rows printed on one page
	repeat  [2]int    // rows repeated at the top of every page
	end     int       // the first table's last row
	tail    int       // the first of the last table's last rows, which the signatures keep with them
}

func newXSheet(d *Doc) (*xsheet, error) {
	n := 4
	for _, t := range d.Tables {
		n = max(n, t.shown())
	}
	w := widths(d, n)
	s := &xsheet{d: d, f: excelize.NewFile(), name: d.Sheet, w: w[:n], hidden: w[n:]}
	if s.name == "" {
		s.name = "Sheet1"
	}
	if err := s.f.SetSheetName("Sheet1", s.name); err != nil {
		return nil, err
	}
	// Column widths count digits of the workbook's default font. Times New
	// Roman's are as wide as Calibri's (7 pixels at 11 pt), so widthPt holds
	// in Excel, and LibreOffice has it (as the metric-compatible Liberation
	// Serif) where it may not have Calibri: its fit-to-width scale is then
	// the one the page breaks are placed for.
	if err := s.f.SetDefaultFont("Times New Roman"); err != nil {
		return nil, err
	}
	for i, w := range w {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := s.f.SetColWidth(s.name, col, col, w); err != nil {
			return nil, err
		}
		if i < n {
			continue
		}
		// Hidden, in an outline group: the "+" above the columns shows them.
		if err := s.f.SetColVisible(s.name, col, false); err != nil {
			return nil, err
		}
		if err := s.f.SetColOutlineLevel(s.name, col, 1); err != nil {
			return nil, err
		}
	}
	return s, s.makeStyles()
}

func (s *xsheet) makeStyles() error {
	font := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic, Color: "000000"}
	}
	al := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	pct, date := "0.0%", "dd/mm/yyyy"
	styles := map[string]*excelize.Style{
		"plain":  {Font: font(12, false, false), Alignment: al("center", false)},
		"bold":   {Font: font(12, true, false), Alignment: al("center", false)},
		"motto":  {Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true, Underline: "single", Color: "000000"}, Alignment: al("center", false)},
		"italic": {Font: font(12, false, true), Alignment: al("center", false)},
		"title":  {Font: font(14, true, false), Alignment: al("center", true)},
		"sub":    {Font: font(13, true, false), Alignment: al("center", true)},
		"line":   {Font: font(12, false, false), Alignment: al("left", true)},
		"ttitle": {Font: font(12, true, false), Alignment: al("left", false)},
		"head":   {Font: font(11, true, false), Alignment: al("center", true), Border: border},
		"recvh":  {Font: font(12, true, true), Alignment: al("left", false)},
		"recv":   {Font: font(11, false, false), Alignment: al("left", false)},
		"signn":  {Font: font(11, false, true), Alignment: al("center", false)},
	}
	for _, b := range []bool{false, true} {
		sfx := map[bool]string{false: "", true: "b"}[b]
		styles["text"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("left", true), Border: border}
		styles["num"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("right", false), Border: border, NumFmt: 3}
		styles["pct"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("right", false), Border: border, CustomNumFmt: &pct}
		styles["date"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("center", false), Border: border, CustomNumFmt: &date}
		styles["code"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("center", false), Border: border, NumFmt: 49}
	}
	s.st = map[string]int{}
	names := make([]string, 0, len(styles))
	for name := range styles {
		names = append(names, name)
	}
	sort.Strings(names)  // the same style ids every time: the workbook is reproducible
	if s.d.uses(Plain) { // after the others: a document without such cells keeps its ids
		for _, b := range []bool{false, true} {
			sfx := map[bool]string{false: "", true: "b"}[b]
			styles["general"+sfx] = &excelize.Style{Font: font(11, b, false), Alignment: al("right", false), Border: border}
			names = append(names, "general"+sfx)
		}
	}
	for _, name := range names {
		id, err := s.f.NewStyle(styles[name])
		if err != nil {
			return err
		}
		s.st[name] = id
	}
	return nil
}

// next starts a new row of the given height.
func (s *xsheet) next(h float64) error {
	s.row++
	s.heights = append(s.heights, h)
	return s.f.SetRowHeight(s.name, s.row, h)
}

// grow raises the current row's height to h.
func (s *xsheet) grow(h float64) error {
	if h <= s.heights[s.row-1] {
		return nil
	}
	s.heights[s.row-1] = h
	return s.f.SetRowHeight(s.name, s.row, h)
}

// put writes v across columns c0…c1 (0-based) of the current row.
func (s *xsheet) put(c0, c1 int, v any, style string) error {
	a, _ := excelize.CoordinatesToCellName(c0+1, s.row)
	b, _ := excelize.CoordinatesToCellName(c1+1, s.row)
	if v != nil {
		if err := s.f.SetCellValue(s.name, a, v); err != nil {
			return err
		}
	}
	if c1 > c0 {
		if err := s.f.MergeCell(s.name, a, b); err != nil {
			return err
		}
	}
	return s.f.SetCellStyle(s.name, a, b, s.st[style])
}

func (s *xsheet) last() int { return len(s.w) - 1 }

func (s *xsheet) header() error {
	h, blocks := s.d.Header, split(s.w, []float64{0.4, 0.6})
	l, r := blocks[0], blocks[len(blocks)-1]
	for _, line := range [][4]string{
		{h.Parent, "plain", NationalTitle, "bold"},
		{h.Issuer, "bold", NationalMotto, "motto"},
		{h.Number, "plain", h.PlaceDate, "italic"},
	} {
		if err := s.next(18); err != nil {
			return err
		}
		if err := s.put(l[0], l[1], nonEmpty(line[0]), line[1]); err != nil {
			return err
		}
		if err := s.put(r[0], r[1], nonEmpty(line[2]), line[3]); err != nil {
			return err
		}
	}
	return s.next(10)
}

func nonEmpty(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func (s *xsheet) title() error {
	for i, t := range s.d.Title {
		st, h := "sub", 20.0
		if i == 0 {
			st, h = "title", 22
		}
		if err := s.next(h); err != nil {
			return err
		}
		if err := s.put(0, s.last(), t, st); err != nil {
			return err
		}
	}
	for _, t := range s.d.Lines {
		if err := s.next(18); err != nil {
			return err
		}
		if err := s.put(0, s.last(), t, "line"); err != nil {
			return err
		}
	}
	s.keep = append(s.keep, [2]int{1, s.row})
	return s.next(10)
}

func (s *xsheet) tables() error {
	for n, t := range s.d.Tables {
		top := s.row + 1 // a table's title and head stay on the page of its first row
		if t.Title != "" {
			if err := s.next(20); err != nil {
				return err
			}
			if err := s.put(0, s.last(), t.Title, "ttitle"); err != nil {
				return err
			}
		}
		first := s.row + 1
		if err := s.head(&t); err != nil {
			return err
		}
		if n == 0 {
			s.repeat = [2]int{first, s.row}
		}
		for i, r := range t.Rows {
			if i == max(0, len(t.Rows)-keptRows) {
				s.tail = s.row + 1
			}
			if err := s.line(&t, r); err != nil {
				return err
			}
			if i == 0 && n > 0 {
				s.keep = append(s.keep, [2]int{top, s.row})
			}
		}
		if n == 0 {
			s.end = s.row
		}
		if t.Whole {
			s.keep = append(s.keep, [2]int{top, s.row})
		}
		if err := s.next(12); err != nil {
			return err
		}
	}
	return nil
}

// head writes a table's head: the group row when there is one (a group
// label merged over its columns, a plain head merged down over both rows),
// then the heads.
func (s *xsheet) head(t *Table) error {
	grouped := t.grouped()
	if grouped {
		if err := s.next(float64(s.groupLines(t))*lineH + 4); err != nil {
			return err
		}
		for j := 0; j < len(t.Columns); {
			k := j
			for k+1 < len(t.Columns) && t.Columns[j].Group != "" && t.Columns[k+1].Group == t.Columns[j].Group {
				k++
			}
			v := t.Columns[j].Group
			if v == "" {
				v = t.Columns[j].Head
			}
			if err := s.put(t.place(j, len(s.w)), t.place(k, len(s.w)), v, "head"); err != nil {
				return err
			}
			j = k + 1
		}
	}
	hl := 1
	for j, c := range t.Columns {
		if (!grouped || c.Group != "") && j < t.shown() {
			hl = max(hl, lines(c.Head, s.w[j]))
		}
	}
	if err := s.next(float64(hl)*lineH + 4); err != nil {
		return err
	}
	for j, c := range t.Columns {
		j := t.place(j, len(s.w))
		if grouped && c.Group == "" {
			a, _ := excelize.CoordinatesToCellName(j+1, s.row-1)
			b, _ := excelize.CoordinatesToCellName(j+1, s.row)
			if err := s.f.MergeCell(s.name, a, b); err != nil {
				return err
			}
			if err := s.f.SetCellStyle(s.name, b, b, s.st["head"]); err != nil {
				return err
			}
			continue
		}
		if err := s.put(j, j, c.Head, "head"); err != nil {
			return err
		}
	}
	return nil
}

// groupLines is how many lines the widest-wrapping group label of t takes
// over the columns it spans.
func (s *xsheet) groupLines(t *Table) int {
	n := 1
	for j := 0; j < t.shown(); j++ {
		g, w := t.Columns[j].Group, s.w[j]
		for g != "" && j+1 < t.shown() && t.Columns[j+1].Group == g {
			j++
			w += s.w[j]
		}
		if g != "" {
			n = max(n, lines(g, w/1.1)) // bold
		}
	}
	return n
}

// line writes one table row, each cell by its column's kind.
func (s *xsheet) line(t *Table, r Row) error {
	h := 1
	for j, c := range t.Columns[:t.shown()] { // hidden cells are not seen: they do not size the row
		if j < len(r.Cells) && c.Kind == Text {
			h = max(h, lines(show(r.Cells[j], c.Kind), s.w[j]))
		}
	}
	room := 3.0
	if t.Dense {
		room = 0
	}
	if err := s.next(float64(h)*lineH + room); err != nil {
		return err
	}
	sfx := ""
	if r.Bold {
		sfx = "b"
	}
	for j, c := range t.Columns {
		var v any
		if j < len(r.Cells) {
			v = r.Cells[j]
		}
		k := t.place(j, len(s.w))
		if err := s.put(k, k, cellValue(v, c.Kind), kindStyle[c.Kind]+sfx); err != nil {
			return err
		}
	}
	return nil
}

var kindStyle = map[Kind]string{Text: "text", Number: "num", Percent: "pct", Date: "date", Code: "code", Plain: "general"}

// cellValue is what the workbook stores: numbers as numbers (a percent as
// its fraction), dates as date cells, codes as text.
func cellValue(v any, k Kind) any {
	switch x := v.(type) {
	case float64:
		if k == Percent {
			return x / 100
		}
	case data.Date:
		if x.IsZero() {
			return nil
		}
		return time.Date(x.Y, time.Month(x.M), x.D, 0, 0, 0, 0, time.UTC)
	case string:
		if x == "" {
			return nil
		}
	}
	return v
}

// keptRows is how many of the last table's rows the signature block keeps
// on its page: never a page of signatures alone under a repeated head.
const keptRows = 3

// footer writes "Nơi nhận" on the left and the signature blocks beside it,
// kept together on one page with the last rows of the table above.
func (s *xsheet) footer() error {
	d := s.d
	if len(d.Receivers) == 0 && len(d.Signatures) == 0 {
		return nil
	}
	blocks := split(s.w, footShares(d))
	cols := blockColumns(d, blocks)
	first := s.row + 1
	for i := 0; i < len(cols[0]); i++ {
		if err := s.next(lineH + 2); err != nil {
			return err
		}
		for b, col := range cols {
			if i < len(col) && col[i].text != "" && b < len(blocks) {
				if err := s.put(blocks[b][0], blocks[b][1], col[i].text, col[i].style); err != nil {
					return err
				}
			}
		}
	}
	if s.tail > 0 {
		first = s.tail
	}
	s.keep = append(s.keep, [2]int{first, s.row})
	return nil
}

type styled struct{ text, style string }

// blockColumns lists each footer block's lines, all of one length.
func blockColumns(d *Doc, blocks [][2]int) [][]styled {
	var cols [][]styled
	if len(d.Receivers) > 0 {
		c := []styled{{"Nơi nhận:", "recvh"}}
		for _, r := range d.Receivers {
			c = append(c, styled{r, "recv"})
		}
		cols = append(cols, c)
	}
	titles := 0
	for _, sg := range d.Signatures {
		titles = max(titles, len(sg.Title))
	}
	for _, sg := range d.Signatures {
		var c []styled
		for _, t := range sg.Title {
			c = append(c, styled{t, "bold"})
		}
		c = append(c, styled{sg.Note, "signn"})
		for i := len(sg.Title); i < titles+signSpace; i++ { // the names on one line
			c = append(c, styled{})
		}
		c = append(c, styled{sg.Name, "bold"})
		cols = append(cols, c)
	}
	n := 0
	for _, c := range cols {
		n = max(n, len(c))
	}
	for i := range cols {
		for len(cols[i]) < n {
			cols[i] = append(cols[i], styled{})
		}
	}
	return cols
}

func (s *xsheet) pageSetup() error {
	a4, land, one, zero := 9, "landscape", 1, 0
	if err := s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &land,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	in := func(pt float64) *float64 { v := pt / 72; return &v }
	if err := s.f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: in(marginL), Right: in(marginR),
		Top: in(marginT), Bottom: in(marginB), Header: in(0.3 * 72), Footer: in(0.3 * 72)}); err != nil {
		return err
	}
	if err := s.f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddFooter: `&C&"Times New Roman,Regular"&10Trang &P/&N`}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(s.w))
	end, _ := excelize.ColumnNumberToName(len(s.w) + len(s.hidden))
	// excelize leaves <dimension ref="A1">, and read-only readers (openpyxl's)
	// would then see one cell.
	if err := s.f.SetSheetDimension(s.name, fmt.Sprintf("A1:%s%d", end, s.row)); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(s.name, "'", "''") + "'"
	if err := s.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: s.name,
		RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, last, s.row)}); err != nil {
		return err
	}
	pages := breaks(s.heights, s.keep, s.repeat, scale(s.w))
	if !s.repeats(pages) { // a workbook repeats one head on every page: only the first table's pages may carry it
		s.repeat = [2]int{}
		pages = breaks(s.heights, s.keep, s.repeat, scale(s.w))
	}
	if s.repeat[0] > 0 {
		if err := s.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
			RefersTo: fmt.Sprintf("%s!$%d:$%d", q, s.repeat[0], s.repeat[1])}); err != nil {
			return err
		}
	}
	for _, r := range pages {
		if err := s.f.InsertPageBreak(s.name, fmt.Sprintf("A%d", r)); err != nil {
			return err
		}
	}
	return nil
}

// repeats reports whether the first table's head is printed at the top of
// every page. A workbook repeats one head on all pages: when the first
// table runs onto a second page its rows need it there (a page of another
// table after it then carries it too, over its own head); when it ends on
// the first page and other tables fill the next ones, they would carry a
// head that is not theirs, so none is repeated. The PDF repeats each
// table's own head.
func (s *xsheet) repeats(pages []int) bool {
	for _, r := range pages {
		if r <= s.end {
			return true
		}
	}
	return len(pages) == 0
}

// ErrHiddenOrder reports a table that shows a column after a hidden one.
var ErrHiddenOrder = errors.New("paper: a table's hidden columns must come after those it shows")

// check refuses a document the writers cannot lay out.
func (d *Doc) check() error {
	for _, t := range d.Tables {
		for _, c := range t.Columns[t.shown():] {
			if !c.Hidden {
				return fmt.Errorf("%w: %q", ErrHiddenOrder, c.Head)
			}
		}
	}
	return nil
}

// uses reports whether a table of d has a column of kind k.
func (d *Doc) uses(k Kind) bool {
	for _, t := range d.Tables {
		for _, c := range t.Columns {
			if c.Kind == k {
				return true
			}
		}
	}
	return false
}

// props names the application and the unit in the file's properties.
func (s *xsheet) props() error {
	p := s.d.Props
	created := p.Created
	if created.IsZero() {
		created = time.Now()
	}
	stamp := created.UTC().Format(time.RFC3339)
	if err := s.f.SetDocProps(&excelize.DocProperties{Title: p.Title, Subject: p.Subject, Creator: p.Unit,
		LastModifiedBy: p.Unit, Created: stamp, Modified: stamp, Description: AppName,
		Language: "vi-VN"}); err != nil {
		return err
	}
	return s.f.SetAppProps(&excelize.AppProperties{Application: AppName, Company: p.Unit})
}
