package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// periodsView is the part of the Sync screen that says what this unit
// submitted and what the units above approved, period by period ("Năm
// 2026: đã gửi lên ngày …; huyện đã phê duyệt ngày …"), submits a period
// (chosen as on the Báo cáo screen: a year, a half, from 1 January to a
// day) and records a notice of approval brought on the stick
// (docs/submissions.md).
type periodsView struct {
	env    *env
	lines  *widget.Label
	span   *periodControl
	submit *keyButton
	notice *keyButton
	obj    fyne.CanvasObject
}

func newPeriodsView(e *env) *periodsView {
	v := &periodsView{env: e, lines: widget.NewLabel("")}
	v.lines.Wrapping = fyne.TextWrapWord
	v.span = newPeriodControl(e, v.askSubmit)
	v.submit = newButton(e.keys, T("Mark the period complete and send it up"), theme.ConfirmIcon(), v.askSubmit)
	v.notice = newButton(e.keys, T("Record a notice of approval (.khn)…"), theme.FolderOpenIcon(), func() {
		e.openFile([]string{".khn"}, v.importNotice)
	})
	note := widget.NewLabel(T("When a period's records are complete, mark it complete: the totals are signed and go up with the next export. Once the level above approves a year, changes to that year are held there for review."))
	note.Wrapping = fyne.TextWrapWord
	row := newFlow(append(v.span.choice(), v.submit, v.notice)...)
	v.obj = section(T("Reporting periods"), container.NewVBox(v.lines, note, row))
	return v
}

// load reads this unit's periods.
func (v *periodsView) load() {
	var lines []string
	var err error
	v.env.bg.Go(func() { lines, err = periodLines(v.env) }, func() {
		if err != nil {
			v.env.fail(err)
			return
		}
		if len(lines) == 0 {
			lines = []string{T("No period submitted yet.")}
		}
		v.lines.SetText(strings.Join(lines, "\n"))
	})
}

// periodLines words this unit's periods, one line each.
func periodLines(e *env) ([]string, error) {
	ref, err := units.ParseRef(e.sess.Unit)
	if err != nil {
		return nil, err
	}
	ps, err := exchange.Periods(e.ctx, e.ex, ref, true, e.now())
	if err != nil {
		return nil, err
	}
	parent := e.reg.Parent(ref)
	var out []string
	for _, p := range ps {
		out = append(out, periodLine(p.Label, p.Units[0], parent))
	}
	return out, nil
}

// periodLine is "Năm 2026: đã gửi lên ngày 01/12/2026; huyện đã phê duyệt
// ngày 05/12/2026".
func periodLine(label string, u exchange.PeriodUnit, parent *units.Unit) string {
	parts := []string{T("not submitted")}
	if u.Submitted {
		parts[0] = T("submitted on %s", vnDay(u.SubmittedOn))
	}
	if u.Approved && parent != nil {
		parts = append(parts, T("%s approved on %s", levelName(parent.Level), vnDay(u.ApprovedOn)))
	}
	if u.Accepted {
		parts = append(parts, T("%s accepted on %s", levelName(units.Province), vnDay(u.AcceptedOn)))
	}
	return capitalFirst(label) + ": " + strings.Join(parts, "; ")
}

func levelName(level string) string {
	switch level {
	case units.Province:
		return T("level province")
	case units.District:
		return T("level district")
	}
	return T("level commune")
}

func vnDay(s string) string {
	if d, err := data.ParseDate(s); err == nil {
		return d.VN()
	}
	return s
}

func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

func (v *periodsView) askSubmit() {
	p, msg := v.span.period()
	if msg != "" {
		v.env.info(T("Mark the period complete and send it up"), msg)
		return
	}
	v.env.confirm(T("Mark the period complete and send it up"),
		T("Mark %s complete? Its totals are signed now and go up with the next export.", p.Label()), T("Mark complete"), func() {
			var err error
			v.env.bg.Go(func() { _, err = exchange.Submit(v.env.ctx, v.env.ex, p) }, func() {
				if err != nil {
					v.env.fail(err)
					return
				}
				v.env.status.Say(T("Marked complete: %s; it goes up with the next export", p.Label()))
				v.load()
			})
		})
}

func (v *periodsView) importNotice(path string) {
	var rep exchange.NoticeReport
	var err error
	v.env.bg.Go(func() {
		var b []byte
		if b, err = os.ReadFile(path); err == nil {
			rep, err = exchange.ImportNotice(v.env.ctx, v.env.ex, b)
		}
	}, func() {
		if err != nil {
			v.env.fail(err)
			return
		}
		v.env.status.Say(T("Notice recorded: %d approval(s), %d new", rep.Statements, rep.New))
		v.load()
	})
}

// heldYear says, when this unit's year y is approved by a unit above, the
// sentence that warns an edit of it will be held there ("" else). It reads
// the few statements held, on the UI goroutine, before a save.
func heldYear(e *env, y int) string {
	if y == 0 {
		return ""
	}
	ref, err := units.ParseRef(e.sess.Unit)
	if err != nil {
		return ""
	}
	p := data.YearPeriod(y)
	a, err := exchange.ApprovalOf(e.ctx, e.ex, ref.String(), p.String())
	if err != nil || a == nil {
		return ""
	}
	return T("%s was approved by the level above on %s: this change will be held there for review, not counted until they accept it. Save it anyway?",
		capitalFirst(p.Label()), vnDay(a.Issued[:min(len(a.Issued), 10)]))
}

// inputYear is the year a form's record counts in: its year, else the year
// of its date (a fund line, an award).
func inputYear(in data.Input) int {
	for _, col := range []string{"year", "date", "awarded_on", "decision_date"} {
		s := in.Get(col)
		if s == "" {
			continue
		}
		if y, err := data.ParseYear(s); err == nil && len(s) == 4 {
			return y
		}
		if d, err := data.ParseDate(s); err == nil {
			return d.Y
		}
	}
	return 0
}
