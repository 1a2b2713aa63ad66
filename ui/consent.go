package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// consentStore is what the consent section needs of the store.
type consentStore interface {
	Consents(ctx context.Context, subject string) ([]data.Consent, error)
	ConsentPolicy(ctx context.Context) (data.ConsentPolicy, error)
	Get(ctx context.Context, kind store.Kind, id string) (*store.Row, error)
	Edit(ctx context.Context, action string, fn func(*store.Editor) error) error
}

// consentPanel is the consent section of a record's form (an award, a
// citizen): the decisions recorded (who, when, for which purposes, and
// withdrawals), what they allow today, and the buttons that record a new
// decision or withdraw the ones in force (data.Consent, Law 91/2025).
type consentPanel struct {
	env      *env
	st       consentStore
	kind     store.Kind
	id       string
	history  *widget.Label
	now      *widget.Label
	add      *widget.Button
	withdraw *widget.Button
	onSaved  func() // after a decision is saved (the register's list shows it)
	obj      fyne.CanvasObject
}

func newConsentPanel(e *env, st consentStore, kind store.Kind) *consentPanel {
	p := &consentPanel{env: e, st: st, kind: kind, history: widget.NewLabel(""), now: widget.NewLabel("")}
	p.history.Wrapping = fyne.TextWrapWord
	p.now.Wrapping = fyne.TextWrapWord
	p.now.TextStyle.Bold = true
	p.add = widget.NewButtonWithIcon(T("Record a consent decision…"), theme.ContentAddIcon(), p.askAdd)
	p.withdraw = widget.NewButtonWithIcon(T("Withdraw consent…"), theme.ContentRemoveIcon(), p.askWithdraw)
	p.obj = container.NewVBox(p.now, p.history)
	if kind == store.Award {
		rule := widget.NewLabel(T("A child's parent or guardian consents; publishing the name of a child from 7 needs the child's consent too. Silence is not consent."))
		rule.Wrapping = fyne.TextWrapWord
		rule.Importance = widget.LowImportance
		p.obj.(*fyne.Container).Add(rule)
	}
	p.obj.(*fyne.Container).Add(container.NewHBox(p.add, p.withdraw, layout.NewSpacer()))
	p.Load("")
	return p
}

// Load shows the decisions about record id ("" for a record not saved yet).
func (p *consentPanel) Load(id string) {
	p.id = id
	if id == "" {
		p.history.SetText(T("Save the record first, then record who consented and to what."))
		p.now.SetText("")
		p.add.Disable()
		p.withdraw.Disable()
		return
	}
	p.add.Enable()
	cs, err := p.st.Consents(p.env.ctx, id)
	if err != nil {
		p.history.SetText(capital(p.env.explain(err)))
		return
	}
	r, err := p.st.Get(p.env.ctx, p.kind, id)
	if err != nil {
		p.history.SetText(capital(p.env.explain(err)))
		return
	}
	pol, _ := p.st.ConsentPolicy(p.env.ctx)
	dk := data.KindNamed(string(p.kind))
	book := data.NewConsentBook(cs, pol, store.DayOf(p.env.now()))
	s := data.SubjectOf(dk, r.Vals)
	var parts []string
	for _, pu := range data.Purposes {
		parts = append(parts, label(data.PurposeLabels, string(pu))+": "+decisionText(book.Decide(dk, id, s, pu)))
	}
	p.now.SetText(T("Today: %s", strings.Join(parts, " · ")))
	p.history.SetText(historyText(cs, s.Legacy, dk.Subject().Allows(data.Undecided, pol)))
	if active(cs) {
		p.withdraw.Enable()
	} else {
		p.withdraw.Disable()
	}
}

func decisionText(d data.Decision) string {
	return map[data.Decision]string{data.Undecided: T("no decision"), data.Given: T("given"),
		data.Refused: T("refused"), data.Withdrawn: T("withdrawn")}[d]
}

// historyText is one line per decision, oldest first.
func historyText(cs []data.Consent, legacy string, silenceAllows bool) string {
	var lines []string
	if legacy != "" {
		lines = append(lines, T("Earlier version's answer (the guardian's): %s", label(data.Consents, legacy)))
	}
	for _, c := range cs {
		who := label(data.ConsentParties, c.GivenBy)
		if c.Name != "" {
			who += " (" + c.Name + ")"
		}
		var ans []string
		for _, pu := range data.Purposes {
			if a := c.Answer(pu); a != "" {
				ans = append(ans, strings.ToLower(label(data.PurposeLabels, string(pu)))+": "+label(data.Consents, a))
			}
		}
		line := c.GivenOn.VN() + " · " + who + " — " + strings.Join(ans, "; ")
		if !c.WithdrawnOn.IsZero() {
			line += " " + T("(withdrawn on %s)", c.WithdrawnOn.VN())
		}
		lines = append(lines, line)
	}
	switch {
	case len(lines) == 0 && silenceAllows:
		return T("No consent recorded. Under the unit's setting a citizen's record is used as before until a decision is recorded; a refusal, once recorded, is honoured.")
	case len(lines) == 0:
		return T("No consent recorded. Silence is not consent: without a yes, the record is not sent upward with the person's details and the name is printed on no list.")
	}
	return strings.Join(lines, "\n")
}

func active(cs []data.Consent) bool {
	for _, c := range cs {
		if c.WithdrawnOn.IsZero() && (c.Keep == "co" || c.Upward == "co" || c.Publish == "co") {
			return true
		}
	}
	return false
}

// askAdd asks for one decision: who, when, and each purpose's answer.
func (p *consentPanel) askAdd() {
	parties := widget.NewSelect([]string{label(data.ConsentParties, data.Guardian), label(data.ConsentParties, data.Child),
		label(data.ConsentParties, data.Self)}, nil)
	parties.SetSelectedIndex(map[store.Kind]int{store.Award: 0, store.Citizen: 2, store.Family: 2}[p.kind])
	name, on, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	on.SetText(store.DayOf(p.env.now()).VN())
	answers := []string{T("(not asked)"), label(data.Consents, "co"), label(data.Consents, "khong")}
	codes := []string{"", "co", "khong"}
	picks := map[data.Purpose]*widget.Select{}
	items := []*widget.FormItem{widget.NewFormItem(T("Given by"), parties), widget.NewFormItem(T("Name of who consented"), name),
		widget.NewFormItem(T("Date given"), on)}
	for _, pu := range data.Purposes {
		s := widget.NewSelect(answers, nil)
		s.SetSelectedIndex(0)
		picks[pu] = s
		items = append(items, widget.NewFormItem(label(data.PurposeLabels, string(pu)), s))
	}
	items = append(items, widget.NewFormItem(T("How it was given (form number…)"), note))
	d := dialog.NewForm(T("Consent decision"), T("Save"), T("Go back"), items, func(ok bool) {
		if !ok {
			return
		}
		in := data.Input{"given_by": []string{data.Guardian, data.Child, data.Self}[max(parties.SelectedIndex(), 0)],
			"by_name": name.Text, "given_on": on.Text, "note": note.Text}
		for pu, s := range picks {
			in[string(pu)] = codes[max(s.SelectedIndex(), 0)]
		}
		p.save(in)
	}, p.env.win)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
}

func (p *consentPanel) save(in data.Input) {
	c, err := data.ParseConsent(in)
	if err != nil {
		p.env.fail(err)
		return
	}
	c.Subject, c.SubjectKind = p.id, string(p.kind)
	p.write(func(ctx context.Context) error {
		return p.st.Edit(ctx, "consent", func(e *store.Editor) error { _, err := e.SaveConsent(&c); return err })
	})
}

// write runs a change of the record's consents off the UI goroutine (the
// bridge, writing.go), the buttons disabled meanwhile, then shows them.
func (p *consentPanel) write(change func(ctx context.Context) error) {
	p.env.write([]fyne.Disableable{p.add, p.withdraw}, change, func(err error) {
		if err != nil {
			p.env.fail(err)
			return
		}
		p.Load(p.id)
		p.saved()
	})
}

func (p *consentPanel) saved() {
	if p.onSaved != nil {
		p.onSaved()
	}
}

// askWithdraw withdraws, as of today, every decision in force.
func (p *consentPanel) askWithdraw() {
	p.env.confirmLoss(T("Withdraw consent"), T("Withdraw, as of today, every consent recorded for this record? The levels above receive the record without the person's details with the next bundle, and the name is printed on no list."),
		T("Withdraw"), func() {
			id, today := p.id, store.DayOf(p.env.now())
			p.write(func(ctx context.Context) error {
				cs, err := p.st.Consents(ctx, id)
				if err != nil {
					return err
				}
				return p.st.Edit(ctx, "consent", func(e *store.Editor) error {
					for _, c := range cs {
						if c.WithdrawnOn.IsZero() {
							c.WithdrawnOn = today
							if _, err := e.SaveConsent(&c); err != nil {
								return err
							}
						}
					}
					return nil
				})
			})
		})
}

// consentBooks keeps the consent decisions of the register on screen, for
// its list's column.
type consentBooks struct {
	env  *env
	st   *store.Store
	book *data.ConsentBook
}

func (b *consentBooks) reload() {
	if b.st == nil {
		return
	}
	book, err := b.st.ConsentBook(b.env.ctx, "", store.DayOf(b.env.now()))
	if err == nil {
		b.book = book
	}
}

// summary says in a word whether an award may go upward with its details
// and be published: "yes", "no" or "missing" (a decision not taken).
func (b *consentBooks) summary(a data.Award) string {
	if b.book == nil {
		return ""
	}
	s := data.SubjectOf(data.Awards, data.Awards.Values(&a))
	out := T("consent given")
	for _, p := range []data.Purpose{data.Upward, data.Publish} {
		switch b.book.Decide(data.Awards, a.ID, s, p) {
		case data.Refused, data.Withdrawn:
			return T("consent refused")
		case data.Undecided:
			out = T("consent missing")
		}
	}
	return out
}
