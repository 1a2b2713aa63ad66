package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// A database whose keys are sealed opens on the passphrase page: a wrong
// passphrase is refused there, the right one opens the main window.
func TestUnlock_AskedOnceAtStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kh.db")
	st, err := store.Open(ctx, path, store.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Init(ctx, st, units.Default(), setup.Params{Level: units.Commune, Unit: testCommune,
		Passphrase: []byte("mật khẩu thử 2026"), WorkFactor: 10}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openStoreAt(t, path)
	u, w := startUI(t, st)
	if u.unlock == nil || u.shell != nil {
		t.Fatal("sealed keys should open the passphrase page")
	}
	test.Type(u.unlock.pass, "mật khẩu sai")
	test.Tap(u.unlock.open)
	if u.shell != nil || !hasText(w, "Mật khẩu không đúng. Hãy gõ lại, chú ý chữ hoa và chữ có dấu.") {
		t.Fatalf("wrong passphrase: %q", u.unlock.problem.Text)
	}
	test.Type(u.unlock.pass, "mật khẩu thử 2026")
	test.Tap(u.unlock.open)
	if u.shell == nil {
		t.Fatal("the right passphrase should open the main window")
	}
	if _, err := setup.Identity(ctx, st); err != nil {
		t.Fatalf("the keys are not open: %v", err)
	}
}

func openStoreAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// The award form records consent decisions and says what they allow.
func TestAwardForm_ConsentSection(t *testing.T) {
	u, _, st := startCommune(t)
	s := openScreen(t, u, "Khen thưởng – Học bổng").(*awardsScreen)
	f := s.form.(*awardForm)
	if f.consent.add.Disabled() == false {
		t.Error("a new award should ask to be saved before its consent")
	}
	fill(t, f.form, "full_name", "Lê Thị Bình")
	fill(t, f.form, "birth_date", "01/02/2015")
	fill(t, f.form, "award_type", "Quà")
	s.Save() // a new record saved clears the form for the next: open it from the list
	s.list.Select(0)
	if f.id == "" || f.Name() != "Lê Thị Bình" {
		t.Fatalf("award not saved, or not opened: %q", f.Name())
	}
	if f.consent.add.Disabled() || !strings.Contains(f.consent.history.Text, "Im lặng không phải là đồng ý") &&
		!strings.Contains(f.consent.history.Text, "không phải là đồng ý") {
		t.Errorf("before any consent: %q", f.consent.history.Text)
	}
	f.consent.save(data.Input{"given_by": data.Guardian, "by_name": "Lê Văn Cha", "given_on": "01/09/2026",
		"keep": "co", "upward": "co", "publish": "co"})
	now := f.consent.now.Text
	if !strings.Contains(now, "Gửi lên cấp trên: đã đồng ý") || !strings.Contains(now, "Công bố tên trên danh sách, giấy khen: chưa có ý kiến") {
		t.Errorf("a guardian's yes, the pupil of 11 not asked: %q", now)
	}
	if !strings.Contains(f.consent.history.Text, "Lê Văn Cha") {
		t.Errorf("history %q", f.consent.history.Text)
	}
	cs, err := st.Consents(context.Background(), f.id)
	if err != nil || len(cs) != 1 || cs[0].Upward != "co" {
		t.Fatalf("stored %+v %v", cs, err)
	}
	// Saving the award again keeps the older answer as it was.
	fill(t, f.form, "school", "Trường Tiểu học Đông Hòa")
	s.Save()
	if a, _ := st.Get(context.Background(), store.Award, f.id); store.AwardOf(a).School != "Trường Tiểu học Đông Hòa" {
		t.Fatal("second save")
	}
	s.books.reload()
	if a, _ := st.Get(context.Background(), store.Award, f.id); s.books.summary(store.AwardOf(a)) != "thiếu" {
		t.Errorf("list column %q", s.books.summary(store.AwardOf(a)))
	}
}

// The personal-data screen finds a person's records, writes everything
// held about those ticked, logs the request, and erases them for good
// after a warning.
func TestPrivacyScreen_ExportThenErase(t *testing.T) {
	u, w, st := startCommune(t)
	ctx := context.Background()
	c := &data.Citizen{Unit: testCommune.String(), Person: data.Person{HoDem: "Phan Văn", Ten: "Tín", BirthYear: 1980,
		IDNumber: "034080123456", Gender: "nam"}}
	other := &data.Citizen{Unit: testCommune.String(), Person: data.Person{HoDem: "Phan Văn", Ten: "Tính", BirthYear: 1981}}
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, x := range []*data.Citizen{c, other} {
			if _, err := e.SaveCitizen(x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := openScreen(t, u, "Dữ liệu cá nhân").(*privacyScreen)
	if w := s.Object().MinSize().Width; w > 700 {
		t.Errorf("the screen needs %.0f points across: it would not fit 1024×768 beside the navigation", w)
	}
	test.Type(s.search, "034080123456")
	s.find()
	if len(s.found) != 1 || s.found[0].ID != c.ID {
		t.Fatalf("found %+v", s.found)
	}
	s.export(".json") // nothing ticked
	if !hasText(w, "Hãy đánh dấu các hồ sơ của người đó trong danh sách trước.") {
		t.Error("no word about ticking first")
	}
	w.Canvas().Overlays().Top().Hide()
	s.picked[0] = true
	path := filepath.Join(t.TempDir(), "tin.json")
	s.exportTo(path, s.chosen(), data.Date{Y: 2026, M: 11, D: 24})
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "034080123456") || strings.Contains(string(b), "Tính") {
		t.Fatalf("file %s %v", b, err)
	}
	if !strings.Contains(s.requests.Text, "Phan Văn Tín · 24/11/2026 → 26/11/2026") {
		t.Errorf("requests %q", s.requests.Text)
	}
	w.Canvas().Overlays().Top().Hide()
	s.askPurge()
	test.Tap(button(t, w, "Xóa hẳn"))
	if r, err := st.Get(ctx, store.Citizen, c.ID); err != nil || !r.Purged() {
		t.Fatalf("not purged: %v %v", r, err)
	}
	if r, _ := st.Get(ctx, store.Citizen, other.ID); r.Deleted() {
		t.Fatal("the other citizen went too")
	}
	if !strings.Contains(s.requests.Text, "xóa dữ liệu · Phan Văn Tín · 25/11/2026 → 27/11/2026 · đã trả lời lúc 2026-11-25T09:00:00Z · đã xóa hẳn 1 hồ sơ") {
		t.Errorf("requests after the purge %q", s.requests.Text)
	}
}

// Enrolling a key with a wrong fingerprint is refused in Vietnamese, and
// the message never shows the fingerprint of the file.
func TestEnrol_WrongFingerprintHidesTheRightOne(t *testing.T) {
	st := openStore(t)
	initStore(t, st, units.District, units.Ref{List: units.List2024, Code: "340"})
	cst := openStore(t)
	id := initStore(t, cst, units.Commune, units.Ref{List: units.List2024, Code: "12694"})
	b, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.khkey")
	os.WriteFile(path, b, 0o644)
	u, _ := startUI(t, st)
	s := openScreen(t, u, "Đồng bộ").(*syncScreen)
	s.Enrol(path)
	fp := id.Public().Fingerprint()
	wrong := []byte(fp)
	wrong[0] = '0' + (wrong[0]-'0'+1)%10
	test.Type(s.enrol.fp, string(wrong))
	test.Tap(s.enrol.ok)
	said := s.enrol.err.Text
	if !strings.HasPrefix(said, "Dấu vân khóa không khớp với tệp khóa: nhóm thứ 1 khác") {
		t.Fatalf("message %q", said)
	}
	for _, g := range append(strings.Fields(fp), strings.ReplaceAll(fp, " ", "")) {
		if strings.Contains(said, g) {
			t.Errorf("the message shows %q of the file's fingerprint: %q", g, said)
		}
	}
}

// The keys' backup from the screen is protected by its own passphrase.
func TestKeyBackup_Protected(t *testing.T) {
	u, _, st := startCommune(t)
	openScreen(t, u, "Dữ liệu cá nhân")
	path := filepath.Join(t.TempDir(), "khoa.age")
	if err := u.shell.env.writeKeyBackup(path, []byte("sao lưu riêng 2026")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	id, err := keys.OpenBackup(b, func() ([]byte, error) { return []byte("sao lưu riêng 2026"), nil })
	want, _ := setup.Identity(context.Background(), st)
	if err != nil || id.Public().Fingerprint() != want.Public().Fingerprint() {
		t.Fatalf("backup %v", err)
	}
	if strings.Contains(string(b), "AGE-SECRET-KEY") {
		t.Fatal("the backup holds the key in clear")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
}

// consentToPublish records, for every award, the consent of each party
// that may be needed to publish the name (the guardian, the pupil, the
// person when an adult).
func consentToPublish(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	as, err := st.Awards(ctx, store.AwardQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, a := range as {
			for _, by := range []string{data.Guardian, data.Child, data.Self} {
				c := &data.Consent{Subject: a.ID, SubjectKind: "award", GivenBy: by, Keep: "co", Upward: "co", Publish: "co"}
				if _, err := e.SaveConsent(c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An export leaves out the awards whose names may not be published and
// says how many: Phạm Minh Đức is 14 and was not asked himself, Lê Hoàng
// Nam's older answer is no; Nguyễn Thu Trang said yes, as her guardian did.
func TestExport_SaysHowManyWereLeftOutForWantOfConsent(t *testing.T) {
	u, w, st := startCommune(t)
	importFile(t, u, st, "awards", "../testdata/records/awards-good.csv")
	ctx := context.Background()
	as, err := st.Awards(ctx, store.AwardQuery{Search: "Nguyễn Thu Trang"})
	if err != nil || len(as) != 1 {
		t.Fatalf("%v %v", as, err)
	}
	err = st.Edit(ctx, "test", func(e *store.Editor) error {
		_, err := e.SaveConsent(&data.Consent{Subject: as[0].ID, SubjectKind: "award", GivenBy: data.Child, Publish: "co"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fa := fileActionsOf(t, u, "Khen thưởng – Học bổng")
	path := filepath.Join(t.TempDir(), "khen-thuong.xlsx")
	fa.ExportList(path)
	rows, err := tabular.Read(path, tabular.Awards)
	if err != nil || len(rows) != 1 || rows[0].Input["full_name"] != "Nguyễn Thu Trang" {
		t.Fatalf("the printed list: %v %+v", err, rows)
	}
	want := "Đã ghi 1 dòng vào " + path + "\nKhông đưa 2 hồ sơ vào tệp: chưa có đồng ý công bố thì tên không được có trên danh sách xuất ra"
	if !hasText(w, want) {
		t.Errorf("no message %q", want)
	}
}
