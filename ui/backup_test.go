package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/applog"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// texts lists every label shown, dialogs included.
func texts(w fyne.Window) string {
	var b strings.Builder
	for _, o := range objects(w) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

func citizenCount(t *testing.T, st *store.Store) int64 {
	t.Helper()
	counts, err := st.RecordCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return counts[testCommune.String()][store.Citizen]
}

func TestBackup_CopyNowThenRestoreRebuildsTheWindowOnIt(t *testing.T) {
	st := openStore(t)
	initStore(t, st, units.Commune, testCommune)
	addCitizens(t, st, 3, "Lan")
	var logged bytes.Buffer
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	u := New(a, w, Deps{Store: st, Units: units.Default(), DBPath: st.Path(), Now: testNow, Sync: true,
		Log: applog.New(&logged), LogDir: applog.Dir(st.Path())})
	t.Cleanup(func() { u.deps.Store.Close() })

	openScreen(t, u, "Cài đặt")
	for _, want := range []string{"Sao lưu", store.BackupDir(st.Path()), applog.Dir(st.Path()),
		"Chưa có bản sao: bản đầu tiên được lưu khi đóng chương trình."} {
		if !strings.Contains(texts(w), want) {
			t.Errorf("the settings do not show %q", want)
		}
	}
	button(t, w, "Sao lưu ngay…")
	button(t, w, "Mở thư mục nhật ký")
	p := newBackupPart(u, u.shell.env)
	copyPath := filepath.Join(t.TempDir(), "sao-luu.db")
	os.WriteFile(copyPath, nil, 0o600) // as the save dialog leaves it
	p.Backup(copyPath)
	if info, err := store.CheckBackup(context.Background(), copyPath); err != nil || info.Unit != testCommune.String() {
		t.Fatalf("copy: %+v, %v", info, err)
	}
	if got := u.shell.env.status.msg.Text; got != "Đã sao lưu vào "+copyPath {
		t.Errorf("status %q", got)
	}

	addCitizens(t, st, 2, "Mai") // typed after the copy
	p.askRestore(copyPath)
	if !strings.Contains(texts(w), "Khôi phục bản sao của Xã Đông Hòa lưu lúc ") {
		t.Fatalf("no question before the restore:\n%s", texts(w))
	}
	test.Tap(button(t, w, "Khôi phục"))
	now, _ := u.Current()
	if now == st {
		t.Fatal("the store was not replaced")
	}
	if got := citizenCount(t, now); got != 3 {
		t.Errorf("%d citizens after the restore, want the copy's 3", got)
	}
	if u.shell == nil || u.shell.screen() == nil || u.shell.items[u.shell.current].title != "Cài đặt" {
		t.Error("the main window should be back with the settings in front")
	}
	if !strings.Contains(texts(w), "Đã khôi phục từ "+copyPath) {
		t.Errorf("the restore is not told:\n%s", texts(w))
	}
	if got := logged.String(); !strings.Contains(got, "msg=backup file=sao-luu.db") || !strings.Contains(got, "msg=restore file=sao-luu.db unit=2024:12457") {
		t.Errorf("log:\n%s", got)
	}
	if u.deps.Online.cfg.Store != now || u.shell.env.ex.Store != now {
		t.Error("the uploader and the exchange must work on the restored store")
	}

	// A closed window leaves the day's copy, once: after Shutdown, as
	// cmd/khuyenhoc makes it (the window's context is cancelled by then).
	u.Shutdown()
	u.DailyBackup(context.Background())
	u.DailyBackup(context.Background())
	files, _ := store.Backups(store.BackupDir(st.Path()))
	if len(files) != 2 || filepath.Base(files[0].Path) != "khuyenhoc-2026-11-25.db" || files[1].Daily {
		t.Errorf("backups %+v, want the day's copy and the one kept before the restore", files)
	}
}

func TestBackup_RestoreRefusesACopyOfAnotherUnitOrNoDatabase(t *testing.T) {
	u, w, st := startCommune(t)
	other := openStore(t)
	initStore(t, other, units.Commune, units.Ref{List: units.List2024, Code: "12460"})
	otherCopy := filepath.Join(t.TempDir(), "khac.db")
	if _, err := other.WriteBackup(context.Background(), otherCopy); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(t.TempDir(), "ghi-chu.db")
	os.WriteFile(notes, []byte("ghi chú"), 0o600)
	openScreen(t, u, "Cài đặt")
	p := newBackupPart(u, u.shell.env)
	for file, want := range map[string]string{
		otherCopy: "Bản sao này là của Phường Hoàng Diệu, không phải của Xã Đông Hòa.",
		notes:     "Tệp này không phải cơ sở dữ liệu của Sổ Khuyến Học",
	} {
		p.askRestore(file)
		if got := texts(w); !strings.Contains(got, "Không khôi phục được bản sao này") || !strings.Contains(got, want) {
			t.Errorf("%s: the refusal does not say %q:\n%s", filepath.Base(file), want, got)
		}
		for _, o := range w.Canvas().Overlays().List() {
			w.Canvas().Overlays().Remove(o)
		}
	}
	if cur, _ := u.Current(); cur != st {
		t.Error("a refused copy replaced the store")
	}
}

func TestOpenGiven_BundleIsImportedAtTheDistrict(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 3, "Hoa")
	file := exportTo(t, com)[0]
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	u := New(a, w, Deps{Store: dis, Units: units.Default(), DBPath: dis.Path(), Now: testNow, Sync: true, Open: file})
	if got := u.shell.items[u.shell.current].title; got != "Đồng bộ" {
		t.Fatalf("%q in front, want the Sync screen", got)
	}
	v := bundlesOf(t, u).imp
	if len(v.outs) != 1 || cellText(v.outcomeCell(0, 2)) != "đã nhập" {
		t.Fatalf("outcomes %+v", v.outs)
	}
	counts, _ := dis.RecordCounts(context.Background())
	if got := counts[testCommune.String()][store.Citizen]; got != 3 {
		t.Errorf("district holds %d citizens of the commune, want 3", got)
	}
}

func TestOpenGiven_KeyFiles(t *testing.T) {
	// At the district, a commune's key opens its enrolment.
	dis := openStore(t)
	initStore(t, dis, units.District, testDistrict())
	path, pub := keyFile(t, units.Commune, testCommune)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	u := New(a, w, Deps{Store: dis, Units: units.Default(), DBPath: dis.Path(), Now: testNow, Sync: true, Open: path})
	s := u.shell.screen().(*syncScreen)
	if s.enrol == nil || !strings.Contains(texts(w), pub.Name) {
		t.Fatal("no enrolment dialog for the commune's key")
	}
	test.Type(s.enrol.fp, pub.Fingerprint())
	test.Tap(s.enrol.ok)
	if ks, _ := dis.PeerKeys(context.Background(), store.RoleBelow); len(ks) != 1 || ks[0].Fingerprint != pub.Fingerprint() {
		t.Errorf("enrolled %+v", ks)
	}

	// At a commune, the district's key is taken after a question.
	com := openStore(t)
	initStore(t, com, units.Commune, testCommune)
	up, upPub := keyFile(t, units.District, testDistrict())
	a2 := test.NewTempApp(t)
	w2 := test.NewWindow(nil)
	w2.Resize(fyne.NewSize(1200, 800))
	New(a2, w2, Deps{Store: com, Units: units.Default(), DBPath: com.Path(), Now: testNow, Sync: true, Open: up})
	if _, err := com.Upstream(context.Background()); err == nil {
		t.Fatal("the key of the level above was taken without a question")
	}
	test.Tap(button(t, w2, "Dùng khóa này"))
	if k, err := com.Upstream(context.Background()); err != nil || k.Fingerprint != upPub.Fingerprint() {
		t.Errorf("upstream %+v, %v", k, err)
	}
}

// On a new PC the wizard offers to start from a copy instead: any unit's.
func TestBackup_WizardStartsFromACopy(t *testing.T) {
	src := openStore(t)
	initStore(t, src, units.Commune, testCommune)
	addCitizens(t, src, 4, "Cuc")
	copyPath := filepath.Join(t.TempDir(), "tu-may-cu.db")
	if _, err := src.WriteBackup(context.Background(), copyPath); err != nil {
		t.Fatal(err)
	}
	fresh := openStore(t)
	u, w := startUI(t, fresh)
	if u.wizard == nil {
		t.Fatal("no wizard on a fresh database")
	}
	button(t, w, "Khôi phục từ bản sao…")
	u.askRestore(&env{win: w}, copyPath, session{})
	test.Tap(button(t, w, "Khôi phục"))
	now, _ := u.Current()
	t.Cleanup(func() { now.Close() })
	if u.shell == nil || u.wizard != nil || !strings.Contains(w.Title(), "Xã Đông Hòa") {
		t.Fatalf("the main window should open on the copy, title %q", w.Title())
	}
	if got := citizenCount(t, now); got != 4 {
		t.Errorf("%d citizens, want the copy's 4", got)
	}
}
