package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/conflict"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
	"sokhuyenhoc/data/units"
)

// fileActions imports a register from a CSV or Excel file, after showing
// every row and each bad row's reason, and exports a register to Excel.
// Reading, importing and writing run in the background.
type fileActions struct {
	env   *env
	st    *store.Store
	kind  tabular.Kind
	after func()     // the list must reload
	year  func() int // the year the screen shows, which a printed list keeps; nil for every year
	more  *keyButton

	preview *importPreview // the open preview, for tests
}

func newFileActions(e *env, st *store.Store, k tabular.Kind, after func()) *fileActions {
	return &fileActions{env: e, st: st, kind: k, after: after}
}

// buttons returns the "Import from file…" button and the export ones:
// "Export to Excel…" writes the printed list, and the menu beside it
// (exportMenu) its PDF or the file to import again.
func (f *fileActions) buttons() (*keyButton, fyne.CanvasObject) {
	imp := newButton(f.env.keys, T("Import from file…"), theme.FolderOpenIcon(), func() {
		f.env.openFile([]string{".csv", ".xlsx"}, f.Preview)
	})
	exp := newButton(f.env.keys, T("Export to Excel…"), theme.DocumentSaveIcon(), func() { f.saveList(".xlsx") })
	f.more = newButton(f.env.keys, T("Other forms…"), theme.MoreVerticalIcon(), f.exportMenu)
	return imp, container.NewHBox(exp, f.more)
}

// exportMenu offers the other forms of the register: the printed list as
// a PDF, and the file to import again (the contract's columns), as Excel
// or CSV. Up, Down and Enter choose.
func (f *fileActions) exportMenu() {
	m := fyne.NewMenu("",
		fyne.NewMenuItem(T("Printed list as PDF…"), func() { f.saveList(".pdf") }),
		fyne.NewMenuItem(T("File to import again (Excel)…"), func() { f.saveData(".xlsx") }),
		fyne.NewMenuItem(T("File to import again (CSV)…"), func() { f.saveData(".csv") }))
	widget.ShowPopUpMenuAtRelativePosition(m, f.env.win.Canvas(), fyne.NewPos(0, f.more.Size().Height), f.more)
}

func (f *fileActions) saveList(ext string) {
	f.env.saveFile(fileName(kindFileBase(f.kind), f.listYear(), ext), f.ExportList)
}

func (f *fileActions) saveData(ext string) {
	f.env.saveFile(fileName(kindFileBase(f.kind)+"-de-nhap-lai", 0, ext), f.Export)
}

// listYear is the year the screen shows (0 for every year), which the
// printed list keeps.
func (f *fileActions) listYear() int {
	if f.year == nil {
		return 0
	}
	return f.year()
}

func kindFileBase(k tabular.Kind) string {
	return map[tabular.Kind]string{tabular.Citizens: "cong-dan-hoc-tap", tabular.Centres: "tthtcd",
		tabular.Awards: "khen-thuong", tabular.Funds: "quy-khuyen-hoc", tabular.Families: "gia-dinh-hoc-tap",
		tabular.Clans: "dong-ho-hoc-tap", tabular.Communities: "cong-dong-hoc-tap", tabular.Units: "don-vi-hoc-tap"}[k]
}

// Preview reads path and shows its rows with their problems and, for each
// row that would create or change a record, what it would change, field by
// field: the import is run and undone (tabular.Preview). Nothing is written
// until the person says so.
func (f *fileActions) Preview(path string) {
	var rows []tabular.Row
	var res tabular.Result
	var err error
	where := ""
	f.env.status.Say(T("Reading %s…", filepath.Base(path)))
	f.env.bg.Job(T("reading the file"), true, func(ctx context.Context) {
		var t *tabular.Table
		if t, err = tabular.ReadWith(path, f.kind, tabular.DefaultLimits); err == nil {
			rows, where = t.Rows, t.Describe(Lang())
			res, err = tabular.Preview(ctx, f.st, f.kind, rows, f.options(false, false))
		}
	}, func() {
		f.env.status.Say(where) // which sheet and row held the header
		if err != nil {
			f.env.failAs(T("The file cannot be imported"), err)
			return
		}
		f.preview = newImportPreview(f, filepath.Base(path), rows, res)
		f.preview.show()
	})
}

// options are the import's: this unit, the pass rule, and the choices.
func (f *fileActions) options(skipBad, clearEmpty bool) tabular.Options {
	return tabular.Options{Unit: f.env.sess.Unit, SkipBad: skipBad, ClearEmpty: clearEmpty, Criteria: f.env.sess.Criteria}
}

// Import writes rows into the store, skipping the bad ones when skipBad,
// clearing stored values with the file's empty cells when clearEmpty, with a
// progress bar.
func (f *fileActions) Import(rows []tabular.Row, skipBad, clearEmpty bool) {
	bar := widget.NewProgressBar()
	d := newModal(f.env.keys, "importing", T("Importing…"), container.NewVBox(bar)) // no key stops it
	d.d.Resize(fyne.NewSize(420, 120))
	d.show()
	var res tabular.Result
	var err error
	opt := f.options(skipBad, clearEmpty)
	opt.Progress = func(done, total int) {
		f.env.bg.UI(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
	}
	f.env.bg.Job(T("the import"), true, func(ctx context.Context) { res, err = tabular.Import(ctx, f.st, f.kind, rows, opt) }, func() {
		d.hide()
		f.env.event("records import", nil, "kind", f.kind, "rows", res.Rows, "created", res.Created,
			"updated", res.Updated, "unchanged", res.Unchanged, "skipped", res.Skipped, "done", err == nil)
		if err != nil {
			f.env.failAs(T("Nothing was imported"), err)
			return
		}
		f.env.info(T("Import finished"), T("Rows: %d · new: %d · updated: %d · unchanged: %d · skipped: %d",
			res.Rows, res.Created, res.Updated, res.Unchanged, res.Skipped))
		f.env.status.Say(T("Imported %d rows", res.Created+res.Updated))
		f.after()
	})
}

// ExportList writes the printed list of the year shown (every year when
// the screen shows all) to path (.xlsx or .pdf).
func (f *fileActions) ExportList(path string) {
	ref, err := units.ParseRef(f.env.sess.Unit)
	if err != nil {
		f.env.fail(err)
		return
	}
	now := f.env.now()
	m := report.ListMeta(f.env.reg, ref, data.Date{Y: now.Year(), M: int(now.Month()), D: now.Day()}, f.env.sess.Operator)
	m.Year, m.Created = f.listYear(), now
	f.write(path, func(ctx context.Context) (int, int, error) {
		return tabular.ExportListCounting(ctx, f.st, f.kind, path, m)
	})
}

// Export writes the file to import again, the contract's columns, to path
// (.xlsx or .csv).
func (f *fileActions) Export(path string) {
	f.write(path, func(ctx context.Context) (int, int, error) {
		return tabular.ExportCounting(ctx, f.st, f.kind, "", path)
	})
}

// write runs an export in the background and says how it went: the rows
// written and those left out for want of consent to publish.
func (f *fileActions) write(path string, export func(ctx context.Context) (int, int, error)) {
	var n, withheld int
	var err error
	f.env.status.Say(T("Writing %s…", filepath.Base(path)))
	f.env.bg.Job(T("the export"), true, func(ctx context.Context) { n, withheld, err = export(ctx) }, func() {
		if err != nil {
			f.env.status.Say("")
			f.env.fail(fmt.Errorf("export: %w", err))
			return
		}
		f.env.status.Say(T("%d rows written to %s", n, path))
		done := T("%d rows written to %s", n, path)
		if withheld > 0 {
			done += "\n" + T("%d records left out: without consent to publish, a name is never on an exported list", withheld)
		}
		f.env.info(T("Export finished"), done)
	})
}

// importPreview is the window of a file's rows before import: each row's
// problem or what it changes, then the file's cells.
type importPreview struct {
	f       *fileActions
	name    string
	rows    []tabular.Row
	reasons map[int]string // by line
	changes map[int]string // by line: "new record", or each field old → new
	probs   []tabular.Problem
	cols    []string
	dlg     *modal // Enter takes the import offered, Esc cancels
	head    *widget.Label
	detail  *widget.Label // the whole problem or change of the row selected
	bad     *widget.Label // every bad row's whole reason
	badBox  fyne.CanvasObject
	save    *keyButton // save the bad rows as a workbook with their reasons
	grid    *widget.Table
	clear   *widget.Check // empty cells clear the stored values
	all     *keyButton    // import every row (only when none is bad)
	good    *keyButton    // import the good rows, skip the bad
}

func newImportPreview(f *fileActions, name string, rows []tabular.Row, res tabular.Result) *importPreview {
	p := &importPreview{f: f, name: name, rows: rows, cols: f.kind.Columns(), head: widget.NewLabel(""),
		detail: widget.NewLabel(""), bad: widget.NewLabel("")}
	p.head.Wrapping, p.detail.Wrapping, p.bad.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord, fyne.TextWrapWord
	p.bad.Importance = widget.DangerImportance
	scroll := container.NewVScroll(p.bad)
	scroll.SetMinSize(fyne.NewSize(0, 110))
	p.badBox = scroll
	k := f.env.keys
	p.save = newButton(k, T("Save rejected rows…"), theme.DocumentSaveIcon(), p.saveRejected)
	p.all = newButton(k, "", nil, func() { p.run(false) })
	p.all.Importance = widget.HighImportance
	p.good = newButton(k, "", nil, func() { p.run(true) })
	p.clear = widget.NewCheck(T("Empty cells clear the stored values"), func(bool) { p.again() })
	cancel := newButton(k, T("Cancel"), nil, func() { p.dlg.hide() })
	p.grid = p.table()
	p.grid.OnSelected = func(id widget.TableCellID) { p.show1(id.Row) }
	p.set(res)
	bottom := container.NewVBox(p.badBox, p.detail,
		container.NewHBox(p.clear, layout.NewSpacer(), p.save, cancel, p.good, p.all))
	body := container.NewBorder(p.head, bottom, nil, nil, p.grid)
	p.dlg = newModal(k, "preview "+name, T("Check the file before import"), body)
	p.dlg.out = p.dlg.hide
	p.dlg.d.Resize(fyne.NewSize(960, 600))
	p.offer()
	return p
}

// set shows what the import would do.
func (p *importPreview) set(res tabular.Result) {
	p.reasons, p.changes, p.probs = map[int]string{}, map[int]string{}, res.Problems
	var lines []string
	for _, pr := range res.Problems {
		p.reasons[pr.Line] = reasonText(pr.Err) // a row's problem in the file looked at, not yet a failure
		lines = append(lines, T("Line")+" "+itoa(pr.Line)+": "+p.reasons[pr.Line])
	}
	p.bad.SetText(strings.Join(lines, "\n"))
	for _, o := range []fyne.CanvasObject{p.badBox, p.save} { // shown only with bad rows
		if len(lines) == 0 {
			o.Hide()
		} else {
			o.Show()
		}
	}
	for _, c := range res.Changes {
		p.changes[c.Line] = changeText(c)
	}
	bad, n := len(p.reasons), len(p.rows)
	p.all.SetText(T("Import all %d rows", n))
	p.good.SetText(T("Skip %d bad rows, import the other %d", bad, n-bad))
	p.all.Enable()
	p.good.Enable()
	p.good.Show()
	if bad > 0 {
		p.all.Disable()
	} else {
		p.good.Hide()
	}
	if n == bad {
		p.good.Disable()
	}
	p.head.SetText(T("%s: %d rows, %d with problems; %d new, %d changed, %d unchanged. Nothing is written until you choose below.",
		p.name, n, bad, res.Created, res.Updated, res.Unchanged))
	p.detail.SetText(T("Choose a row to read what it changes in full."))
	p.grid.Refresh()
	p.offer()
}

// again runs the preview anew with the choice of clearing empty cells.
func (p *importPreview) again() {
	var res tabular.Result
	var err error
	clear := p.clear.Checked
	p.f.env.bg.Job(T("reading the file"), true, func(ctx context.Context) {
		res, err = tabular.Preview(ctx, p.f.st, p.f.kind, p.rows, p.f.options(false, clear))
	}, func() {
		if err != nil {
			p.f.env.fail(err)
			return
		}
		p.set(res)
	})
}

// changeText writes what a row changes: a new record, or each field's old
// and new value in the words of the conflict screen.
func changeText(c tabular.Change) string {
	if c.Created {
		return T("new record")
	}
	var parts []string
	for _, f := range c.Fields {
		if f.Col == "" {
			parts = append(parts, "+ "+conflict.KindName(f.Kind, current))
			continue
		}
		parts = append(parts, conflict.FieldName(f.Kind, f.Col, current)+": "+
			conflict.ValueText(f.Kind, f.Col, f.Old, current)+" → "+conflict.ValueText(f.Kind, f.Col, f.New, current))
	}
	return strings.Join(parts, "; ")
}

func (p *importPreview) show() { p.dlg.show() }

// offer makes the import the preview offers the one Enter takes: every row,
// or the good ones when some are bad.
func (p *importPreview) offer() {
	if p.dlg == nil {
		return
	}
	p.dlg.def = p.all
	if p.all.Disabled() {
		p.dlg.def = p.good
	}
	p.dlg.focus = p.dlg.def
}

// saveRejected saves the bad rows as a workbook with a reason column, to
// correct and import again.
func (p *importPreview) saveRejected() {
	p.f.env.saveFile(fileName(kindFileBase(p.f.kind)+"-dong-loi", p.f.env.year(), ".xlsx"), func(path string) {
		if err := tabular.WriteRejected(path, p.f.kind, p.rows, p.probs, Lang()); err != nil {
			p.f.env.fail(err)
			return
		}
		p.f.env.status.Say(T("Rejected rows written to %s", path))
	})
}

// show1 writes out, below the table, the whole problem or change of row r.
func (p *importPreview) show1(r int) {
	if r < 0 || r >= len(p.rows) {
		p.detail.SetText("")
		return
	}
	line := p.rows[r].Line
	text := p.reasons[line]
	if text == "" {
		text = p.cell(r, 2)
	}
	p.detail.SetText(T("Line %d: %s", line, text))
}

func (p *importPreview) run(skipBad bool) {
	p.dlg.hide()
	p.f.Import(p.rows, skipBad, p.clear.Checked)
}

// table shows line, problem, what the row changes, then the file's columns.
func (p *importPreview) table() *widget.Table {
	cols := []column{{N("Line"), 60}, {N("Check"), 260}, {N("Changes"), 320}}
	for _, c := range p.cols {
		cols = append(cols, column{"field " + c, 130})
	}
	return newGrid(cols, func() int { return len(p.rows) }, func(r, c int) (string, widget.Importance) {
		if c == 1 && p.reasons[p.rows[r].Line] != "" {
			return p.cell(r, c), widget.DangerImportance
		}
		return p.cell(r, c), widget.MediumImportance
	})
}

// cell is the text at a row and column of the preview.
func (p *importPreview) cell(r, col int) string {
	row := p.rows[r]
	switch col {
	case 0:
		return itoa(row.Line)
	case 1:
		if s := p.reasons[row.Line]; s != "" {
			return s
		}
		return T("OK")
	case 2:
		if s, ok := p.changes[row.Line]; ok {
			return s
		}
		if p.reasons[row.Line] != "" {
			return ""
		}
		return T("no change")
	}
	return row.Input[p.cols[col-3]]
}
