package ui

import (
	"context"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// overdueDays is how long without a bundle makes an enrolled unit overdue.
const overdueDays = 45

// statusScreen shows a district or a province who has reported: for each
// unit directly below, its keys, its newest bundle, the numbers missing,
// what is held or in conflict and its records, overdue units in red; and
// the approval that locks a unit's year after review.
type statusScreen struct {
	plainScreen
	env     *env
	st      *store.Store
	rep     exchange.StatusReport
	table   *widget.Table
	summary *widget.Label

	unit      *pickEntry
	unitOf    map[string]string // option → "list:code"
	year      *textEntry
	yearErr   *widget.Label
	approve   *keyButton
	unlock    *keyButton
	approvals []store.Approval
	apprTable *widget.Table
	obj       fyne.CanvasObject
	deadline  *deadlineRow                   // status_deadline.go
	rows      []statusLine                   // the table's lines
	period    map[string]exchange.PeriodUnit // the newest period's state, by unit code
	periodOf  string                         // its name: "năm 2026"
}

func newStatusScreen(e *env, st *store.Store) *statusScreen {
	s := &statusScreen{env: e, st: st, summary: widget.NewLabel(""), year: newTextEntry(e.keys),
		yearErr: widget.NewLabel(""), unitOf: map[string]string{}}
	s.summary.Wrapping = fyne.TextWrapWord
	s.table = newGrid(shown(statusCols, statusShown), func() int { return len(s.rows) },
		func(r, c int) (string, widget.Importance) { return s.cell(r, statusShown[c]) })
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		title := T(statusCols[statusShown[id.Col]].title)
		if statusShown[id.Col] == periodCol && s.periodOf != "" {
			title = capitalFirst(s.periodOf)
		}
		o.(*widget.Label).SetText(title)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) && s.rows[id.Row].unit != nil {
			s.unit.SetSelected(unitOption(*s.rows[id.Row].unit))
		}
	}
	s.unit = newPickEntry(e.keys, nil, nil)
	s.unit.PlaceHolder = T("(choose a unit)")
	s.year.SetText(itoa(e.year()))
	s.yearErr.Importance = widget.DangerImportance
	s.approve = newButton(e.keys, T("Approve and lock the year"), theme.ConfirmIcon(), s.askApprove)
	s.approve.Importance = widget.HighImportance
	s.unlock = newButton(e.keys, T("Unlock"), theme.CancelIcon(), s.askUnlock)
	s.apprTable = newGrid(approvalCols, func() int { return len(s.approvals) }, s.approvalCell)
	refresh := newButton(e.keys, T("Refresh"), theme.ViewRefreshIcon(), s.Show)
	top := container.NewBorder(nil, nil, nil, refresh, s.summary)
	split := container.NewVSplit(s.table, s.approvalPart())
	split.Offset = 0.62
	s.obj = container.NewBorder(top, nil, nil, nil, split)
	return s
}

func (s *statusScreen) approvalPart() fyne.CanvasObject {
	note := widget.NewLabel(T("After approval, changes sent later for that year are held under Conflicts for a person to accept or refuse."))
	note.Wrapping = fyne.TextWrapWord
	form := newFlow(widget.NewLabel(T("Unit")), container.NewGridWrap(fyne.NewSize(300, s.unit.MinSize().Height), s.unit),
		widget.NewLabel(T("Year")), container.NewGridWrap(fyne.NewSize(90, s.year.MinSize().Height), s.year),
		s.approve, s.unlock, s.yearErr)
	s.deadline = newDeadlineRow(s)
	body := container.NewBorder(container.NewVBox(note, form, s.deadline.obj), nil, nil, nil, s.apprTable)
	return container.NewBorder(widget.NewLabelWithStyle(T("Approval of a year"), fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true}), nil, nil, nil, body)
}

// statusCols are the columns of the status table.
var statusCols = []column{{N("Unit"), 170}, {N("State"), 185}, {N("Last bundle"), 85}, {N("Imported on"), 105},
	{N("Missing numbers"), 115}, {N("Held"), 80}, {N("Conflicts"), 90}, {N("Citizens"), 90}, {N("Records"), 80}, {N("Newest period"), 340}}

// periodCol is the status column of the newest period (statusCols).
const periodCol = 9

// statusShown is the order the table shows statusCols in: the unit, its
// newest period (what a reader of this screen looks for first), then its
// bundles and records.
var statusShown = []int{0, periodCol, 1, 2, 3, 4, 5, 6, 7, 8}

// shown is cols in the order given.
func shown(cols []column, order []int) []column {
	out := make([]column, len(order))
	for n, c := range order {
		out[n] = cols[c]
	}
	return out
}

// Object is the screen's content.
func (s *statusScreen) Object() fyne.CanvasObject { return s.obj }

// Show reads the status and the approvals.
func (s *statusScreen) Show() {
	var rep exchange.StatusReport
	var aps []store.Approval
	var err error
	s.env.bg.Go(func() {
		rep, err = exchange.UnitsStatus(s.env.ctx, s.env.ex,
			exchange.StatusOptions{Overdue: overdueDays * 24 * time.Hour})
		if err == nil {
			aps, err = s.st.Approvals(s.env.ctx)
		}
	}, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.show(rep, aps)
	})
}

func (s *statusScreen) show(rep exchange.StatusReport, aps []store.Approval) {
	sort.SliceStable(rep.Units, func(i, j int) bool { // the units taking part first
		return taking(rep.Units[i]) && !taking(rep.Units[j])
	})
	s.rep, s.approvals = rep, aps
	s.period, s.periodOf = map[string]exchange.PeriodUnit{}, ""
	var newest []exchange.PeriodUnit
	if n := len(rep.Periods); n > 0 {
		p := rep.Periods[n-1]
		s.periodOf, newest = p.Label, p.Units
		for _, u := range p.Units {
			s.period[u.Unit] = u
		}
	}
	s.rows = statusRows(s.env.reg, rep.Units, newest)
	var opts []string
	s.unitOf = map[string]string{}
	enrolled, reported, overdue, gaps := 0, 0, 0, 0
	for _, u := range rep.Units {
		o := unitOption(u)
		opts = append(opts, o)
		s.unitOf[o] = u.List + ":" + u.Unit
		if u.Enrolled {
			enrolled++
		}
		if u.Bundles > 0 {
			reported++
		}
		if u.Overdue {
			overdue++
		}
		if len(u.Gaps) > 0 {
			gaps++
		}
	}
	s.unit.SetOptions(opts)
	s.table.Refresh()
	s.apprTable.Refresh()
	lines := []string{T("%d units below: %d enrolled, %d have sent bundles, %d overdue (nothing for %d days), %d with missing bundles.",
		len(rep.Units), enrolled, reported, overdue, overdueDays, gaps)}
	for _, p := range rep.Periods {
		lines = append(lines, T("%s: %d of %d submitted (%s), on time %d, late %d, missing %d, not yet due %d",
			capitalFirst(p.Label), p.Submitted, p.Expected, percent(p.Completeness), p.OnTime, p.Late, p.Missing, p.Pending))
	}
	s.summary.SetText(strings.Join(lines, "\n"))
	s.env.status.SetCount(T("%d units below enrolled", enrolled))
}

// taking reports a unit enrolled here or that has sent something.
func taking(u exchange.UnitStatus) bool { return u.Enrolled || u.Bundles > 0 || u.Quarantined > 0 }

func unitOption(u exchange.UnitStatus) string { return u.Name + " (" + u.Unit + ")" }

func (s *statusScreen) cell(r, c int) (string, widget.Importance) {
	row := s.rows[r]
	if row.unit == nil {
		return s.belowCell(row.period, c)
	}
	u := *row.unit
	plain := widget.MediumImportance
	if !taking(u) {
		plain = widget.LowImportance
	}
	switch c {
	case 0:
		if u.Overdue {
			return u.Name, widget.DangerImportance
		}
		return u.Name, plain
	case 1:
		return unitState(u)
	case 2:
		if u.Bundles == 0 {
			return "", plain
		}
		return T("no. %d", u.LastSeq), plain
	case 3:
		return dayText(u.LastImport), plain
	case 4:
		return seqList(u.Gaps), warnIf(len(u.Gaps) > 0, plain)
	case 5:
		return countText(u.Quarantined), warnIf(u.Quarantined > 0, plain)
	case 6:
		return countText(u.Conflicts), warnIf(u.Conflicts > 0, plain)
	case 7:
		return countText(int(u.Records[string(store.Citizen)])), plain
	case periodCol:
		return s.periodText(u.Unit)
	}
	return countText(int(sumRecords(u.Records))), plain
}

// periodText sums up a unit's newest period, which the column's heading
// names: "đã gửi, muộn · đã phê duyệt".
func (s *statusScreen) periodText(code string) (string, widget.Importance) {
	pu, ok := s.period[code]
	if !ok {
		return "", widget.LowImportance
	}
	var parts []string
	imp := widget.MediumImportance
	switch pu.Timeliness {
	case exchange.OnTime:
		parts = append(parts, T("submitted on time"))
	case exchange.Late:
		parts, imp = append(parts, T("submitted late")), widget.WarningImportance
	case exchange.Missing:
		parts, imp = append(parts, T("not submitted")), widget.DangerImportance
	default:
		parts = append(parts, T("not yet due"))
	}
	if pu.ChangedAfter {
		parts, imp = append(parts, T("figures changed since")), widget.WarningImportance
	}
	if pu.Approved {
		parts = append(parts, T("approved"))
	}
	if pu.Held > 0 {
		parts, imp = append(parts, T("%d change(s) held after approval", pu.Held)), widget.WarningImportance
	}
	if pu.Accepted {
		parts = append(parts, T("accepted"))
	}
	return strings.Join(parts, " · "), imp
}

func warnIf(bad bool, otherwise widget.Importance) widget.Importance {
	if bad {
		return widget.WarningImportance
	}
	return otherwise
}

// countText writes a count, "" for none.
func countText(n int) string { return num(int64(n), true) }

func sumRecords(m map[string]int64) int64 {
	var t int64
	for _, n := range m {
		t += n
	}
	return t
}

// dayText writes a store time stamp's local date: "25/11/2026".
func dayText(stamp string) string {
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		return t.Local().Format("02/01/2006")
	}
	return stamp
}

// unitState sums a unit up in words.
func unitState(u exchange.UnitStatus) (string, widget.Importance) {
	switch {
	case u.Overdue && u.Bundles == 0:
		return T("overdue: nothing received"), widget.DangerImportance
	case u.Overdue:
		return T("overdue"), widget.DangerImportance
	case len(u.Gaps) > 0:
		return T("bundles missing"), widget.WarningImportance
	case u.Enrolled:
		return T("up to date"), widget.SuccessImportance
	case u.Quarantined > 0:
		return T("bundle held"), widget.WarningImportance
	case u.Bundles > 0:
		return T("key no longer trusted"), widget.WarningImportance
	}
	return T("not enrolled yet"), widget.LowImportance
}

// approvalCols are the columns of the approvals.
var approvalCols = []column{{N("Unit"), 260}, {N("Year"), 80}, {N("Approved by"), 220}, {N("Approved on"), 190}}

func (s *statusScreen) approvalCell(r, c int) (string, widget.Importance) {
	a := s.approvals[r]
	return []string{unitName(s.env.reg, a.Unit), itoa(a.Year), a.ApprovedBy, stampText(a.ApprovedAt)}[c],
		widget.MediumImportance
}

// chosen returns the unit ("list:code"), its name and the year typed, or
// says what is missing.
func (s *statusScreen) chosen() (string, string, int, bool) {
	unit := s.unitOf[s.unit.Selected]
	y, err := data.ParseYear(s.year.Text)
	switch {
	case unit == "":
		s.yearErr.SetText(T("Choose a unit."))
	case err != nil || y == 0:
		s.yearErr.SetText(T("Type a year, e.g. %d", s.env.year()))
	default:
		s.yearErr.SetText("")
		return unit, s.unit.Selected, y, true
	}
	return "", "", 0, false
}

func (s *statusScreen) askApprove() {
	unit, name, year, ok := s.chosen()
	if !ok {
		return
	}
	if s.env.sess.Operator == "" {
		s.env.info(T("Approve and lock the year"), T("Type your name under Settings first: the approval records who gave it."))
		return
	}
	s.env.confirm(T("Approve and lock the year"), T("Approve %d of %s and lock it? Changes sent later for that year will be held for review.",
		year, name), T("Approve"), func() {
		op := s.env.sess.Operator
		s.env.write(s.buttons(), func(ctx context.Context) error { return s.sign(ctx, unit, year, false, op) }, func(err error) {
			if err != nil {
				s.env.fail(err)
				return
			}
			s.env.status.Say(T("Approved and locked: %d of %s", year, name))
			s.Show()
		})
	})
}

func (s *statusScreen) askUnlock() {
	unit, name, year, ok := s.chosen()
	if !ok {
		return
	}
	if !approved(s.approvals, unit, year) {
		s.env.info(T("Unlock"), T("%d of %s is not approved.", year, name))
		return
	}
	s.env.confirm(T("Unlock"), T("Unlock %d of %s? Changes sent later for that year will be applied again.", year, name),
		T("Unlock"), func() {
			op := s.env.sess.Operator
			s.env.write(s.buttons(), func(ctx context.Context) error { return s.sign(ctx, unit, year, true, op) }, func(err error) {
				if err != nil {
					s.env.fail(err)
					return
				}
				s.env.status.Say(T("Unlocked: %d of %s", year, name))
				s.Show()
			})
		})
}

// buttons are what an approval being written disables.
func (s *statusScreen) buttons() []fyne.Disableable { return []fyne.Disableable{s.approve, s.unlock} }

// sign approves (or, undo, unlocks) a unit's year as a signed statement:
// it goes up in the next bundle and down to the unit in its notice
// (docs/submissions.md), and locks or unlocks the year here.
func (s *statusScreen) sign(ctx context.Context, unit string, year int, undo bool, by string) error {
	ref, err := units.ParseRef(unit)
	if err != nil {
		return err
	}
	_, err = exchange.Approve(ctx, s.env.ex, ref, data.YearPeriod(year), undo, by)
	return err
}

func approved(aps []store.Approval, unit string, year int) bool {
	for _, a := range aps {
		if a.Unit == unit && a.Year == year {
			return true
		}
	}
	return false
}
