package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// listFloor is the narrowest a register's list is worth showing beside
// its form.
const listFloor = 340

// splitView holds a register's list and form: side by side when the width
// holds both (the form as wide as it needs, at least half the width),
// else one at a time over the whole width, the list or, while a record is
// open, the form over it, so that every field, arrow and button stays on
// screen on a 1024×768 window. What is not shown is hidden, so Tab never
// walks into it.
type splitView struct {
	list, form fyne.CanvasObject
	obj        *fyne.Container
	narrow     bool // one at a time
	formShown  bool // in narrow mode, the form is the one shown
	onNarrow   func(bool)
}

func newSplitView(list, form fyne.CanvasObject, onNarrow func(narrow bool)) *splitView {
	s := &splitView{list: list, form: form, onNarrow: onNarrow}
	s.obj = &fyne.Container{Layout: splitLayout{s}, Objects: []fyne.CanvasObject{list, form}}
	return s
}

// showForm brings the form to the front in narrow mode.
func (s *splitView) showForm() {
	if !s.formShown {
		s.formShown = true
		s.obj.Refresh()
	}
}

// showList brings the list back in narrow mode.
func (s *splitView) showList() {
	if s.formShown {
		s.formShown = false
		s.obj.Refresh()
	}
}

type splitLayout struct{ s *splitView }

// fits reports whether width holds list and form side by side.
func (l splitLayout) fits(width float32) bool {
	return width >= max(l.s.list.MinSize().Width, listFloor)+l.s.form.MinSize().Width+theme.Padding()
}

// Layout lays out the two halves, or the one in front.
func (l splitLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	s := l.s
	narrow := !l.fits(size.Width)
	if narrow != s.narrow && s.onNarrow != nil {
		s.onNarrow(narrow)
	}
	s.narrow = narrow
	if narrow {
		front, back := s.list, s.form
		if s.formShown {
			front, back = s.form, s.list
		}
		back.Hide()
		front.Show()
		front.Move(fyne.NewPos(0, 0))
		front.Resize(size)
		return
	}
	s.list.Show()
	s.form.Show()
	fw := max(s.form.MinSize().Width, size.Width*0.5)
	lw := size.Width - fw - theme.Padding()
	s.list.Move(fyne.NewPos(0, 0))
	s.list.Resize(fyne.NewSize(lw, size.Height))
	s.form.Move(fyne.NewPos(lw+theme.Padding(), 0))
	s.form.Resize(fyne.NewSize(fw, size.Height))
}

// MinSize is the larger of the two halves: narrower windows show one.
func (l splitLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return l.s.list.MinSize().Max(l.s.form.MinSize())
}
