package ui

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"

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
	win     fyne.Window
	bg      *bridge
	keys    *shortcuts
	telex   *telexState
	reg     *units.Registry
	sess    session
	now     func() time.Time
	ctx     context.Context
	status  *statusBar
	ex      *exchange.Config // export and import: outbox/ and held/ next to the database
	online  *Online          // the background uploader
	log     *slog.Logger     // the log file: every error shown is written there in full
	lastDir string           // the folder a file dialog was last used in
	ahead   *typeAhead       // keeps the keys typed while a change is written (the main window's)
	writes  int              // changes being written (writing.go)
}

// year is the current calendar year.
func (e *env) year() int { return e.now().Year() }

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
