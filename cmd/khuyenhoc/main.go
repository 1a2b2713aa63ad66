// Command khuyenhoc is the desktop app of Sổ Khuyến Học. With no database
// set up it opens the set-up wizard; afterwards the main window. --db PATH
// opens another database (default: khuyenhoc.db in the user's configuration
// folder, shared with khuyenhoc-cli).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/app"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/ui"
)

const appID = "vn.khuyenhoc.sokhuyenhoc"

func main() {
	db := flag.String("db", defaultDB(), "database file")
	flag.Parse()
	if err := os.MkdirAll(filepath.Dir(*db), 0o700); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	st, err := store.Open(context.Background(), *db, store.Options{})
	a := app.NewWithID(appID)
	w := a.NewWindow("Sổ Khuyến Học")
	if err != nil {
		ui.NewProblem(a, w, err)
	} else {
		ui.New(a, w, ui.Deps{Store: st, Units: units.Default(), DBPath: *db})
	}
	w.ShowAndRun()
	if st != nil {
		st.Close()
	}
}

// defaultDB is khuyenhoc.db in the user's configuration folder, the same
// file khuyenhoc-cli opens.
func defaultDB() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "khuyenhoc", "khuyenhoc.db")
}
