// Package subject writes everything an installation holds about a person
// (data.SubjectFile), for the person's rights to see and obtain their data
// (Law 91/2025/QH15; docs/privacy.md): a PDF and an XLSX laid out by
// data/paper as an office prints them (the embedded Noto font carries
// every Vietnamese letter), and JSON for a machine. The three carry the
// same records, fields and audit entries.
package subject

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/paper"
)

// Meta is what the document says beyond the records.
type Meta struct {
	UnitName string // the installation's unit, as people read it
	Person   string // the person the file is about, as the request names them
	Place    string
	Operator string
	Lang     string // "vi" or "en"
}

// ErrFormat reports a file name whose extension is none of .pdf, .xlsx, .json.
var ErrFormat = fmt.Errorf("subject: the file must end in .pdf, .xlsx or .json")

// Write writes f to path, as PDF, XLSX or JSON by its extension, readable
// by others (atomicfile.Public) as every export.
func Write(f *data.SubjectFile, m Meta, path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return paper.WritePDF(Doc(f, m), path)
	case ".xlsx":
		return paper.WriteXLSX(Doc(f, m), path)
	case ".json":
		b, err := json.MarshalIndent(f, "", "  ")
		if err != nil {
			return err
		}
		return atomicfile.WriteBytes(path, append(b, '\n'), atomicfile.Public)
	}
	return ErrFormat
}

// Doc lays the file out: one table of fields per record, then the records
// that depend on it, its conflicts and its audit trail.
func Doc(f *data.SubjectFile, m Meta) *paper.Doc {
	t := func(s string, a ...any) string { return msg.T(m.Lang, s, a...) }
	d := &paper.Doc{Sheet: t("Personal data"),
		Props: paper.Props{Title: t("Personal data held about %s", m.Person), Subject: m.Person,
			Unit: m.UnitName, Created: f.Made},
		Header: paper.Header{Issuer: strings.ToUpper(t("Khuyến học association of %s", m.UnitName)),
			PlaceDate: placeDate(m, f)},
		Title: []string{t("PERSONAL DATA HELD"), t("(Law on Personal Data Protection No. 91/2025/QH15)")},
		Lines: []string{
			t("Person: %s", m.Person),
			t("Records: %d, as held on %s by %s", len(f.Records), f.Made.Format("02/01/2006 15:04 UTC"), m.UnitName),
		},
		Signatures: []paper.Signature{{Title: []string{t("DRAWN UP BY")}, Note: t("(Signature, full name)"), Name: m.Operator}},
	}
	for _, r := range f.Records {
		addRecord(d, r, m.Lang, "")
	}
	return d
}

func addRecord(d *paper.Doc, r data.SubjectRecord, lang, parent string) {
	t := func(s string, a ...any) string { return msg.T(lang, s, a...) }
	title := t("kind "+r.Kind) + " — " + t("record %s", r.ID)
	if parent != "" {
		title = parent + " › " + title
	}
	if r.State != "live" {
		title += " (" + t("state "+r.State) + ")"
	}
	tb := paper.Table{Title: title, Columns: []paper.Column{{Head: t("Field")}, {Head: t("Value")}}}
	tb.Rows = append(tb.Rows, paper.Row{Cells: []any{t("Unit"), r.Unit}})
	for _, f := range r.Fields {
		if f.Text == "" {
			continue
		}
		tb.Rows = append(tb.Rows, paper.Row{Cells: []any{t(f.Label), f.Text}})
	}
	d.Tables = append(d.Tables, tb)
	if len(r.Conflicts) > 0 {
		ct := paper.Table{Title: title + " — " + t("values of other installations, kept until a person decides"),
			Columns: []paper.Column{{Head: t("Field")}, {Head: t("Value")}}}
		for _, c := range r.Conflicts {
			ct.Rows = append(ct.Rows, paper.Row{Cells: []any{t(c.Label), c.Text}})
		}
		d.Tables = append(d.Tables, ct)
	}
	if len(r.Audit) > 0 {
		at := paper.Table{Title: title + " — " + t("changes (audit trail)"),
			Columns: []paper.Column{{Head: t("When (UTC)")}, {Head: t("Who")}, {Head: t("What")}, {Head: t("Values changed")}}}
		for _, a := range r.Audit {
			at.Rows = append(at.Rows, paper.Row{Cells: []any{a.At, a.Operator, a.Action, a.Detail}})
		}
		d.Tables = append(d.Tables, at)
	}
	for _, c := range r.Records {
		addRecord(d, c, lang, t("kind "+r.Kind))
	}
}

func placeDate(m Meta, f *data.SubjectFile) string {
	day := f.Made.Format("02")
	month := f.Made.Format("01")
	year := f.Made.Format("2006")
	if m.Lang == "en" {
		return strings.TrimPrefix(m.Place+", ", ", ") + f.Made.Format("2 January 2006")
	}
	place := m.Place
	if place == "" {
		place = "......"
	}
	return fmt.Sprintf("%s, ngày %s tháng %s năm %s", place, day, month, year)
}

// ReadJSON reads a file written as JSON (for tests and tools).
func ReadJSON(path string) (*data.SubjectFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f data.SubjectFile
	return &f, json.Unmarshal(b, &f)
}
