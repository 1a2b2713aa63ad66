package ui

import (
	"context"
	"errors"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/exchange"
)

func init() {
	bundlesPanel = func(e *env, st *store.Store) fyne.CanvasObject { return newBundlesView(e, st) }
}

// bundlesView is the bundle part of the Sync screen: the USB stick or
// folder, the export with the bundles made so far, for districts and
// provinces the import and the quarantine, and the hub.
type bundlesView struct {
	widget.BaseWidget
	env *env
	st  *store.Store

	targets *pickEntry
	drives  map[string]string // the choices shown → their folder
	target  string            // the folder chosen

	exportBtn *keyButton
	resendBtn *keyButton
	exportBar *widget.ProgressBarInfinite
	result    *widget.Label
	made      []store.OutBundle
	madeTable *widget.Table
	madeBox   *tableBox
	madeNote  *widget.Label

	imp     *importView // nil at a commune
	online  *onlineView
	periods *periodsView
	obj     fyne.CanvasObject
}

func newBundlesView(e *env, st *store.Store) *bundlesView {
	v := &bundlesView{env: e, st: st, result: widget.NewLabel(""), exportBar: widget.NewProgressBarInfinite()}
	v.ExtendBaseWidget(v)
	v.targets = newPickEntry(e.keys, nil, v.chooseTarget)
	v.targets.PlaceHolder = T("(choose a USB stick or a folder)")
	v.exportBtn = newButton(e.keys, T("Export bundles"), theme.UploadIcon(), v.Export)
	v.exportBtn.Importance = widget.HighImportance
	v.resendBtn = newButton(e.keys, T("Send again from number…"), theme.MailForwardIcon(), v.askResend)
	v.exportBar.Hide()
	v.result.Wrapping = fyne.TextWrapWord
	v.result.Hide()
	v.madeTable = newGrid(madeCols, func() int { return len(v.made) }, v.madeCell)
	v.madeBox, v.madeNote = newTableBox(v.madeTable, 4), widget.NewLabel("")
	v.periods = newPeriodsView(e)
	if e.sess.Level != "commune" {
		v.imp = newImportView(e, st, v.folder)
	}
	v.online = newOnlineView(e, func(title string, outs []exchange.Outcome) {
		if v.imp != nil {
			v.imp.showOutcomes(title, outs)
		}
	})
	v.online.approved = v.periods.load
	parts := []fyne.CanvasObject{v.targetPart()}
	if v.imp != nil {
		parts = append(parts, widget.NewSeparator(), v.imp.importPart(), widget.NewSeparator(), v.imp.heldPart())
	}
	parts = append(parts, widget.NewSeparator(), v.periods.obj, widget.NewSeparator(), v.exportPart(), widget.NewSeparator(),
		section(T("Hub (sending over the internet)"), v.online.obj))
	v.obj = container.NewVScroll(container.NewVBox(parts...))
	v.findDrives()
	return v
}

// CreateRenderer draws the panel's content.
func (v *bundlesView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.obj) }

func (v *bundlesView) targetPart() fyne.CanvasObject {
	pick := newButton(v.env.keys, T("Choose a folder…"), theme.FolderOpenIcon(), func() {
		v.env.openFolder(v.setTarget)
	})
	again := newButton(v.env.keys, T("Look for USB sticks again"), theme.ViewRefreshIcon(), v.findDrives)
	note := widget.NewLabel(T("Plug in the USB stick, then choose it here. Bundles are written to it and read from it."))
	note.Wrapping = fyne.TextWrapWord
	row := container.NewBorder(nil, nil, nil, container.NewHBox(pick, again), v.targets)
	return section(T("USB stick or folder"), container.NewVBox(note, row))
}

func (v *bundlesView) exportPart() fyne.CanvasObject {
	buttons := container.NewHBox(v.exportBtn, v.resendBtn)
	return section(T("Export to the level above"), container.NewVBox(buttons, v.exportBar, v.result,
		v.madeNote, v.madeBox.obj))
}

// reload reads the bundles made, the quarantine and the hub's address
// (the Sync screen was brought to the front).
func (v *bundlesView) reload() {
	v.findDrives()
	v.loadMade()
	if v.imp != nil {
		v.imp.loadHeld()
	}
	v.online.load()
	v.periods.load()
}

// findDrives offers the USB sticks plugged in, choosing the first when
// nothing was chosen yet.
func (v *bundlesView) findDrives() {
	v.drives = map[string]string{}
	var opts []string
	for _, d := range removableDrives() {
		name := T("USB: %s", d)
		v.drives[name] = d
		opts = append(opts, name)
	}
	if v.target != "" && !containsValue(v.drives, v.target) {
		v.drives[v.target] = v.target
		opts = append(opts, v.target)
	}
	v.targets.SetOptions(opts)
	if v.target == "" && len(opts) > 0 {
		v.targets.SetSelected(opts[0])
	}
}

func containsValue(m map[string]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}

func (v *bundlesView) chooseTarget(name string) {
	if dir, ok := v.drives[name]; ok {
		v.target = dir
	}
}

// setTarget makes dir the folder bundles are written to and read from.
func (v *bundlesView) setTarget(dir string) {
	v.target = dir
	v.findDrives()
	for name, d := range v.drives {
		if d == dir {
			v.targets.SetSelected(name)
		}
	}
}

// folder returns the folder chosen ("" when none).
func (v *bundlesView) folder() string { return v.target }

// Export sends every bundle not delivered yet and the changes since the
// last bundle to the folder chosen, asking for one when none is.
func (v *bundlesView) Export() {
	if v.target == "" {
		v.env.openFolder(func(dir string) {
			v.setTarget(dir)
			v.Export()
		})
		return
	}
	dir := v.target
	var ws []exchange.Written
	var err error
	v.busy(true)
	v.env.status.Say(T("Exporting to %s…", dir))
	v.env.bg.Job(T("the export of bundles"), true, func(ctx context.Context) { ws, err = exchange.Export(ctx, v.env.ex, dir) }, func() {
		v.busy(false)
		v.showWritten(ws, err)
		if len(ws) > 0 {
			v.env.online.Kick()
		}
		v.loadMade()
	})
}

func (v *bundlesView) busy(on bool) {
	if on {
		v.exportBtn.Disable()
		v.resendBtn.Disable()
		v.exportBar.Show()
		v.exportBar.Start()
		return
	}
	v.exportBar.Stop()
	v.exportBar.Hide()
	v.exportBtn.Enable()
	v.resendBtn.Enable()
}

// showWritten says what an export or a resend wrote.
func (v *bundlesView) showWritten(ws []exchange.Written, err error) {
	v.env.logWritten(ws, err)
	v.env.status.Say("")
	v.result.Show()
	v.result.Importance = widget.MediumImportance
	if errors.Is(err, exchange.ErrNothing) {
		v.result.SetText(T("Nothing to export: no record changed since the last bundle."))
		return
	}
	var lines []string
	for _, w := range ws {
		l := T("Bundle no. %d: %s records → %s", w.Seq, num(w.Rows, false), w.Path)
		if w.Resent {
			l += " " + T("(sent again)")
		}
		lines = append(lines, l)
	}
	if err != nil {
		v.result.Importance = widget.DangerImportance
		lines = append(lines, T("Stopped: %s", v.env.explain(err)))
	}
	v.result.SetText(strings.Join(lines, "\n"))
	if err == nil {
		v.env.status.Say(T("%d bundle(s) written to %s", len(ws), v.target))
	}
}

// askResend asks from which number to copy the bundles again.
func (v *bundlesView) askResend() {
	if v.target == "" {
		v.env.info(T("Send again from number…"), T("Choose the USB stick or folder first."))
		return
	}
	seq := newTextEntry(v.env.keys)
	if len(v.made) > 0 {
		seq.SetText(strconv.FormatInt(v.made[len(v.made)-1].Seq, 10))
	}
	body := container.New(layout.NewFormLayout(), widget.NewLabel(T("From bundle number")), seq)
	m := newModal(v.env.keys, "resend", T("Send again from number…"), body)
	again := m.button(T("Copy again"), widget.HighImportance, func() {
		if n, err := strconv.ParseInt(strings.TrimSpace(seq.Text), 10, 64); err == nil && n > 0 {
			v.Resend(n)
		}
	})
	cancel := m.button(T("Cancel"), widget.MediumImportance, nil)
	m.setButtons(again, cancel, cancel, again)
	seq.OnSubmitted = func(string) { m.enter() }
	m.focus = seq
	m.d.Resize(fyne.NewSize(460, 180))
	m.show()
}

// Resend copies the bundles from number from on to the folder again, byte
// for byte (a stick was lost).
func (v *bundlesView) Resend(from int64) {
	dir := v.target
	var ws []exchange.Written
	var err error
	v.busy(true)
	v.env.bg.Job(T("the export of bundles"), true, func(ctx context.Context) { ws, err = exchange.Resend(ctx, v.env.ex, dir, from) }, func() {
		v.busy(false)
		v.showWritten(ws, err)
		v.loadMade()
	})
}

// madeCols are the columns of the bundles made.
var madeCols = []column{{N("No."), 60}, {N("Made"), 150}, {N("Records"), 90}, {N("State"), 300}, {N("Copy kept in"), 400}}

func (v *bundlesView) loadMade() {
	var bs []store.OutBundle
	var err error
	v.env.bg.Go(func() { bs, err = v.st.OutBundles(v.env.ctx, 1) }, func() {
		if err != nil {
			v.env.fail(err)
			return
		}
		for i, j := 0, len(bs)-1; i < j; i, j = i+1, j-1 { // newest first
			bs[i], bs[j] = bs[j], bs[i]
		}
		v.made = bs
		v.madeTable.Refresh()
		v.madeBox.fit(len(bs))
		v.madeNote.SetText(T("Bundles made on this computer: %d", len(bs)))
	})
}

func (v *bundlesView) madeCell(r, c int) (string, widget.Importance) {
	b := v.made[r]
	switch c {
	case 0:
		return strconv.FormatInt(b.Seq, 10), widget.MediumImportance
	case 1:
		return stampText(b.Created), widget.MediumImportance
	case 2:
		return num(b.Rows, false), widget.MediumImportance
	case 3:
		return outState(b)
	}
	return b.File, widget.LowImportance
}

// outState says whether a bundle made has left and was acknowledged: it
// is only "received" once a receipt says so.
func outState(b store.OutBundle) (string, widget.Importance) {
	switch {
	case b.AckedAt != "":
		return T("receipt received %s", stampText(b.AckedAt)), widget.SuccessImportance
	case b.SentAt != "": // the hub answers with a receipt: this left on a stick or to a folder
		return T("written to the USB stick or folder %s, no receipt yet", stampText(b.SentAt)), widget.MediumImportance
	}
	return T("not sent yet"), widget.WarningImportance
}

// stampText writes a store time stamp ("2026-11-25T02:00:00Z") in local
// time, as people read it.
func stampText(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("02/01/2006 15:04")
}

// newGrid is a read-only table with a header row that keeps its first
// column when it scrolls right; cell gives each cell's text and
// importance.
func newGrid(cols []column, rows func() int, cell func(r, c int) (string, widget.Importance)) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, imp := cell(id.Row, id.Col)
			if l.Text != text || l.Importance != imp {
				l.Text, l.Importance = text, imp
				l.Refresh()
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(T(cols[id.Col].title)) }
	fitColumns(t, cols)
	return t
}

// fitColumns gives a table's columns their widths, each at least as wide
// as its title (a title is never cut), and keeps the first column in view
// when the table scrolls right.
func fitColumns(t *widget.Table, cols []column) {
	pad := theme.InnerPadding()*2 + theme.Padding()*2
	for n, c := range cols {
		title := fyne.MeasureText(T(c.title), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
		t.SetColumnWidth(n, max(c.weight, title))
	}
	t.StickyColumnCount = 1
}

// tableBox holds a table as tall as its rows (up to most), hidden when it
// has none.
type tableBox struct {
	rect *canvas.Rectangle
	obj  *fyne.Container
	most int
}

func newTableBox(t *widget.Table, most int) *tableBox {
	b := &tableBox{rect: canvas.NewRectangle(color.Transparent), most: most}
	b.obj = container.NewStack(b.rect, t)
	b.fit(0)
	return b
}

// fit sizes the box for rows rows.
func (b *tableBox) fit(rows int) {
	if rows == 0 {
		b.obj.Hide()
		return
	}
	line := widget.NewLabel("").MinSize().Height + theme.Padding()
	b.rect.SetMinSize(fyne.NewSize(10, float32(min(rows, b.most)+1)*line+2*theme.Padding()))
	b.obj.Show()
	b.obj.Refresh()
}

// baseName is a file's name without its folder.
func baseName(p string) string { return filepath.Base(p) }
