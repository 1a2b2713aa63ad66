package ui

import (
	"context"
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
	Rule     data.PassRule
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
}

// year is the current calendar year.
func (e *env) year() int { return e.now().Year() }

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
