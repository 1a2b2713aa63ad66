package ui

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/subject"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/setup"
)

// privacyScreen serves the rights of the people in the registers (Law
// 91/2025, docs/privacy.md): find a person's records by search, tick
// those that are theirs, then give them everything held (PDF, XLSX, JSON),
// record their consent, or erase the records for good; the log of
// requests with the day each is due; the records lacking a consent
// decision; the unit's consent policy, retention, and the keys'
// passphrase.
type privacyScreen struct {
	plainScreen
	env       *env
	st        *store.Store
	search    *textEntry
	found     []store.PersonMatch
	picked    map[int]bool
	list      *widget.List
	requester *widget.Entry
	received  *widget.Entry
	requests  *widget.Label
	gaps      *widget.Label
	strict    *widget.Check
	outbox    *widget.Entry
	marks     *widget.Entry
	keys      *widget.Label
	setPass   *widget.Button
	save      *widget.Button // the retention's
	obj       fyne.CanvasObject
}

func newPrivacyScreen(e *env, st *store.Store) *privacyScreen {
	s := &privacyScreen{env: e, st: st, picked: map[int]bool{}, requester: widget.NewEntry(), received: widget.NewEntry(),
		requests: widget.NewLabel(""), gaps: widget.NewLabel(""), outbox: widget.NewEntry(), marks: widget.NewEntry(),
		keys: widget.NewLabel("")}
	s.search = newTextEntry(e.keys)
	s.search.telex = e.telex
	s.search.SetPlaceHolder(T("Name, CCCD or phone of the person… (Ctrl+F)"))
	s.search.OnSubmitted = func(string) { s.find() }
	s.list = widget.NewList(func() int { return len(s.found) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			m := s.found[id]
			c.OnChanged = nil
			c.SetText(matchText(m))
			c.SetChecked(s.picked[id])
			c.OnChanged = func(on bool) { s.picked[id] = on }
		})
	s.requester.SetPlaceHolder(T("e.g. Nguyễn Văn An, or a pupil's parent"))
	for _, l := range []*widget.Label{s.requests, s.gaps, s.keys} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.strict = widget.NewCheck(T("Citizens need a recorded consent too"), s.setPolicy)
	s.save = widget.NewButton(T("Save"), s.saveRetention)
	s.setPass = widget.NewButtonWithIcon(T("Set the passphrase…"), theme.AccountIcon(), func() { e.askNewPassphrase(s.Show) })
	s.obj = s.layout()
	return s
}

func (s *privacyScreen) layout() fyne.CanvasObject {
	find := widget.NewButtonWithIcon(T("Find"), theme.SearchIcon(), s.find)
	exports := container.NewHBox(widget.NewLabel(T("Give everything held:")),
		widget.NewButton("PDF…", func() { s.export(".pdf") }), widget.NewButton("XLSX…", func() { s.export(".xlsx") }),
		widget.NewButton("JSON…", func() { s.export(".json") }))
	others := container.NewHBox(widget.NewButtonWithIcon(T("Consent…"), theme.DocumentCreateIcon(), s.consent),
		widget.NewButtonWithIcon(T("Erase for good…"), theme.DeleteIcon(), s.askPurge))
	who := container.New(layout.NewFormLayout(), widget.NewLabel(T("Requested by")), s.requester,
		widget.NewLabel(T("Request received on")), s.received)
	save := s.save
	retention := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("Keep sent bundles (days)")), s.outbox,
		widget.NewLabel(T("Keep purge marks (days)")), container.NewBorder(nil, nil, nil, save, s.marks))
	strictNote := widget.NewLabel(T("Without a recorded consent, a citizen then goes upward without details and is on no list, as award recipients always are. Days 0: kept for good."))
	strictNote.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(T("Personal data"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(T("A person may ask to see, obtain or erase what is held about them: answer within 2 working days. Find their records, tick those that are theirs, then choose what to do."))
	intro.Wrapping = fyne.TextWrapWord
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 180)) // the list's height; its width follows the window
	body := container.NewVBox(title, intro,
		container.NewBorder(nil, nil, nil, find, s.search),
		container.NewStack(room, s.list),
		who, exports, others, widget.NewSeparator(),
		section(T("Requests"), s.requests),
		section(T("Records without a consent decision"), s.gaps),
		section(T("Settings"), container.NewVBox(s.strict, strictNote, retention)),
		section(T("Keys"), container.NewVBox(s.keys, container.NewHBox(s.setPass,
			widget.NewButtonWithIcon(T("Back up the keys…"), theme.DocumentSaveIcon(), s.env.askKeyBackup)))))
	return container.NewVScroll(container.NewPadded(body))
}

func matchText(m store.PersonMatch) string {
	parts := []string{label(data.ConsentSubjects, string(m.Kind)), m.Name}
	for _, x := range []string{m.Born, m.Village, m.What} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	return strings.Join(parts, " · ")
}

// Object is the screen's content.
func (s *privacyScreen) Object() fyne.CanvasObject { return s.obj }

// searchBox is the entry Ctrl+F focuses.
func (s *privacyScreen) searchBox() *textEntry { return s.search }

// Show refreshes the log, the counts and the settings.
func (s *privacyScreen) Show() {
	e := s.env
	if s.received.Text == "" {
		s.received.SetText(store.DayOf(e.now()).VN())
	}
	s.showRequests()
	if gaps, err := s.st.ConsentGaps(e.ctx, e.sess.Unit, store.DayOf(e.now())); err == nil {
		var lines []string
		for _, g := range gaps {
			lines = append(lines, g.Line(current))
		}
		s.gaps.SetText(strings.Join(lines, "\n"))
	}
	if pol, err := s.st.ConsentPolicy(e.ctx); err == nil {
		cb := s.strict.OnChanged
		s.strict.OnChanged = nil
		s.strict.SetChecked(pol.SilenceRefuses)
		s.strict.OnChanged = cb
	}
	if r, err := s.st.Retention(e.ctx); err == nil {
		s.outbox.SetText(strconv.Itoa(r.OutboxDays))
		s.marks.SetText(strconv.Itoa(r.PurgeMarkDays))
	}
	state, _ := setup.State(e.ctx, s.st)
	if state == setup.Clear {
		s.keys.SetText(T("This unit's secret keys are stored without a passphrase (a database of an earlier version): set one now."))
		s.keys.Importance = widget.DangerImportance
		s.setPass.SetText(T("Set the passphrase…"))
	} else {
		s.keys.SetText(T("This unit's secret keys are protected by a passphrase. A forgotten passphrase cannot be recovered: only a key backup brings the keys back."))
		s.keys.Importance = widget.MediumImportance
		s.setPass.SetText(T("Change the passphrase…"))
	}
	s.keys.Refresh()
}

func (s *privacyScreen) showRequests() {
	rs, err := s.st.Requests(s.env.ctx)
	if err != nil {
		s.requests.SetText(capital(s.env.explain(err)))
		return
	}
	if len(rs) == 0 {
		s.requests.SetText(T("No request yet."))
		return
	}
	today := store.DayOf(s.env.now()).String()
	var lines []string
	for _, r := range rs {
		state := T("answered %s", r.AnsweredAt)
		late := r.AnsweredAt == "" && today > r.DueOn.String() || r.AnsweredAt != "" && r.AnsweredAt[:10] > r.DueOn.String()
		if r.AnsweredAt == "" {
			state = T("open")
		}
		if late {
			state += " — " + T("LATE")
		}
		lines = append(lines, fmt.Sprintf("%d. %s · %s · %s → %s · %s · %s", r.ID, requestKind(r.Kind), r.Requester,
			r.ReceivedOn.VN(), r.DueOn.VN(), state, r.Detail))
	}
	s.requests.SetText(strings.Join(lines, "\n"))
}

func (s *privacyScreen) find() {
	ms, err := s.st.FindPeople(s.env.ctx, "", s.search.Text, current, 100)
	if err != nil {
		s.env.fail(err)
		return
	}
	s.found, s.picked = ms, map[int]bool{}
	s.list.Refresh()
	s.env.status.SetCount(T("%d records found", len(ms)))
}

// chosen returns the records ticked, or says that none is.
func (s *privacyScreen) chosen() []store.PersonMatch {
	var out []store.PersonMatch
	for n, m := range s.found {
		if s.picked[n] {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		s.env.info(T("Personal data"), T("Tick the person's records in the list first."))
	}
	return out
}

func (s *privacyScreen) receivedOn() (data.Date, bool) {
	d, err := data.ParseDate(s.received.Text)
	if err != nil || d.IsZero() {
		s.env.fail(fmt.Errorf("%s: %w", T("Request received on"), data.ErrDate))
		return d, false
	}
	return d, true
}

// export writes everything held about the records ticked, and logs the
// request answered.
func (s *privacyScreen) export(ext string) {
	ms := s.chosen()
	day, ok := s.receivedOn()
	if len(ms) == 0 || !ok {
		return
	}
	s.env.saveFile(fileName("du-lieu-ca-nhan", 0, ext), func(path string) { s.exportTo(path, ms, day) })
}

// exportTo writes the file at path and logs the request.
func (s *privacyScreen) exportTo(path string, ms []store.PersonMatch, day data.Date) {
	e := s.env
	var refs []store.SubjectRef
	for _, m := range ms {
		refs = append(refs, store.SubjectRef{Kind: m.Kind, ID: m.ID})
	}
	var n int64
	var err error
	requester := orText(s.requester.Text, ms[0].Name)
	e.bg.Job(T("the export"), true, func(ctx context.Context) {
		var f *data.SubjectFile
		if f, err = s.st.SubjectFile(ctx, refs, current); err != nil {
			return
		}
		meta := subject.Meta{UnitName: e.sess.Name, Person: ms[0].Name, Operator: e.sess.Operator, Lang: current}
		if err = subject.Write(f, meta, path); err != nil {
			return
		}
		n, err = s.st.LogRequest(ctx, store.SubjectRequest{Kind: "access", Records: refs,
			Requester: requester, ReceivedOn: day, Detail: filepath.Base(path)}, true)
	}, func() {
		if err != nil {
			e.fail(err)
			return
		}
		e.event("person export", nil, "request", n, "records", len(refs), "file", filepath.Ext(path))
		e.info(T("Personal data"), T("Everything held about %s written to %s (request %d logged)", ms[0].Name, path, n))
		s.showRequests()
	})
}

func orText(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return b
}

// consent opens the consent decisions of the first record ticked.
func (s *privacyScreen) consent() {
	ms := s.chosen()
	if len(ms) == 0 {
		return
	}
	p := newConsentPanel(s.env, s.st, ms[0].Kind)
	p.Load(ms[0].ID)
	d := dialog.NewCustom(T("Consent: %s", ms[0].Name), T("Close"), container.NewGridWrap(fyne.NewSize(720, 260), p.obj), s.env.win)
	d.SetOnClosed(s.Show)
	d.Show()
}

// askPurge erases the records ticked, after a plain warning.
func (s *privacyScreen) askPurge() {
	ms := s.chosen()
	day, ok := s.receivedOn()
	if len(ms) == 0 || !ok {
		return
	}
	var names []string
	for _, m := range ms {
		names = append(names, matchText(m))
	}
	e := s.env
	e.confirmLoss(T("Erase for good"), T("Erase these records for good, with their assessments, consents and history?\n%s\n\nNothing can bring them back; the next bundle tells the levels above to erase their copies too. Give the person their data first if they asked for it.",
		strings.Join(names, "\n")), T("Erase for good"), func() {
		var erased int
		requester := strings.TrimSpace(s.requester.Text)
		e.write(nil, func(ctx context.Context) error {
			for _, m := range ms {
				marks, rep, err := exchange.Purge(ctx, e.ex, m.Kind, m.ID)
				if err != nil {
					return err
				}
				erased += len(marks)
				_, err = s.st.LogRequest(ctx, store.SubjectRequest{Kind: "erase", Records: []store.SubjectRef{{Kind: m.Kind, ID: m.ID}},
					Requester: orText(requester, m.Name), ReceivedOn: day,
					Detail: T("%d records erased; bundles sealed again: %d, removed: %d", len(marks), len(rep.Resealed), len(rep.Removed))}, true)
				if err != nil {
					return err
				}
			}
			return nil
		}, func(err error) {
			if err != nil {
				e.fail(err)
			} else {
				e.event("purge", nil, "records", erased)
				e.info(T("Erase for good"), T("%d records erased; the next bundle tells the levels above to erase them too.", erased))
			}
			s.find()
			s.Show()
		})
	})
}

func (s *privacyScreen) saveRetention() {
	o, err1 := strconv.Atoi(strings.TrimSpace(s.outbox.Text))
	m, err2 := strconv.Atoi(strings.TrimSpace(s.marks.Text))
	if err1 != nil || err2 != nil || o < 0 || m < 0 {
		s.env.fail(data.ErrNumber)
		return
	}
	e := s.env
	e.write([]fyne.Disableable{s.save}, func(ctx context.Context) error {
		return s.st.SetRetention(ctx, store.Retention{OutboxDays: o, PurgeMarkDays: m})
	}, func(err error) {
		if err != nil {
			e.fail(err)
			return
		}
		e.status.SetCount(T("Saved"))
	})
}

// setPolicy saves the unit's consent policy for citizens; on failure the
// box shows the policy kept.
func (s *privacyScreen) setPolicy(on bool) {
	e := s.env
	e.write([]fyne.Disableable{s.strict}, func(ctx context.Context) error {
		return s.st.SetConsentPolicy(ctx, data.ConsentPolicy{SilenceRefuses: on})
	}, func(err error) {
		if err != nil {
			e.fail(err)
			s.Show()
		}
	})
}

func requestKind(k string) string {
	switch k {
	case "access":
		return T("to see and obtain their data")
	case "erase":
		return T("to erase their data")
	case "correct":
		return T("to correct their data")
	}
	return T("objection")
}
