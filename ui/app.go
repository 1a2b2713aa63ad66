package ui

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Deps is what cmd/khuyenhoc hands the UI.
type Deps struct {
	Store  *store.Store     // the open database (set up or not yet)
	Units  *units.Registry  // the official unit lists
	DBPath string           // shown in the settings
	Now    func() time.Time // the wall clock; time.Now when nil
	Sync   bool             // tests: run background work at once, on the caller's goroutine
	Online *Online          // the background uploader cmd/khuyenhoc runs; nil: none is started
	Log    *slog.Logger     // the log beside the database (ui/applog.go); nil: none
	LogDir string           // its folder, shown in the settings
	Open   string           // a file given on the command line (.khb, .khkey): ui/open.go
	Screen fyne.Size        // the screen's size, for the window's first size; zero when unknown

	post func(func()) // tests: how results reach the UI goroutine (a queue the test drains); nil: fyne.Do
}

// Preference keys.
const (
	prefLang   = "lang"
	prefTheme  = "theme"
	prefTelex  = "telex"
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// UI is the running desktop application: the wizard on the first run, the
// main window afterwards.
type UI struct {
	app     fyne.App
	win     fyne.Window
	deps    Deps
	ctx     context.Context
	bg      *bridge
	keys    *shortcuts
	telex   *telexState
	shell   *shell
	wizard  *wizard
	unlock  *unlockPage // the passphrase asked at start (passphrase.go)
	closing bool        // the window is closing: waiting for work, or closed
	closed  bool
}

// New builds the UI into win: the set-up wizard when the database is not
// set up, else the main window. It applies the saved language, theme and
// window size.
func New(a fyne.App, w fyne.Window, d Deps) *UI {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Units == nil {
		d.Units = units.Default()
	}
	if d.Online == nil { // an uploader that never starts: the hub address can still be set
		d.Online = &Online{cfg: OnlineConfig{Store: d.Store, Units: d.Units, Dir: filepath.Dir(d.DBPath)}}
	}
	bg := newBridge(d.Sync)
	if d.post != nil {
		bg.post = d.post
	}
	d.Online.bind(bg)
	u := &UI{app: a, win: w, deps: d, ctx: bg.ctx, bg: bg, keys: &shortcuts{win: w}, telex: &telexState{}}
	u.keys.quit, u.keys.telex = u.Quit, func() { u.setTelex(!u.telex.enabled) }
	u.applyPreferences()
	w.SetIcon(Icon())
	u.keys.register(w.Canvas())
	w.SetCloseIntercept(u.Quit)
	w.Resize(firstSize(a.Preferences(), d.Screen))
	u.start()
	if u.unlock == nil { // else once the keys are open (passphrase.go)
		u.openGiven(d.Open)
	}
	return u
}

// Window sizes: the smallest the window lays out at (a 1024×768 screen
// with a frame and a taskbar leaves about 1000×700), and the first size
// when none was kept.
var (
	minWindow  = fyne.NewSize(1000, 700)
	wantWindow = fyne.NewSize(1280, 800)
)

// firstSize is the size the window had when last closed (else a roomy
// one), no larger than the screen leaves with room for the window's frame
// and a taskbar.
func firstSize(p fyne.Preferences, screen fyne.Size) fyne.Size {
	s := fyne.NewSize(float32(p.FloatWithFallback(prefWidth, float64(wantWindow.Width))),
		float32(p.FloatWithFallback(prefHeight, float64(wantWindow.Height))))
	if screen.Width > 0 && screen.Height > 0 {
		s = s.Min(fyne.NewSize(screen.Width-16, screen.Height-72))
	}
	return s
}

// setTelex turns the built-in Telex mode on or off (Settings, Ctrl+Shift+T)
// and says so in the status bar.
func (u *UI) setTelex(on bool) {
	u.telex.enabled = on
	u.app.Preferences().SetBool(prefTelex, on)
	if u.shell != nil {
		u.shell.env.status.SetTelex(on)
		if u.shell.telexCheck != nil && u.shell.telexCheck.Checked != on {
			u.shell.telexCheck.SetChecked(on)
		}
	}
}

func (u *UI) applyPreferences() {
	p := u.app.Preferences()
	if err := SetLanguage(p.StringWithFallback(prefLang, "vi")); err != nil {
		fyne.LogError("language", err)
	}
	u.app.Settings().SetTheme(appTheme{dark: p.String(prefTheme) == "dark"})
	u.telex.enabled = p.Bool(prefTelex)
}

func (u *UI) start() {
	in, err := u.deps.Store.Installation(u.ctx)
	switch {
	case errors.Is(err, store.ErrNotSetUp):
		u.showWizard()
	case err != nil:
		u.showProblem(err)
	case u.needsUnlock(): // passphrase.go
		u.showUnlock(in)
	default:
		u.showMain(in)
	}
}

// showProblem fills the window with a message when the database cannot be
// used.
func (u *UI) showProblem(err error) {
	u.win.SetTitle(T("Sổ Khuyến Học"))
	l := widget.NewLabel(T("The database cannot be opened: %s", u.explain(err)))
	l.Wrapping = fyne.TextWrapWord
	u.win.SetContent(container.NewPadded(l))
}

func (u *UI) showWizard() {
	u.shell = nil
	u.wizard = newWizard(u)
	u.keys.target = nil
	u.win.SetTitle(T("Sổ Khuyến Học – first-time set-up"))
	u.win.SetContent(u.wizard.obj)
	u.wizard.focus()
}

func (u *UI) showMain(in store.Installation) {
	u.wizard = nil
	cat, err := u.deps.Store.Catalog(u.ctx)
	if err != nil {
		u.showProblem(err)
		return
	}
	s := session{Unit: in.Unit, Level: in.Level, Name: in.Name, Operator: in.Operator, Criteria: cat}
	u.shell = newShell(u, s)
	u.win.SetTitle(T("Sổ Khuyến Học – %s", in.Name))
	u.win.SetContent(u.shell.obj)
	u.shell.open(0)
}

// rebuild builds the main window again (after a change of language),
// keeping the screen in front.
func (u *UI) rebuild() {
	if u.shell == nil {
		u.start()
		return
	}
	at := u.shell.current
	in, err := u.deps.Store.Installation(u.ctx)
	if err != nil {
		u.showProblem(err)
		return
	}
	u.showMain(in)
	u.shell.open(at)
}

// NewProblem fills win with a message when the database could not be
// opened at all.
func NewProblem(a fyne.App, w fyne.Window, err error) {
	u := &UI{app: a, win: w, bg: newBridge(false), keys: &shortcuts{}, telex: &telexState{}}
	u.applyPreferences()
	w.SetIcon(Icon())
	w.Resize(fyne.NewSize(700, 300))
	u.showProblem(err)
}
