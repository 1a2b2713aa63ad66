package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
)

func TestSettings_LanguageOperatorThemeTelex(t *testing.T) {
	u, w, st := startCommune(t)
	s := openScreen(t, u, "Cài đặt").(*settingsScreen)
	s.operator.SetText("")
	test.Type(s.operator, "Lê Thị Thu")
	test.Tap(button(t, w, "Lưu tên"))
	if op, _ := st.Meta(context.Background(), store.MetaOperator); op != "Lê Thị Thu" {
		t.Errorf("operator %q", op)
	}
	s.theme.SetSelected("Tối")
	if u.app.Preferences().String(prefTheme) != "dark" || u.app.Settings().Theme().(appTheme).variant() != theme.VariantDark {
		t.Error("dark theme not applied")
	}
	s.telex.SetChecked(true)
	if !u.telex.enabled || !u.app.Preferences().Bool(prefTelex) {
		t.Error("telex not on")
	}
	s.language.SetSelected("English")
	if Lang() != "en" || !hasText(w, "Learning citizens") || hasText(w, "Công dân học tập") {
		t.Error("the window should now be in English")
	}
	if _, ok := u.shell.screen().(*settingsScreen); !ok {
		t.Fatalf("the settings should stay in front, not %d (%T)", u.shell.current, u.shell.screen())
	}
	if u.app.Preferences().String(prefLang) != "en" {
		t.Error("language not kept")
	}
	s = u.shell.screen().(*settingsScreen)
	s.language.SetSelected("Tiếng Việt")
	if Lang() != "vi" || !hasText(w, "Công dân học tập") {
		t.Error("back in Vietnamese")
	}
}

func TestUI_WindowSizeIsKept(t *testing.T) {
	u, w, _ := startCommune(t)
	w.Resize(w.Canvas().Size().AddWidthHeight(-100, -50))
	want := w.Canvas().Size()
	u.Quit()
	p := u.app.Preferences()
	if float32(p.Float(prefWidth)) != want.Width || float32(p.Float(prefHeight)) != want.Height {
		t.Errorf("kept %vx%v, want %v", p.Float(prefWidth), p.Float(prefHeight), want)
	}
}

func TestUI_QuitAsksWhenSomethingIsUnsaved(t *testing.T) {
	u, w, _ := startCommune(t)
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	test.Type(s.form.byCol["full_name"].obj.(*textEntry), "Hà")
	ctrl(s.form.byCol["full_name"].obj.(*textEntry), "Q")
	if !hasText(w, "Bạn có thay đổi chưa lưu. Bỏ các thay đổi này?") {
		t.Fatal("quitting with unsaved typing should ask")
	}
	test.Tap(button(t, w, "Quay lại"))
	openScreen(t, u, "Báo cáo")
	if u.shell.current != 0 {
		t.Error("switching screens with unsaved typing should ask first")
	}
}

// Cài đặt is taller than a 1024×768 window: Tab from the first choice to
// the last button keeps what has the focus in view (followFocus).
func TestSettings_FocusStaysInView(t *testing.T) {
	u, w, _ := startCommune(t)
	w.Resize(fyne.NewSize(1024, 768))
	s := openScreen(t, u, "Cài đặt").(*settingsScreen)
	scroll := s.obj.(*container.Scroll)
	w.Canvas().Focus(s.language)
	moved := false
	for n := 0; n < 40; n++ {
		press(w, fyne.KeyTab)
		o, ok := w.Canvas().Focused().(fyne.CanvasObject)
		if !ok {
			t.Fatalf("Tab %d: the focus on %T", n, w.Canvas().Focused())
		}
		if _, check := o.(*widget.Check); check {
			continue // the Telex check, at the top, follows no hook
		}
		if !holds(scroll.Content, o) {
			break // past the screen's last button: the status bar
		}
		if !inView(scroll, o) {
			t.Fatalf("Tab %d: %T out of view (offset %v)", n, o, scroll.Offset)
		}
		moved = moved || scroll.Offset.Y > 0
	}
	if !moved {
		t.Error("the screen never scrolled: the test reached nothing below the fold")
	}
}

// holds reports whether o is c or lies inside it.
func holds(c, o fyne.CanvasObject) bool {
	if c == o {
		return true
	}
	if k, ok := c.(*fyne.Container); ok {
		for _, x := range k.Objects {
			if holds(x, o) {
				return true
			}
		}
	}
	return false
}
