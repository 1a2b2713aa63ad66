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
	ctx := context.Background()
	st, err := store.Open(ctx, *db, store.Options{})
	a := app.NewWithID(appID)
	w := a.NewWindow("Sổ Khuyến Học")
	var online *ui.Online
	if err != nil {
		ui.NewProblem(a, w, err)
	} else {
		// The uploader sends the outbox to the hub in the background, only
		// when a hub address is set (Đồng bộ → Máy chủ trung chuyển).
		online = ui.NewOnline(ui.OnlineConfig{Store: st, Units: units.Default(), Dir: filepath.Dir(*db)})
		ui.New(a, w, ui.Deps{Store: st, Units: units.Default(), DBPath: *db, Online: online, Screen: screenSize()})
		if err := online.Start(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "uploader:", err)
		}
	}
	w.ShowAndRun()
	online.Stop()
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
