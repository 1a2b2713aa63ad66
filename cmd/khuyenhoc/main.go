// Command khuyenhoc is the desktop app of Sổ Khuyến Học. With no database
// set up it opens the set-up wizard; afterwards the main window. --db PATH
// opens another database (default: khuyenhoc.db in the user's configuration
// folder, shared with khuyenhoc-cli). A file given after the flags — a
// bundle (.khb) or a key file (.khkey), as Windows passes one that is
// double-clicked — is opened on the Sync screen.
//
// Beside the database it keeps logs/khuyenhoc.log (data/applog) and, each
// day the window is closed, a copy of the database in backups/.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"fyne.io/fyne/v2/app"

	"sokhuyenhoc/data/applog"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/ui"
)

const appID = "vn.khuyenhoc.sokhuyenhoc"

// version is the release, set by make dist (-X main.version=…).
var version = "dev"

func main() {
	db := flag.String("db", defaultDB(), "database file")
	flag.Parse()
	if err := os.MkdirAll(filepath.Dir(*db), 0o700); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	lg, err := applog.Open(applog.Dir(*db), "khuyenhoc")
	if err != nil {
		fmt.Fprintln(os.Stderr, "log:", err) // the app runs without one
		lg = &applog.Log{Logger: applog.Discard()}
	}
	log.SetFlags(0)
	log.SetOutput(applog.LineWriter(lg.Logger, "fyne")) // Fyne reports OpenGL and window errors there
	defer logPanic(lg)
	lg.Info("start", "version", version, "os", runtime.GOOS+"/"+runtime.GOARCH, "db", filepath.Base(*db),
		"open", filepath.Ext(flag.Arg(0)), "pid", os.Getpid())
	ctx := context.Background()
	st, err := store.Open(ctx, *db, store.Options{})
	if err == nil {
		for _, note := range st.MigrationNotes() { // what an upgrade changed, for the log
			fmt.Fprintln(os.Stderr, note)
		}
		unlockFromEnv(ctx, st, lg.Logger)                                  // unlock.go
		exchange.CleanOutbox(exchange.FoldersIn(filepath.Dir(*db)).Outbox) // what a killed export left
	}
	a := app.NewWithID(appID)
	w := a.NewWindow("Sổ Khuyến Học")
	var online *ui.Online
	var u *ui.UI
	if err != nil {
		lg.Error("open database", "err", err)
		ui.NewProblem(a, w, err)
	} else {
		// The uploader sends the outbox to the hub in the background, only
		// when a hub address is set (Đồng bộ → Máy chủ trung chuyển).
		online = ui.NewOnline(ui.OnlineConfig{Store: st, Units: units.Default(), Dir: filepath.Dir(*db), Log: lg.Logger})
		u = ui.New(a, w, ui.Deps{Store: st, Units: units.Default(), DBPath: *db, Online: online,
			Log: lg.Logger, LogDir: applog.Dir(*db), Open: flag.Arg(0), Screen: screenSize()})
		if err := online.Start(ctx); err != nil {
			lg.Error("uploader", "err", err)
		}
	}
	w.ShowAndRun()
	if u != nil {
		u.Shutdown()             // the window's work has ended: nothing of it touches the store after this
		st, online = u.Current() // a restore replaces both
		online.Stop()
		u.DailyBackup(ctx)
		st.Close()
	}
	lg.Info("stop")
	lg.Close()
}

// logPanic writes a panic to the log before the program dies of it: on
// Windows the window program has no console, and a missing OpenGL driver
// ends it before any window shows.
func logPanic(lg *applog.Log) {
	if r := recover(); r != nil {
		lg.Error("panic", "value", fmt.Sprint(r), "stack", string(debug.Stack()))
		lg.Close()
		panic(r)
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
