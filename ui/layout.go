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
// of the width, so a list's header and rows line up.
type columnsLayout struct {
	weights []float32
}

func (l columnsLayout) total() float32 {
	var t float32
	for _, w := range l.weights {
		t += w
	}
	return t
}

// Layout positions the cells.
func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	x, t := float32(0), l.total()
	for n, o := range objs {
		w := size.Width * l.weights[n] / t
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w-pad, size.Height))
		x += w
	}
}

// MinSize is as tall as the tallest cell and narrow, so the list can shrink.
func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*30, h)
}

// row returns a row of labels laid out in columns.
func row(cols []column, bold bool) *fyne.Container {
	ws := make([]float32, len(cols))
	objs := make([]fyne.CanvasObject, len(cols))
	for n, c := range cols {
		ws[n] = c.weight
		l := widget.NewLabel(c.title)
		l.Truncation = fyne.TextTruncateEllipsis
		l.TextStyle.Bold = bold
		objs[n] = l
	}
	return &fyne.Container{Layout: columnsLayout{ws}, Objects: objs}
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
