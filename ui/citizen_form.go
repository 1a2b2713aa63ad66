package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// citizenEditor is what the citizen form needs of the store.
type citizenEditor interface {
	Assessments(ctx context.Context, citizenID string) ([]data.Assessment, error)
	Edit(ctx context.Context, action string, fn func(*store.Editor) error) error
}

// citizenForm is the form of a learning citizen and one year's
// assessment, in the order of the paper form. The total and the result
// follow the ten scores as they are typed.
type citizenForm struct {
	record
	env    *env
	st     citizenEditor
	name   string
	year   func() int // the year filter of the list, 0 for none
	result *pickEntry
	total  *widget.Label
	item   store.CitizenItem // the record as saved last
	calc   bool              // recompute is running
	obj    fyne.CanvasObject
}

var scoreCols = []string{"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10"}

// Indicator groups of the yearly assessment (QĐ 244/QĐ-KHVN, docs/DOMAIN.md;
// the split is the common reading and only labels the inputs).
var indicatorGroups = []struct {
	title string
	cols  []string
}{
	{N("Group 1: self-learning and lifelong learning"), scoreCols[0:3]},
	{N("Group 2: using tools (IT, foreign language, numeracy, critical thinking)"), scoreCols[3:7]},
	{N("Group 3: social relations"), scoreCols[7:10]},
}

func newCitizenForm(e *env, st citizenEditor, year func() int) *citizenForm {
	f := &citizenForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st, year: year}
	f.text("full_name", T("Full name")).SetPlaceHolder(T("e.g. Nguyễn Thị Hoà"))
	f.pick("gender", T("Gender"), data.Genders)
	f.text("birth_year", T("Birth year")).SetPlaceHolder(T("e.g. %d", 1985))
	f.text("birth_date", T("Birth date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.text("ethnicity", T("Ethnicity")).SetPlaceHolder(T("e.g. Kinh"))
	f.choice("village", T("Village"), nil)
	f.text("id_number", T("CCCD number")).SetPlaceHolder(T("12 digits"))
	f.text("phone", T("Phone")).SetPlaceHolder(T("10 digits"))
	f.choice("group", T("Subject group"), labels(data.SubjectGroups))
	f.text("note", T("Note"))
	f.text("year", T("Assessment year")).SetPlaceHolder(T("e.g. %d", e.year()))
	for n, c := range scoreCols {
		f.text(c, T("Indicator %d", n+1)).SetPlaceHolder("0–10")
	}
	f.result = f.pick("result", T("Result"), data.Results)
	f.pick("status", T("Stage"), data.AssessmentStatuses)
	f.text("decision_no", T("Decision number"))
	f.text("decision_date", T("Decision date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.persistent("village", "group", "year", "status")
	f.total = widget.NewLabel("")
	f.total.TextStyle.Bold = true
	f.total.Wrapping = fyne.TextWrapWord
	f.onChange = f.recompute
	f.obj = f.layout()
	return f
}

func (f *citizenForm) layout() fyne.CanvasObject {
	person := f.grid("full_name", "gender", "birth_year", "birth_date", "ethnicity", "village",
		"id_number", "phone", "group", "note")
	parts := []fyne.CanvasObject{f.summary, section(T("Person"), person),
		section(T("Yearly assessment"), f.grid("year"))}
	for _, g := range indicatorGroups {
		cells := make([]fyne.CanvasObject, len(g.cols))
		for n, c := range g.cols {
			fl := f.byCol[c]
			fl.box = container.NewVBox(fl.label, f.inputBox(fl), fl.err)
			cells[n] = fl.box
		}
		title := widget.NewLabel(T(g.title))
		title.Wrapping = fyne.TextWrapWord
		parts = append(parts, title, container.NewGridWithColumns(4, cells...))
	}
	parts = append(parts, f.total, f.grid("result", "status", "decision_no", "decision_date"))
	return container.NewVBox(parts...)
}

// Object is the form's content.
func (f *citizenForm) Object() fyne.CanvasObject { return f.obj }

// Name is the citizen's name, for headings.
func (f *citizenForm) Name() string { return f.name }

// recompute shows the total and the result of the ten scores.
func (f *citizenForm) recompute() {
	if f.calc {
		return
	}
	f.calc = true
	defer func() { f.calc = false }()
	var scores []int
	typed, bad := 0, false
	for _, c := range scoreCols {
		v := f.byCol[c].get()
		if v == "" {
			continue
		}
		typed++
		s, err := data.ParseScore(v)
		if err != nil {
			bad = true
			continue
		}
		scores = append(scores, s)
	}
	switch {
	case typed == 0:
		f.total.SetText(T("Without scores, choose the result below (past years)."))
		f.result.Enable()
	case bad:
		f.total.SetText(T("A score must be 0 to 10, e.g. 8 or 8,5."))
	case typed < data.Indicators:
		f.total.SetText(T("Type all ten scores to compute the result (%d of 10 typed).", typed))
	default:
		set := f.set()
		rule := set.Rule
		r := set.Outcome(scores).Result
		t := T("Total: %s / 100 · Result: %s", score(data.Assessment{Scores: scores}.Total()), label(data.Results, r))
		if why := failReason(scores, rule); why != "" {
			t += " (" + why + ")"
		}
		f.total.SetText(t)
		f.result.SetSelected(label(data.Results, r))
		f.result.Disable()
		return
	}
	f.result.Enable()
}

// failReason says why scores do not pass rule: the total under the pass
// mark, the indicators under the least allowed; "" when they pass.
func failReason(scores []int, rule data.Rule) string {
	var low []string
	total := 0
	for n, s := range scores {
		total += s
		if s < int(rule.EachMin) {
			low = append(low, itoa(n+1))
		}
	}
	var why []string
	if total < int(rule.TotalMin) {
		why = append(why, T("total under %s", score(int(rule.TotalMin))))
	}
	if len(low) > 0 {
		why = append(why, T("indicator %s under %s", strings.Join(low, ", "), score(int(rule.EachMin))))
	}
	return strings.Join(why, "; ")
}

// shortReason is "Not passed" with why, as far as a total tells: under the
// pass mark, or (a total at or above it) an indicator under the least.
func shortReason(total int, rule data.Rule) string {
	if total < int(rule.TotalMin) {
		return T("Not passed: under %s", score(int(rule.TotalMin)))
	}
	return T("Not passed: an indicator under %s", score(int(rule.EachMin)))
}

// Clear shows an empty form for a new citizen.
func (f *citizenForm) Clear() {
	f.id, f.unit, f.name = "", f.env.sess.Unit, T("New citizen")
	f.load(data.Input{})
}

// Item is the citizen as the list shows it, after a save.
func (f *citizenForm) Item() store.CitizenItem { return f.item }

// Load shows a stored citizen and the assessment of the list's year (else
// the newest one).
func (f *citizenForm) Load(it store.CitizenItem) {
	c := it.Citizen
	f.id, f.unit, f.name, f.item = c.ID, c.Unit, c.FullName(), it
	f.load(data.FormatCitizen(data.CitizenEntry{Citizen: c}, people()))
	var as []data.Assessment
	var err error
	f.env.bg.Go(func() { as, err = f.st.Assessments(f.env.ctx, c.ID) }, func() {
		if err != nil || f.id != c.ID || f.dirty {
			return
		}
		if a := pickAssessment(as, f.year()); a != nil {
			f.load(data.FormatCitizen(data.CitizenEntry{Citizen: c, Assessment: a}, people()))
		}
	})
}

func pickAssessment(as []data.Assessment, year int) *data.Assessment {
	for n := range as {
		if year == 0 || as[n].Year == year {
			return &as[n]
		}
	}
	return nil
}

// Save validates with data.ParseCitizen and prepares the write of the
// citizen and the year's assessment in one change. The step is the one
// chosen, or none: the form never sets a step the officer did not choose.
func (f *citizenForm) Save() (change, bool) {
	in := f.input()
	if in["i1"] != "" {
		in["result"] = "" // computed from the scores
	}
	if in["year"] != "" {
		in["criteria"] = f.criteria(in["year"])
	}
	e, err := data.ParseCitizen(in, f.env.sess.Criteria)
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	c := e.Citizen
	c.ID, c.Unit = f.id, f.unit
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			if _, err := ed.SaveCitizen(&c); err != nil {
				return err
			}
			if a := e.Assessment; a != nil {
				a.CitizenID, a.Unit = c.ID, c.Unit
				_, err := ed.SaveAssessment(a)
				return err
			}
			return nil
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name = c.ID, c.FullName()
		f.item = store.CitizenItem{Citizen: c, Total: -1}
		if a := e.Assessment; a != nil {
			f.item.Year, f.item.Result, f.item.Status = a.Year, a.Result, a.Status
			if len(a.Scores) > 0 {
				f.item.Total = a.Total()
			}
		}
		f.saved()
	}}, true
}

// criteria is the version of the criteria set the assessment of year is
// scored against: the loaded assessment's own for its year, the set in use
// for a new one.
func (f *citizenForm) criteria(year string) string {
	if y := f.orig["year"]; f.id != "" && y != "" && y == strings.TrimSpace(year) {
		return f.orig["criteria"] // a stored assessment keeps its set
	}
	return f.env.sess.Criteria.Current(data.ModelCitizen).Version
}

// set is the criteria set the typed scores are judged by.
func (f *citizenForm) set() *data.CriteriaSet {
	s, err := f.env.sess.Criteria.Get(data.ModelCitizen, f.criteria(f.byCol["year"].get()))
	if err != nil {
		return f.env.sess.Criteria.Current(data.ModelCitizen)
	}
	return s
}

// Delete prepares the tombstone of the citizen shown.
func (f *citizenForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Citizen, id) })
	}
}

// setVillages offers the commune's villages.
func (f *citizenForm) setVillages(names []string) {
	f.byCol["village"].obj.(*choiceEntry).SetOptions(names)
}
