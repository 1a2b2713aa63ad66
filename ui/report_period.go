package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
)

// periodControl is the Báo cáo screen's choice of period: the year, a
// half of it, or from 1 January to a day; and whether the same period a
// year earlier stands beside it. One Tab stop each; Enter in the year or
// the day makes the report.
type periodControl struct {
	kind    *pickEntry
	year    *textEntry
	upto    *textEntry
	compare *widget.Check
	env     *env
}

// The kinds of period, in the drop-down's order.
const (
	spanYear = iota
	spanFirstHalf
	spanSecondHalf
	spanToDate
)

func newPeriodControl(e *env, build func()) *periodControl {
	c := &periodControl{env: e, year: newTextEntry(e.keys), upto: newTextEntry(e.keys)}
	c.kind = newPickEntry(e.keys, []string{T("Whole year"), T("First half of the year"), T("Second half of the year"),
		T("From 1 January to a day")}, func(string) { c.enable() })
	c.kind.SetSelectedIndex(spanYear)
	c.year.SetText(itoa(e.year()))
	c.year.OnSubmitted = func(string) { build() }
	c.upto.SetPlaceHolder(T("dd/mm/yyyy"))
	c.upto.SetText(today(e).VN())
	c.upto.OnSubmitted = func(string) { build() }
	c.compare = widget.NewCheck(T("Beside the same period a year earlier"), func(bool) {})
	c.enable()
	return c
}

// enable lets the year or the day be typed, as the kind of period needs.
func (c *periodControl) enable() {
	if c.kind.SelectedIndex() == spanToDate {
		c.year.Disable()
		c.upto.Enable()
	} else {
		c.year.Enable()
		c.upto.Disable()
	}
}

// objects lays the control out for the screen's bar.
func (c *periodControl) objects() []fyne.CanvasObject {
	return append(c.choice(), c.compare)
}

// choice lays out the period alone (the Sync screen submits one).
func (c *periodControl) choice() []fyne.CanvasObject {
	h := c.year.MinSize().Height
	return []fyne.CanvasObject{widget.NewLabel(T("Period")), container.NewGridWrap(fyne.NewSize(230, h), c.kind),
		widget.NewLabel(T("Year")), container.NewGridWrap(fyne.NewSize(80, h), c.year),
		widget.NewLabel(T("to")), container.NewGridWrap(fyne.NewSize(120, h), c.upto)}
}

// query is the report asked for, or a sentence saying what to type.
func (c *periodControl) query() (report.Query, string) {
	p, msg := c.period()
	return report.Query{Period: p, Compare: c.compare.Checked}, msg
}

// period is the period chosen, or a sentence saying what to type.
func (c *periodControl) period() (data.Period, string) {
	if c.kind.SelectedIndex() == spanToDate {
		d, err := data.ParseDate(c.upto.Text)
		if err != nil || d.IsZero() {
			return data.Period{}, T("Type the last day, e.g. %s", today(c.env).VN())
		}
		return data.YearToDate(d), ""
	}
	y, err := data.ParseYear(c.year.Text)
	if err != nil || y == 0 {
		return data.Period{}, T("Type a year, e.g. %d", c.env.year())
	}
	switch c.kind.SelectedIndex() {
	case spanFirstHalf:
		return data.HalfYear(y, 1), ""
	case spanSecondHalf:
		return data.HalfYear(y, 2), ""
	}
	return data.YearPeriod(y), ""
}

// comparison lays the main figures of the period beside those of the same
// period a year earlier, with the change; nothing without a comparison.
func (s *reportScreen) comparison(r *report.Report) []fyne.CanvasObject {
	p := r.Previous
	if p == nil {
		return nil
	}
	// Rows of columns, as the lists have: they share the width the screen
	// has and never widen the window past it.
	cols := []column{{T("Figure"), 3.4}, {periodName(r.Period), 2.2}, {periodName(p.Period), 2.2}, {T("Change"), 1.4}}
	grid := container.NewVBox(row(cols, true))
	for _, f := range []struct {
		name string
		get  func(x *report.Report) int64
	}{
		{T("Branches"), func(x *report.Report) int64 { return x.Association.Branches.Count }},
		{T("Association members"), func(x *report.Report) int64 { return x.Association.Members.Total }},
		{T("Members admitted"), func(x *report.Report) int64 { return x.Association.Members.Admitted }},
		{T("Citizens recognised"), func(x *report.Report) int64 { return x.Citizens.Recognized }},
		{T("Centre classes"), func(x *report.Report) int64 { return x.Centres.Classes }},
		{T("Awards"), func(x *report.Report) int64 { return x.Awards.Count }},
		{T("Award amount"), func(x *report.Report) int64 { return x.Awards.AmountVND }},
		{T("Fund in"), func(x *report.Report) int64 { return x.Funds.RaisedVND }},
		{T("Fund balance"), func(x *report.Report) int64 { return x.Funds.BalanceVND }},
		{T("Training courses"), func(x *report.Report) int64 { return x.Association.Activities.Training.Count }},
	} {
		cur, prev := f.get(r), f.get(p)
		change := num(cur-prev, false)
		if cur > prev {
			change = "+" + change
		}
		line := row(cols, false)
		setRow(line, []string{f.name, num(cur, false), num(prev, false), change})
		grid.Add(line)
	}
	return []fyne.CanvasObject{section(T("Beside the same period a year earlier"), grid)}
}
