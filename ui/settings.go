package ui

import (
	"context"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

// settingsScreen holds the language, the operator's name, the theme, the
// built-in Telex mode, and shows the pass rule and the database in use.
type settingsScreen struct {
	plainScreen
	u        *UI
	env      *env
	language *pickEntry
	theme    *pickEntry
	telex    *widget.Check
	operator *textEntry
	obj      fyne.CanvasObject
}

var (
	langNames  = []string{"Tiếng Việt", "English"}
	langCodes  = []string{"vi", "en"}
	themeCodes = []string{"light", "dark"}
)

func newSettingsScreen(u *UI, e *env) *settingsScreen {
	s := &settingsScreen{u: u, env: e}
	p := u.app.Preferences()
	s.language = newPickEntry(e.keys, langNames, nil)
	s.language.SetSelected(langNames[index(langCodes, current)])
	s.language.OnChanged = s.setLanguage
	s.theme = newPickEntry(e.keys, []string{T("Light"), T("Dark")}, nil)
	s.theme.SetSelected(s.theme.Options[index(themeCodes, p.StringWithFallback(prefTheme, "light"))])
	s.theme.OnChanged = s.setTheme
	s.telex = widget.NewCheck(T("Built-in Telex (Ctrl+Shift+T)"), s.setTelex)
	s.telex.SetChecked(u.telex.enabled)
	if u.shell != nil {
		u.shell.telexCheck = s.telex
	}
	s.operator = newTextEntry(e.keys)
	s.operator.telex = e.telex
	s.operator.SetText(e.sess.Operator)
	s.operator.OnSubmitted = func(string) { s.Save() }
	save := newButton(e.keys, T("Save name"), nil, s.Save)
	telexNote := widget.NewLabel(T("For PCs without Unikey or EVKey: the app turns Telex (Nguyeenx → Nguyễn) into Vietnamese itself. The status bar says when it is on; turn it off to type English words."))
	telexNote.Wrapping = fyne.TextWrapWord
	rule := widget.NewLabel(describeRule(e.sess.Criteria.Current(data.ModelCitizen)))
	rule.Wrapping = fyne.TextWrapWord
	db := widget.NewLabel(u.deps.DBPath)
	db.Wrapping = fyne.TextWrapBreak
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("Language")), s.language,
		widget.NewLabel(T("Operator")), container.NewBorder(nil, nil, nil, save, s.operator),
		widget.NewLabel(T("Theme")), s.theme,
		widget.NewLabel(T("Typing")), container.NewVBox(s.telex, telexNote),
		widget.NewLabel(T("Pass rule")), rule,
		widget.NewLabel(T("Database")), db)
	scroll := container.NewVScroll(container.NewVBox(section(T("Settings"), grid), newCriteriaPart(u, e).obj,
		newBackupPart(u, e).obj))
	followFocus(scroll) // the screen is taller than a 1024×768 window
	s.obj = scroll
	return s
}

func index(xs []string, v string) int {
	for n, x := range xs {
		if x == v {
			return n
		}
	}
	return 0
}

// Object is the screen's content.
func (s *settingsScreen) Object() fyne.CanvasObject { return s.obj }

// Show has nothing to reload.
func (s *settingsScreen) Show() { s.env.status.SetCount("") }

func (s *settingsScreen) setLanguage(name string) {
	code := langCodes[index(langNames, name)]
	if code == current {
		return
	}
	s.u.app.Preferences().SetString(prefLang, code)
	if err := SetLanguage(code); err != nil {
		s.env.fail(err)
		return
	}
	s.u.rebuild()
}

func (s *settingsScreen) setTheme(name string) {
	code := themeCodes[index(s.theme.Options, name)]
	s.u.app.Preferences().SetString(prefTheme, code)
	s.u.app.Settings().SetTheme(appTheme{dark: code == "dark"})
}

func (s *settingsScreen) setTelex(on bool) {
	if s.u.telex.enabled != on {
		s.u.setTelex(on)
	}
}

// Save stores the operator's name (Enter, Ctrl+S).
func (s *settingsScreen) Save() {
	if s.env.writing() {
		return
	}
	name := text.Clean(s.operator.Text)
	st := s.u.deps.Store
	s.env.write([]fyne.Disableable{s.operator}, func(ctx context.Context) error {
		return st.SetMeta(ctx, store.MetaOperator, name)
	}, func(err error) {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.env.sess.Operator = name
		s.env.status.unit.SetText(T("%s · operator: %s", s.env.sess.Name, operatorText(name)))
		s.env.status.Say(T("Saved: %s", operatorText(name)))
	})
}
