package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/sync/keys"
)

// fingerprintPage ends the wizard: the new key's fingerprint, large and in
// groups of four, with what to do with it.
type fingerprintPage struct {
	digits *canvas.Text
	start  *keyButton
	obj    fyne.CanvasObject
}

func newFingerprintPage(u *UI, id *keys.Identity) *fingerprintPage {
	pub := id.Public()
	p := &fingerprintPage{digits: canvas.NewText(pub.Fingerprint(), theme.Color(theme.ColorNamePrimary))}
	p.digits.TextSize = 48
	p.digits.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
	p.digits.Alignment = fyne.TextAlignCenter
	title := widget.NewLabelWithStyle(T("Set-up finished: %s", pub.Name), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	say := widget.NewLabel(T("This is your unit's key fingerprint. Phone the level above (the district or the province) and read these twelve digits to them, so they can check the key file you send."))
	say.Wrapping = fyne.TextWrapWord
	say.Alignment = fyne.TextAlignCenter
	save := newButton(u.keys, T("Save this unit's key file (.khkey)…"), theme.DocumentSaveIcon(), func() {
		e := &env{win: u.win, keys: u.keys}
		e.saveFile("khoa-"+pub.Unit.Code+".khkey", func(path string) {
			b, err := keys.MarshalPublic(id)
			if err == nil {
				err = os.WriteFile(path, b, 0o644)
			}
			e.fail(err)
		})
	})
	p.start = newButton(u.keys, T("Start using the app"), theme.NavigateNextIcon(), u.start)
	p.start.Importance = widget.HighImportance
	body := container.NewVBox(layout.NewSpacer(), title, p.digits, say,
		container.NewHBox(layout.NewSpacer(), save, p.start, layout.NewSpacer()), layout.NewSpacer())
	p.obj = container.NewPadded(body)
	return p
}
