package ui

import (
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
	language *widget.RadioGroup
	theme    *widget.RadioGroup
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
	s.language = widget.NewRadioGroup(langNames, nil)
	s.language.Horizontal = true
	s.language.SetSelected(langNames[index(langCodes, current)])
	s.language.OnChanged = s.setLanguage
	s.theme = widget.NewRadioGroup([]string{T("Light"), T("Dark")}, nil)
	s.theme.Horizontal = true
	s.theme.SetSelected(s.theme.Options[index(themeCodes, p.StringWithFallback(prefTheme, "light"))])
	s.theme.OnChanged = s.setTheme
	s.telex = widget.NewCheck(T("Type Vietnamese with Telex inside the app (for PCs without Unikey or EVKey)"),
		s.setTelex)
	s.telex.SetChecked(u.telex.enabled)
	s.operator = newTextEntry(e.keys)
	s.operator.telex = e.telex
	s.operator.SetText(e.sess.Operator)
	s.operator.OnSubmitted = func(string) { s.Save() }
	save := widget.NewButton(T("Save name"), s.Save)
	cit := e.sess.Criteria.Current(data.ModelCitizen)
	rule := widget.NewLabel(T("Passed when the total is at least %s points and no indicator is below %s (QĐ 324/QĐ-KHVN).",
		score(int(cit.Rule.TotalMin)), score(int(cit.Rule.EachMin))))
	rule.Wrapping = fyne.TextWrapWord
	db := widget.NewLabel(u.deps.DBPath)
	db.Wrapping = fyne.TextWrapBreak
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("Language")), s.language,
		widget.NewLabel(T("Operator")), container.NewBorder(nil, nil, nil, save, s.operator),
		widget.NewLabel(T("Theme")), s.theme,
		widget.NewLabel(T("Typing")), s.telex,
		widget.NewLabel(T("Pass rule")), rule,
		widget.NewLabel(T("Database")), db)
	s.obj = container.NewVScroll(container.NewVBox(section(T("Settings"), grid), newBackupPart(u, e).obj))
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
	s.u.telex.enabled = on
	s.u.app.Preferences().SetBool(prefTelex, on)
}

// Save stores the operator's name (Enter, Ctrl+S).
func (s *settingsScreen) Save() {
	name := text.Clean(s.operator.Text)
	if err := s.u.deps.Store.SetMeta(s.env.ctx, store.MetaOperator, name); err != nil {
		s.env.fail(err)
		return
	}
	s.env.sess.Operator = name
	s.env.status.unit.SetText(T("%s · operator: %s", s.env.sess.Name, operatorText(name)))
	s.env.status.Say(T("Saved: %s", operatorText(name)))
}
