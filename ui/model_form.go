package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// modelForm is the form of a learning model's record and one year's
// assessment. The assessment is scored against its criteria set: the one
// a stored assessment records, or the set in use for a new one. There is
// an entry per criterion of the set (a pool as large as the model's
// largest set; those the set lacks are hidden, and the keyboard skips
// them), the total and the result follow the scores as they are typed,
// and a set that leaves the result to a person (result only, or manual)
// lets the result and the rating be chosen.
type modelForm[R any] struct {
	record
	env      *env
	m        *modelUI[R]
	st       modelsStore
	ed       editStore
	name     string
	year     func() int // the year filter of the list, 0 for none
	item     store.ModelItem[R]
	set      *data.CriteriaSet
	scores   []*textEntry
	setLabel *widget.Label
	total    *widget.Label
	result   *pickEntry
	rating   *pickEntry
	members  *widget.Label
	calc     bool              // recompute is running (it sets the result, which calls it again)
	missing  *data.CriteriaSet // stands for a set not installed here (setOf)
	obj      fyne.CanvasObject
}

// editStore writes the form's changes.
type editStore interface {
	Edit(ctx context.Context, action string, fn func(*store.Editor) error) error
	Get(ctx context.Context, kind store.Kind, id string) (*store.Row, error)
}

func newModelForm[R any](e *env, m *modelUI[R], st *store.Store, year func() int) *modelForm[R] {
	f := &modelForm[R]{record: record{form: newForm(e.keys, e.telex)}, env: e, m: m, st: st, ed: st, year: year}
	m.fields(f)
	f.text("year", T("Assessment year")).SetPlaceHolder(T("e.g. %d", e.year()))
	f.pick("registered", T("Registered"), data.Registrations)
	most := 0
	for _, s := range e.sess.Criteria.Sets(m.kind.Model) {
		most = max(most, len(s.Criteria))
	}
	for n := 0; n < most; n++ {
		f.scores = append(f.scores, f.text(scoreCol(n), ""))
	}
	f.rating = f.gradePick()
	f.result = f.pick("result", T("Result"), data.Results)
	f.pick("status", T("Stage"), data.AssessmentStatuses)
	f.text("decision_no", T("Decision number"))
	f.text("decision_date", T("Decision date")).SetPlaceHolder("dd/mm/yyyy")
	f.text("deciding_level", T("Deciding level")).SetPlaceHolder(T("e.g. xã"))
	if m.kind.Links {
		f.text("citizens", T("Members (CCCD)")).SetPlaceHolder(T("CCCD or id of citizens in the register, separated by ;"))
	}
	f.persistent(append([]string{"year"}, m.persist...)...)
	f.setLabel = widget.NewLabel("")
	f.setLabel.Wrapping = fyne.TextWrapWord
	f.total = widget.NewLabel("")
	f.total.TextStyle.Bold = true
	f.total.Wrapping = fyne.TextWrapWord
	f.members = widget.NewLabel("")
	f.members.Wrapping = fyne.TextWrapWord
	f.onChange = f.recompute
	f.obj = f.layout()
	f.useSet(e.sess.Criteria.Current(m.kind.Model))
	return f
}

func scoreCol(n int) string { return fmt.Sprintf("s%d", n+1) }

func (f *modelForm[R]) layout() fyne.CanvasObject {
	parts := []fyne.CanvasObject{f.summary, section(T(f.m.title), f.grid(f.m.grid...)),
		section(T("Yearly assessment"), container.NewVBox(f.grid("year", "registered"), f.setLabel))}
	if len(f.scores) > 0 {
		cols := make([]string, len(f.scores))
		for n := range f.scores {
			cols[n] = scoreCol(n)
		}
		parts = append(parts, f.grid(cols...))
	}
	parts = append(parts, f.total, f.grid("rating", "result", "status", "decision_no", "decision_date", "deciding_level"))
	if f.m.kind.Links {
		parts = append(parts, section(T("Members"), container.NewVBox(f.grid("citizens"), f.members)))
	}
	return container.NewVBox(parts...)
}

// gradePick is the rating: the set's bands or levels.
func (f *modelForm[R]) gradePick() *pickEntry {
	p := newPickEntry(f.keys, nil, func(string) { f.changed() })
	p.PlaceHolder = T("(not given)")
	set := func(v string) {
		if f.set == nil || v == "" {
			p.ClearSelected()
			return
		}
		p.SetSelected(f.set.GradeLabel(f.set.GradeCode(v)))
	}
	_, p.hooks = f.add("rating", T("Rating"), p, p, func() string { return p.Selected }, set)
	return p
}

// useSet shows the entries of a set's criteria and its name.
func (f *modelForm[R]) useSet(s *data.CriteriaSet) {
	if s == f.set {
		return
	}
	f.set = s
	for n, e := range f.scores {
		fl := f.byCol[scoreCol(n)]
		if n >= len(s.Criteria) {
			showField(fl, false)
			continue
		}
		c := s.Criteria[n]
		title, hint := T("Criterion %s", c.Code), T("1 met, 0 not")
		if s.Rule.Kind == data.RulePoints {
			hint = fmt.Sprintf("0–%s", score(int(c.Max)))
		}
		fl.label.SetText(title)
		e.SetPlaceHolder(hint)
		showField(fl, true)
	}
	var grades []string
	for _, b := range s.Rule.Bands {
		grades = append(grades, b.Label)
	}
	for _, l := range s.Rule.Levels {
		grades = append(grades, l.Label)
	}
	f.rating.SetOptions(grades)
	showField(f.byCol["rating"], len(grades) > 0)
	note := T("Criteria: %s", s.Label(current))
	switch {
	case s.Rule.Kind == data.RuleResultOnly:
		note += " — " + T("no criteria confirmed: choose the result as decided.")
	case s.Rule.Manual:
		note += " — " + T("the scores are kept as evidence; choose the result as decided.")
	}
	if s.Status != "confirmed" {
		note += " " + T("(%s, see Settings → Criteria)", statusText(s.Status))
	}
	var lines []string
	for _, c := range s.Criteria {
		max := ""
		if s.Rule.Kind == data.RulePoints {
			max = " (" + T("%s points", score(int(c.Max))) + ")"
		}
		lines = append(lines, c.Code+max+": "+c.Label)
	}
	if len(lines) > 0 {
		note += "\n" + strings.Join(lines, "\n")
	}
	f.setLabel.SetText(note)
}

// showField shows or hides a field's row: its label, its input (which the
// keyboard then skips) and what lays the input out.
func showField(fl *field, on bool) {
	for _, o := range []fyne.CanvasObject{fl.label, fl.obj, fl.box} {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// criteria is the version the assessment of year is scored against: the
// loaded assessment's own for its year, the set in use for a new one.
func (f *modelForm[R]) criteria(year string) string {
	if y := f.orig["year"]; f.id != "" && y != "" && y == strings.TrimSpace(year) {
		return f.orig["criteria"] // a stored assessment keeps its set
	}
	return f.env.sess.Criteria.Current(f.m.kind.Model).Version
}

// recompute follows the scores: the set of the year, the total, and the
// result and rating where the set decides them.
func (f *modelForm[R]) recompute() {
	if f.calc {
		return
	}
	f.calc = true
	defer func() { f.calc = false }()
	f.useSet(f.setOf(f.criteria(f.byCol["year"].get())))
	s := f.set
	scores, typed, bad := f.typedScores()
	f.result.Enable()
	f.rating.Enable()
	switch {
	case len(s.Criteria) == 0:
		f.say("")
	case bad != "":
		f.say(bad)
	case typed == 0:
		f.say(T("Without scores, choose the result below."))
	case typed < len(s.Criteria):
		f.say(T("Score every criterion to compute the result (%d of %d typed).", typed, len(s.Criteria)))
	default:
		o := s.Outcome(scores)
		text := T("Total: %s / %s", score(o.Total), score(s.MaxTotal()))
		if s.Rule.Kind == data.RuleLevels {
			text = T("Met: %d of %d", metCount(scores), len(scores))
		}
		if o.Result != "" {
			text += " · " + T("Result: %s", label(data.Results, o.Result))
			if o.Grade != "" {
				text += " · " + s.GradeLabel(o.Grade)
			}
			f.result.SetSelected(label(data.Results, o.Result))
			f.result.Disable()
			if o.Grade != "" {
				f.rating.SetSelected(s.GradeLabel(o.Grade))
				f.rating.Disable()
			}
		}
		f.say(text)
	}
}

// setOf is the set of a version; one not installed here stands as a set
// without criteria, whose scores the form keeps as they were recorded.
func (f *modelForm[R]) setOf(version string) *data.CriteriaSet {
	if s, err := f.env.sess.Criteria.Get(f.m.kind.Model, version); err == nil {
		return s
	}
	if f.missing == nil || f.missing.Version != version {
		f.missing = &data.CriteriaSet{Model: f.m.kind.Model, Version: version, Status: "unconfirmed",
			Title: T("a criteria set not installed here; its scores are kept as recorded"),
			Rule:  data.Rule{Kind: data.RuleResultOnly}}
	}
	return f.missing
}

// say shows the total line, hidden when there is nothing to say.
func (f *modelForm[R]) say(text string) {
	f.total.SetText(text)
	if text == "" {
		f.total.Hide()
	} else {
		f.total.Show()
	}
}

func metCount(scores []int) int {
	n := 0
	for _, x := range scores {
		if x > 0 {
			n++
		}
	}
	return n
}

// typedScores reads the shown score entries: the scores in tenths, how
// many were typed, and what is wrong with one that is not a score.
func (f *modelForm[R]) typedScores() ([]int, int, string) {
	var out []int
	typed := 0
	for n := range f.set.Criteria {
		v := strings.TrimSpace(f.scores[n].Text)
		if v == "" {
			continue
		}
		typed++
		x, err := f.set.ParseScoreCell(f.set.Criteria[n].Code + "=" + v + f.others(n))
		if err != nil {
			return nil, typed, T("Criterion %s: %s", f.set.Criteria[n].Code, reasonText(err))
		}
		out = append(out, x[n])
	}
	return out, typed, ""
}

// others completes a one-criterion cell so that ParseScoreCell reads it:
// every other criterion as 0.
func (f *modelForm[R]) others(skip int) string {
	var b strings.Builder
	for n, c := range f.set.Criteria {
		if n != skip {
			b.WriteString("; " + c.Code + "=0")
		}
	}
	return b.String()
}

// cells turns the form's inputs into the cells of the model's file.
func (f *modelForm[R]) cells() data.Input {
	in := f.input()
	var parts []string
	for n := range f.scores {
		if v := in[scoreCol(n)]; v != "" && n < len(f.set.Criteria) {
			parts = append(parts, f.set.Criteria[n].Code+"="+v)
		}
		delete(in, scoreCol(n))
	}
	in["scores"] = strings.Join(parts, "; ")
	if in["year"] != "" {
		in["criteria"] = f.criteria(in["year"])
	}
	if f.set == f.missing && f.set != nil {
		in["scores"] = f.orig["scores"] // scored against a set not installed here: kept as recorded
	}
	if f.result.Disabled() {
		in["result"], in["rating"] = "", "" // computed from the scores
	}
	return in
}

// show loads the cells of a record (its scores into their entries).
func (f *modelForm[R]) show(in data.Input) {
	if set, err := f.env.sess.Criteria.Get(f.m.kind.Model, in["criteria"]); err == nil && in["year"] != "" {
		f.set = nil
		f.useSet(set)
		if scores, err := set.ParseScoreCell(in["scores"]); err == nil {
			for n, x := range scores {
				in[scoreCol(n)] = data.FormatScore(x)
				if set.Rule.Kind == data.RuleLevels {
					in[scoreCol(n)] = map[bool]string{true: "1", false: "0"}[x > 0]
				}
			}
		}
	}
	f.load(in)
}

// Object is the form's content.
func (f *modelForm[R]) Object() fyne.CanvasObject { return f.obj }

// Name is the record's name, for headings.
func (f *modelForm[R]) Name() string { return f.name }

// Item is the record as the list shows it.
func (f *modelForm[R]) Item() store.ModelItem[R] { return f.item }

// setVillages offers the commune's villages.
func (f *modelForm[R]) setVillages(names []string) {
	if fl, ok := f.byCol["village"]; ok {
		fl.obj.(*choiceEntry).SetOptions(names)
	}
}

// Clear shows an empty form for a new record, the persistent fields kept.
func (f *modelForm[R]) Clear() {
	f.id, f.unit, f.name, f.item = "", f.env.sess.Unit, T(f.m.newName), store.ModelItem[R]{}
	f.members.SetText("")
	in := f.carried()
	if in["year"] == "" && f.year() != 0 {
		in["year"] = itoa(f.year())
	}
	f.show(in)
}

// Load shows a stored record and its assessment of the list's year (else
// its newest), and its members.
func (f *modelForm[R]) Load(it store.ModelItem[R]) {
	id, unit := f.m.kind.Table.Key(&it.Record)
	f.id, f.unit, f.name, f.item = *id, *unit, f.m.kind.Name(&it.Record), it
	e := data.ModelEntry[R]{Record: it.Record}
	if it.Year.ID != "" {
		e.Year = &it.Year
	}
	f.show(data.FormatModel(f.m.kind, e, f.env.sess.Criteria, people()))
	rid := *id
	var ys []data.ModelYear
	var ms []data.Citizen
	var clanName string
	var err error
	f.env.bg.Go(func() {
		if ys, err = f.st.ModelYearsOf(f.env.ctx, rid); err == nil && f.m.kind.Links {
			ms, err = f.st.MembersOf(f.env.ctx, rid)
		}
		if fam, ok := any(&it.Record).(*data.Family); ok && fam.ClanID != "" && err == nil {
			if r, gerr := f.ed.Get(f.env.ctx, store.Clan, fam.ClanID); gerr == nil {
				c := store.As(data.Clans, r)
				clanName = strings.TrimSpace(c.Name + " " + c.Branch)
			}
		}
	}, func() {
		if err != nil || f.id != rid || f.dirty {
			return
		}
		if e.Year == nil && len(ys) > 0 {
			e.Year = &ys[0]
		}
		in := data.FormatModel(f.m.kind, e, f.env.sess.Criteria, people())
		if name := clanName; name != "" {
			in["clan"] = name
		}
		if f.m.kind.Links {
			in["citizens"] = memberRefs(ms)
			f.members.SetText(memberNames(ms))
		}
		f.show(in)
	})
}

// memberRefs names members as the form takes them: by CCCD, else by id.
func memberRefs(ms []data.Citizen) string {
	var out []string
	for _, c := range ms {
		if c.IDNumber != "" {
			out = append(out, c.IDNumber)
		} else {
			out = append(out, c.ID)
		}
	}
	return strings.Join(out, "; ")
}

func memberNames(ms []data.Citizen) string {
	if len(ms) == 0 {
		return T("No member linked to the citizen register yet.")
	}
	var out []string
	for _, c := range ms {
		out = append(out, c.FullName())
	}
	return T("Members: %s", strings.Join(out, ", "))
}

// Save validates with data.ParseModel and prepares the write of the
// record, the year's assessment and the members in one change. The step is
// the one chosen, or none. What only the store can tell (a member's CCCD no
// citizen has, a clan not held, a village that has its community) comes
// back from the write as a *data.FieldError, shown at its field.
func (f *modelForm[R]) Save() (change, bool) {
	in := f.cells()
	e, err := data.ParseModel(f.m.kind, in, f.env.sess.Criteria)
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	x := e.Record
	id, unit := f.m.kind.Table.Key(&x)
	*id, *unit = f.id, f.unit
	links := f.m.kind.Links && (in["citizens"] != "" || f.orig["citizens"] != "")
	write := func(ctx context.Context) error {
		return f.ed.Edit(ctx, "form", func(ed *store.Editor) error {
			if fam, ok := any(&x).(*data.Family); ok && fam.ClanID != "" {
				var err error
				if fam.ClanID, err = ed.ClanRef(fam.Unit, fam.ClanID); err != nil {
					return err
				}
			}
			if _, err := saveModel(ed, &x); err != nil {
				return err
			}
			if y := e.Year; y != nil {
				y.RecordID, y.Unit = *id, *unit
				if _, err := ed.SaveModelYear(y); err != nil {
					return err
				}
			}
			if links {
				return ed.SetMembers(*id, *unit, e.Citizens)
			}
			return nil
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name = *id, f.m.kind.Name(&x)
		f.item = store.ModelItem[R]{Record: x}
		if y := e.Year; y != nil {
			f.item.Year = *y
		}
		f.saved()
	}}, true
}

// saveModel writes a record of any of the four kinds.
func saveModel(ed *store.Editor, x any) (bool, error) {
	switch r := x.(type) {
	case *data.Family:
		return ed.SaveFamily(r)
	case *data.Clan:
		return ed.SaveClan(r)
	case *data.Community:
		return ed.SaveCommunity(r)
	case *data.LearningUnit:
		return ed.SaveLearningUnit(r)
	}
	return false, fmt.Errorf("ui: %T is not a model's record", x)
}

// Delete prepares the tombstone of the record shown (its years and links
// with it).
func (f *modelForm[R]) Delete() func(context.Context) error {
	kind, id := f.m.skind, f.id
	return func(ctx context.Context) error {
		return f.ed.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(kind, id) })
	}
}
