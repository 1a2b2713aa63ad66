package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Targets of QĐ 677/QĐ-TTg: the share of adults holding the title of
// learning citizen by 2025 and by 2030, in percent.
const (
	target2025 = 40.0
	target2030 = 60.0
)

// percent writes a share the Vietnamese way: "12,5%".
func percent(p float64) string {
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// shareBar draws a share of 0–100% as a bar, with thin marks at the
// targets (the unit's own, else QĐ 677's for 2025 and 2030).
type shareBar struct {
	share float64
	marks []float64
}

func newShareBar(share float64, marks ...float64) fyne.CanvasObject {
	if len(marks) == 0 {
		marks = []float64{target2025, target2030}
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	bg := canvas.NewRectangle(th.Color(theme.ColorNameInputBackground, v))
	fill := canvas.NewRectangle(th.Color(theme.ColorNamePrimary, v))
	if share >= marks[len(marks)-1] {
		fill.FillColor = th.Color(theme.ColorNameSuccess, v)
	}
	txt := canvas.NewText(percent(share), th.Color(theme.ColorNameForeground, v))
	txt.TextStyle.Bold = true
	objs := []fyne.CanvasObject{bg, fill, txt}
	for range marks {
		objs = append(objs, canvas.NewRectangle(th.Color(theme.ColorNameForeground, v)))
	}
	return &fyne.Container{Layout: shareBar{share, marks}, Objects: objs}
}

// Layout places the background, the bar, the target marks and the figure.
func (b shareBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	textW := float32(70)
	w := size.Width - textW
	at := func(p float64) float32 { return w * float32(min(max(p, 0), 100)/100) }
	objs[0].Move(fyne.NewPos(0, 2))
	objs[0].Resize(fyne.NewSize(w, size.Height-4))
	objs[1].Move(fyne.NewPos(0, 2))
	objs[1].Resize(fyne.NewSize(at(b.share), size.Height-4))
	for n, p := range b.marks {
		objs[3+n].Move(fyne.NewPos(at(p)-1, 0))
		objs[3+n].Resize(fyne.NewSize(2, size.Height))
	}
	t := objs[2]
	t.Move(fyne.NewPos(w+8, (size.Height-t.MinSize().Height)/2))
	t.Resize(t.MinSize())
}

// MinSize is a comfortable bar.
func (b shareBar) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 26) }
