package ui

import (
	"os"
	"path/filepath"
	"strings"

	"sokhuyenhoc/sync/keys"
)

// openGiven routes a file given on the command line, as Windows passes it
// when a person double-clicks it (the installer associates both kinds with
// the app): a bundle (.khb) is imported on the Sync screen, a key file
// (.khkey) opens its enrolment there — the key of a unit below is enrolled
// after its fingerprint is typed, the key of the level above is taken after a
// question.
func (u *UI) openGiven(path string) {
	if path == "" {
		return
	}
	ext := strings.ToLower(filepath.Ext(path))
	u.log().Info("open file", "file", filepath.Base(path), "kind", ext)
	if u.shell == nil {
		if u.wizard != nil {
			u.wizardNote(T("Set this installation up first; then open %s again.", filepath.Base(path)))
		}
		return
	}
	s := u.openSync()
	switch ext {
	case ".khb":
		s.openBundle(path)
	case ".khkey":
		s.openKey(path)
	default:
		s.env.info(T("This file cannot be opened"), T("%s is neither a bundle (.khb) nor a key file (.khkey).", filepath.Base(path)))
	}
}

// openSync brings the Sync screen to the front.
func (u *UI) openSync() *syncScreen {
	for n, it := range u.shell.items {
		if it.title == T("Sync") {
			u.shell.open(n)
			break
		}
	}
	return u.shell.screen().(*syncScreen)
}

// wizardNote shows a message over the set-up wizard.
func (u *UI) wizardNote(text string) {
	e := &env{win: u.win, keys: u.keys}
	e.info(T("Sổ Khuyến Học"), text)
}

// openBundle imports a bundle at a district or a province; a commune
// receives none.
func (s *syncScreen) openBundle(path string) {
	s.tabs.SelectIndex(0)
	var v *bundlesView
	for _, o := range s.bundlesArea.Objects {
		if b, ok := o.(*bundlesView); ok {
			v = b
		}
	}
	if v == nil || v.imp == nil {
		s.env.info(T("This file cannot be opened"), T("%s is a bundle for the level above: a commune does not import bundles. Copy it to the USB stick for the district.", filepath.Base(path)))
		return
	}
	v.imp.Import([]string{path})
}

// openKey starts the enrolment of a key file: a unit below's with its
// fingerprint, the level above's after a question.
func (s *syncScreen) openKey(path string) {
	s.tabs.SelectIndex(1)
	b, err := os.ReadFile(path)
	var k keys.PublicKey
	if err == nil {
		k, err = keys.ParsePublic(b)
	}
	if err != nil {
		s.env.event("open key", nil, "file", filepath.Base(path))
		s.env.failAs(T("The key was not accepted"), err)
		return
	}
	if levelRank[k.Level] > levelRank[s.env.sess.Level] {
		s.env.confirm(T("The level above"), T("Use %s (%s) as the key of the level above? Bundles are then encrypted to it.", k.Name, k.Unit),
			T("Use this key"), func() { s.setUpstream(path) })
		return
	}
	s.Enrol(path)
}

// levelRank orders the levels upward.
var levelRank = map[string]int{"commune": 1, "district": 2, "province": 3}
