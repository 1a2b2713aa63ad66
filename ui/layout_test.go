package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/units"
)

// placed is a widget a person reads or works, where it is drawn.
type placed struct {
	o        fyne.CanvasObject
	pos      fyne.Position
	scroll   *container.Scroll // the scroll it lies in, if any
	scrollAt fyne.Position     // the scroll content's position
}

// leaves lists the visible widgets under o that a person reads or works,
// with the scroll each lies in.
func leaves(o fyne.CanvasObject, in *container.Scroll, out *[]placed) {
	if o == nil || !o.Visible() {
		return
	}
	d := fyne.CurrentApp().Driver()
	switch x := o.(type) {
	case *widget.Label:
		if x.Text != "" {
			*out = append(*out, placed{o: o, pos: d.AbsolutePositionForObject(o), scroll: in})
		}
		return
	case *textEntry, *choiceEntry, *pickEntry, *keyButton, *widget.Button, *widget.Select, *widget.Check:
		*out = append(*out, placed{o: o, pos: d.AbsolutePositionForObject(o), scroll: in})
		return
	case *container.Scroll:
		leaves(x.Content, x, out)
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			leaves(c, in, out)
		}
		return
	case *widget.List, *widget.Table: // their rows are drawn cells, checked by the columns' layout
		return
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			leaves(c, in, out)
		}
	}
}

func name(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("label %q", x.Text)
	case *keyButton:
		return fmt.Sprintf("button %q", x.Text)
	case *widget.Button:
		return fmt.Sprintf("button %q", x.Text)
	}
	return fmt.Sprintf("%T", o)
}

// checkFits reports widgets outside the window (across; down too, for
// those outside a scroll) and widgets overlapping others of the same
// scroll (or of none).
func checkFits(t *testing.T, where string, w fyne.Window) {
	t.Helper()
	var ps []placed
	leaves(w.Content(), nil, &ps)
	size := w.Canvas().Size()
	const slack = 0.5
	for _, p := range ps {
		s := p.o.Size()
		if p.pos.X < -slack || p.pos.X+s.Width > size.Width+slack ||
			p.scroll == nil && (p.pos.Y < -slack || p.pos.Y+s.Height > size.Height+slack) {
			t.Errorf("%s: %s at %v size %v is outside the %v window", where, name(p.o), p.pos, s, size)
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			a, b := ps[i], ps[j]
			if a.scroll != b.scroll {
				continue
			}
			as, bs := a.o.Size(), b.o.Size()
			dx := min(a.pos.X+as.Width, b.pos.X+bs.Width) - max(a.pos.X, b.pos.X)
			dy := min(a.pos.Y+as.Height, b.pos.Y+bs.Height) - max(a.pos.Y, b.pos.Y)
			if dx > 1 && dy > 1 {
				t.Errorf("%s: %s at %v overlaps %s at %v", where, name(a.o), a.pos, name(b.o), b.pos)
			}
		}
	}
}

// On a 1000×700 canvas (what a 1024×768 screen leaves) no widget of a
// screen lies outside the window and none overlaps another, at a commune
// and at a district (the registers' Đơn vị column and filter); the window
// lays out no larger than that.
func TestLayout_EveryScreenFitsA1000x700Window(t *testing.T) {
	for _, level := range []string{units.Commune, units.District} {
		st := openStore(t)
		ref := testCommune
		if level == units.District {
			ref = units.Ref{List: units.List2024, Code: "342"}
		}
		initStore(t, st, level, ref)
		u, w := startUI(t, st)
		w.Resize(minWindow)
		for n, it := range u.shell.items {
			u.shell.nav.Select(n)
			if r, ok := u.shell.screen().(register); ok {
				r.New()
			}
			if min := w.Content().MinSize(); min.Width > minWindow.Width || min.Height > minWindow.Height {
				t.Errorf("%s %s: the window lays out at %v at least", level, it.title, min)
			}
			w.Resize(minWindow) // lay out twice: rows of buttons settle their height
			w.Content().Refresh()
			checkFits(t, level+" "+it.title, w)
		}
	}
}

// Below the width that holds a register's list and form side by side, the
// form opens over the list, with a way back; every field stays reachable.
func TestLayout_NarrowWindowOpensTheFormOverTheList(t *testing.T) {
	u, w, _ := startCommune(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	w.Resize(fyne.NewSize(760, 700))
	w.Content().Refresh()
	if !s.split.narrow || s.split.form.Visible() || !s.split.list.Visible() {
		t.Fatalf("narrow %v, form shown %v", s.split.narrow, s.split.form.Visible())
	}
	shortcut(u, fyne.KeyN)
	w.Content().Refresh()
	if !s.split.form.Visible() || s.split.list.Visible() || !s.backBtn.Visible() {
		t.Fatal("Ctrl+N should bring the form over the list, with the way back")
	}
	if w.Canvas().Focused() != s.form.byCol["full_name"].focus {
		t.Error("the cursor in the name")
	}
	checkFits(t, "narrow form", w)
	press(w, fyne.KeyEscape) // nothing typed: back to the list
	w.Content().Refresh()
	if s.split.form.Visible() || !s.split.list.Visible() {
		t.Error("Esc with nothing typed goes back to the list")
	}
	w.Resize(fyne.NewSize(1280, 800))
	w.Content().Refresh()
	if s.split.narrow || !s.split.form.Visible() || !s.split.list.Visible() || s.backBtn.Visible() {
		t.Error("a wide window shows both, and no way back")
	}
}

// The window's first size fits the screen, and what was kept is used.
func TestUI_FirstSizeFitsTheScreen(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if got := firstSize(p, fyne.NewSize(1024, 768)); got.Width > 1024 || got.Height > 768-60 {
		t.Errorf("first size %v on a 1024×768 screen", got)
	}
	if got := firstSize(p, fyne.NewSize(1920, 1080)); got != wantWindow {
		t.Errorf("first size %v on a large screen, want %v", got, wantWindow)
	}
	p.SetFloat(prefWidth, 1300)
	p.SetFloat(prefHeight, 700)
	if got := firstSize(p, fyne.NewSize(1366, 768)); got != fyne.NewSize(1300, 696) {
		t.Errorf("kept size on 1366×768: %v", got)
	}
	if got := firstSize(p, fyne.Size{}); got != fyne.NewSize(1300, 700) {
		t.Errorf("screen unknown: %v", got)
	}
}

// At a district (seventeen screens) every name of the navigation shows at
// once in a 1000×700 window: no screen is hidden below a scroll.
func TestLayout_TheNavigationFitsWithoutScrolling(t *testing.T) {
	st := openStore(t)
	initStore(t, st, units.District, units.Ref{List: units.List2024, Code: "342"})
	u, w := startUI(t, st)
	w.Resize(minWindow)
	w.Content().Refresh()
	sep := compactTheme{}.Size(theme.SizeNamePadding) // between rows
	var need float32
	for _, it := range u.shell.items {
		need += navItemHeight(it.label()) + sep
	}
	if have := u.shell.nav.Size().Height; need > have {
		t.Errorf("%d items need %.0f units, the navigation has %.0f", len(u.shell.items), need, have)
	}
	if len(u.shell.items) != 17 {
		t.Errorf("%d items at a district", len(u.shell.items))
	}
}
