package paper

import (
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"sokhuyenhoc/assets"
	"sokhuyenhoc/data/atomicfile"
)

// The embedded font: Noto Serif carries every Vietnamese letter, and fpdf
// embeds only the glyphs a document uses, with a ToUnicode map so that the
// text can be searched and copied (pdftotext reads it back intact).
const family = "NotoSerif"

// newPDF starts an A4 landscape document with the font and properties.
func newPDF(p Props) (*fpdf.Fpdf, error) {
	f := fpdf.New("L", "pt", "A4", "")
	for style, name := range map[string]string{"": assets.FontRegular, "B": assets.FontBold, "I": assets.FontItalic} {
		b, err := assets.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f.AddUTF8FontFromBytes(family, style, b)
	}
	f.SetMargins(marginL, marginT, marginR)
	f.SetCellMargin(0) // boxes keep their own padding; SplitText then measures the whole width
	f.SetAutoPageBreak(false, marginB)
	f.SetCompression(true)
	created := p.Created
	if created.IsZero() {
		created = time.Now()
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(p.Title, true)
	f.SetSubject(p.Subject, true)
	f.SetAuthor(p.Unit, true)
	f.SetCreator(AppName, true)
	f.SetProducer(AppName, true)
	f.SetLang("vi-VN")
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.6)
	return f, f.Error()
}

// WritePDF writes d to path as the printed workbook looks: the same header,
// tables and signatures on A4 landscape pages, the table head repeated on
// every page, the signature block kept whole, page numbers at the foot.
// Hidden columns are left out.
func WritePDF(d *Doc, path string) error {
	if err := d.check(); err != nil {
		return err
	}
	f, err := newPDF(d.Props)
	if err != nil {
		return err
	}
	w := &pdfDoc{f: f, d: d}
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetFont(family, "", 9)
		f.SetXY(marginL, pageH-marginB+18)
		f.CellFormat(printW, 12, fmt.Sprintf("Trang %d/{nb}", f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	w.header()
	w.title()
	for i := range d.Tables {
		w.last = i == len(d.Tables)-1
		w.table(d.Tables[i].printed())
	}
	w.footer()
	if err := f.Error(); err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Public, func(out *os.File) error { return f.Output(out) })
}

// pdfDoc lays a Doc out on pages.
type pdfDoc struct {
	f    *fpdf.Fpdf
	d    *Doc
	last bool // the table being laid out is the last: the signatures follow it
}

func (w *pdfDoc) y() float64 { return w.f.GetY() }

// text writes one line centred (or aligned) in a band of the page.
func (w *pdfDoc) text(x, y, width float64, s, style string, size float64, align string) {
	w.f.SetFont(family, style, size)
	w.f.SetXY(x, y)
	w.f.CellFormat(width, size*1.3, s, "", 0, align, false, 0, "")
}

// underline draws a short rule under a centred line, as official headers do.
func (w *pdfDoc) underline(x, y, width float64, s, style string, size float64) {
	w.f.SetFont(family, style, size)
	tw := w.f.GetStringWidth(s)
	c := x + width/2
	w.f.SetLineWidth(0.7)
	w.f.Line(c-tw/2, y, c+tw/2, y)
	w.f.SetLineWidth(0.6)
}

func (w *pdfDoc) header() {
	h := w.d.Header
	lw, rw := printW*0.4, printW*0.6
	lx, rx, y := marginL, marginL+printW*0.4, marginT
	w.text(lx, y, lw, h.Parent, "", 12, "C")
	w.text(rx, y, rw, NationalTitle, "B", 12, "C")
	y += 16
	w.text(lx, y, lw, h.Issuer, "B", 12, "C")
	w.text(rx, y, rw, NationalMotto, "B", 12, "C")
	w.underline(lx, y+16, lw, h.Issuer, "B", 12)
	w.underline(rx, y+16, rw, NationalMotto, "B", 12)
	y += 20
	w.text(lx, y, lw, h.Number, "", 12, "C")
	w.text(rx, y, rw, h.PlaceDate, "I", 12, "C")
	w.f.SetY(y + 28)
}

func (w *pdfDoc) title() {
	for i, t := range w.d.Title {
		size := 13.0
		if i == 0 {
			size = 14
		}
		w.f.SetFont(family, "B", size)
		w.f.SetX(marginL)
		w.f.MultiCell(printW, size*1.35, t, "", "C", false)
	}
	w.f.SetFont(family, "", 12)
	for _, t := range w.d.Lines {
		w.f.SetX(marginL)
		w.f.MultiCell(printW, 16, t, "", "L", false)
	}
	w.f.SetY(w.y() + 8)
}

// pdfTable is a table measured for the page.
type pdfTable struct {
	t      *Table
	w      []float64 // column widths in points
	size   float64   // font size of its cells
	lh     float64   // line height
	headH  [2]float64
	groupH float64
}

const pad = 2.0

// measure fits a table's columns to their cells at a font size that lets
// the whole table be one page wide (never below 6.5 pt); a main table
// fills the width.
func (w *pdfDoc) measure(t *Table, fill bool) *pdfTable {
	m := &pdfTable{t: t, size: 9.5}
	for ; ; m.size -= 0.5 {
		m.w = w.natural(t, m.size)
		total := 0.0
		for _, x := range m.w {
			total += x
		}
		if total <= printW || m.size <= 6.5 {
			k := printW / total
			if !fill {
				k = math.Min(k, 1.2)
			}
			for i := range m.w {
				m.w[i] *= k
			}
			break
		}
	}
	m.lh = m.size * 1.3
	hl, gl := 1, 0
	w.f.SetFont(family, "B", m.size)
	for j, c := range t.Columns {
		if !t.grouped() || c.Group != "" {
			hl = max(hl, len(w.f.SplitText(c.Head, m.w[j]-2*pad)))
		}
	}
	if t.grouped() {
		for j := 0; j < len(t.Columns); j++ {
			g, width := t.Columns[j].Group, m.w[j]
			for g != "" && j+1 < len(t.Columns) && t.Columns[j+1].Group == g {
				j++
				width += m.w[j]
			}
			gl = max(gl, len(w.f.SplitText(g, width-2*pad)))
		}
	}
	m.headH = [2]float64{float64(gl) * (m.lh + 2*pad), float64(hl)*m.lh + 2*pad}
	return m
}

// natural is each column's width at size: its widest cell, and its head's
// longest word (heads wrap).
func (w *pdfDoc) natural(t *Table, size float64) []float64 {
	out := make([]float64, len(t.Columns))
	for j, c := range t.Columns {
		w.f.SetFont(family, "B", size)
		for _, word := range strings.Fields(c.Head) {
			out[j] = math.Max(out[j], w.f.GetStringWidth(word))
		}
		out[j] = math.Max(out[j], w.f.GetStringWidth(c.Head)/3)
		for _, r := range t.Rows {
			if j >= len(r.Cells) {
				continue
			}
			style := ""
			if r.Bold {
				style = "B"
			}
			w.f.SetFont(family, style, size)
			s := w.f.GetStringWidth(show(r.Cells[j], c.Kind))
			if c.Kind == Text {
				s = math.Min(s, size*22) // long names wrap
			}
			out[j] = math.Max(out[j], s)
		}
		out[j] += 2*pad + 1
	}
	return out
}

func (w *pdfDoc) table(t *Table) {
	m := w.measure(t, len(t.Columns) > 4)
	if t.Whole {
		h := m.headH[0] + m.headH[1]
		if t.Title != "" {
			h += 18
		}
		for _, r := range t.Rows {
			h += w.rowHeight(m, r)
		}
		if w.y()+h > pageH-marginB && marginT+h <= pageH-marginB {
			w.f.AddPage() // whole on the next page, as the workbook prints it
		}
	}
	if t.Title != "" {
		if w.y()+16+m.headH[0]+m.headH[1]+m.lh*2 > pageH-marginB {
			w.f.AddPage()
		}
		w.f.SetFont(family, "B", 12)
		w.f.SetX(marginL)
		w.f.CellFormat(printW, 18, t.Title, "", 1, "L", false, 0, "")
	}
	w.head(m)
	for i, r := range t.Rows {
		h := w.rowHeight(m, r)
		if i == max(0, len(t.Rows)-keptRows) && w.last { // the last rows go with the signatures
			for _, r := range t.Rows[i+1:] {
				h += w.rowHeight(m, r)
			}
			h += 12 + w.footHeight()
		}
		if w.y()+h > pageH-marginB {
			w.f.AddPage()
			w.head(m)
		}
		w.row(m, r, w.rowHeight(m, r))
	}
	w.f.SetY(w.y() + 12)
}

func (w *pdfDoc) rowHeight(m *pdfTable, r Row) float64 {
	n := 1
	w.f.SetFont(family, "", m.size)
	for j, c := range m.t.Columns {
		if j < len(r.Cells) && c.Kind == Text {
			n = max(n, len(w.f.SplitText(show(r.Cells[j], c.Kind), m.w[j]-2*pad)))
		}
	}
	if m.t.Dense {
		return float64(n)*m.lh + pad
	}
	return float64(n)*m.lh + 2*pad
}

// box draws a bordered cell with its lines of text.
func (w *pdfDoc) box(x, y, width, h float64, s, style string, size, lh float64, align string) {
	w.f.Rect(x, y, width, h, "D")
	w.f.SetFont(family, style, size)
	ls := w.f.SplitText(s, width-2*pad)
	top := y + (h-float64(len(ls))*lh)/2
	for i, l := range ls {
		w.f.SetXY(x+pad, top+float64(i)*lh)
		w.f.CellFormat(width-2*pad, lh, l, "", 0, align, false, 0, "")
	}
}

func (w *pdfDoc) head(m *pdfTable) {
	x, y := marginL, w.y()
	t := m.t
	if t.grouped() {
		for j := 0; j < len(t.Columns); {
			k, width := j, m.w[j]
			for k+1 < len(t.Columns) && t.Columns[j].Group != "" && t.Columns[k+1].Group == t.Columns[j].Group {
				k++
				width += m.w[k]
			}
			if t.Columns[j].Group == "" {
				w.box(x, y, width, m.headH[0]+m.headH[1], t.Columns[j].Head, "B", m.size, m.lh, "C")
			} else {
				w.box(x, y, width, m.headH[0], t.Columns[j].Group, "B", m.size, m.lh, "C")
			}
			x += width
			j = k + 1
		}
		x, y = marginL, y+m.headH[0]
	}
	for j, c := range t.Columns {
		if !t.grouped() || c.Group != "" {
			w.box(x, y, m.w[j], m.headH[1], c.Head, "B", m.size, m.lh, "C")
		}
		x += m.w[j]
	}
	w.f.SetY(y + m.headH[1])
}

var kindAlign = map[Kind]string{Text: "L", Number: "R", Percent: "R", Date: "C", Code: "C", Plain: "R"}

func (w *pdfDoc) row(m *pdfTable, r Row, h float64) {
	x, y := marginL, w.y()
	style := ""
	if r.Bold {
		style = "B"
	}
	for j, c := range m.t.Columns {
		var v any
		if j < len(r.Cells) {
			v = r.Cells[j]
		}
		w.box(x, y, m.w[j], h, show(v, c.Kind), style, m.size, m.lh, kindAlign[c.Kind])
		x += m.w[j]
	}
	w.f.SetY(y + h)
}

// footer writes "Nơi nhận" and the signature blocks side by side, on a new
// page when they would not fit whole on this one.
func (w *pdfDoc) footer() {
	d := w.d
	if len(d.Receivers) == 0 && len(d.Signatures) == 0 {
		return
	}
	cols := blockColumns(d, nil)
	h := w.footHeight()
	if w.y()+h > pageH-marginB {
		w.f.AddPage()
	}
	y0 := w.y() + 4
	widths := footShares(d)
	for i := range widths {
		widths[i] *= printW
	}
	x := marginL
	for b, col := range cols {
		for i, line := range col {
			style, size, align := pdfStyle(line.style)
			w.text(x, y0+float64(i)*footLine, widths[b], line.text, style, size, align)
		}
		x += widths[b]
	}
	w.f.SetY(y0 + h)
}

// footHeight is the height of "Nơi nhận" and the signature blocks.
func (w *pdfDoc) footHeight() float64 {
	if len(w.d.Receivers) == 0 && len(w.d.Signatures) == 0 {
		return 0
	}
	return float64(len(blockColumns(w.d, nil)[0]))*footLine + 4
}

// footLine is the height of a line of the signature block.
const footLine = 15.0

// pdfStyle maps the workbook's footer styles to font style, size, alignment.
func pdfStyle(s string) (string, float64, string) {
	switch s {
	case "recvh":
		return "B", 12, "L"
	case "recv":
		return "", 11, "L"
	case "signn":
		return "I", 11, "C"
	}
	return "B", 12, "C"
}
