package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// followFocus makes the entries, lists and buttons inside scroll's
// content bring themselves into view when they gain the focus, as a
// register's form fields do: on a screen taller than the window (Cài đặt
// at 1024×768) Tab never leaves the cursor out of sight. Inputs whose
// focus a form already follows keep their own.
func followFocus(scroll *container.Scroll) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		var h **fieldHooks
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case *textEntry:
			h = &w.hooks
		case *pickEntry:
			h = &w.hooks
		case *keyButton:
			h = &w.hooks
		default:
			return
		}
		if *h == nil {
			*h = &fieldHooks{}
		}
		if (*h).focus == nil {
			(*h).focus = func() { revealIn(scroll, o) }
		}
	}
	walk(scroll.Content)
}

// revealIn scrolls scroll so that o is in view, with a little room around
// it (what comes next shows too).
func revealIn(scroll *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	scroll.Refresh()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(scroll.Content).Y
	h, view := o.Size().Height, scroll.Size().Height
	room := min(h, view/4)
	off := scroll.Offset.Y
	switch {
	case y-room < off:
		off = y - room
	case y+h+room > off+view:
		off = y + h + room - view
	default:
		return
	}
	scroll.ScrollToOffset(fyne.NewPos(0, max(off, 0)))
}
