package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
)

// programmeFields adds a centre's classes and learner-times per programme
// to its form, a line per programme (classes, then learner-times: the Tab
// order of the paper form), and shows under the year's totals the sums
// they make, which an empty total takes.
func (f *centreForm) programmeFields() fyne.CanvasObject {
	cols := data.ProgrammeColumns()
	for n, o := range data.Programmes {
		f.text(cols[2*n], T("Classes: %s", data.SuggestionLabel(data.Programmes, o.Code, current))).SetPlaceHolder(T("classes"))
		f.text(cols[2*n+1], T("Learner-times: %s", data.SuggestionLabel(data.Programmes, o.Code, current))).SetPlaceHolder(T("learner-times"))
	}
	note := widget.NewLabel(T("On each line: classes, then learner-times."))
	note.Wrapping = fyne.TextWrapWord
	var objs []fyne.CanvasObject
	for n, o := range data.Programmes {
		pair := container.NewGridWithColumns(2)
		for _, c := range cols[2*n : 2*n+2] {
			fl := f.byCol[c]
			fl.box = container.NewVBox(f.inputBox(fl), fl.err)
			pair.Add(fl.box)
		}
		objs = append(objs, widget.NewLabel(data.SuggestionLabel(data.Programmes, o.Code, current)), pair)
	}
	grid := container.NewVBox(note, container.New(layout.NewFormLayout(), objs...))
	f.onChange = f.showSums
	return grid
}

// showSums writes the programmes' sums as the totals' hints.
func (f *centreForm) showSums() {
	e, _ := data.ParseCentre(f.input())
	if e.Year == nil {
		return
	}
	var classes, learners int64
	for _, p := range e.Year.ByProgramme {
		classes, learners = classes+p.Classes, learners+p.LearnerTimes
	}
	for col, v := range map[string]int64{"classes": classes, "learner_times": learners} {
		hint := ""
		if classes+learners > 0 {
			hint = T("at least %s (the programmes' sum)", num(v, false))
		}
		f.byCol[col].obj.(*textEntry).SetPlaceHolder(hint)
	}
}
