package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// fileActions imports a register from a CSV or Excel file, after showing
// every row and each bad row's reason, and exports a register to Excel.
// Reading, importing and writing run in the background.
type fileActions struct {
	env   *env
	st    *store.Store
	kind  tabular.Kind
	after func() // the list must reload

	preview *importPreview // the open preview, for tests
}

func newFileActions(e *env, st *store.Store, k tabular.Kind, after func()) *fileActions {
	return &fileActions{env: e, st: st, kind: k, after: after}
}

// buttons returns the "Import from file…" and "Export to Excel…" buttons.
func (f *fileActions) buttons() (*keyButton, *keyButton) {
	imp := newButton(f.env.keys, T("Import from file…"), theme.FolderOpenIcon(), func() {
		f.env.openFile([]string{".csv", ".xlsx"}, f.Preview)
	})
	exp := newButton(f.env.keys, T("Export to Excel…"), theme.DocumentSaveIcon(), func() {
		f.env.saveFile(fileName(kindFileBase(f.kind), f.env.year(), ".xlsx"), f.Export)
	})
	return imp, exp
}

func kindFileBase(k tabular.Kind) string {
	return map[tabular.Kind]string{tabular.Citizens: "cong-dan-hoc-tap", tabular.Centres: "tthtcd",
		tabular.Awards: "khen-thuong", tabular.Funds: "quy-khuyen-hoc"}[k]
}

// Preview reads path and shows its rows with their problems; nothing is
// written until the person says so.
func (f *fileActions) Preview(path string) {
	var rows []tabular.Row
	var probs []tabular.Problem
	var err error
	f.env.status.Say(T("Reading %s…", filepath.Base(path)))
	f.env.bg.Go(func() {
		if rows, err = tabular.Read(path, f.kind); err == nil {
			probs = tabular.Check(f.kind, rows, f.env.sess.Rule)
		}
	}, func() {
		f.env.status.Say("")
		if err != nil {
			f.env.info(T("The file cannot be imported"), errText(err))
			return
		}
		f.preview = newImportPreview(f, filepath.Base(path), rows, probs)
		f.preview.show()
	})
}

// Import writes rows into the store, skipping the bad ones when skipBad,
// with a progress bar.
func (f *fileActions) Import(rows []tabular.Row, skipBad bool) {
	bar := widget.NewProgressBar()
	d := newModal(f.env.keys, "importing", T("Importing…"), container.NewVBox(bar)) // no key stops it
	d.d.Resize(fyne.NewSize(420, 120))
	d.show()
	var res tabular.Result
	var err error
	opt := tabular.Options{Unit: f.env.sess.Unit, SkipBad: skipBad, Rule: f.env.sess.Rule,
		Progress: func(done, total int) {
			f.env.bg.UI(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		}}
	f.env.bg.Go(func() { res, err = tabular.Import(f.env.ctx, f.st, f.kind, rows, opt) }, func() {
		d.hide()
		if err != nil {
			f.env.info(T("Nothing was imported"), errText(err))
			return
		}
		f.env.info(T("Import finished"), T("Rows: %d · new: %d · updated: %d · unchanged: %d · skipped: %d",
			res.Rows, res.Created, res.Updated, res.Unchanged, res.Skipped))
		f.env.status.Say(T("Imported %d rows", res.Created+res.Updated))
		f.after()
	})
}

// Export writes the register to path (.xlsx or .csv).
func (f *fileActions) Export(path string) {
	var n int
	var err error
	f.env.status.Say(T("Writing %s…", filepath.Base(path)))
	f.env.bg.Go(func() { n, err = tabular.Export(f.env.ctx, f.st, f.kind, "", path) }, func() {
		if err != nil {
			f.env.status.Say("")
			f.env.fail(fmt.Errorf("export: %w", err))
			return
		}
		f.env.status.Say(T("%d rows written to %s", n, path))
		f.env.info(T("Export finished"), T("%d rows written to %s", n, path))
	})
}

// importPreview is the window of a file's rows before import.
type importPreview struct {
	f       *fileActions
	rows    []tabular.Row
	reasons map[int]string // by line
	cols    []string
	dlg     *modal
	all     *keyButton // import every row (only when none is bad)
	good    *keyButton // import the good rows, skip the bad
}

func newImportPreview(f *fileActions, name string, rows []tabular.Row, probs []tabular.Problem) *importPreview {
	p := &importPreview{f: f, rows: rows, reasons: map[int]string{}, cols: f.kind.Columns()}
	for _, pr := range probs {
		p.reasons[pr.Line] = errText(pr.Err)
	}
	bad := len(p.reasons)
	head := widget.NewLabel(T("%s: %d rows, %d with problems. Nothing is written until you choose below.",
		name, len(rows), bad))
	head.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(head, nil, nil, nil, p.table())
	p.dlg = newModal(f.env.keys, "preview "+name, T("Check the file before import"), body)
	p.all = p.dlg.button(T("Import all %d rows", len(rows)), widget.HighImportance, func() { p.f.Import(p.rows, false) })
	p.good = p.dlg.button(T("Skip %d bad rows, import the other %d", bad, len(rows)-bad), widget.HighImportance,
		func() { p.f.Import(p.rows, true) })
	cancel := p.dlg.button(T("Cancel"), widget.MediumImportance, nil)
	def := p.all
	if bad > 0 {
		p.all.Disable()
		def = p.good
	} else {
		p.good.Hide()
	}
	if len(rows) == bad {
		p.good.Disable()
	}
	p.dlg.setButtons(def, cancel, cancel, p.good, p.all)
	p.dlg.d.Resize(fyne.NewSize(960, 600))
	return p
}

func (p *importPreview) show() { p.dlg.show() }

// table shows line, problem, then the file's columns.
func (p *importPreview) table() *widget.Table {
	cols := []column{{N("Line"), 60}, {N("Check"), 320}}
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
	}
	return row.Input[p.cols[col-2]]
}
