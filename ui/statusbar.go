package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// sayFor is how long the status bar shows what was just done.
const sayFor = 8 * time.Second

// statusBar is the line at the bottom of the main window: the unit and the
// operator, the last thing done (for a few seconds), the counts of the
// screen in front, and whether the built-in Telex mode is on (a button
// that toggles it, as Ctrl+Shift+T does).
type statusBar struct {
	bg    *bridge
	unit  *widget.Label
	count *widget.Label
	msg   *widget.Label
	telex *widget.Button
	obj   fyne.CanvasObject
}

func newStatusBar(bg *bridge, unit string, toggleTelex func()) *statusBar {
	s := &statusBar{bg: bg, unit: widget.NewLabel(unit), count: widget.NewLabel(""), msg: widget.NewLabel("")}
	s.count.TextStyle.Bold = true
	s.unit.Truncation = fyne.TextTruncateEllipsis
	s.msg.Truncation = fyne.TextTruncateEllipsis
	s.telex = widget.NewButton("", toggleTelex)
	s.telex.Importance = widget.LowImportance
	s.msg.Alignment = fyne.TextAlignTrailing
	right := container.NewHBox(s.count, s.telex)
	s.obj = container.NewBorder(widget.NewSeparator(), nil, nil, right, container.NewGridWithColumns(2, s.unit, s.msg))
	return s
}

// SetCount shows the counts of the screen in front.
func (s *statusBar) SetCount(t string) { s.count.SetText(t) }

// Say shows what was just done, for a few seconds.
func (s *statusBar) Say(t string) {
	s.msg.SetText(t)
	if t == "" || s.bg == nil {
		return
	}
	s.bg.After("status", sayFor, func() {
		if s.msg.Text == t {
			s.msg.SetText("")
		}
	})
}

// SetTelex shows whether the built-in Telex mode is on.
func (s *statusBar) SetTelex(on bool) {
	if on {
		s.telex.SetText(T("Telex: on (Ctrl+Shift+T)"))
		s.telex.Importance = widget.WarningImportance
	} else {
		s.telex.SetText(T("Telex: off (Ctrl+Shift+T)"))
		s.telex.Importance = widget.LowImportance
	}
	s.telex.Refresh()
}
