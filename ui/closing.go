package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Closing the window never cuts work short without asking: typing not
// saved asks first (discard or go back); a save under way is waited for;
// an import, an export, a backup or an upload under way asks whether to
// wait for it or to stop it (stopped work rolls back cleanly; a bundle
// being sent is sent again next time). Only when nothing runs does the
// bridge close, and after it the window; cmd/khuyenhoc closes the store
// once the window's loop has ended.

// Quit closes the window (Ctrl+Q, the close button), asking first when
// something typed is not saved or work is under way.
func (u *UI) Quit() {
	if u.closing {
		return
	}
	if u.shell != nil && u.shell.dirty() && !u.shell.saving() {
		u.shell.env.ask(newDiscardQuestion(u.shell.env, u.quitWhenIdle, nil))
		return
	}
	u.quitWhenIdle()
}

// quitWhenIdle closes the window if no work runs, else asks or waits.
func (u *UI) quitWhenIdle() {
	names, stoppable := u.bg.running()
	sending := u.deps.Online.sending()
	switch {
	case len(names) == 0 && !sending:
		u.close()
	case !stoppable:
		u.waitThenQuit(T("Waiting…"), T("The window closes once %s is done.", strings.Join(names, ", ")), false)
	default:
		if sending {
			names = append(names, T("the upload to the hub"))
		}
		u.askWhileWorking(strings.Join(names, ", "))
	}
}

// askWhileWorking asks what to do with the work under way: wait for it
// (Enter), stop it, or go back (Esc).
func (u *UI) askWhileWorking(what string) {
	e := u.dialogEnv()
	l := widget.NewLabel(T("Still under way: %s. Wait for it to finish, or stop it? Stopped work is undone cleanly and nothing is lost; a bundle being sent is sent again next time.", what))
	l.Wrapping = fyne.TextWrapWord
	m := newModal(e.shortcuts(), "closing", T("Close the window?"), container.NewPadded(l))
	wait := m.button(T("Wait, then close"), widget.HighImportance, func() {
		u.waitThenQuit(T("Waiting…"), T("The window closes once %s is done.", what), true)
	})
	stop := m.button(T("Stop, then close"), widget.MediumImportance, func() { u.stopThenQuit() })
	back := m.button(T("Go back"), widget.MediumImportance, nil)
	m.setButtons(wait, back, back, stop, wait)
	m.fitText(l.Text)
	m.show()
}

// waitThenQuit shows that the window waits for the work under way, then
// asks to close again (a save that failed leaves typing to ask about);
// with canStop, a button stops the work instead.
func (u *UI) waitThenQuit(title, message string, canStop bool) {
	e := u.dialogEnv()
	bar := widget.NewProgressBarInfinite()
	l := widget.NewLabel(message)
	l.Wrapping = fyne.TextWrapWord
	m := newModal(e.shortcuts(), "waiting to close", title, container.NewVBox(l, bar))
	if canStop {
		stop := m.button(T("Stop now"), widget.MediumImportance, func() { u.stopThenQuit() })
		m.setButtons(stop, stop, stop)
	}
	m.fitText(message)
	if !m.show() {
		return
	}
	u.closing = true
	u.whenNothingRuns(func() {
		bar.Stop()
		m.hide()
		u.closing = false
		u.Quit()
	})
}

// stopThenQuit stops the work that can be stopped and the upload, then
// closes once what runs has ended.
func (u *UI) stopThenQuit() {
	u.bg.stopJobs()
	u.deps.Online.Stop()
	u.waitThenQuit(T("Stopping…"), T("The window closes once the work under way has stopped."), false)
}

// whenNothingRuns runs fn once neither a job nor an upload runs.
func (u *UI) whenNothingRuns(fn func()) {
	u.bg.whenIdle(func() { u.deps.Online.whenSent(fn) })
}

// dialogEnv is the env dialogs of the window use: the main window's, or
// one for the moment (the wizard).
func (u *UI) dialogEnv() *env {
	if u.shell != nil {
		return u.shell.env
	}
	return &env{win: u.win, keys: u.keys, bg: u.bg, log: u.log()}
}

// close keeps the window's size, closes the bridge (no work runs after
// it) and then the window.
func (u *UI) close() {
	u.closing = true
	s := u.win.Canvas().Size()
	if s.Width > 200 && s.Height > 200 {
		u.app.Preferences().SetFloat(prefWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(s.Height))
	}
	u.bg.Close(func() {
		u.closed = true
		u.win.Close()
	})
}

// Shutdown waits for the work of the bridge to end, whatever ended the
// window's loop: cmd/khuyenhoc calls it before it stops the uploader and
// closes the store.
func (u *UI) Shutdown() { u.bg.Shutdown() }
