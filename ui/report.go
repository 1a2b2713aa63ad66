package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// reportScreen draws the report of this unit and of each unit directly
// below it for a period (the year, a half-year, from 1 January to a day;
// optionally beside the same period a year earlier): a table, a bar per
// unit of the share of adults holding the title against the QĐ 677
// targets, the comparison, and exports to Excel, PDF, CSV and JSON.
type reportScreen struct {
	plainScreen
	env     *env
	st      *store.Store
	span    *periodControl
	year    *textEntry
	number  *textEntry // the document number the office gives: Số: 12/BC-HKH
	yearErr *widget.Label
	rep     *report.Report
	rows    []*report.Report
	table   *widget.Table
	chart   *fyne.Container
	targets *fyne.Container
	chartOf *widget.Label   // the chart's title: its marks are each unit's target once the targets are known
	goalOf  *widget.Label   // the targets' title
	compare *fyne.Container // this period beside the same period a year earlier
	shown   *widget.Label   // the days the report counts
	models  *fyne.Container // the learning models of QĐ 387 (report_models.go)
	obj     fyne.CanvasObject
}

func newReportScreen(e *env, st *store.Store) *reportScreen {
	s := &reportScreen{env: e, st: st, number: newTextEntry(e.keys), yearErr: widget.NewLabel("")}
	s.span = newPeriodControl(e, s.Build)
	s.year = s.span.year
	s.number.SetPlaceHolder("12")
	s.yearErr.Importance = widget.DangerImportance
	s.chart, s.targets, s.compare = container.NewVBox(), container.NewVBox(), container.NewVBox()
	s.models = container.NewVBox()
	s.shown = widget.NewLabel("")
	s.table = widget.NewTableWithHeaders(func() (int, int) { return len(s.rows), len(reportCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.cell(id.Row, id.Col))
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(T(reportCols[id.Col].title))
	}
	fitColumns(s.table, reportCols)
	build := newButton(e.keys, T("Make the report"), theme.ViewRefreshIcon(), s.Build)
	build.Importance = widget.HighImportance
	// Rows that wrap, so that the period and every way out fit a 1024-pixel screen.
	bar := container.NewVBox(newFlow(append(s.span.objects(), build, s.yearErr)...),
		newFlow(widget.NewLabel(T("Document number")), container.NewGridWrap(fyne.NewSize(90, s.number.MinSize().Height), s.number),
			widget.NewLabel(report.NumberSuffix), s.shown),
		container.NewHBox(widget.NewLabel(T("Export:")),
			newButton(e.keys, "Excel", nil, func() { s.export(".xlsx") }), newButton(e.keys, "CSV", nil, func() { s.export(".csv") }),
			newButton(e.keys, "JSON", nil, func() { s.export(".json") }),
			newButton(e.keys, T("Print / Save PDF"), theme.DocumentPrintIcon(), func() { s.export(".pdf") }),
			newButton(e.keys, T("Certificates…"), theme.DocumentIcon(), s.certificates), layout.NewSpacer()))
	s.chartOf = widget.NewLabelWithStyle(T("Share of adults holding the title, per unit (marks at 40% and 60%)"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.goalOf = widget.NewLabelWithStyle(T("Progress toward the QĐ 677 targets"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lower := container.NewVBox(s.compare, container.NewVBox(s.goalOf, s.targets),
		section(T("Learning models (QĐ 387): recognised, and the learning citizens among them"), s.models),
		container.NewVBox(s.chartOf, s.chart))
	split := container.NewVSplit(s.table, container.NewVScroll(lower))
	split.Offset = 0.4
	// The bar first among the objects: Tab comes to the period before the table.
	s.obj = container.New(layout.NewBorderLayout(bar, nil, nil, nil), bar, split)
	return s
}

// reportCols are the table's columns; the weight is the width in pixels.
var reportCols = []column{{N("Unit"), 220}, {N("Registered"), 90}, {N("Assessed"), 110}, {N("Recognised"), 150},
	{N("Adults"), 175}, {N("Share"), 70}, {N("Active centres"), 165}, {N("Classes"), 80}, {N("Learner-times"), 130},
	{N("Awards"), 90}, {N("Award amount"), 150}, {N("Fund in"), 140}, {N("Fund out"), 140}, {N("Fund balance"), 140},
	{N("Branches"), 110}, {N("Association members"), 110}, {N("Admitted"), 110}, {N("Training courses"), 130}}

func (s *reportScreen) cell(r, c int) string {
	x := s.rows[r]
	name := x.Name
	switch {
	case x == s.rep && len(s.rep.Units) > 0:
		name = T("Total: %s", x.Name)
	case r > len(s.rep.Units):
		name = T("Area type: %s", x.Name)
	}
	ct := x.Citizens
	return []string{name, num(ct.Registered, false), num(ct.Assessed, false), num(ct.Recognized, false),
		num(ct.Adults, false), percent(x.Share()), num(x.Centres.Active, false), num(x.Centres.Classes, false),
		num(x.Centres.LearnerTimes, false), num(x.Awards.Count, false), vnd(x.Awards.AmountVND),
		vnd(x.Funds.RaisedVND), vnd(x.Funds.SpentVND), vnd(x.Funds.BalanceVND),
		num(x.Association.Branches.Count, false), num(x.Association.Members.Total, false),
		num(x.Association.Members.Admitted, false), num(x.Association.Activities.Training.Count, false)}[c]
}

// Object is the screen's content.
func (s *reportScreen) Object() fyne.CanvasObject { return s.obj }

// Show makes the report of the year typed.
func (s *reportScreen) Show() { s.Build() }

// Save makes the report again (Ctrl+S, Enter).
func (s *reportScreen) Save() { s.Build() }

// Build adds up the period in the background and shows it.
func (s *reportScreen) Build() {
	q, problem := s.span.query()
	if problem != "" {
		s.yearErr.SetText(problem)
		return
	}
	s.yearErr.SetText("")
	area, err := units.ParseRef(s.env.sess.Unit)
	if err != nil {
		s.env.fail(err)
		return
	}
	var r *report.Report
	s.env.status.Say(T("Adding up %s…", periodName(q.Period)))
	s.env.bg.Go(func() {
		if r, err = report.BuildFor(s.env.ctx, s.st, s.env.reg, area, q, s.enrolled()); err == nil {
			err = withTargets(s.env, r)
		}
	}, func() {
		s.env.status.Say("")
		if err != nil {
			s.env.fail(err)
			return
		}
		s.show(r)
	})
}

// enrolled lists the trusted units below, so units that have not reported
// show as zeros.
func (s *reportScreen) enrolled() []units.Ref {
	ks, _ := s.st.PeerKeys(s.env.ctx, store.RoleBelow)
	var out []units.Ref
	for _, k := range ks {
		if r, err := units.ParseRef(k.Unit); err == nil && k.Status == store.Trusted {
			out = append(out, r)
		}
	}
	return out
}

func (s *reportScreen) show(r *report.Report) {
	s.rep = r
	s.rows = append(append(append([]*report.Report{}, r.Units...), r), r.AreaReports()...)
	s.table.Refresh()
	s.targets.Objects = s.targetBars(r)
	s.targets.Refresh()
	s.models.Objects = modelBars(r)
	s.models.Refresh()
	var bars []fyne.CanvasObject
	units := r.Units
	if len(units) == 0 {
		units = []*report.Report{r}
	}
	for _, u := range units {
		l := widget.NewLabel(u.Name)
		l.Truncation = fyne.TextTruncateEllipsis
		var marks []float64
		if u.Target != nil {
			marks = []float64{float64(u.Target.Percent)}
		}
		bars = append(bars, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(220, 30), l), nil,
			newShareBar(u.Share(), marks...)))
	}
	if r.Target != nil {
		s.chartOf.SetText(T("Share of adults holding the title, per unit, marked at its own target"))
		s.goalOf.SetText(T("Progress toward the target"))
	}
	s.chart.Objects = bars
	s.chart.Refresh()
	s.shown.SetText(T("Period: %s", periodDays(r.Period)))
	s.compare.Objects = s.comparison(r)
	s.compare.Refresh()
	s.env.status.SetCount(T("%s: %s recognised of %s adults (%s)", periodName(r.Period), num(r.Citizens.Recognized, false),
		num(r.Citizens.Adults, false), percent(r.Share())))
}

func (s *reportScreen) targetBars(r *report.Report) []fyne.CanvasObject {
	if r.Citizens.Adults == 0 {
		l := widget.NewLabel(T("The number of adults for %d is not known: enter it under Villages & commune profile.", r.Year))
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{l}
	}
	var out []fyne.CanvasObject
	goals := []struct {
		title, source string
		target        float64
	}{{T("Target 2025: 40% of adults"), "", target2025}, {T("Target 2030: 60% of adults"), "", target2030}}
	if t := r.Target; t != nil {
		goals = goals[:1]
		goals[0].title, goals[0].source, goals[0].target = T("Target %d: %d%% of adults", t.Year, t.Percent), targetSource(t), float64(t.Percent)
	}
	for _, t := range goals {
		p := widget.NewProgressBar()
		p.SetValue(min(r.Share()/t.target, 1))
		share := r.Share()
		p.TextFormatter = func() string {
			if t.source != "" {
				return T("%s of %s", percent(share), percent(t.target)) + " · " + t.source
			}
			return T("%s of %s", percent(share), percent(t.target))
		}
		out = append(out, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(320, 30),
			widget.NewLabel(t.title)), nil, p))
	}
	return out
}

// export writes the report shown to a file chosen by the person.
func (s *reportScreen) export(ext string) {
	if s.rep == nil {
		return
	}
	s.env.saveFile(fileName("bao-cao-"+s.rep.Unit+"-"+strings.ReplaceAll(s.rep.Period.String(), "..", "-den-"), 0, ext), s.Write)
}

// Write writes the report shown to path in the background.
func (s *reportScreen) Write(path string) {
	r := s.rep
	place := r.Name
	if u, err := s.env.reg.Get(r.Ref()); err == nil {
		place = u.Name
	}
	m := report.Meta{Place: place, Date: s.env.now().Format("02/01/2006"), Operator: s.env.sess.Operator,
		Parent: report.ParentBody(s.env.reg, r.Ref()), Number: s.number.Text}
	var err error
	s.env.bg.Job(T("writing the report"), false, func(context.Context) { err = report.Write(r, path, m) }, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.env.status.Say(T("Report written to %s", path))
		s.env.info(T("Export finished"), T("Report written to %s", filepath.Base(path)))
	})
}

// certificates saves a PDF of the Giấy chứng nhận “Công dân học tập” of
// every citizen recognised in the year shown, one page each, from the
// unit's template (giay-chung-nhan.txt in the data folder, else the default).
func (s *reportScreen) certificates() {
	if s.rep == nil {
		return
	}
	s.env.saveFile(fileName("giay-chung-nhan-"+s.rep.Unit, s.rep.Year, ".pdf"), s.WriteCertificates)
}

// WriteCertificates writes the certificates of the year shown to path in
// the background.
func (s *reportScreen) WriteCertificates(path string) {
	r := s.rep
	ref, err := units.ParseRef(s.env.sess.Unit)
	if err != nil {
		s.env.fail(err)
		return
	}
	u, err := s.env.reg.Get(ref)
	if err != nil {
		s.env.fail(err)
		return
	}
	now := s.env.now()
	sign := report.Signing{Unit: ref, Parent: report.ParentBody(s.env.reg, ref), Place: u.Name,
		Date: data.Date{Y: now.Year(), M: int(now.Month()), D: now.Day()}}
	n := 0
	s.env.bg.Job(T("writing the certificates"), true, func(ctx context.Context) {
		var tpl *paper.Template
		var people []map[string]string
		if tpl, err = paper.LoadTemplate(filepath.Dir(s.st.Path())); err != nil {
			return
		}
		if people, err = report.CitizenCertificates(ctx, s.st, s.env.reg, r.Year, sign); err != nil {
			return
		}
		n = len(people)
		err = paper.WriteCertificates(path, tpl, paper.CitizenCertificate, people,
			paper.Props{Title: "Giấy chứng nhận " + u.FullName, Unit: "Hội Khuyến học " + u.FullName})
	}, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.env.status.Say(T("%d certificates written to %s", n, path))
		s.env.info(T("Export finished"), T("%d certificates written to %s", n, filepath.Base(path)))
	})
}

// withTargets sets the targets in force here on a report (report.WithTargets).
func withTargets(e *env, r *report.Report) error {
	t, err := exchange.Targets(e.ctx, e.ex)
	if err != nil {
		return err
	}
	return report.WithTargets(e.ctx, e.ex.Store, e.reg, r, t.Targets, t.Areas)
}

// targetSource names where a target comes from, and the area type it is for.
func targetSource(t *report.TargetShare) string {
	if t.Area == "" {
		return t.Source
	}
	return t.Source + ", " + data.AreaTypes.Label(t.Area, "vi")
}
