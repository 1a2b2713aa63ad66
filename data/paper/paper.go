// Package paper lays documents out as Vietnamese offices print and send
// them: the issuing body with its parent body's line above it and "Số: …"
// on the left, the national header, place and date on the right, a title,
// tables of labelled cells, then "Nơi nhận" and the signature blocks. One
// Doc is written two ways that look alike: an Excel workbook set up for
// printing (A4 landscape, one page wide, print area, the table's head
// repeated on every page, the header and the signatures each kept whole on
// a page) and a PDF with an embedded Unicode font. Reports and printable
// registers build a Doc; certificates have their own page (certificate.go).
package paper

import (
	"strconv"
	"strings"
	"time"

	"sokhuyenhoc/data"
)

// National header lines every government document carries.
const (
	NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	NationalMotto = "Độc lập - Tự do - Hạnh phúc"
)

// AppName is the application named in the files' properties.
const AppName = "Sổ Khuyến Học"

// Doc is one printed document.
type Doc struct {
	Props      Props
	Header     Header
	Title      []string // centred; the first line large and bold
	Lines      []string // plain lines under the title
	Tables     []Table
	Receivers  []string // the lines under "Nơi nhận:", bottom left
	Signatures []Signature
	Sheet      string // the workbook's sheet name
}

// Props are the file's properties: its title, the unit that made it, when.
type Props struct {
	Title   string
	Subject string
	Unit    string // the issuing unit, as author and company
	Created time.Time
}

// Header is the block above the title.
type Header struct {
	Parent    string // the parent body: "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG"
	Issuer    string // "HỘI KHUYẾN HỌC XÃ ĐÔNG PHƯƠNG"
	Number    string // "Số: 12/BC-HKH"
	PlaceDate string // "Đông Phương, ngày 25 tháng 11 năm 2026"
}

// Kind is how a column's cells are shown.
type Kind int

// Column kinds.
const (
	Text    Kind = iota // text, left aligned, wrapped
	Number              // a whole number shown #.##0
	Percent             // a share in percent, one decimal
	Date                // a date cell shown dd/mm/yyyy
	Code                // text that must stay text (CCCD, phone), centred
	Plain               // a number shown as it is, without separators: a year (2026), a score (8,5)
)

// Column is one column of a table: its head, an optional group label
// written above consecutive columns of the same group, and its kind. A
// hidden column is kept in the workbook, where an office can show it again
// (and an import reads it), but is not printed, and the PDF leaves it out;
// a table's hidden columns come after those it shows. In the workbook,
// whose columns every table shares, a wrapped column (Wrap, a Text one)
// takes the width the other tables give its place, at least its longest
// word, and wraps its cells in it rather than widening theirs; the PDF
// measures each table on its own.
type Column struct {
	Head   string
	Group  string
	Kind   Kind
	Hidden bool
	Wrap   bool
}

// Table is a titled table. Cells are string, int, int64, float64 or
// data.Date; a nil cell is empty.
type Table struct {
	Title   string
	Columns []Column
	Rows    []Row
	Dense   bool // a long list: its rows without the report's extra room, so more fit on a page
	// Whole keeps the table on one page when it fits there: a table after
	// the first, whose rows the workbook's repeated head (the first
	// table's) would otherwise mislabel on the next page.
	Whole bool
}

// Row is one table row; a bold row is a total.
type Row struct {
	Cells []any
	Bold  bool
}

// Signature is one signing block: its bold title lines ("TM. BAN THƯỜNG
// VỤ", "CHỦ TỊCH"), the italic note under them, room to sign and stamp, and
// the signer's name.
type Signature struct {
	Title []string
	Note  string
	Name  string
}

// shown counts the columns a table prints: those before its first hidden
// one.
func (t *Table) shown() int {
	for j, c := range t.Columns {
		if c.Hidden {
			return j
		}
	}
	return len(t.Columns)
}

// printed returns the table as printed: without its hidden columns.
func (t *Table) printed() *Table {
	n := t.shown()
	if n == len(t.Columns) {
		return t
	}
	p := &Table{Title: t.Title, Columns: t.Columns[:n], Rows: make([]Row, len(t.Rows)), Dense: t.Dense}
	for i, r := range t.Rows {
		p.Rows[i] = Row{Cells: r.Cells[:min(n, len(r.Cells))], Bold: r.Bold}
	}
	return p
}

// grouped reports whether the table has a group row above its head.
func (t *Table) grouped() bool {
	for _, c := range t.Columns {
		if c.Group != "" {
			return true
		}
	}
	return false
}

// VNDate turns a date into "ngày 25 tháng 11 năm 2026".
func VNDate(d data.Date) string {
	if d.IsZero() {
		return "ngày … tháng … năm …"
	}
	return "ngày " + two(d.D) + " tháng " + two(d.M) + " năm " + strconv.Itoa(d.Y)
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// show is a cell as printed.
func show(v any, k Kind) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return show(int64(x), k)
	case int64:
		if k == Plain {
			return strconv.FormatInt(x, 10)
		}
		return data.GroupDigits(x)
	case float64:
		prec := 1
		if k == Plain {
			prec = -1
		}
		return strings.Replace(strconv.FormatFloat(x, 'f', prec, 64), ".", ",", 1)
	case data.Date:
		if x.IsZero() {
			return ""
		}
		return x.VN()
	}
	return ""
}
