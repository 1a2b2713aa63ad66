package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/upload"
)

// onlineView is the Sync screen's part about the hub: the uploader's
// state, the hub's address, "send now" and, for districts and provinces,
// "receive from the hub".
type onlineView struct {
	env     *env
	on      *Online
	state   *widget.Label
	detail  *widget.Label
	problem *widget.Label
	url     *textEntry
	urlErr  *widget.Label
	send    *keyButton
	pull    *keyButton
	pulled  func(title string, outs []exchange.Outcome) // shows a pull's outcomes
	// approved runs when notices of approval from the level above were
	// recorded (the uploader's rounds, a pull): the periods are read again.
	approved  func()
	approvals int // the uploader's Status.Approvals last shown; -1 before the first
	obj       fyne.CanvasObject
}

func newOnlineView(e *env, pulled func(string, []exchange.Outcome)) *onlineView {
	v := &onlineView{env: e, on: e.online, state: widget.NewLabel(""), detail: widget.NewLabel(""),
		problem: widget.NewLabel(""), url: newTextEntry(e.keys), urlErr: widget.NewLabel(""), pulled: pulled, approvals: -1}
	v.state.TextStyle.Bold = true
	v.problem.Importance = widget.DangerImportance
	v.problem.Wrapping = fyne.TextWrapWord
	v.urlErr.Importance = widget.DangerImportance
	v.urlErr.Hide()
	v.url.SetPlaceHolder("https://may-chu.example.vn")
	v.url.OnSubmitted = func(string) { v.saveURL() }
	save := newButton(e.keys, T("Save the address"), nil, v.saveURL)
	v.send = newButton(e.keys, T("Send now"), theme.MailSendIcon(), v.sendNow)
	buttons := container.NewHBox(v.send)
	if e.sess.Level != "commune" {
		v.pull = newButton(e.keys, T("Receive from the hub"), theme.DownloadIcon(), v.Pull)
		buttons.Add(v.pull)
	}
	addr := container.NewBorder(nil, nil, widget.NewLabel(T("Hub address")), save, v.url)
	note := widget.NewLabel(T("When the hub can be reached, the bundles made are sent in the background; typing is never held up."))
	note.Wrapping = fyne.TextWrapWord
	v.obj = container.NewVBox(note, addr, v.urlErr, v.state, v.detail, v.problem, buttons)
	v.on.attach(e.bg, v.show)
	return v
}

// load reads the hub's address.
func (v *onlineView) load() {
	s, err := upload.LoadSettings(v.env.ctx, v.on.cfg.Store)
	if err != nil {
		v.env.fail(err)
		return
	}
	v.url.SetText(s.URL)
}

// show draws the uploader's state (on the UI goroutine).
func (v *onlineView) show(st onlineState) {
	if v.approvals >= 0 && st.Approvals > v.approvals {
		v.gotApprovals()
	}
	v.approvals = st.Approvals
	v.state.SetText(onlineTitle(st))
	v.state.Importance = widget.MediumImportance
	switch {
	case st.Running && st.Seen && st.Online:
		v.state.Importance = widget.SuccessImportance
	case st.Running && st.Seen:
		v.state.Importance = widget.WarningImportance
	}
	v.state.Refresh()
	v.detail.SetText(onlineDetail(st))
	v.detail.Hidden = v.detail.Text == ""
	v.problem.SetText("")
	if st.Running && st.LastError != nil {
		v.problem.SetText(T("Error: %s", uploaderErrText(st.LastError)))
	}
	v.problem.Hidden = v.problem.Text == ""
	v.detail.Refresh()
	v.problem.Refresh()
}

// gotApprovals says that notices of approval came from the hub and has
// the periods read again.
func (v *onlineView) gotApprovals() {
	v.env.status.Say(T("A notice from the level above came from the hub: see Reporting periods"))
	if v.approved != nil {
		v.approved()
	}
}

func onlineTitle(st onlineState) string {
	switch {
	case !st.Running:
		return T("No hub address: bundles travel on a USB stick")
	case !st.Seen:
		return T("Connecting to the hub…")
	case st.Busy && st.Online:
		return T("Online · sending…")
	case st.Online:
		return T("Online")
	}
	return T("Offline")
}

func onlineDetail(st onlineState) string {
	if !st.Running || !st.Seen {
		return ""
	}
	last := T("never")
	if !st.LastSuccess.IsZero() {
		last = st.LastSuccess.Local().Format("02/01/2006 15:04")
	}
	s := T("Bundles waiting: %d · last sent in full: %s", st.Pending, last)
	if !st.Busy && !st.NextTry.IsZero() {
		s += " · " + T("next try at %s", st.NextTry.Local().Format("15:04"))
	}
	return s
}

// uploaderErrText is why the background uploader's last round failed:
// the uploader logs each new reason as it arises (ui/applog.go).
func uploaderErrText(err error) string { return reasonText(err) }

func (v *onlineView) saveURL() {
	url := strings.TrimSpace(v.url.Text)
	if url != "" && !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		v.urlErr.SetText(T("The address starts with http:// or https://"))
		v.urlErr.Show()
		return
	}
	v.urlErr.Hide()
	v.env.write([]fyne.Disableable{v.url}, func(ctx context.Context) error { return v.on.setURL(ctx, url) }, func(err error) {
		switch {
		case err != nil:
			v.env.fail(err)
		case url == "":
			v.env.status.Say(T("Hub address removed"))
		default:
			v.env.status.Say(T("Hub address saved: %s", url))
		}
	})
}

// sendNow bundles the changes not sent yet, then asks the uploader to send.
func (v *onlineView) sendNow() {
	if !v.on.running() {
		v.env.info(T("Send now"), T("Type the hub's address first, or export onto a USB stick."))
		return
	}
	var made []store.OutBundle
	var err error
	v.send.Disable()
	v.env.bg.Job(T("making bundles"), true, func(ctx context.Context) { made, err = exchange.Make(ctx, v.env.ex) }, func() {
		v.send.Enable()
		if err != nil && !errors.Is(err, exchange.ErrNothing) {
			v.env.fail(err)
			return
		}
		v.on.Kick()
		v.env.status.Say(T("%d new bundle(s) made; sending to the hub…", len(made)))
	})
}

// Pull fetches the bundles the hub holds for this unit and imports them.
func (v *onlineView) Pull() {
	var rep upload.PullReport
	var err error
	v.pull.Disable()
	v.env.status.Say(T("Receiving from the hub…"))
	inbox := exchange.FoldersIn(v.on.cfg.Dir).Inbox
	v.env.bg.Job(T("receiving from the hub"), true, func(ctx context.Context) {
		var c *upload.Client
		if c, err = v.on.connect(ctx); err == nil {
			rep, err = upload.Pull(ctx, v.env.ex, c, upload.PullOptions{Inbox: inbox, Import: true, Now: v.env.now})
		}
	}, func() {
		v.pull.Enable()
		v.env.status.Say("")
		switch {
		case errors.Is(err, upload.ErrNoHub):
			v.env.info(T("Receive from the hub"), T("Type the hub's address first, then save it."))
			return
		case err != nil && rep.Listed == 0:
			v.env.failAs(T("Nothing was received"), err)
			return
		}
		v.pulled(T("From the hub: %d bundle(s) for this unit, %d here already, %d downloaded",
			rep.Listed, rep.Known, len(rep.Files)), rep.Outcomes)
		if rep.Notices.New > 0 {
			v.gotApprovals()
		}
		if err != nil {
			v.env.failAs(T("Some bundles were not downloaded"), err)
		}
	})
}
