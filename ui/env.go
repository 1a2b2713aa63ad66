package ui

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// session is what the main window knows about this installation.
type session struct {
	Unit     string // "list:code"
	Level    string
	Name     string
	Operator string
	Criteria *data.Catalog // the criteria sets known here and the one in use per model
}

// env is what every screen of the main window shares: the window, the
// bridge to background work, the shortcuts and the status bar.
type env struct {
	win    fyne.Window
	bg     *bridge
	keys   *shortcuts
	telex  *telexState
	reg    *units.Registry
	sess   session
	now    func() time.Time
	ctx    context.Context
	status *statusBar
	ex     *exchange.Config // export and import: outbox/ and held/ next to the database
	online *Online          // the background uploader
	log    *slog.Logger     // the log file: every error shown is written there in full
}

// year is the current calendar year.
func (e *env) year() int { return e.now().Year() }

// confirm asks a yes/no question; yes runs only on the first button.
func (e *env) confirm(title, message, yesLabel string, yes func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			yes()
		}
	}, e.win)
	d.SetConfirmText(yesLabel)
	d.SetDismissText(T("Go back"))
	d.Show()
}

// fail shows an error as a plain sentence.
func (e *env) fail(err error) {
	if err == nil {
		return
	}
	e.event("error shown", err)
	dialog.ShowInformation(T("Something went wrong"), errText(err), e.win)
}

// info shows a message.
func (e *env) info(title, message string) {
	dialog.ShowInformation(title, message, e.win)
}

// openFile asks for a file with one of exts (".csv") and passes its path.
func (e *env) openFile(exts []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			e.fail(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	e.startIn(d)
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// saveFile asks where to write a file, suggesting name, and passes the path.
func (e *env) saveFile(name string, fn func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			e.fail(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) == "" {
			os.Remove(path)
			path += filepath.Ext(name)
		}
		fn(path)
	}, e.win)
	d.SetFileName(name)
	e.startIn(d)
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// startIn opens file dialogs in the Documents folder when there is one.
func (e *env) startIn(d *dialog.FileDialog) {
	home, err := os.UserHomeDir()
	if err != nil {
		return
	}
	for _, dir := range []string{filepath.Join(home, "Documents"), home} {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
				return
			}
		}
	}
}

// fileName makes a safe file name from words: "cong-dan-2026.xlsx".
func fileName(base string, year int, ext string) string {
	s := strings.ReplaceAll(base, " ", "-")
	if year > 0 {
		s += "-" + itoa(year)
	}
	return s + ext
}

// searchDelay is how long typing must pause before a search runs.
const searchDelay = 250 * time.Millisecond

// newDiscardQuestion asks whether to drop unsaved typing: proceed runs on
// "discard", stay (may be nil) on "go back".
func newDiscardQuestion(e *env, proceed, stay func()) dialog.Dialog {
	d := dialog.NewConfirm(T("Unsaved changes"),
		T("You have typed changes that are not saved. Discard them?"), func(ok bool) {
			switch {
			case ok && proceed != nil:
				proceed()
			case !ok && stay != nil:
				stay()
			}
		}, e.win)
	d.SetConfirmText(T("Discard changes"))
	d.SetDismissText(T("Go back"))
	return d
}
