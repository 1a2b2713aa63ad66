package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// navItem is an entry of the navigation list.
type navItem struct {
	title string
	icon  fyne.Resource
	make  func() screen
}

// label is what the navigation shows: the title, or a shorter form of a
// title that would take two lines, so that every screen's name fits a
// 1024×768 screen without scrolling (a district has 17).
func (it navItem) label() string {
	switch it.title {
	case T("Community learning centres"):
		return T("Learning centres")
	case T("Awards – scholarships"):
		return T("Awards, scholarships")
	case T("Learning communities (villages)"):
		return T("Learning communities")
	case T("Villages & commune profile"):
		return T("Villages, profile")
	}
	return it.title
}

// shell is the main window: the navigation on the left, the screen in
// front, the status bar at the bottom.
type shell struct {
	u          *UI
	env        *env
	items      []navItem
	screens    map[int]screen
	nav        *enterList
	body       *fyne.Container
	obj        fyne.CanvasObject
	current    int
	muted      bool
	telexCheck *widget.Check // the settings' Telex box, once that screen is made
}

// navWidth is the width of the navigation: long titles take two lines.
const navWidth = 196

func newShell(u *UI, s session) *shell {
	e := &env{win: u.win, bg: u.bg, keys: u.keys, telex: u.telex, reg: u.deps.Units, sess: s,
		now: u.deps.Now, ctx: u.ctx, online: u.deps.Online, ex: u.deps.Online.cfg.exchange(), log: u.log()}
	e.ex.Now = u.deps.Now
	e.status = newStatusBar(u.bg, T("%s · operator: %s", s.Name, operatorText(s.Operator)), u.keys.telex)
	e.status.SetTelex(u.telex.enabled)
	e.ahead = newTypeAhead(u.keys)
	sh := &shell{u: u, env: e, screens: map[int]screen{}, current: -1, body: container.NewStack()}
	st := u.deps.Store
	sh.items = []navItem{
		{T("Learning citizens"), theme.AccountIcon(), func() screen { return newCitizensScreen(e, st, st) }},
		{T("Community learning centres"), theme.HomeIcon(), func() screen { return newCentresScreen(e, st, st) }},
		{T("Awards – scholarships"), theme.ConfirmIcon(), func() screen { return newAwardsScreen(e, st, st) }},
		{T("Learning-promotion fund"), theme.StorageIcon(), func() screen { return newFundsScreen(e, st, st) }},
	}
	sh.items = append(sh.items, modelNavItems(e, st)...) // the learning models of QĐ 387
	sh.items = append(sh.items, []navItem{
		{T("Branches and members"), theme.GridIcon(), func() screen { return newBranchesScreen(e, st, st) }},
		{T("Activities of the association"), theme.HistoryIcon(), func() screen { return newActivitiesScreen(e, st, st) }},
		{T("Villages & commune profile"), theme.ListIcon(), func() screen { return newVillagesScreen(e, st) }},
		{T("Sync"), theme.MailSendIcon(), func() screen { return newSyncScreen(e, st) }},
	}...)
	if s.Level != "commune" {
		sh.items = append(sh.items,
			navItem{T("Reporting status"), theme.InfoIcon(), func() screen { return newStatusScreen(e, st) }},
			navItem{T("Conflicts"), theme.WarningIcon(), func() screen { return newConflictsScreen(e, st) }})
	}
	sh.items = append(sh.items, []navItem{
		{T("Reports"), theme.DocumentIcon(), func() screen { return newReportScreen(e, st) }},
		{T("Settings"), theme.SettingsIcon(), func() screen { return newSettingsScreen(u, e) }},
	}...)
	sh.items = append(sh.items, navItem{T("Personal data"), theme.VisibilityIcon(), func() screen { return newPrivacyScreen(e, st) }}) // privacy.go
	sh.nav = newEnterList(u.keys, func() int { return len(sh.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(sh.items[id].label())
			c.Objects[1].(*widget.Icon).SetResource(sh.items[id].icon)
		})
	for n, it := range sh.items {
		sh.nav.SetItemHeight(n, navItemHeight(it.label()))
	}
	sh.nav.OnSelected = sh.navigate
	u.keys.find = sh.find
	unit := widget.NewLabelWithStyle(s.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	unit.Wrapping = fyne.TextWrapWord
	left := container.New(fixedWidth{navWidth}, container.NewBorder(container.NewVBox(unit, widget.NewSeparator()),
		nil, nil, nil, container.NewThemeOverride(sh.nav, compactTheme{})))
	bottom := container.NewStack(e.status.obj, container.NewWithoutLayout(e.ahead)) // the type-ahead takes no room
	sh.obj = container.NewBorder(nil, bottom, left, nil, container.NewPadded(sh.body))
	return sh
}

func operatorText(s string) string {
	if s == "" {
		return T("(not given)")
	}
	return s
}

// navigate switches screens from the list, asking first about unsaved
// typing.
func (sh *shell) navigate(id widget.ListItemID) {
	if sh.muted || id == sh.current {
		return
	}
	if sh.saving() { // the screen in front is being written: it stays until done
		sh.muted = true
		sh.nav.Select(sh.current)
		sh.muted = false
		return
	}
	if sh.dirty() {
		back := sh.current
		sh.env.ask(newDiscardQuestion(sh.env, func() { sh.show(id) }, func() {
			sh.muted = true
			sh.nav.Select(back)
			sh.muted = false
		}))
		return
	}
	sh.show(id)
}

// open brings screen id to the front and marks it in the list.
func (sh *shell) open(id int) {
	sh.muted = true
	sh.nav.Select(id)
	sh.muted = false
	sh.show(id)
}

func (sh *shell) show(id int) {
	s, ok := sh.screens[id]
	if !ok {
		s = sh.items[id].make()
		sh.screens[id] = s
	}
	sh.current = id
	sh.env.keys.target = s
	sh.env.status.SetCount("")
	sh.body.Objects = []fyne.CanvasObject{s.Object()}
	sh.body.Refresh()
	s.Show()
}

// saving reports a change being written (the window waits for it).
func (sh *shell) saving() bool { return sh.env.writing() }

// screen returns the screen in front.
func (sh *shell) screen() screen { return sh.screens[sh.current] }

func (sh *shell) dirty() bool {
	s := sh.screen()
	return s != nil && s.Dirty()
}

// find focuses the search box of the screen in front (Ctrl+F).
func (sh *shell) find() {
	if f, ok := sh.screen().(interface{ searchBox() *textEntry }); ok && f.searchBox() != nil {
		sh.u.win.Canvas().Focus(f.searchBox())
	}
}

// plainScreen gives screens without a record form the keyboard actions
// that do nothing.
type plainScreen struct{}

// Save does nothing.
func (plainScreen) Save() {}

// New does nothing.
func (plainScreen) New() {}

// Cancel has nothing to cancel.
func (plainScreen) Cancel() bool { return false }

// Dirty is false: nothing is typed that a switch would lose.
func (plainScreen) Dirty() bool { return false }

// navItemHeight is the height of a navigation item: one line, or two for
// a title longer than the navigation is wide (compactTheme's room).
func navItemHeight(title string) float32 {
	inner := compactTheme{}.Size(theme.SizeNameInnerPadding)
	line := fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{})
	room := navWidth - theme.IconInlineSize() - theme.Padding()*4 - inner*2
	lines := float32(1)
	if fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{}).Width > room {
		lines = 2
	}
	return lines*line.Height + inner*2 + theme.LineSpacing()*(lines-1)
}

// compactTheme is the window's theme with less room inside each row: the
// navigation's (see label).
type compactTheme struct{}

func (compactTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

// Color, Font and Icon are the window's.
func (t compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}
func (t compactTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }

// Size halves the inner padding.
func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return t.base().Size(n) / 2
	}
	return t.base().Size(n)
}

// fixedWidth lays its one object out at a set width.
type fixedWidth struct{ width float32 }

// Layout fills the space.
func (f fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the set width.
func (f fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}
