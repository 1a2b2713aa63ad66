package ui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// The passphrase of the unit's keys (sync/setup, atrest.go): asked once
// when the app starts, before the main window; set in the wizard; set for
// the first time (an earlier version's clear keys) or changed from the
// Personal data screen.

// unlockPage asks for the passphrase that opens the keys.
type unlockPage struct {
	u       *UI
	in      store.Installation
	pass    *widget.Entry
	problem *widget.Label
	open    *widget.Button
	obj     fyne.CanvasObject
}

// needsUnlock reports keys sealed and not yet opened by this program.
func (u *UI) needsUnlock() bool {
	s, err := setup.State(u.ctx, u.deps.Store)
	return err == nil && s == setup.Locked
}

func (u *UI) showUnlock(in store.Installation) {
	p := &unlockPage{u: u, in: in, pass: widget.NewPasswordEntry(), problem: widget.NewLabel("")}
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.pass.SetPlaceHolder(T("Passphrase"))
	p.pass.OnSubmitted = func(string) { p.Open() }
	p.open = widget.NewButtonWithIcon(T("Open"), theme.LoginIcon(), p.Open)
	p.open.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(in.Name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	say := widget.NewLabel(T("This unit's secret keys are protected by a passphrase. Type it to open the app."))
	say.Wrapping = fyne.TextWrapWord
	say.Alignment = fyne.TextAlignCenter
	forgot := widget.NewLabel(T("A forgotten passphrase cannot be recovered: only a key backup brings the keys back, onto a new installation."))
	forgot.Wrapping = fyne.TextWrapWord
	forgot.Alignment = fyne.TextAlignCenter
	entry := container.NewHBox(layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(420, p.pass.MinSize().Height), p.pass),
		layout.NewSpacer())
	box := container.NewVBox(title, say, entry,
		p.problem, container.NewHBox(layout.NewSpacer(), p.open, layout.NewSpacer()), forgot)
	p.obj = container.NewPadded(container.NewVBox(layout.NewSpacer(),
		container.NewHBox(layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height), box), layout.NewSpacer()),
		layout.NewSpacer()))
	u.keys.target, u.shell = nil, nil
	u.win.SetTitle(T("Sổ Khuyến Học – %s", in.Name))
	u.win.SetContent(p.obj)
	u.win.Canvas().Focus(p.pass)
	u.unlock = p
}

// Open tries the passphrase typed, off the UI goroutine (scrypt takes a
// second on an old PC), the page disabled meanwhile.
func (p *unlockPage) Open() {
	pass := []byte(p.pass.Text)
	var err error
	p.pass.Disable()
	p.open.Disable()
	p.u.bg.Go(func() { err = setup.Unlock(p.u.ctx, p.u.deps.Store, pass) }, func() {
		p.pass.Enable()
		p.open.Enable()
		if err != nil {
			if errors.Is(err, keys.ErrPassphrase) {
				p.u.explain(err) // logged; the page says it in its own words
				p.problem.SetText(T("Wrong passphrase. Type it again, minding capitals and Vietnamese letters."))
			} else {
				p.problem.SetText(capital(p.u.explain(err)))
			}
			p.pass.SetText("")
			p.u.win.Canvas().Focus(p.pass)
			return
		}
		p.u.unlock = nil
		p.u.showMain(p.in)
		p.u.openGiven(p.u.deps.Open)
	})
}

// newPassphraseFields are two password entries (typed twice) with what a
// forgotten passphrase means.
type passphraseFields struct {
	pass, again *widget.Entry
	note        *widget.Label
}

func newPassphraseFields() *passphraseFields {
	f := &passphraseFields{pass: widget.NewPasswordEntry(), again: widget.NewPasswordEntry(),
		note: widget.NewLabel(T("At least 8 characters. It protects this unit's secret keys: the app asks for it each time it starts. A forgotten passphrase cannot be recovered: only a key backup (Personal data, Keys) brings the keys back."))}
	f.pass.SetPlaceHolder(T("Passphrase"))
	f.again.SetPlaceHolder(T("The same passphrase again"))
	f.note.Wrapping = fyne.TextWrapWord
	return f
}

// object lays the fields out.
func (f *passphraseFields) object() fyne.CanvasObject {
	return container.NewVBox(container.NewGridWithColumns(2, f.pass, f.again), f.note)
}

// value returns the passphrase typed, or what is wrong with it.
func (f *passphraseFields) value() ([]byte, error) {
	if f.pass.Text != f.again.Text {
		return nil, ErrPassphrasesDiffer
	}
	p := []byte(f.pass.Text)
	return p, keys.CheckPassphrase(p)
}

// ErrPassphrasesDiffer reports two different passphrases typed.
var ErrPassphrasesDiffer = errors.New("ui: the two passphrases differ")

// askNewPassphrase asks for a new passphrase for the keys and seals them
// with it (the first time for an earlier version's clear keys).
func (e *env) askNewPassphrase(done func()) {
	f := newPassphraseFields()
	d := dialog.NewCustomConfirm(T("Passphrase of the unit's keys"), T("Set the passphrase"), T("Go back"),
		container.NewGridWrap(fyne.NewSize(560, f.object().MinSize().Height+40), f.object()), func(ok bool) {
			if !ok {
				return
			}
			p, err := f.value()
			if err != nil {
				e.fail(err)
				return
			}
			e.write(nil, func(ctx context.Context) error { return setup.SetPassphrase(ctx, e.ex.Store, p, 0) }, func(err error) {
				if err != nil {
					e.fail(err)
					return
				}
				e.info(T("Passphrase of the unit's keys"), T("The secret keys are now protected by the passphrase. The app asks for it each time it starts."))
				if done != nil {
					done()
				}
			})
		}, e.win)
	d.Show()
	e.win.Canvas().Focus(f.pass)
}

// askKeyBackup writes the keys to a file protected by a passphrase of its
// own (keys.SealBackup): stock age -d opens it; keys restore reads it.
func (e *env) askKeyBackup() {
	f := newPassphraseFields()
	f.note.SetText(T("A passphrase for the backup file only: keep it apart from the file. The backup brings the keys back if this PC or its passphrase is lost; whoever holds both can sign and read this unit's bundles."))
	d := dialog.NewCustomConfirm(T("Back up the keys"), T("Choose the file…"), T("Go back"),
		container.NewGridWrap(fyne.NewSize(560, f.object().MinSize().Height+40), f.object()), func(ok bool) {
			if !ok {
				return
			}
			pass, err := f.value()
			if err != nil {
				e.fail(err)
				return
			}
			e.saveFile("khoa-bi-mat-"+unitCode(e.sess.Unit)+".age", func(path string) {
				var err error
				e.bg.Job(T("the key backup"), false, func(context.Context) { err = e.writeKeyBackup(path, pass) }, func() {
					if err != nil {
						e.fail(err)
						return
					}
					e.info(T("Back up the keys"), T("The keys were written to %s, protected by the backup's passphrase. Keep the file offline, apart from the PC.", path))
				})
			})
		}, e.win)
	d.Show()
	e.win.Canvas().Focus(f.pass)
}

// writeKeyBackup writes the protected key backup to path, readable by the
// user only.
func (e *env) writeKeyBackup(path string, pass []byte) error {
	id, err := setup.Identity(e.ctx, e.ex.Store)
	if err != nil {
		return err
	}
	b, err := keys.SealBackup(id, pass)
	if err == nil {
		err = atomicfile.WriteBytes(path, b, 0o600)
	}
	e.event("keys backup", err, "file", filepath.Base(path))
	return err
}
