package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is a column of a list: its title and its share of the width.
type column struct {
	title  string
	weight float32
}

// columnsLayout places cells side by side, each taking its column's share
// of the width, so a list's header and rows line up. Each column is at
// least as wide as its title and as its weight asks (weightWidth); when
// the width cannot hold them all, columns are dropped whole in the order
// drop gives (a header is never cut).
type columnsLayout struct {
	cols []column
	drop []int // column numbers, the first dropped first
}

// weightWidth is the width a column's weight of 1 asks for its cells.
const weightWidth = 60

// need is the width a column takes: its title, and room for its cells as
// its weight says.
func (l columnsLayout) need(n int) float32 {
	pad := theme.InnerPadding()*2 + theme.Padding()
	title := fyne.MeasureText(l.cols[n].title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
	return max(title, l.cols[n].weight*weightWidth)
}

// shown lists the columns a width holds.
func (l columnsLayout) shown(width float32) []bool {
	on := make([]bool, len(l.cols))
	var sum float32
	for n := range l.cols {
		on[n] = true
		sum += l.need(n)
	}
	for _, d := range l.drop {
		if sum <= width {
			break
		}
		on[d] = false
		sum -= l.need(d)
	}
	return on
}

// Layout positions the cells, hiding the columns dropped.
func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	on := l.shown(size.Width)
	var needs, weights float32
	for n := range l.cols {
		if on[n] {
			needs += l.need(n)
			weights += l.cols[n].weight
		}
	}
	spare := max(size.Width-needs, 0)
	x := float32(0)
	for n, o := range objs {
		if !on[n] {
			o.Hide()
			continue
		}
		o.Show()
		w := l.need(n) + spare*l.cols[n].weight/weights
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w-theme.Padding(), size.Height))
		x += w
	}
}

// MinSize is as tall as the tallest cell and as wide as the first title,
// so the list can shrink (dropping columns).
func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.need(0), h)
}

// row returns a row of labels laid out in columns.
func row(cols []column, bold bool) *fyne.Container { return dropRow(cols, nil, bold) }

// dropRow is row with the order in which narrow widths drop columns.
func dropRow(cols []column, drop []int, bold bool) *fyne.Container {
	objs := make([]fyne.CanvasObject, len(cols))
	for n, c := range cols {
		l := widget.NewLabel(c.title)
		l.Truncation = fyne.TextTruncateEllipsis
		l.TextStyle.Bold = bold
		objs[n] = l
	}
	return &fyne.Container{Layout: columnsLayout{cols, drop}, Objects: objs}
}

// setRow writes texts into a row made by row.
func setRow(c *fyne.Container, texts []string) {
	for n, o := range c.Objects {
		t := ""
		if n < len(texts) {
			t = texts[n]
		}
		if l := o.(*widget.Label); l.Text != t {
			l.SetText(t)
		}
	}
}

// flowLayout lays objects out left to right at their own width, going on
// to a new line when the width is used up (a row of buttons on a narrow
// window). Its height is that of the lines at the width it was last given.
type flowLayout struct {
	width float32
}

func newFlow(objs ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: &flowLayout{}, Objects: objs}
}

// lines places the objects in width; place is called for each.
func (l *flowLayout) lines(objs []fyne.CanvasObject, width float32, place func(fyne.CanvasObject, fyne.Position, fyne.Size)) float32 {
	pad := theme.Padding()
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		s.Width = min(s.Width, width)
		if x > 0 && x+s.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		if place != nil {
			place(o, fyne.NewPos(x, y), s)
		}
		x += s.Width + pad
		line = max(line, s.Height)
	}
	return y + line
}

// Layout places the objects.
func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.lines(objs, size.Width, func(o fyne.CanvasObject, p fyne.Position, s fyne.Size) {
		o.Move(p)
		o.Resize(s)
	})
}

// MinSize is as wide as the widest object, as tall as the lines were.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := l.width
	if width < w {
		width = 1e6 // not laid out yet: one line
	}
	return fyne.NewSize(w, l.lines(objs, width, nil))
}
