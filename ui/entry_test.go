package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A burst of backspaces and new letters, the way Unikey and EVKey rewrite
// a word, must leave exactly the intended text.
func TestTextEntry_BackspaceBurstsEditExactly(t *testing.T) {
	test.NewTempApp(t)
	e := newTextEntry(&shortcuts{})
	w := test.NewWindow(e)
	defer w.Close()
	w.Canvas().Focus(e)
	steps := []struct {
		typed string
		back  int
	}{
		{"Tra", 0}, {"â", 1}, {"n", 0}, {"ần", 2}, {" Thi", 0}, {"ị", 1}, {" Hoa", 0},
		{"à", 1}, {"x", 0}, {"", 1},
	}
	for _, s := range steps {
		for range s.back {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
		test.Type(e, s.typed)
	}
	if got, want := e.Text, "Trần Thị Hoà"; got != want {
		t.Errorf("got %q (% x), want %q", got, []byte(got), want)
	}
}

func TestTelex_ComposesVietnamese(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyeenx":  "Nguyễn",
		"Hoaf":      "Hòa",
		"truwowngf": "trường",
		"ddaof":     "đào",
		"Vieejt":    "Việt",
		"quas":      "quá",
		"gif":       "gì",
		"tass":      "tas",
		"hoafz":     "hoa",
		"DDoongf":   "Đồng",
		"khoong":    "không",
	} {
		test.NewTempApp(t)
		e := newTextEntry(&shortcuts{})
		e.telex = &telexState{enabled: true}
		test.Type(e, in)
		if e.Text != want {
			t.Errorf("%s: got %q, want %q", in, e.Text, want)
		}
	}
}

func TestTelex_OffTypesAsIs(t *testing.T) {
	test.NewTempApp(t)
	e := newTextEntry(&shortcuts{})
	e.telex = &telexState{}
	test.Type(e, "Nguyeenx")
	if e.Text != "Nguyeenx" {
		t.Errorf("got %q", e.Text)
	}
}

func TestTelex_WholeSentenceInAForm(t *testing.T) {
	u, _, _ := startCommune(t)
	u.telex.enabled = true
	s := openScreen(t, u, "Công dân học tập").(*citizensScreen)
	e := s.form.byCol["full_name"].obj.(*textEntry)
	test.Type(e, "Ddaof Thij Mai")
	if e.Text != "Đào Thị Mai" {
		t.Errorf("got %q", e.Text)
	}
}
