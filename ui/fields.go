package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fieldHooks is how an input of a form tells its form about the keyboard:
// Enter moves on, and gaining the focus brings the field into view. Inputs
// outside a form have none.
type fieldHooks struct {
	enter func() // Enter or Return
	focus func() // the input gained the focus
	down  func() // Down, in an entry that has a list below it (the wizard's search)
}

func (h *fieldHooks) onEnter() bool {
	if h == nil || h.enter == nil {
		return false
	}
	h.enter()
	return true
}

func (h *fieldHooks) onFocus() {
	if h != nil && h.focus != nil {
		h.focus()
	}
}

// keyButton is a button that Enter (as well as Space) presses, and on which
// Esc cancels, as people expect of a focused button.
type keyButton struct {
	widget.Button
	keys  *shortcuts
	hooks *fieldHooks // gaining the focus brings it into view (followFocus)
}

// newButton makes a keyButton; icon may be nil.
func newButton(k *shortcuts, label string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{keys: k}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained shows the focus and brings the button into view.
func (b *keyButton) FocusGained() {
	b.Button.FocusGained()
	b.hooks.onFocus()
}

// TypedKey presses the button on Enter and cancels on Esc.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case isEnter(ev.Name):
		b.Tapped(nil)
	case ev.Name == fyne.KeyEscape:
		b.keys.escape()
	default:
		b.Button.TypedKey(ev)
	}
}

// wheelPass lies over an entry and hands the mouse wheel on to the form's
// scroll: a Fyne entry keeps the wheel for its own line, so a form full of
// entries would only scroll with the pointer over a label. It takes
// nothing else: clicks, drags and the pointer go to the entry below.
type wheelPass struct {
	widget.BaseWidget
	to func(*fyne.ScrollEvent)
}

func newWheelPass(to func(*fyne.ScrollEvent)) *wheelPass {
	w := &wheelPass{to: to}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled passes the wheel on.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.to != nil {
		w.to(ev)
	}
}

// CreateRenderer draws nothing.
func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MinSize takes no room of its own.
func (w *wheelPass) MinSize() fyne.Size { return fyne.Size{} }

// dropButton is the arrow of an editable list: the mouse opens the list
// with it, the keyboard with Down, so it takes no Tab stop of its own.
type dropButton struct {
	widget.BaseWidget
	tap func()
}

func newDropButton(tap func()) *dropButton {
	b := &dropButton{tap: tap}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped opens the list.
func (b *dropButton) Tapped(*fyne.PointEvent) {
	if b.tap != nil {
		b.tap()
	}
}

// CreateRenderer draws the arrow.
func (b *dropButton) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(widget.NewIcon(theme.MenuDropDownIcon()))
}

// MinSize is an icon's.
func (b *dropButton) MinSize() fyne.Size {
	s := theme.IconInlineSize()
	return fyne.NewSquareSize(s)
}

// enterList is a list whose focused row Enter opens, as Space does (Fyne's
// list takes only Space), then runs opened (the register puts the cursor
// in the form). Esc cancels as elsewhere.
type enterList struct {
	widget.List
	keys   *shortcuts
	opened func()
}

func newEnterList(k *shortcuts, length func() int, create func() fyne.CanvasObject,
	update func(widget.ListItemID, fyne.CanvasObject)) *enterList {
	l := &enterList{keys: k}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey opens the focused row on Enter.
func (l *enterList) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case isEnter(ev.Name):
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		if l.opened != nil {
			l.opened()
		}
	case ev.Name == fyne.KeyEscape:
		l.keys.escape()
	default:
		l.List.TypedKey(ev)
	}
}
