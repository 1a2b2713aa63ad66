package ui

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/msg/msgtest"
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
func TestErrorKindsLinked_HaveSentences(t *testing.T) {
	for _, k := range msg.Keys() {
		for _, l := range msg.Languages {
			if msg.Catalog(l)[k] == "" {
				t.Errorf("%s has no sentence in %s: add it to assets/i18n/errors/%s.json", k, l, l)
			}
		}
	}
}

// Every error the windows show goes through explain, which logs it; only
// reasonText (reasons logged when they arose, complaints about typing)
// words an error otherwise. No other function asks data/msg for an error's
// sentence.
func TestReporting_OnlyExplainSaysErrors(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name == "explain" || fn.Name.Name == "reasonText" || fn.Name.Name == "fieldText" {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "msg" && (sel.Sel.Name == "Err" || sel.Sel.Name == "Sentence") {
						t.Errorf("%s: %s calls msg.%s: show errors through explain, which logs them", fset.Position(sel.Pos()), fn.Name.Name, sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
}
