package tabular

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/store"
)

// The printed list of a register is a paper.Doc: the national header, the
// title with the unit and the year, a table with a column per field under
// its Vietnamese name, codes as their labels, dates as date cells, numbers
// as numbers, CCCDs and phones as text, and the signature block. Each
// column's head, type and cells come from the kind's record tables and its
// Format for people (data.PeopleStyle), so a new kind prints with no code of
// its own. The fields a printed page has no room for stay in the workbook
// as hidden columns, so the list imports back with every field; the PDF
// leaves them out.

// ListMeta is what a printed list says beyond its rows.
type ListMeta struct {
	Unit     string    // the unit whose records are listed ("" for every unit held)
	Year     int       // only the rows of this year; 0 for every year
	Name     string    // the unit's full name: "Xã Đông Phương"
	Parent   string    // the parent body's line above the association's name
	Place    string    // where the list is signed: "Đông Phương"
	Date     data.Date // when
	Operator string    // who drew it up
	Chairman string    // who signs for the association
	// UnitName names the unit of a row ("2025:12345" → "Xã Đông Phương"): a
	// list of several units' records gets a column naming each row's unit.
	UnitName func(unit string) string
	Created  time.Time
}

// ErrListFormat reports a printed list asked for in a format it has not.
var ErrListFormat = errors.New("tabular: a printed list is an .xlsx or a .pdf file")

// ExportList writes the printed list of kind k to path: a workbook set up
// for printing (.xlsx) or its PDF (.pdf). It returns the number of rows
// listed. When the records cannot be read, no file is written; when the
// file cannot be, none is left.
func ExportList(ctx context.Context, st *store.Store, k Kind, path string, m ListMeta) (int, error) {
	n, _, err := ExportListCounting(ctx, st, k, path, m)
	return n, err
}

// ExportListCounting is ExportList, also returning how many rows of the
// year listed were left out for want of consent to publish (export.go's
// listing, the hook both forms share).
func ExportListCounting(ctx context.Context, st *store.Store, k Kind, path string, m ListMeta) (rows, withheld int, err error) {
	write := map[string]func(*paper.Doc, string) error{".xlsx": paper.WriteXLSX, ".pdf": paper.WritePDF}[strings.ToLower(filepath.Ext(path))]
	if write == nil {
		return 0, 0, fmt.Errorf("%w: %s", ErrListFormat, filepath.Base(path))
	}
	var list []entry
	withheld, err = eachListed(ctx, st, k, m.Unit, m.Year, func(e entry) error {
		list = append(list, e)
		return nil
	})
	if err != nil {
		return 0, 0, err // nothing written: an earlier list stays
	}
	if err := write(listDoc(k, list, m), path); err != nil {
		return 0, 0, err // written whole or not at all: an earlier list stays
	}
	return len(list), withheld, nil
}

// listCol is one column of a printed list: a file column (or "" for the
// row number and the unit) and how it is shown.
type listCol struct {
	name string
	col  paper.Column
}

// listDoc lays the rows out as the printed list.
func listDoc(k Kind, rows []entry, m ListMeta) *paper.Doc {
	year := listYear(rows, m.Year)
	title := k.listTitle()
	if year != 0 {
		title += " NĂM " + strconv.Itoa(year)
	}
	cols := listColumns(k, m.UnitName != nil && severalUnits(rows), year != 0)
	t := paper.Table{Dense: true}
	for _, c := range cols {
		t.Columns = append(t.Columns, c.col)
	}
	for n, e := range rows {
		file, people := e.format(data.FileStyle), e.format(data.PeopleStyle("vi"))
		cells := make([]any, len(cols))
		for j, c := range cols {
			switch {
			case j == 0:
				cells[j] = n + 1
			case c.name == "":
				cells[j] = m.UnitName(e.unit)
			default:
				cells[j] = listCell(c.col.Kind, file[c.name], people[c.name])
			}
		}
		t.Rows = append(t.Rows, paper.Row{Cells: cells})
	}
	return &paper.Doc{Sheet: "Danh sách",
		Props: paper.Props{Title: sentenceCase(title), Subject: m.Name, Unit: "Hội Khuyến học " + m.Name, Created: m.Created},
		Header: paper.Header{Parent: m.Parent, Issuer: "HỘI KHUYẾN HỌC " + strings.ToUpper(m.Name),
			PlaceDate: orDots(m.Place) + ", " + paper.VNDate(m.Date)},
		Title:  lines(title, m.Name),
		Lines:  []string{"Tổng số: " + data.GroupDigits(int64(len(rows)))},
		Tables: []paper.Table{t},
		Signatures: []paper.Signature{
			{Title: []string{"NGƯỜI LẬP DANH SÁCH"}, Note: "(Ký, ghi rõ họ tên)", Name: m.Operator},
			{Title: []string{"TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"}, Note: "(Ký, ghi rõ họ tên, đóng dấu)", Name: m.Chairman},
		},
	}
}

// listColumns are the printed list's columns: the row number (which an
// import ignores), the unit when the list has several, the columns printed,
// then the kind's other columns, hidden. A list of one year, which its
// title names, hides the year column too.
func listColumns(k Kind, units, oneYear bool) []listCol {
	cols := []listCol{{col: paper.Column{Head: "STT", Kind: paper.Plain}}}
	if units {
		cols = append(cols, listCol{col: paper.Column{Head: "Đơn vị"}})
	}
	var shown []string
	for _, c := range k.printed() {
		if c != "year" || !oneYear {
			shown = append(shown, c)
		}
	}
	for _, hidden := range []bool{false, true} {
		for _, c := range k.Columns() {
			if data.HasColumn(shown, c) == hidden {
				continue
			}
			cols = append(cols, listCol{name: c, col: paper.Column{Head: msg.T("vi", fieldKey(k, c)), Kind: k.cellKind(c), Hidden: hidden}})
		}
	}
	return cols
}

// printedColumns are the columns a printed list shows, chosen for a page
// of A4 landscape: who or what each row is and what the office reads it
// for. Identity and contact details (CCCD, phone, birth date, guardian),
// notes, the ten scores and references to other records are left to the
// hidden columns. docs/reports.md lists them.
var printedColumns = map[Kind][]string{
	Citizens: {"full_name", "gender", "birth_year", "village", "group", "year", "result", "status",
		"decision_no", "decision_date"},
	Centres: {"name", "decision_no", "established_on", "status", "director", "year", "classes",
		"learner_times", "budget_vnd", "social_vnd", "rating"},
	Awards: {"full_name", "gender", "village", "school", "grade", "school_year", "award_type",
		"achievement", "amount_vnd", "in_kind_vnd", "decision_no", "awarded_on"},
	Funds: {"date", "direction", "source", "amount_vnd", "in_kind_vnd", "voucher_no", "note"},
	// The learning models: who or what each record is, its counts, and
	// the year's assessment and decision (scores, links and notes hidden).
	Families: {"head", "village", "members", "children", "adults", "year", "registered", "result", "rating",
		"status", "decision_no", "decision_date"},
	Clans: {"name", "branch", "head", "villages", "households", "members", "year", "registered", "result",
		"rating", "status", "decision_no", "decision_date"},
	Communities: {"village", "households", "year", "registered", "result", "rating", "status", "decision_no",
		"decision_date"},
	Units: {"name", "type", "staff", "head", "year", "registered", "result", "rating", "status", "decision_no",
		"decision_date"},
}

// printed lists the columns k prints: its choice above, or else every
// column that travels to every level and is not a reference or a score.
func (k Kind) printed() []string {
	if cols, ok := printedColumns[k]; ok {
		return cols
	}
	var out []string
	for _, c := range k.Columns() {
		col, ok := k.col(c)
		if !ok || col.Reach == data.Everywhere && col.Type != data.TypeRef && col.Type != data.TypeScores {
			out = append(out, c)
		}
	}
	return out
}

// col returns the field of kind k that file column c writes: the column
// named c in the files, else a field the kind's Format writes under its own
// name (an assessment's result and step), else the scores of i1…i10.
func (k Kind) col(c string) (data.Col, bool) {
	for _, match := range []func(data.Col) bool{
		func(x data.Col) bool { return x.File == c },
		func(x data.Col) bool { return x.File == "" && x.Name == c },
		func(x data.Col) bool { return x.Type == data.TypeScores && data.HasColumn(data.ScoreColumns, c) },
	} {
		for _, t := range k.tables() {
			for _, x := range t.Cols() {
				if match(x) {
					return x, true
				}
			}
		}
	}
	return data.Col{}, false
}

// cellKind is how column c is shown: dates as date cells, counts and
// amounts as numbers with separators, years and scores as plain numbers,
// CCCDs and phones as text that stays text, the rest as text.
func (k Kind) cellKind(c string) paper.Kind {
	col, _ := k.col(c)
	switch col.Type {
	case data.TypeDate:
		return paper.Date
	case data.TypeCount, data.TypeVND:
		return paper.Number
	case data.TypeYear, data.TypeScores:
		return paper.Plain
	}
	if col.Normalized() {
		return paper.Code
	}
	return paper.Text
}

// listCell is a cell of the printed list: the file form read as a date or
// a number where the column is one, else the text written for people
// (labels instead of codes).
func listCell(k paper.Kind, file, people string) any {
	if file == "" {
		return nil
	}
	switch k {
	case paper.Date:
		if d, err := data.ParseDate(file); err == nil {
			return d
		}
	case paper.Number, paper.Plain:
		if n, err := strconv.ParseInt(file, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(file, 64); err == nil {
			return f
		}
	}
	return people
}

// listTitles are the lists' titles; a kind without one is named by its
// catalogue entry "list KIND", or its name.
var listTitles = map[Kind]string{Citizens: "DANH SÁCH CÔNG DÂN HỌC TẬP",
	Centres: "DANH SÁCH TRUNG TÂM HỌC TẬP CỘNG ĐỒNG", Awards: "DANH SÁCH KHEN THƯỞNG, HỌC BỔNG",
	Funds: "SỔ THU CHI QUỸ KHUYẾN HỌC", Families: "DANH SÁCH GIA ĐÌNH HỌC TẬP", Clans: "DANH SÁCH DÒNG HỌ HỌC TẬP",
	Communities: "DANH SÁCH CỘNG ĐỒNG HỌC TẬP CẤP THÔN, TỔ DÂN PHỐ", Units: "DANH SÁCH ĐƠN VỊ HỌC TẬP"}

func (k Kind) listTitle() string {
	if t, ok := listTitles[k]; ok {
		return t
	}
	if t := msg.T("vi", "list "+string(k)); t != "list "+string(k) {
		return strings.ToUpper(t)
	}
	return "DANH SÁCH " + strings.ToUpper(string(k))
}

// listYear is the year a list is of: the one asked for, or the only year
// its rows have; 0 for rows of several years or none.
func listYear(rows []entry, year int) int {
	if year != 0 || len(rows) == 0 {
		return year
	}
	for _, e := range rows {
		if e.year != rows[0].year {
			return 0
		}
	}
	return rows[0].year
}

// lines returns the lines that are not empty.
func lines(ls ...string) []string {
	var out []string
	for _, l := range ls {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func severalUnits(rows []entry) bool {
	for _, e := range rows {
		if e.unit != rows[0].unit {
			return true
		}
	}
	return false
}

func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "……"
	}
	return s
}

// sentenceCase turns "DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026" into "Danh sách
// công dân học tập năm 2026", for the file's properties.
func sentenceCase(s string) string {
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}
