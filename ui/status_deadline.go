package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/exchange"
)

// deadlineRow sets, on the status screen, the day by which every unit
// below reports the year typed beside the approval (exchange.SetDeadline:
// signed, it goes up with the next export, and the levels above judge the
// units below by it). Enter in the day sets it.
type deadlineRow struct {
	s   *statusScreen
	due *textEntry
	set *keyButton
	obj fyne.CanvasObject
}

func newDeadlineRow(s *statusScreen) *deadlineRow {
	d := &deadlineRow{s: s, due: newTextEntry(s.env.keys)}
	d.due.SetPlaceHolder(T("dd/mm/yyyy"))
	d.due.OnSubmitted = func(string) { d.apply() }
	d.set = newButton(s.env.keys, T("Set the deadline"), theme.HistoryIcon(), d.apply)
	d.obj = newFlow(widget.NewLabel(T("Units below report the year by")),
		container.NewGridWrap(fyne.NewSize(160, d.due.MinSize().Height), d.due), d.set)
	return d
}

// apply checks the year and the day, then sets the deadline.
func (d *deadlineRow) apply() {
	y, err := data.ParseYear(d.s.year.Text)
	if err != nil || y == 0 {
		d.s.yearErr.SetText(T("Type a year, e.g. %d", d.s.env.year()))
		return
	}
	due, err := data.ParseDate(d.due.Text)
	if err != nil || due.IsZero() {
		d.s.yearErr.SetText(T("Type the deadline as a day, e.g. 15/12/%d", y))
		return
	}
	d.s.yearErr.SetText("")
	p := data.YearPeriod(y)
	dl := store.Deadline{Period: p.String(), Due: due.String(), SetBy: d.s.env.sess.Operator}
	d.s.env.write([]fyne.Disableable{d.set}, func(ctx context.Context) error {
		_, err := exchange.SetDeadline(ctx, d.s.env.ex, dl)
		return err
	}, func(err error) {
		if err != nil {
			d.s.env.fail(err)
			return
		}
		d.s.env.status.Say(T("Deadline for %s: %s; it goes up with the next export", p.Label(), due.VN()))
		d.s.Show()
	})
}
