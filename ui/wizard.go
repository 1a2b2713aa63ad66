package ui

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// wizard is the first-run set-up: the level, the unit list in force, the
// unit (searched as one types, marks ignored), the operator and, if at
// hand, the key file of the level above. It ends on the key's fingerprint,
// which the officer reads to the level above by phone.
type wizard struct {
	u        *UI
	level    *pickEntry
	list     *pickEntry
	search   *textEntry
	results  *keyList
	found    []units.Match
	chosen   *units.Unit
	former   *widget.Label // "Thái Bình → now part of Hưng Yên"
	picked   *widget.Label
	operator *textEntry
	upFile   []byte
	upLabel  *widget.Label
	pass     *passphraseFields // passphrase.go
	problem  *widget.Label
	finish   *keyButton
	done     *fingerprintPage
	obj      fyne.CanvasObject
}

var (
	levelCodes = []string{units.Commune, units.District, units.Province}
	listCodes  = []string{units.List2025, units.List2024}
)

func newWizard(u *UI) *wizard {
	w := &wizard{u: u, picked: widget.NewLabel(""), upLabel: widget.NewLabel(T("(none: it can be added later under Sync)")),
		problem: widget.NewLabel(""), former: widget.NewLabel("")}
	w.level = newPickEntry(u.keys, []string{label(data.Levels, "commune"), label(data.Levels, "district"),
		label(data.Levels, "province")}, nil)
	w.level.SetSelected(w.level.Options[0])
	w.level.OnChanged = func(string) { w.refresh() }
	w.list = newPickEntry(u.keys, []string{T("From 1/7/2025 (no districts)"), T("Before 1/7/2025 (with districts)")}, nil)
	w.list.SetSelected(w.list.Options[0])
	w.list.OnChanged = func(string) { w.refresh() }
	enter := func() { u.win.Canvas().FocusNext() }
	w.level.hooks = &fieldHooks{enter: enter}
	w.list.hooks = &fieldHooks{enter: enter}
	w.search = newTextEntry(u.keys)
	w.search.telex = u.telex
	w.search.SetPlaceHolder(T("Type part of the name, e.g. dong hoa"))
	w.search.OnChanged = func(string) { w.refresh() }
	w.search.hooks = &fieldHooks{enter: w.searchEnter, down: w.searchEnter}
	w.former.Wrapping = fyne.TextWrapWord
	w.former.Importance = widget.HighImportance
	w.former.Hide()
	w.results = newKeyList(u.keys, func() int { return len(w.found) }, w.resultText, w.pick, func() { u.win.Canvas().Focus(w.search) })
	w.results.click = w.choose
	w.operator = newTextEntry(u.keys)
	w.operator.telex = u.telex
	w.operator.SetPlaceHolder(T("e.g. Nguyễn Văn An"))
	w.pass = newPassphraseFields()
	w.problem.Importance = widget.DangerImportance
	w.problem.Wrapping = fyne.TextWrapWord
	w.picked.TextStyle.Bold = true
	w.picked.Wrapping = fyne.TextWrapWord
	w.finish = newButton(u.keys, T("Finish set-up"), theme.ConfirmIcon(), w.Finish)
	w.finish.Importance = widget.HighImportance
	w.obj = w.layout()
	w.refresh()
	return w
}

func (w *wizard) layout() fyne.CanvasObject {
	intro := widget.NewLabel(T("Welcome. Answer these questions once; the app remembers them."))
	intro.Wrapping = fyne.TextWrapWord
	pick := newButton(w.u.keys, T("Choose the key file (.khkey)…"), theme.FolderOpenIcon(), func() {
		env := &env{win: w.u.win, keys: w.u.keys}
		env.openFile([]string{".khkey"}, w.SetUpstreamFile)
	})
	resultBox := container.NewGridWrap(fyne.NewSize(600, 165), w.results)
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("1. Level of your unit")), w.level,
		widget.NewLabel(T("2. List of units")), w.list,
		widget.NewLabel(T("3. Your unit")), container.NewVBox(w.search, w.former, resultBox, w.picked),
		widget.NewLabel(T("4. Your name")), w.operator,
		widget.NewLabel(T("5. Key of the level above")), container.NewVBox(container.NewHBox(pick), w.upLabel),
		widget.NewLabel(T("6. Passphrase of the keys")), w.pass.object())
	title := widget.NewLabelWithStyle(T("Set up Sổ Khuyến Học"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	body := container.NewVBox(title, intro, form, w.problem, container.NewHBox(w.u.restoreButton(), layout.NewSpacer(), w.finish))
	return container.NewPadded(container.NewVScroll(body))
}

func (w *wizard) focus() { w.u.win.Canvas().Focus(w.search) }

func (w *wizard) levelCode() string { return levelCodes[index(w.level.Options, w.level.Selected)] }
func (w *wizard) listCode() string  { return listCodes[index(w.list.Options, w.list.Selected)] }

// refresh runs the unit search again.
func (w *wizard) refresh() {
	if w.results == nil {
		return
	}
	w.found = nil
	w.problem.SetText("")
	switch {
	case w.levelCode() == units.District && w.listCode() == units.List2025:
		w.problem.SetText(T("Districts were abolished on 1/7/2025: choose the list before 1/7/2025."))
	case text.Fold(w.search.Text) != "":
		w.found = w.u.deps.Units.Find(w.listCode(), w.levelCode(), w.search.Text, 50)
		if len(w.found) == 0 {
			w.problem.SetText(T("No unit of this level in this list matches: check the level, the list and the spelling."))
		}
	}
	w.results.reset()
	w.showFormer()
	if w.chosen != nil && w.chosen.List != w.listCode() {
		w.chosen = nil
	}
	w.showChosen()
}

// choose takes the unit of line id; a unit of another level sets the
// level to its own.
func (w *wizard) choose(id int) {
	if id < 0 || id >= len(w.found) {
		return
	}
	w.chosen = w.found[id].Unit
	if lv := index(levelCodes, w.chosen.Level); levelCodes[lv] != w.levelCode() {
		w.level.OnChanged = nil
		w.level.SetSelectedIndex(lv)
		w.level.OnChanged = func(string) { w.refresh() }
	}
	w.showChosen()
}

// pick takes the unit of line id (Enter in the list) and moves on to the
// operator's name.
func (w *wizard) pick(id int) {
	if id < 0 {
		id = 0
	}
	if id < len(w.found) {
		w.choose(id)
		w.u.win.Canvas().Focus(w.operator)
	}
}

// searchEnter goes down into the results (Enter or Down in the search
// box): Enter again takes the first.
func (w *wizard) searchEnter() {
	if len(w.found) > 0 {
		w.u.win.Canvas().Focus(w.results)
		w.results.move(0)
	}
}

// resultText is a line of the results: the unit and the units above it,
// with the former province it was found through (the unit may lie in the
// part of its province that was not that one).
func (w *wizard) resultText(id int) (string, fyne.Resource) {
	m := w.found[id]
	t := w.u.deps.Units.Label(m.Ref)
	if m.Former != nil {
		t += "  (" + T("found by the former %s", m.Former.FullName) + ")"
	}
	return t, theme.NavigateNextIcon()
}

// showFormer says which province took over a former one typed.
func (w *wizard) showFormer() {
	for _, m := range w.found {
		if m.Former != nil {
			if s := w.u.deps.Units.Successor(m.Former); s != nil {
				w.former.SetText(T("%s → now part of %s (from 1/7/2025)", m.Former.FullName, s.FullName))
				w.former.Show()
				return
			}
		}
	}
	w.former.Hide()
}

func (w *wizard) showChosen() {
	if w.chosen == nil {
		w.picked.SetText(T("No unit chosen yet: type its name above, then Down and Enter (or a click) in the list."))
		return
	}
	w.picked.SetText(T("Chosen: %s", w.u.deps.Units.Label(w.chosen.Ref)))
}

// SetUpstreamFile takes the key file of the level above.
func (w *wizard) SetUpstreamFile(path string) {
	b, err := os.ReadFile(path)
	if err == nil {
		_, err = keys.ParsePublic(b)
	}
	if err != nil {
		w.problem.SetText(capital(w.u.explain(err)))
		return
	}
	w.upFile = b
	w.upLabel.SetText(filepath.Base(path))
}

// Finish sets the installation up and shows its fingerprint.
func (w *wizard) Finish() {
	if w.chosen == nil {
		w.problem.SetText(T("Choose your unit first: type its name in box 3, then Down and Enter (or a click) in the list."))
		return
	}
	pass, err := w.pass.value()
	if err != nil {
		w.problem.SetText(capital(reasonText(err)))
		return
	}
	p := setup.Params{Level: w.levelCode(), Unit: w.chosen.Ref, Operator: text.Clean(w.operator.Text),
		Upstream: w.upFile, Now: w.u.deps.Now(), Passphrase: pass}
	var id *keys.Identity
	w.u.dialogEnv().write(nil, func(ctx context.Context) error {
		var err error
		id, err = setup.Init(ctx, w.u.deps.Store, w.u.deps.Units, p)
		return err
	}, func(err error) {
		if err != nil {
			w.problem.SetText(capital(w.u.explain(err)))
			return
		}
		w.done = newFingerprintPage(w.u, id)
		w.u.win.SetContent(w.done.obj)
	})
}
