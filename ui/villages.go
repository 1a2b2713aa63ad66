package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// villagesStore is what the villages and profile screen needs of the store.
type villagesStore interface {
	Villages(ctx context.Context, unit string) ([]data.Village, error)
	Profiles(ctx context.Context, unit string) ([]data.Profile, error)
	Edit(ctx context.Context, action string, fn func(*store.Editor) error) error
}

// villagesScreen keeps the commune's villages (thôn, tổ dân phố: not in
// the official lists) and its profile: the adult population each year,
// which the QĐ 677 targets are measured against.
type villagesScreen struct {
	plainScreen
	env      *env
	st       villagesStore
	villages []data.Village
	profiles []data.Profile
	vlist    *widget.List
	plist    *widget.List
	vform    *form
	pform    *form
	vsel     int
	buttons  []fyne.Disableable // what a write disables besides the form
	obj      fyne.CanvasObject
}

func newVillagesScreen(e *env, st villagesStore) *villagesScreen {
	s := &villagesScreen{env: e, st: st, vsel: -1}
	s.vform, s.pform = newForm(e.keys, e.telex), newForm(e.keys, e.telex)
	s.vform.text("name", T("Village name")).SetPlaceHolder(T("e.g. Thôn Đông"))
	s.vform.onSubmit = s.saveVillage
	s.pform.text("year", T("Year")).SetPlaceHolder(T("e.g. %d", e.year()))
	s.pform.text("adults", T("Adults")).SetPlaceHolder(T("e.g. %s", "4.500"))
	s.pform.onSubmit = s.saveProfile
	s.vlist = widget.NewList(func() int { return len(s.villages) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.villages[id].Name) })
	s.vlist.OnSelected = func(id widget.ListItemID) {
		s.vsel = id
		s.vform.load(data.FormatVillage(s.villages[id], people()))
	}
	s.plist = widget.NewList(func() int { return len(s.profiles) },
		func() fyne.CanvasObject { return row([]column{{"", 1}, {"", 2}}, false) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.profiles[id]
			setRow(o.(*fyne.Container), []string{itoa(p.Year), T("%s adults", num(p.Adults, false))})
		})
	s.plist.OnSelected = func(id widget.ListItemID) {
		p := s.profiles[id]
		s.pform.load(data.FormatProfile(p, people()))
	}
	s.obj = container.NewGridWithColumns(2, s.villagePane(), s.profilePane())
	return s
}

func (s *villagesScreen) villagePane() fyne.CanvasObject {
	add := newButton(s.env.keys, T("Add as new"), theme.ContentAddIcon(), func() { s.vsel = -1; s.saveVillage() })
	rename := newButton(s.env.keys, T("Rename selected"), nil, s.saveVillage)
	del := newButton(s.env.keys, T("Delete"), theme.DeleteIcon(), s.deleteVillage)
	s.buttons = append(s.buttons, add, rename, del)
	note := widget.NewLabel(T("Villages are not in the official lists: keep the commune's own list here."))
	note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(section(T("Villages and residential groups"), note),
		s.vform.summary, s.vform.grid("name"), container.NewHBox(add, rename, layout.NewSpacer(), del))
	return container.NewBorder(top, nil, nil, nil, s.vlist)
}

func (s *villagesScreen) profilePane() fyne.CanvasObject {
	save := newButton(s.env.keys, T("Save (Ctrl+S)"), theme.DocumentSaveIcon(), s.saveProfile)
	s.buttons = append(s.buttons, save)
	save.Importance = widget.HighImportance
	note := widget.NewLabel(T("The share of adults holding the title (QĐ 677: 40% by 2025, 60% by 2030) is measured against this number."))
	note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(section(T("Commune profile: adults per year"), note), s.pform.summary,
		s.pform.grid("year", "adults"), container.NewHBox(save))
	return container.NewBorder(top, nil, nil, nil, s.plist)
}

// Object is the screen's content.
func (s *villagesScreen) Object() fyne.CanvasObject { return s.obj }

// Save saves the profile year (Ctrl+S).
func (s *villagesScreen) Save() { s.saveProfile() }

// Dirty reports unsaved typing in either form.
func (s *villagesScreen) Dirty() bool { return s.vform.dirty || s.pform.dirty }

// Show reloads both lists.
func (s *villagesScreen) Show() {
	var vs []data.Village
	var ps []data.Profile
	var err error
	unit := s.env.sess.Unit
	s.env.bg.Go(func() {
		if vs, err = s.st.Villages(s.env.ctx, unit); err == nil {
			ps, err = s.st.Profiles(s.env.ctx, unit)
		}
	}, func() {
		if err != nil {
			s.env.fail(err)
			return
		}
		s.villages, s.profiles = vs, ps
		s.vlist.UnselectAll()
		s.vsel = -1
		s.vlist.Refresh()
		s.plist.Refresh()
		s.env.status.SetCount(T("%d villages · %d profile years", len(vs), len(ps)))
	})
}

func (s *villagesScreen) saveVillage() {
	typed, err := data.ParseVillage(s.vform.input())
	if err != nil {
		s.vform.showErrors(err)
		return
	}
	name := typed.Name
	v := data.Village{Unit: s.env.sess.Unit, Name: name}
	if s.vsel >= 0 && s.vsel < len(s.villages) {
		v = s.villages[s.vsel]
		v.Name = name
	}
	s.write(s.vform, func(ed *store.Editor) error { _, err := ed.SaveVillage(&v); return err }, func() {
		s.vform.load(data.Input{})
		s.env.status.Say(T("Saved: %s", name))
	})
}

func (s *villagesScreen) deleteVillage() {
	if s.vsel < 0 || s.vsel >= len(s.villages) {
		return
	}
	v := s.villages[s.vsel]
	s.env.confirm(T("Delete"), T("Delete %s? Records that name it keep the name.", v.Name), T("Delete"), func() {
		s.write(s.vform, func(ed *store.Editor) error { return ed.Delete(store.Village, v.ID) }, func() {
			s.vform.load(data.Input{})
			s.env.status.Say(T("Deleted: %s", v.Name))
		})
	})
}

func (s *villagesScreen) saveProfile() {
	p, err := data.ParseProfile(s.pform.input())
	if err != nil {
		s.pform.showErrors(err)
		return
	}
	p.Unit = s.env.sess.Unit
	year, adults := p.Year, p.Adults
	s.write(s.pform, func(ed *store.Editor) error { _, err := ed.SaveProfile(&p); return err }, func() {
		s.pform.load(data.Input{})
		s.env.status.Say(T("Saved: %d adults in %d", adults, year))
	})
}

// write runs one change off the UI goroutine, the form f disabled
// meanwhile; after it, done and a reload of the lists. A failed change
// leaves the form as typed and says why.
func (s *villagesScreen) write(f *form, fn func(*store.Editor) error, done func()) {
	if s.env.writing() {
		return
	}
	s.env.write(append(f.inputs(), s.buttons...), func(ctx context.Context) error {
		return s.st.Edit(ctx, "form", fn)
	}, func(err error) {
		switch {
		case err != nil && f.dirty: // what was typed stays, with why it was not saved
			f.notWritten(s.env.explain(err))
		case err != nil:
			s.env.fail(err)
		default:
			done()
			s.Show()
		}
	})
}
