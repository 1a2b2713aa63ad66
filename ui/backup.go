package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
)

// backupPart is the Backup section of the Settings screen: where the daily
// copies are and the latest of them, a copy made now, a restore from a
// copy, and where the log is.
type backupPart struct {
	u       *UI
	env     *env
	latest  *widget.Label
	backup  *keyButton
	restore *keyButton
	obj     fyne.CanvasObject
}

func newBackupPart(u *UI, e *env) *backupPart {
	p := &backupPart{u: u, env: e, latest: widget.NewLabel("")}
	dir := store.BackupDir(u.deps.DBPath)
	where := widget.NewLabel(T("Each day the app is closed, it keeps a copy of the database (the last %d days) in:", store.DefaultKeep))
	where.Wrapping = fyne.TextWrapWord
	folder := widget.NewLabel(dir)
	folder.Wrapping = fyne.TextWrapBreak
	stick := widget.NewLabel(T("Now and then, copy one of these files to a USB stick and keep it somewhere safe: a copy holds every record and this unit's secret keys."))
	stick.Wrapping = fyne.TextWrapWord
	stick.Importance = widget.WarningImportance
	p.backup = newButton(e.keys, T("Back up now…"), theme.DocumentSaveIcon(), p.askBackup)
	p.restore = newButton(e.keys, T("Restore from a copy…"), theme.HistoryIcon(), func() {
		e.openFile([]string{".db"}, p.askRestore)
	})
	open := newButton(e.keys, T("Open the backups folder"), theme.FolderOpenIcon(), func() { p.openFolder(dir) })
	logDir := widget.NewLabel(u.deps.LogDir)
	logDir.Wrapping = fyne.TextWrapBreak
	openLog := newButton(e.keys, T("Open the log folder"), theme.FolderOpenIcon(), func() { p.openFolder(u.deps.LogDir) })
	logNote := widget.NewLabel(T("The log records what the app did and every error in full, without any person's data: send it with a report of a problem."))
	logNote.Wrapping = fyne.TextWrapWord
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("Copies")), container.NewVBox(where, folder, p.latest, stick,
			container.NewHBox(p.backup, p.restore, open)),
		widget.NewLabel(T("Log")), container.NewVBox(logDir, logNote, container.NewHBox(openLog)))
	p.obj = section(T("Backup"), grid)
	p.showLatest()
	return p
}

// showLatest names the newest daily copy.
func (p *backupPart) showLatest() {
	files, err := store.Backups(store.BackupDir(p.u.deps.DBPath))
	switch {
	case err != nil:
		p.latest.SetText(p.env.explain(err))
	case len(files) == 0 || !files[0].Daily:
		p.latest.SetText(T("No copy yet: the first is made when the app is closed."))
	default:
		p.latest.SetText(T("Latest copy: %s (%s)", filepath.Base(files[0].Path), files[0].Modified.Format("02/01/2006 15:04")))
	}
}

// openFolder shows a folder in the system's file manager.
func (p *backupPart) openFolder(dir string) {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if l := storage.NewFileURI(dir); l != nil {
		if parsed, err := url.Parse(l.String()); err == nil {
			u = parsed
		}
	}
	if err := p.u.app.OpenURL(u); err != nil {
		p.u.log().Error("open folder", "dir", dir, "err", err)
		p.env.fail(err)
	}
}

// askBackup asks where to write a copy, suggesting a dated name.
func (p *backupPart) askBackup() {
	name := fmt.Sprintf("sao-luu-%s-%s.db", unitCode(p.env.sess.Unit), p.env.now().Format("2006-01-02"))
	p.env.saveFile(name, p.Backup)
}

// Backup writes a checked copy of the database to path.
func (p *backupPart) Backup(path string) {
	var info store.BackupInfo
	var err error
	st := p.u.deps.Store
	p.busy(true, T("Backing up…"))
	p.env.bg.Job(T("the backup"), true, func(ctx context.Context) {
		removeEmpty(path) // the save dialog made it; the copy is written beside it, then renamed
		info, err = st.WriteBackup(ctx, path)
	}, func() {
		p.busy(false, "")
		if err != nil {
			p.u.log().Info("backup failed", "file", filepath.Base(path))
			p.env.fail(err)
			return
		}
		p.u.log().Info("backup", "file", filepath.Base(path), "bytes", info.Bytes)
		p.env.status.Say(T("Backup written to %s", path))
	})
}

// askRestore checks the copy at path and, when it is a copy of this unit,
// asks before putting it in place.
func (p *backupPart) askRestore(path string) { p.u.askRestore(p.env, path, p.env.sess) }

// askRestore checks the copy at path and asks before putting it in place;
// with a session (the main window) a copy of another unit is refused, in
// the wizard (nothing set up yet: a new PC) any unit's copy is taken.
func (u *UI) askRestore(e *env, path string, sess session) {
	var info store.BackupInfo
	var err error
	u.bg.Go(func() { info, err = store.CheckBackup(u.ctx, path) }, func() {
		if err == nil && sess.Unit != "" && info.Unit != sess.Unit {
			u.log().Info("restore refused", "file", filepath.Base(path), "copy of", info.Unit, "unit", sess.Unit)
			e.info(T("This copy cannot be restored"), T("This copy is of %s, not of %s.", info.Name, sess.Name))
			return
		}
		if err != nil {
			u.log().Info("restore refused", "file", filepath.Base(path))
			e.failAs(T("This copy cannot be restored"), err)
			return
		}
		e.confirm(T("Restore"), T("Restore the copy of %s saved on %s? What was typed or imported after it will no longer be in the database; the database in use now is kept in the backups folder.",
			info.Name, fileTime(path)), T("Restore"), func() { u.restore(e, path) })
	})
}

// fileTime is when the file at path was last written, as people read it.
func fileTime(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return fi.ModTime().Format("02/01/2006 15:04")
}

// restoreButton starts the set-up from a copy instead (a new PC); the
// wizard shows it.
func (u *UI) restoreButton() *keyButton {
	return newButton(u.keys, T("Restore from a copy…"), theme.HistoryIcon(), func() {
		e := &env{win: u.win, bg: u.bg, keys: u.keys, ctx: u.ctx, now: u.deps.Now, log: u.log()}
		e.openFile([]string{".db"}, func(path string) { u.askRestore(e, path, session{}) })
	})
}

// restore puts the copy at path in place of the database and opens the
// main window again on it. A progress dialog covers the window meanwhile,
// and the bridge holds every other work back: nothing touches the store
// while it is closed.
func (u *UI) restore(e *env, path string) {
	wait := widget.NewProgressBarInfinite()
	d := newModal(u.keys, "restoring", T("Restoring…"), wait) // no key stops it
	d.show()
	u.deps.Online.Stop()
	var st *store.Store
	var res store.Restored
	var err error
	u.bg.Hold(T("the restore"), func() { // nothing else touches the store from here until the window is built again
		u.deps.Store.Close()
		st, res, err = store.Restore(u.ctx, u.deps.DBPath, path, store.BackupDir(u.deps.DBPath), store.Options{Now: u.deps.Now})
		if err != nil { // the database was put back: open it again
			var rerr error
			st, rerr = store.Open(u.ctx, u.deps.DBPath, store.Options{Now: u.deps.Now})
			if rerr != nil {
				err = fmt.Errorf("%w; %w", err, rerr)
			}
		}
	}, func() {
		wait.Stop()
		d.hide()
		u.restored(st, path, res, err)
	})
}

// restored takes the store the restore left open and builds the window on
// it again, saying what happened.
func (u *UI) restored(st *store.Store, path string, res store.Restored, err error) {
	if st == nil {
		u.log().Error("restore", "file", filepath.Base(path), "err", err)
		u.showProblem(err)
		return
	}
	u.deps.Store = st
	next := &Online{cfg: u.deps.Online.cfg, live: u.deps.Online.live, newLoop: u.deps.Online.newLoop}
	next.cfg.Store = st
	u.deps.Online = next
	if serr := next.Start(u.ctx); serr != nil {
		u.log().Error("uploader", "err", serr)
	}
	at := -1
	if u.shell != nil {
		at = u.shell.current
	}
	u.start()
	e := &env{win: u.win, keys: u.keys}
	if u.shell != nil {
		if at >= 0 {
			u.shell.open(at)
		}
		e = u.shell.env
	}
	if err != nil {
		u.log().Info("restore failed", "file", filepath.Base(path))
		e.failAs(T("This copy cannot be restored"), err)
		return
	}
	u.log().Info("restore", "file", filepath.Base(path), "unit", res.From.Unit, "schema", res.From.Schema, "carried", res.Carried,
		"aside", filepath.Base(res.Aside))
	e.info(T("Restore"), T("Restored from %s. The database it replaced is kept at %s", path, res.Aside))
}

func (p *backupPart) busy(on bool, say string) {
	for _, b := range []*keyButton{p.backup, p.restore} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	p.env.status.Say(say)
}

// removeEmpty removes the file at path if it is empty.
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// Current returns the store and the uploader in use: a restore replaces
// both, and cmd/khuyenhoc closes the current ones.
func (u *UI) Current() (*store.Store, *Online) { return u.deps.Store, u.deps.Online }

// DailyBackup writes the automatic copy of the day beside the database, if
// none was made today, keeping the newest store.DefaultKeep; cmd/khuyenhoc
// calls it after the window has closed and Shutdown has ended the window's
// work (and cancelled its context: ctx is the program's).
func (u *UI) DailyBackup(ctx context.Context) {
	if u.deps.Store == nil {
		return
	}
	t0 := time.Now()
	p, err := u.deps.Store.DailyBackup(ctx, store.BackupDir(u.deps.DBPath), store.DefaultKeep)
	switch {
	case err != nil:
		u.log().Error("daily backup", "err", err)
	case p != "":
		u.log().Info("daily backup", "file", filepath.Base(p), "ms", time.Since(t0).Milliseconds())
	}
}
