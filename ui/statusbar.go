package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line at the bottom of the main window: the unit and the
// operator, the counts of the screen in front, and the last thing done.
type statusBar struct {
	unit  *widget.Label
	count *widget.Label
	msg   *widget.Label
	obj   fyne.CanvasObject
}

func newStatusBar(unit string) *statusBar {
	s := &statusBar{unit: widget.NewLabel(unit), count: widget.NewLabel(""), msg: widget.NewLabel("")}
	s.count.TextStyle.Bold = true
	s.msg.Truncation = fyne.TextTruncateEllipsis
	s.obj = container.NewBorder(widget.NewSeparator(), nil, s.unit,
		container.NewHBox(s.count), container.NewHBox(layout.NewSpacer(), s.msg))
	return s
}

// SetCount shows the counts of the screen in front.
func (s *statusBar) SetCount(t string) { s.count.SetText(t) }

// Say shows what was just done.
func (s *statusBar) Say(t string) { s.msg.SetText(t) }
