package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/text"
)

// pickMode is what a file dialog asks for.
type pickMode int

const (
	pickOpen   pickMode = iota // an existing file
	pickSave                   // where to write a file
	pickFolder                 // a folder
)

// filePicker is the app's own dialog for choosing a file or a folder, in
// the app's language (Fyne's own says "Home" and "Overwrite?" whatever the
// language) and worked by the keyboard: Up and Down move in the list,
// Enter opens a folder or takes a file, Backspace goes up a folder, Esc
// cancels, Tab moves between the places, the list, the file name and the
// buttons. The places are the home folder, Documents, the Desktop and the
// USB sticks plugged in.
type filePicker struct {
	env    *env
	mode   pickMode
	exts   []string // file endings offered when opening (".csv")
	dir    string
	items  []os.DirEntry
	places *pickEntry
	where  *widget.Label
	list   *keyList
	name   *textEntry // pickSave only
	ok     *keyButton
	m      *modal
	done   func(path string)
}

func (e *env) pickFile(mode pickMode, title, name string, exts []string, done func(string)) *filePicker {
	p := &filePicker{env: e, mode: mode, exts: exts, done: done, where: widget.NewLabel("")}
	p.where.Truncation = fyne.TextTruncateEllipsis
	dirs, names := placeDirs()
	k := e.shortcuts()
	p.places = newPickEntry(k, names, func(s string) {
		if n := index(names, s); s != "" && n < len(dirs) {
			p.open(dirs[n])
		}
	})
	p.places.PlaceHolder = T("Places…")
	p.list = newKeyList(k, func() int { return len(p.items) }, p.label, p.enter, p.up)
	p.list.click = func(n int) { // a click opens a folder and selects a file
		if n < len(p.items) && isDir(p.dir, p.items[n]) {
			p.open(filepath.Join(p.dir, p.items[n].Name()))
		}
	}
	up := newButton(k, T("Up one folder"), theme.MoveUpIcon(), p.up)
	top := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(220, p.places.MinSize().Height), p.places),
		up, p.where)
	var bottom fyne.CanvasObject
	if mode == pickSave {
		p.name = newTextEntry(k)
		p.name.SetText(name)
		p.name.OnSubmitted = func(string) { p.choose() }
		bottom = container.NewBorder(nil, nil, widget.NewLabel(T("File name")), nil, p.name)
	}
	body := container.NewBorder(top, bottom, nil, nil, p.list)
	p.m = newModal(k, "file "+title, title, body)
	okLabel := map[pickMode]string{pickOpen: T("Open"), pickSave: T("Save"), pickFolder: T("Choose this folder")}[mode]
	p.ok = p.m.button(okLabel, widget.HighImportance, nil)
	p.ok.OnTapped = p.choose // the dialog closes only once something is chosen
	cancel := p.m.button(T("Cancel"), widget.MediumImportance, nil)
	p.m.setButtons(p.ok, cancel, cancel, p.ok)
	p.m.focus = p.list
	if p.name != nil {
		p.m.focus = p.name
	}
	p.m.d.Resize(fyne.NewSize(760, 520))
	p.open(e.startDir())
	p.m.show()
	return p
}

// placeDirs lists the places offered: the home folder, Documents and the
// Desktop when they exist, then the USB sticks.
func placeDirs() (dirs, names []string) {
	home, err := os.UserHomeDir()
	if err == nil {
		dirs, names = append(dirs, home), append(names, T("Home folder"))
		for _, d := range []struct{ dir, name string }{{"Documents", T("Documents")}, {"Desktop", T("Desktop")}} {
			if st, err := os.Stat(filepath.Join(home, d.dir)); err == nil && st.IsDir() {
				dirs, names = append(dirs, filepath.Join(home, d.dir)), append(names, d.name)
			}
		}
	}
	for _, d := range removableDrives() {
		dirs, names = append(dirs, d), append(names, T("USB: %s", d))
	}
	return dirs, names
}

// startDir is the folder a file dialog opens in: the last one used, else
// Documents, else the home folder.
func (e *env) startDir() string {
	if e.lastDir != "" {
		return e.lastDir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// open shows the folders, then the files offered, of dir.
func (p *filePicker) open(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		p.where.SetText(T("This folder cannot be read: %s", dir))
		return
	}
	p.dir, p.items = dir, nil
	var files []os.DirEntry
	for _, e := range es {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case isDir(dir, e):
			p.items = append(p.items, e)
		case p.mode != pickFolder && p.offers(e.Name()):
			files = append(files, e)
		}
	}
	byName := func(a, b os.DirEntry) int { return text.Compare(a.Name(), b.Name()) }
	slices.SortFunc(p.items, byName)
	slices.SortFunc(files, byName)
	p.items = append(p.items, files...)
	p.where.SetText(dir)
	p.list.reset()
	p.list.move(0) // Enter takes the first line
}

func isDir(dir string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	st, err := os.Stat(filepath.Join(dir, e.Name())) // a link to a folder
	return err == nil && st.IsDir()
}

// offers reports a file name with one of the endings asked for.
func (p *filePicker) offers(name string) bool {
	if len(p.exts) == 0 {
		return true
	}
	return slices.Contains(p.exts, strings.ToLower(filepath.Ext(name)))
}

func (p *filePicker) label(n int) (string, fyne.Resource) {
	e := p.items[n]
	if isDir(p.dir, e) {
		return e.Name(), theme.FolderIcon()
	}
	return e.Name(), theme.FileIcon()
}

// enter opens the folder of line n, or takes its file.
func (p *filePicker) enter(n int) {
	if n < 0 || n >= len(p.items) {
		p.choose()
		return
	}
	e := p.items[n]
	path := filepath.Join(p.dir, e.Name())
	switch {
	case isDir(p.dir, e):
		p.open(path)
	case p.mode == pickSave:
		p.name.SetText(e.Name())
		p.env.win.Canvas().Focus(p.name)
	default:
		p.finish(path)
	}
}

func (p *filePicker) up() {
	if parent := filepath.Dir(p.dir); parent != p.dir {
		p.open(parent)
	}
}

// choose takes what the dialog shows: the file selected, the folder
// shown, or the name typed (asking before writing over a file).
func (p *filePicker) choose() {
	switch p.mode {
	case pickFolder:
		if n := p.list.sel; n >= 0 && n < len(p.items) && isDir(p.dir, p.items[n]) {
			p.finish(filepath.Join(p.dir, p.items[n].Name()))
			return
		}
		p.finish(p.dir)
	case pickOpen:
		if n := p.list.sel; n >= 0 && n < len(p.items) {
			p.enter(n)
		}
	case pickSave:
		name := strings.TrimSpace(p.name.Text)
		if name == "" {
			p.env.win.Canvas().Focus(p.name)
			return
		}
		path := filepath.Join(p.dir, name)
		if _, err := os.Stat(path); err == nil {
			p.env.confirmLoss(T("Write over the file?"), T("%s is there already. Write over it?", name), T("Write over it"),
				func() { p.finish(path) })
			return
		}
		p.finish(path)
	}
}

func (p *filePicker) finish(path string) {
	p.env.lastDir = p.dir
	p.m.hide()
	p.done(path)
}

// openFile asks for a file with one of exts (".csv") and passes its path.
func (e *env) openFile(exts []string, fn func(path string)) {
	e.pickFile(pickOpen, T("Open a file"), "", exts, fn)
}

// saveFile asks where to write a file, suggesting name, and passes the path
// (with name's ending when the one typed has none).
func (e *env) saveFile(name string, fn func(path string)) {
	e.pickFile(pickSave, T("Save as"), name, nil, func(path string) {
		if filepath.Ext(path) == "" {
			path += filepath.Ext(name)
		}
		fn(path)
	})
}

// openFolder asks for a folder and passes its path.
func (e *env) openFolder(fn func(dir string)) {
	e.pickFile(pickFolder, T("Choose a folder"), "", nil, fn)
}

// keyList is a list worked by the keyboard: Up and Down move the
// selection, Enter takes it, Backspace goes back.
type keyList struct {
	widget.List
	keys  *shortcuts
	sel   int
	enter func(int)
	click func(int) // a line clicked
	back  func()
	moved bool // the selection moved by a key, not a click
}

func newKeyList(k *shortcuts, n func() int, label func(int) (string, fyne.Resource), enter func(int), back func()) *keyList {
	l := &keyList{keys: k, sel: -1, enter: enter, back: back}
	l.Length = n
	l.CreateItem = func() fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), nil, widget.NewLabel(""))
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		t, icon := label(id)
		c.Objects[0].(*widget.Label).SetText(t)
		c.Objects[1].(*widget.Icon).SetResource(icon)
	}
	l.OnSelected = func(id widget.ListItemID) {
		l.sel = id
		if !l.moved && l.click != nil {
			l.click(id)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// reset starts a new list with nothing selected.
func (l *keyList) reset() {
	l.sel = -1
	l.UnselectAll()
	l.Refresh()
	l.ScrollToTop()
}

// TypedKey moves, takes or goes back.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyDown:
		l.move(l.sel + 1)
	case ev.Name == fyne.KeyUp:
		l.move(l.sel - 1)
	case isEnter(ev.Name):
		l.enter(l.sel)
	case ev.Name == fyne.KeyBackspace:
		l.back()
	case ev.Name == fyne.KeyEscape:
		l.keys.escape()
	default:
		l.List.TypedKey(ev)
	}
}

func (l *keyList) move(n int) {
	if c := l.Length(); c > 0 {
		n = min(max(n, 0), c-1)
		l.moved = true
		l.Select(n)
		l.moved = false
		l.ScrollTo(n)
	}
}
