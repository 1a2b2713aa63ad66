package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// awardsStore is what the award register needs of the store.
type awardsStore interface {
	Awards(ctx context.Context, q store.AwardQuery) ([]data.Award, error)
	CountAwards(ctx context.Context, q store.AwardQuery) (int, error)
	FundLines(ctx context.Context, unit string, year int) ([]data.FundLine, error)
	yearsStore
	unitsStore
}

// awardsScreen is the register of award and scholarship recipients.
type awardsScreen struct {
	books *consentBooks // consent.go
	*registerView[data.Award, store.AwardQuery]
	st    awardsStore
	years *yearFilter
}

func newAwardsScreen(e *env, st awardsStore, files *store.Store) *awardsScreen {
	s := &awardsScreen{st: st, books: &consentBooks{env: e, st: files}}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	f := newAwardForm(e, st, files)
	f.consent.onSaved = func() { s.books.reload(); s.Refresh() }
	cols := []column{{T("Recipient"), 2.4}, {T("School"), 1.8}, {T("Award"), 2.2}, {T("Amount"), 1.8},
		{T("Consent"), 1.2}}
	v := newRegisterView[data.Award, store.AwardQuery](e, cols, f, func(a data.Award) string { return a.ID })
	s.registerView = v
	v.drop = []int{4, 1, 3}
	v.cells = func(a data.Award) []string { return append(awardCells(a), s.books.summary(a)) }
	v.after = s.loadChoices
	v.query = func() store.AwardQuery {
		return store.AwardQuery{Unit: v.unitValue(), Search: s.search.Text, Year: s.years.value()}
	}
	v.count = func(n int) string { return T("%s awards", num(int64(n), false)) }
	v.pager.count = func(q store.AwardQuery) (int, error) { return st.CountAwards(e.ctx, q) }
	v.pager.page = func(q store.AwardQuery, off, lim int) ([]data.Award, error) {
		q.Offset, q.Limit = off, lim
		return st.Awards(e.ctx, q)
	}
	v.withSearch(T("Search recipient… (Ctrl+F)"))
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Award, func(a data.Award) string { return a.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	v.files = newFileActions(e, files, tabular.Awards, func() { s.Show() })
	v.files.year = s.years.value
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func awardCells(a data.Award) []string {
	return []string{a.FullName(), a.School, data.SuggestionLabel(data.AwardTypes, a.AwardType, current),
		vnd(a.AmountVND)}
}

// Show reloads the years, the consent decisions, then the list.
func (s *awardsScreen) Show() {
	s.books.reload()
	s.years.reload(s.env, s.st, store.Award, 0, s.Refresh)
	s.loadUnits()
}

// loadChoices offers a year just saved at once (and the units).
func (s *awardsScreen) loadChoices() {
	s.years.reload(s.env, s.st, store.Award, 0, nil)
	s.loadUnits()
}

// awardForm is the form of an award: the recipient (usually a pupil, so
// the guardian's consent is asked), then the award.
type awardForm struct {
	record
	env     *env
	st      awardsStore
	name    string
	fund    *refPick // the ledger line that paid it
	item    data.Award
	legacy  string        // the older yes/no answer, kept as it is (data.About.Legacy)
	consent *consentPanel // consent.go
	obj     fyne.CanvasObject
}

func newAwardForm(e *env, st awardsStore, cs consentStore) *awardForm {
	f := &awardForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st}
	f.consent = newConsentPanel(e, cs, store.Award)
	f.text("full_name", T("Full name"))
	f.pick("gender", T("Gender"), data.Genders)
	f.text("birth_date", T("Birth date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.text("village", T("Village"))
	f.text("guardian", T("Guardian"))
	f.text("school", T("School"))
	f.text("grade", T("Class"))
	f.text("school_year", T("School year")).SetPlaceHolder(T("e.g. %s", "2025-2026"))
	f.choice("award_type", T("Award type"), labels(data.AwardTypes))
	f.text("achievement", T("Achievement"))
	f.text("amount_vnd", T("Amount (VND)")).SetPlaceHolder(T("e.g. %s", "1.000.000"))
	f.text("in_kind_vnd", T("In kind (VND)"))
	f.text("funding_source", T("Funding source"))
	f.text("sponsor", T("Sponsor"))
	f.text("decision_no", T("Decision number"))
	f.text("decision_date", T("Decision date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.text("deciding_level", T("Deciding level"))
	f.text("awarded_on", T("Awarded on")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.choice("recipient_kind", T("Kind of recipient"), labels(data.RecipientKinds))
	f.choice("campaign", T("Campaign or named scholarship"), labels(data.Campaigns))
	f.fund = f.ref("fund_id", T("Paid by ledger line"))
	f.persistent("school", "school_year", "award_type", "funding_source", "sponsor", "decision_no",
		"decision_date", "deciding_level", "awarded_on", "recipient_kind", "campaign")
	f.obj = container.NewVBox(f.summary,
		section(T("Recipient"), f.grid("full_name", "gender", "birth_date", "village", "guardian",
			"school", "grade", "school_year")),
		section(T("Consent (Law 91/2025)"), f.consent.obj),
		section(T("Award"), f.grid("award_type", "achievement", "amount_vnd", "in_kind_vnd", "funding_source",
			"sponsor", "decision_no", "decision_date", "deciding_level", "awarded_on", "recipient_kind", "campaign",
			"fund_id")))
	return f
}

// Object is the form's content.
func (f *awardForm) Object() fyne.CanvasObject { return f.obj }

// Name is the recipient's name.
func (f *awardForm) Name() string { return f.name }

// Item is the award as the list shows it.
func (f *awardForm) Item() data.Award { return f.item }

// Clear shows an empty form.
func (f *awardForm) Clear() {
	f.id, f.unit, f.name, f.legacy = "", f.env.sess.Unit, T("New award"), ""
	f.load(data.Input{})
	f.consent.Load("")
	f.loadLines(f.unit)
}

// Load shows a stored award.
func (f *awardForm) Load(a data.Award) {
	f.id, f.unit, f.name, f.item, f.legacy = a.ID, a.Unit, a.FullName(), a, a.Consent
	f.load(data.FormatAward(a, people()))
	f.consent.Load(a.ID)
	f.loadLines(a.Unit)
}

// Save validates with data.ParseAward and prepares the write of the award.
func (f *awardForm) Save() (change, bool) {
	a, err := data.ParseAward(f.input())
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	a.ID, a.Unit, a.Consent = f.id, f.unit, f.legacy
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			_, err := ed.SaveAward(&a)
			return err
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name, f.item = a.ID, a.FullName(), a
		f.saved()
		f.consent.Load(a.ID)
	}}, true
}

// Delete prepares the tombstone of the award shown.
func (f *awardForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Award, id) })
	}
}
