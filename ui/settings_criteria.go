package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
)

// criteriaPart is Cài đặt → Tiêu chí: for each model, the criteria set new
// assessments are scored against (any set known here can be chosen), what
// it says, and a button that installs a set from a file
// (docs/criteria.md). Results already recorded keep the set they were
// scored against.
type criteriaPart struct {
	u     *UI
	env   *env
	picks map[string]*pickEntry
	sets  map[string][]*data.CriteriaSet
	about *widget.Label
	obj   fyne.CanvasObject
}

func newCriteriaPart(u *UI, e *env) *criteriaPart {
	p := &criteriaPart{u: u, env: e, picks: map[string]*pickEntry{}, sets: map[string][]*data.CriteriaSet{}}
	grid := container.New(layout.NewFormLayout())
	for _, o := range data.Models.Options {
		model := o.Code
		sets := e.sess.Criteria.Sets(model)
		p.sets[model] = sets
		names := make([]string, len(sets))
		for n, s := range sets {
			names[n] = setChoice(s)
		}
		pick := newPickEntry(e.keys, names, func(string) { p.choose(model) })
		p.picks[model] = pick
		pick.SetSelected(setChoice(e.sess.Criteria.Current(model)))
		grid.Add(widget.NewLabel(data.Models.Label(model, current)))
		grid.Add(pick)
	}
	p.about = widget.NewLabel(p.summary())
	p.about.Wrapping = fyne.TextWrapWord
	install := newButton(e.keys, T("Install a criteria set from a file (.json)…"), nil, p.install)
	note := widget.NewLabel(T("A new set applies to assessments entered from now on; results already recorded keep the set they were scored against."))
	note.Wrapping = fyne.TextWrapWord
	p.obj = section(T("Criteria"), container.NewVBox(grid, container.NewHBox(install), note, p.about))
	return p
}

// setChoice names a set in the choices: its version and the start of its
// title.
func setChoice(s *data.CriteriaSet) string {
	t := []rune(s.Title)
	if len(t) > 44 {
		t = append(t[:43], '…')
	}
	if len(t) == 0 {
		return s.Version
	}
	return s.Version + " — " + string(t)
}

// choose makes the chosen set the one in use for its model.
func (p *criteriaPart) choose(model string) {
	i := p.picks[model].SelectedIndex()
	if i < 0 || i >= len(p.sets[model]) {
		return
	}
	s := p.sets[model][i]
	if p.env.sess.Criteria.InUse(s) {
		return
	}
	use := func(ctx context.Context) error { return p.u.deps.Store.UseCriteria(ctx, model, s.Version) }
	p.env.write([]fyne.Disableable{p.picks[model]}, use, func(err error) {
		if err != nil {
			p.env.fail(err)
			return
		}
		p.env.sess.Criteria.Use(model, s.Version)
		p.about.SetText(p.summary())
		p.env.status.Say(T("New assessments of %s are scored against %s", data.Models.Label(model, current), s.Version))
	})
}

// install reads a set from a file and installs it, then offers it.
func (p *criteriaPart) install() {
	p.env.openFile([]string{".json"}, func(path string) {
		var set *data.CriteriaSet
		install := func(ctx context.Context) error {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if set, err = data.ParseCriteriaSet(f); err != nil {
				return err
			}
			return p.u.deps.Store.InstallCriteria(ctx, set, filepath.Base(path), false)
		}
		p.env.write(nil, install, func(err error) {
			if err != nil {
				p.env.info(T("The criteria set was not installed"), T("%s: %s", filepath.Base(path), p.env.explain(err)))
				return
			}
			p.env.sess.Criteria.Add(set)
			p.env.info(T("Criteria set installed"), T("%s is installed. Choose it for %s to score new assessments against it.",
				set.Label(current), data.Models.Label(set.Model, current)))
			p.u.rebuild() // every screen, with the new set among the choices
		})
	})
}

// summary says what each set in use asks.
func (p *criteriaPart) summary() string {
	var lines []string
	for _, o := range data.Models.Options {
		s := p.env.sess.Criteria.Current(o.Code)
		lines = append(lines, data.Models.Label(o.Code, current)+": "+describeRule(s))
	}
	return strings.Join(lines, "\n")
}

// describeRule says in a sentence how a set decides, and how sure it is.
func describeRule(s *data.CriteriaSet) string {
	var out string
	r := s.Rule
	switch {
	case r.Kind == data.RuleResultOnly:
		out = T("the result is entered as decided (no criteria confirmed)")
	case r.Manual:
		out = T("%d criteria recorded as evidence; the result is entered as decided", len(s.Criteria))
	case r.Kind == data.RuleLevels:
		out = T("%d criteria met or not, in %d levels", len(s.Criteria), len(r.Levels))
	default:
		out = T("%d criteria, %s points in all", len(s.Criteria), score(s.MaxTotal()))
		if r.TotalMin > 0 {
			out += "; " + T("passed at %s points", score(int(r.TotalMin)))
		}
		if r.EachMin > 0 {
			out += "; " + T("none below %s", score(int(r.EachMin)))
		}
		for _, b := range r.Bands {
			if b.Pass && b == lastPassing(r.Bands) {
				out += "; " + T("passed from %s (%s)", score(int(b.Min)), b.Label)
			}
		}
	}
	if s.Decision != "" {
		out += " — " + s.Decision
	}
	return out + " (" + statusText(s.Status) + ")"
}

// statusText says how sure a set is.
func statusText(status string) string {
	switch status {
	case "confirmed":
		return T("status confirmed")
	case "partial":
		return T("status partial")
	}
	return T("status unconfirmed")
}

// lastPassing is the lowest band that passes.
func lastPassing(bs []data.Band) data.Band {
	var out data.Band
	for _, b := range bs {
		if b.Pass {
			out = b
		}
	}
	return out
}
