package ui

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/msg/msgtest"
	"sokhuyenhoc/data/msg/saidtest"
	"sokhuyenhoc/data/units"
)

// Each class of the system's and the network's errors reads, in the
// window, as its exact sentence (Vietnamese, and English after the switch),
// and the log holds the error in full.
func TestReporting_SystemErrors(t *testing.T) {
	st := openStore(t)
	initStore(t, st, units.Commune, testCommune)
	var logb bytes.Buffer
	w := test.NewWindow(nil)
	u := New(test.NewTempApp(t), w, Deps{Store: st, Units: units.Default(), DBPath: st.Path(), Now: testNow, Sync: true,
		Log: slog.New(slog.NewTextHandler(&logb, nil))})
	t.Cleanup(func() { w.Close() })
	defer SetLanguage("vi")
	for _, lang := range []string{"vi", "en"} {
		if err := SetLanguage(lang); err != nil {
			t.Fatal(err)
		}
		for _, tc := range msgtest.OSErrors(t) {
			logb.Reset()
			u.shell.env.fail(fmt.Errorf("export: %w", tc.Err))
			want := map[string]string{"vi": tc.Vi, "en": tc.En}[lang]
			want = capital(want)
			if got := dialogText(w); got != want {
				t.Errorf("%s (%s): the window says %q\nwant %q", tc.Name, lang, got, want)
			}
			if !strings.Contains(logb.String(), `msg="error shown" err="export: `) {
				t.Errorf("%s: the log lacks the error in full: %s", tc.Name, logb.String())
			}
			for _, o := range w.Canvas().Overlays().List() {
				w.Canvas().Overlays().Remove(o)
			}
			u.keys.dialogs = nil
		}
	}
}

// dialogText is the message of the dialog in front: its wrapped label
// (the title is not wrapped).
func dialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	msg := ""
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Wrapping == fyne.TextWrapWord {
			msg = l.Text
		}
	}
	return msg
}

// Every kind of error the desktop app links has its sentences.
func TestErrorKindsLinked_HaveSentences(t *testing.T) { saidtest.SentencesLinked(t) }

// Every error the windows show goes through explain, which logs it; only
// reasonText and fieldText (reasons logged when they arose, complaints
// about typing) word an error otherwise. No other function asks data/msg
// for an error's sentence.
func TestReporting_OnlyExplainSaysErrors(t *testing.T) {
	saidtest.OnlyTheseSayErrors(t, "explain", "reasonText", "fieldText")
}
