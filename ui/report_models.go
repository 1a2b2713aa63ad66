package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
)

// The learning models on the report screen: each model's share
// recognised against QĐ 387's target for 2025 (70 % of families, 65 % of
// clans and of villages, 80 % of the commune's bodies), and the Công dân
// học tập shares on the programme's bases (40 % and 60 % for 2025), each
// saying what it is measured on (docs/reports.md).

// modelTargets are QĐ 387/QĐ-TTg's targets for 2025.
var modelTargets = []struct {
	model, title string
	target       float64
}{
	{data.ModelFamily, N("Learning families"), 0.70},
	{data.ModelClan, N("Learning clans"), 0.65},
	{data.ModelCommunity, N("Learning communities (villages)"), 0.65},
	{data.ModelUnit, N("Learning units"), 0.80},
}

// modelBars are the report's model lines, or a note that none is kept.
func modelBars(r *report.Report) []fyne.CanvasObject {
	if !r.ModelsWithFigures() {
		l := widget.NewLabel(T("No learning family, clan, village or unit is registered for %d.", r.Year))
		l.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{l}
	}
	var out []fyne.CanvasObject
	bar := func(title string, share, target float64, text string) fyne.CanvasObject {
		p := widget.NewProgressBar()
		p.SetValue(min(share/target, 1))
		p.TextFormatter = func() string { return text }
		return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(320, 30), widget.NewLabel(title)), nil, p)
	}
	for _, m := range modelTargets {
		x := r.Models[m.model]
		if t := r.Targets[m.model]; t != nil { // the unit's own target (docs/submissions.md)
			target := float64(t.Percent) / 100
			out = append(out, bar(T(m.title), x.Share, target, T("%s of %s %s recognised (%s; target %d: %s)",
				num(x.Recognized, false), num(x.Base, false), report.BaseWords(x.BaseOf), percent(100*x.Share), t.Year, percent(100*target))))
			continue
		}
		out = append(out, bar(T(m.title), x.Share, m.target, T("%s of %s %s recognised (%s; target 2025: %s)",
			num(x.Recognized, false), num(x.Base, false), report.BaseWords(x.BaseOf), percent(100*x.Share), percent(100*m.target))))
	}
	for _, p := range []struct {
		key, title string
		target     float64
		indicator  string
	}{{data.ProgrammeFamilies, N("Learning citizens in recognised families, clans, villages"), 0.40, data.IndicatorCitizenFCC},
		{data.ProgrammeUnits, N("Learning citizens in recognised units"), 0.60, data.IndicatorCitizenUnits}} {
		x := r.Programme[p.key]
		if t := r.Targets[p.indicator]; t != nil {
			target := float64(t.Percent) / 100
			out = append(out, bar(T(p.title), x.Share, target, T("%s of %s %s (%s; target %d: %s)",
				num(x.Recognized, false), num(x.People, false), report.BaseWords(x.Base), percent(100*x.Share), t.Year, percent(100*target))))
			continue
		}
		out = append(out, bar(T(p.title), x.Share, p.target, T("%s of %s %s (%s; target 2025: %s)",
			num(x.Recognized, false), num(x.People, false), report.BaseWords(x.Base), percent(100*x.Share), percent(100*p.target))))
	}
	return out
}
