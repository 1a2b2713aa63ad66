package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// importView is the receiving half of the Sync screen at a district or a
// province: import of bundle files with a progress bar, the outcome of each
// bundle, and the bundles held for review.
type importView struct {
	env    *env
	st     *store.Store
	folder func() string // the USB stick or folder chosen above

	folderBtn *keyButton
	fileBtn   *keyButton
	bar       *widget.ProgressBar
	summary   *widget.Label
	problems  *widget.Label // the reason of each bundle not accepted, in full
	outs      []exchange.Outcome
	table     *widget.Table
	box       *tableBox

	held      []store.Quarantined
	heldTable *widget.Table
	heldBox   *tableBox
	heldNote  *widget.Label
	retry     *keyButton
	accept    *keyButton // accepts the held bundle picked, after review
	picked    int        // the row of the held bundle picked, or -1
}

func newImportView(e *env, st *store.Store, folder func() string) *importView {
	v := &importView{env: e, st: st, folder: folder, bar: widget.NewProgressBar(), summary: widget.NewLabel(""),
		problems: widget.NewLabel(""), heldNote: widget.NewLabel(""), picked: -1}
	v.folderBtn = newButton(e.keys, T("Import the bundles on the USB stick or folder chosen"),
		theme.DownloadIcon(), v.importFolder)
	v.folderBtn.Importance = widget.HighImportance
	v.fileBtn = newButton(e.keys, T("Choose a bundle file…"), theme.FileIcon(), func() {
		e.openFile([]string{".khb"}, func(p string) { v.Import([]string{p}) })
	})
	v.bar.Hide()
	v.summary.Wrapping = fyne.TextWrapWord
	v.summary.Hide()
	v.problems.Wrapping = fyne.TextWrapWord
	v.problems.Importance = widget.DangerImportance
	v.problems.Hide()
	v.table = newGrid(outcomeCols, func() int { return len(v.outs) }, v.outcomeCell)
	v.heldTable = newGrid(heldCols, func() int { return len(v.held) }, v.heldCell)
	v.box, v.heldBox = newTableBox(v.table, 8), newTableBox(v.heldTable, 4)
	v.heldNote.Wrapping = fyne.TextWrapWord
	v.retry = newButton(e.keys, T("Try again"), theme.ViewRefreshIcon(), v.Retry)
	v.accept = newButton(e.keys, T("Accept after review…"), theme.ConfirmIcon(), v.AcceptPicked)
	v.accept.Disable()
	v.heldTable.OnSelected = func(id widget.TableCellID) { v.pickHeld(id.Row) }
	return v
}

func (v *importView) importPart() fyne.CanvasObject {
	return section(T("Import from the units below"), container.NewVBox(container.NewHBox(v.folderBtn, v.fileBtn),
		v.bar, v.summary, v.box.obj, v.problems))
}

func (v *importView) heldPart() fyne.CanvasObject {
	return section(T("Bundles held for review"), container.NewVBox(v.heldNote, v.heldBox.obj,
		container.NewHBox(v.retry, v.accept)))
}

func (v *importView) importFolder() {
	dir := v.folder()
	if dir == "" {
		v.env.openFolder(func(d string) { v.Import([]string{d}) })
		return
	}
	v.Import([]string{dir})
}

// Import verifies and merges bundle files and the .khb files of folders,
// each in its own transaction, with a bar moving after each file, then
// shows what became of each.
func (v *importView) Import(paths []string) {
	var outs []exchange.Outcome
	var err error
	v.busy(true)
	v.bar.SetValue(0)
	progress := func(done, total int, _ exchange.Outcome) {
		v.env.bg.UI(func() {
			v.bar.SetValue(float64(done) / float64(max(total, 1)))
			v.env.status.Say(T("Imported %d of %d bundle(s)…", done, total))
		})
	}
	v.env.bg.Job(T("the import of bundles"), true, func(ctx context.Context) { outs, err = exchange.Import(ctx, v.env.ex, paths, progress) }, func() {
		v.busy(false)
		v.env.status.Say("")
		if err != nil {
			v.env.failAs(T("Nothing was imported"), err)
			return
		}
		if len(outs) == 0 {
			v.showOutcomes(T("No bundle file (.khb) was found there."), nil)
			return
		}
		v.showOutcomes(T("Import finished: %d bundle(s).", len(outs)), outs)
	})
}

func (v *importView) busy(on bool) {
	v.accept.Disable() // enabled again by pickHeld, for a bundle a person may accept
	for _, b := range []*keyButton{v.folderBtn, v.fileBtn, v.retry} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		v.bar.Show()
	} else {
		v.bar.Hide()
	}
}

// showOutcomes fills the outcome table, says how many went in, and
// reloads the quarantine.
func (v *importView) showOutcomes(title string, outs []exchange.Outcome) {
	v.env.logOutcomes(outs)
	v.outs = outs
	v.table.Refresh()
	v.box.fit(len(outs))
	counts := map[exchange.Status]int{}
	conflicts := 0
	for _, o := range outs {
		counts[o.Status]++
		conflicts += o.Stats.Conflicts
	}
	parts := []string{title}
	if len(outs) > 0 {
		parts = append(parts, T("%d imported, %d imported before, %d held, %d refused.", counts[exchange.Imported],
			counts[exchange.Duplicate], counts[exchange.Quarantined], counts[exchange.Rejected]))
	}
	if conflicts > 0 {
		parts = append(parts, T("%d new conflict(s): see Conflicts.", conflicts))
	}
	v.summary.SetText(strings.Join(parts, " "))
	v.summary.Importance = widget.MediumImportance
	if counts[exchange.Rejected]+counts[exchange.Quarantined] > 0 {
		v.summary.Importance = widget.WarningImportance
	}
	v.summary.Show()
	v.summary.Refresh()
	v.showProblems()
	v.loadHeld()
}

// showProblems lists, below the table, why each bundle was not accepted.
func (v *importView) showProblems() {
	var lines []string
	for _, o := range v.outs {
		if o.OK() {
			continue
		}
		who := baseName(o.File)
		if o.Origin != "" {
			who = T("%s, bundle no. %d", unitName(v.env.reg, o.Origin), o.Seq)
		}
		status, _ := outcomeStatus(o.Status)
		lines = append(lines, "• "+who+": "+status+" – "+reasonText(o.Err))
	}
	v.problems.SetText(strings.Join(lines, "\n"))
	v.problems.Hidden = len(lines) == 0
	v.problems.Refresh()
}

// outcomeCols are the columns of the import outcomes.
var outcomeCols = []column{{N("From"), 170}, {N("No."), 50}, {N("Result"), 145}, {N("New"), 60},
	{N("Changed"), 85}, {N("Conflicts"), 85}, {N("Missing numbers"), 125}, {N("Reason"), 400}, {N("File"), 330}}

func (v *importView) outcomeCell(r, c int) (string, widget.Importance) {
	o := v.outs[r]
	plain := widget.MediumImportance
	switch c {
	case 0:
		return unitName(v.env.reg, o.Origin), plain
	case 1:
		if o.Seq == 0 {
			return "", plain
		}
		return strconv.FormatInt(o.Seq, 10), plain
	case 2:
		return outcomeStatus(o.Status)
	case 3, 4, 5:
		if o.Status != exchange.Imported {
			return "", plain
		}
		return itoa([]int{o.Stats.Inserted, o.Stats.Updated, o.Stats.Conflicts}[c-3]), plain
	case 6:
		if len(o.Gaps) > 0 {
			return seqList(o.Gaps), widget.WarningImportance
		}
		return "", plain
	case 7:
		return reasonText(o.Err), plain
	}
	return baseName(o.File), widget.LowImportance
}

// outcomeStatus says in words what became of a bundle.
func outcomeStatus(s exchange.Status) (string, widget.Importance) {
	switch s {
	case exchange.Imported:
		return T("imported"), widget.SuccessImportance
	case exchange.Duplicate:
		return T("imported before"), widget.MediumImportance
	case exchange.Quarantined:
		return T("held for review"), widget.WarningImportance
	}
	return T("refused"), widget.DangerImportance
}

// unitName is a unit's full name from its "list:code", or what was given.
func unitName(reg *units.Registry, unit string) string {
	r, err := units.ParseRef(unit)
	if err != nil {
		return unit
	}
	if u, err := reg.Get(r); err == nil {
		return u.FullName
	}
	return unit
}

// seqList writes runs of bundle numbers: "2, 5-7".
func seqList(rs []store.SeqRange) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = r.String()
	}
	return strings.Join(s, ", ")
}

func (v *importView) loadHeld() {
	var qs []store.Quarantined
	var err error
	v.env.bg.Go(func() { qs, err = v.st.QuarantineList(v.env.ctx) }, func() {
		if err != nil {
			v.env.fail(err)
			return
		}
		v.held = qs
		v.heldTable.UnselectAll()
		v.pickHeld(-1)
		v.heldTable.Refresh()
		v.heldBox.fit(len(qs))
		if len(qs) == 0 {
			v.heldNote.SetText(T("No bundle is held."))
			v.retry.Disable()
			return
		}
		v.heldNote.SetText(heldNote(qs))
		v.retry.Enable()
	})
}

// heldNote says what to do with the bundles held: enrol a sender's key
// and try again, or accept after review what a person may overrule.
func heldNote(qs []store.Quarantined) string {
	review := 0
	for _, q := range qs {
		if exchange.Reviewable(exchange.HeldReason(q.Reason)) {
			review++
		}
	}
	switch review {
	case 0:
		return T("%d bundle(s) held: they are imported once their sender's key is enrolled (Keys and units), then Try again.", len(qs))
	case len(qs):
		return T("%d bundle(s) held for their size, their number, a second computer or their clock: call the sender; if they sent it, pick it and Accept after review.", len(qs))
	}
	return T("%d bundle(s) held: they are imported once their sender's key is enrolled (Keys and units), then Try again.", len(qs)) + " " +
		T("%d bundle(s) held for their size, their number, a second computer or their clock: call the sender; if they sent it, pick it and Accept after review.", review)
}

// heldCols are the columns of the quarantine.
var heldCols = []column{{N("From"), 170}, {N("No."), 50}, {N("Reason"), 450}, {N("Received"), 150}, {N("File"), 300}}

func (v *importView) heldCell(r, c int) (string, widget.Importance) {
	q := v.held[r]
	switch c {
	case 0:
		return unitName(v.env.reg, q.Origin), widget.MediumImportance
	case 1:
		return strconv.FormatInt(q.Seq, 10), widget.MediumImportance
	case 2:
		return heldReason(q)
	case 3:
		return stampText(q.ReceivedAt), widget.MediumImportance
	}
	return baseName(q.File), widget.LowImportance
}

// heldReason says why a bundle is held; a second bundle with one number
// (a copied installation) is an alarm.
func heldReason(q store.Quarantined) (string, widget.Importance) {
	reason := exchange.HeldReason(q.Reason)
	switch {
	case reason == exchange.ErrEquivocation:
		return T("WARNING: %s", reasonText(reason)), widget.DangerImportance
	case reason != nil:
		return reasonText(reason), widget.WarningImportance
	}
	return T("held for review"), widget.WarningImportance // the detail, in English, is in the log
}

// Retry imports the held bundles again.
func (v *importView) Retry() {
	var outs []exchange.Outcome
	var err error
	v.busy(true)
	v.env.bg.Job(T("the import of bundles"), true, func(ctx context.Context) { outs, err = exchange.RetryHeld(ctx, v.env.ex) }, func() {
		v.busy(false)
		if err != nil {
			v.env.fail(err)
			return
		}
		v.showOutcomes(T("Held bundles tried again: %d.", len(outs)), outs)
	})
}

// pickHeld takes the held bundle of row r (-1: none) as the one to
// accept; only a reason a person may overrule enables Accept.
func (v *importView) pickHeld(r int) {
	v.picked = r
	if r >= 0 && r < len(v.held) && exchange.Reviewable(exchange.HeldReason(v.held[r].Reason)) {
		v.accept.Enable()
		return
	}
	v.accept.Disable()
}

// AcceptPicked asks, then records that the officer reviewed the held
// bundle picked and accepts it: it is imported again, and the checks a
// person may overrule let it in (exchange.Accept).
func (v *importView) AcceptPicked() {
	if v.picked < 0 || v.picked >= len(v.held) {
		return
	}
	q := v.held[v.picked]
	reason, _ := heldReason(q)
	v.env.confirmLoss(T("Accept a held bundle"),
		T("Accept bundle no. %d of %s? It was held because: %s. Accept it only after the sender has confirmed by phone that they sent it.",
			q.Seq, unitName(v.env.reg, q.Origin), reason),
		T("Accept and import"), func() { v.acceptHeld(q.ManifestSHA256) })
}

func (v *importView) acceptHeld(hash string) {
	var out exchange.Outcome
	var err error
	v.busy(true)
	v.env.bg.Job(T("the import of bundles"), true, func(ctx context.Context) {
		out, err = exchange.Accept(ctx, v.env.ex, hash, v.env.sess.Operator)
	}, func() {
		v.busy(false)
		if err != nil {
			v.env.failAs(T("The bundle was not accepted"), err)
			v.loadHeld()
			return
		}
		v.showOutcomes(T("Accepted after review: %d bundle(s).", 1), []exchange.Outcome{out})
	})
}
