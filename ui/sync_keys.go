package ui

import (
	"context"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// bundlesPanel builds the bundle export and import part of the Sync
// screen. ui/sync_bundles.go sets it from an init function; until then a
// short note stands in the bundles area.
var bundlesPanel func(e *env, st *store.Store) fyne.CanvasObject

// syncScreen is the key exchange: this installation's key and fingerprint,
// the key of the unit above, the units below that are enrolled, and (in
// bundlesArea) the sending and receiving of bundles.
type syncScreen struct {
	plainScreen
	env         *env
	st          *store.Store
	fingerprint *canvas.Text
	keyName     *widget.Label
	upstream    *widget.Label
	below       []store.PeerKey
	belowList   *widget.List
	bundlesArea *fyne.Container // filled by bundlesPanel
	tabs        *container.AppTabs
	enrol       *enrolDialog // the open enrolment, for tests
	id          *keys.Identity
	obj         fyne.CanvasObject
}

func newSyncScreen(e *env, st *store.Store) *syncScreen {
	s := &syncScreen{env: e, st: st, keyName: widget.NewLabel(""), upstream: widget.NewLabel("")}
	s.fingerprint = canvas.NewText("…", theme.Color(theme.ColorNameForeground))
	s.fingerprint.TextSize = 34
	s.fingerprint.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
	s.upstream.Wrapping = fyne.TextWrapWord
	s.bundlesArea = container.NewStack()
	if bundlesPanel != nil {
		s.bundlesArea.Add(bundlesPanel(e, st))
	} else {
		s.bundlesArea.Add(widget.NewLabel(T("Sending and receiving bundles comes in a later version.")))
	}
	parts := []fyne.CanvasObject{s.ownPart(), widget.NewSeparator(), s.upstreamPart()}
	if e.sess.Level != "commune" {
		parts = append(parts, widget.NewSeparator(), s.belowPart())
	}
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("Sending and receiving data"), theme.MailSendIcon(), s.bundlesArea),
		container.NewTabItemWithIcon(T("Keys and units"), theme.AccountIcon(),
			container.NewVScroll(container.NewVBox(parts...))))
	s.obj = s.tabs
	return s
}

func (s *syncScreen) ownPart() fyne.CanvasObject {
	read := widget.NewLabel(T("Read these twelve digits to the level above by phone: they check them against your key file."))
	read.Wrapping = fyne.TextWrapWord
	save := newButton(s.env.keys, T("Save this unit's key file (.khkey)…"), theme.DocumentSaveIcon(), func() {
		s.env.saveFile("khoa-"+unitCode(s.env.sess.Unit)+".khkey", s.saveKey)
	})
	return section(T("This installation's key"), container.NewVBox(s.keyName, s.fingerprint, read,
		container.NewHBox(save)))
}

func (s *syncScreen) upstreamPart() fyne.CanvasObject {
	pick := newButton(s.env.keys, T("Choose the key file of the level above…"), theme.FolderOpenIcon(), func() {
		s.env.openFile([]string{".khkey"}, s.setUpstream)
	})
	return section(T("The level above"), container.NewVBox(s.upstream, container.NewHBox(pick)))
}

func (s *syncScreen) belowPart() fyne.CanvasObject {
	s.belowList = widget.NewList(func() int { return len(s.below) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, newButton(s.env.keys, T("Revoke"), nil, nil),
				row([]column{{"", 3}, {"", 2}, {"", 1}}, false))
		}, s.updateBelow)
	add := newButton(s.env.keys, T("Enrol a unit below…"), theme.ContentAddIcon(), func() {
		s.env.openFile([]string{".khkey"}, s.Enrol)
	})
	box := container.NewGridWrap(fyne.NewSize(760, 220), s.belowList)
	return section(T("Enrolled units below"), container.NewVBox(container.NewHBox(add), box))
}

func (s *syncScreen) updateBelow(id widget.ListItemID, o fyne.CanvasObject) {
	k := s.below[id]
	c := o.(*fyne.Container)
	setRow(c.Objects[0].(*fyne.Container), []string{k.Name, k.Fingerprint, peerStatus(k.Status)})
	b := c.Objects[1].(*keyButton)
	b.OnTapped = func() { s.askRevoke(k) }
	if k.Status == store.Revoked {
		b.Disable()
	} else {
		b.Enable()
	}
}

func peerStatus(s string) string {
	switch s {
	case store.Revoked:
		return T("revoked")
	case store.Replaced:
		return T("replaced")
	}
	return T("trusted")
}

// Object is the screen's content.
func (s *syncScreen) Object() fyne.CanvasObject { return s.obj }

// Show loads the keys, and the bundle part reloads what it shows.
func (s *syncScreen) Show() {
	for _, o := range s.bundlesArea.Objects {
		if r, ok := o.(interface{ reload() }); ok {
			r.reload()
		}
	}
	var id *keys.Identity
	var up store.PeerKey
	var below []store.PeerKey
	var fp string
	var err, upErr error
	s.env.bg.Go(func() {
		if id, err = setup.Identity(s.env.ctx, s.st); err != nil {
			return
		}
		fp = id.Public().Fingerprint()
		up, upErr = s.st.Upstream(s.env.ctx)
		below, err = s.st.PeerKeys(s.env.ctx, store.RoleBelow)
	}, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.id, s.below = id, below
		s.keyName.SetText(T("%s (%s), level: %s", id.Public().Name, id.Public().Unit,
			label(data.Levels, id.Public().Level)))
		s.fingerprint.Text = fp
		s.fingerprint.Refresh()
		s.showUpstream(up, upErr)
		if upErr != nil && s.env.sess.Level == "commune" {
			s.tabs.SelectIndex(1) // nothing can be sent before the district's key is in
		}
		if s.belowList != nil {
			s.belowList.Refresh()
		}
		if s.env.sess.Level != "commune" {
			s.env.status.SetCount(T("%d units below enrolled", len(below)))
		}
	})
}

func (s *syncScreen) showUpstream(up store.PeerKey, err error) {
	if err != nil {
		s.upstream.SetText(T("No key of the level above yet. It is needed before the first bundle is sent: ask the level above for their .khkey file."))
		s.upstream.Importance = widget.WarningImportance
	} else {
		s.upstream.SetText(T("%s, fingerprint %s (received %s)", up.Name, up.Fingerprint, up.AddedAt))
		s.upstream.Importance = widget.SuccessImportance
	}
	s.upstream.Refresh()
}

func (s *syncScreen) saveKey(path string) {
	b, err := keys.MarshalPublic(s.id)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		s.env.fail(err)
		return
	}
	s.env.status.Say(T("Key file written to %s", path))
}

func (s *syncScreen) setUpstream(path string) {
	s.env.write(nil, func(ctx context.Context) error {
		b, err := os.ReadFile(path)
		if err == nil {
			_, err = setup.SetUpstream(ctx, s.st, s.env.reg, b)
		}
		return err
	}, func(err error) {
		if err != nil {
			s.env.failAs(T("The key was not accepted"), err)
			return
		}
		s.env.status.Say(T("Key of the level above saved"))
		s.Show()
	})
}

func (s *syncScreen) askRevoke(k store.PeerKey) {
	s.env.confirm(T("Revoke"), T("Revoke the key of %s (%s)? Its bundles will be quarantined from now on. This cannot be undone.",
		k.Name, k.Fingerprint), T("Revoke"), func() {
		s.env.write(nil, func(ctx context.Context) error { return setup.Revoke(ctx, s.st, k.Fingerprint) }, func(err error) {
			if err != nil {
				s.env.fail(err)
				return
			}
			s.env.status.Say(T("Revoked: %s", k.Name))
			s.Show()
		})
	})
}

// Enrol reads a unit's key file and asks for the fingerprint its operator
// reads out by phone before trusting it.
func (s *syncScreen) Enrol(path string) {
	b, err := os.ReadFile(path)
	var k keys.PublicKey
	if err == nil {
		k, err = keys.ParsePublic(b)
	}
	if err != nil {
		s.env.failAs(T("The key was not accepted"), err)
		return
	}
	s.enrol = newEnrolDialog(s, b, k)
	s.enrol.dlg.show()
}

// enrolDialog asks for the fingerprint heard on the phone.
type enrolDialog struct {
	fp   *textEntry
	err  *widget.Label
	ok   *keyButton
	dlg  *modal
	file []byte
}

func newEnrolDialog(s *syncScreen, file []byte, k keys.PublicKey) *enrolDialog {
	d := &enrolDialog{fp: newTextEntry(s.env.keys), err: widget.NewLabel(""), file: file}
	d.fp.SetPlaceHolder("1234 5678 9012")
	d.err.Importance = widget.DangerImportance
	d.err.Wrapping = fyne.TextWrapWord
	ask := widget.NewLabel(T("Key file of %s (%s). Ask its operator to read the fingerprint by phone and type it here:",
		k.Name, k.Unit))
	ask.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(ask, d.fp, d.err)
	d.dlg = newModal(s.env.keys, "enrol", T("Enrol a unit below"), body)
	d.ok = d.dlg.button(T("Enrol"), widget.HighImportance, nil)
	d.ok.OnTapped = func() { s.trust(d) } // the dialog stays open on a wrong fingerprint
	cancel := d.dlg.button(T("Cancel"), widget.MediumImportance, nil)
	d.dlg.setButtons(d.ok, cancel, cancel, d.ok)
	d.fp.OnSubmitted = func(string) { s.trust(d) }
	d.dlg.focus = d.fp
	d.dlg.d.Resize(fyne.NewSize(560, 260))
	return d
}

func (s *syncScreen) trust(d *enrolDialog) {
	if strings.TrimSpace(d.fp.Text) == "" {
		d.err.SetText(T("Type the fingerprint read out by phone."))
		return
	}
	if s.env.writing() {
		return
	}
	var k keys.PublicKey
	typed := d.fp.Text
	s.env.write([]fyne.Disableable{d.ok, d.fp}, func(ctx context.Context) error {
		var err error
		k, err = setup.Trust(ctx, s.st, s.env.reg, d.file, typed)
		return err
	}, func(err error) {
		if err != nil {
			d.err.SetText(capital(s.env.explain(err)))
			return
		}
		d.dlg.hide()
		s.env.status.Say(T("Enrolled: %s", k.Name))
		s.Show()
	})
}

// unitCode is the code of a "list:code" unit.
func unitCode(unit string) string {
	_, code, _ := strings.Cut(unit, ":")
	return code
}
