package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/setup"
)

func TestWizard_SetsUpTheCommuneAndShowsTheFingerprint(t *testing.T) {
	st := openStore(t)
	u, w := startUI(t, st)
	if u.wizard == nil || u.shell != nil {
		t.Fatal("a fresh database should open the wizard")
	}
	if got, want := w.Title(), "Sổ Khuyến Học – Thiết lập lần đầu"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	wz := u.wizard
	test.Tap(button(t, w, "Hoàn tất thiết lập"))
	if !hasText(w, "Hãy chọn đơn vị trước: gõ tên vào ô số 3, rồi chọn trong danh sách bằng mũi tên xuống và Enter (hoặc bấm chuột).") {
		t.Error("finishing without a unit should say what to do")
	}
	wz.list.SetSelected("Trước 1/7/2025 (có cấp huyện)")
	test.Type(wz.search, "ĐÔNG hoà") // marks and case do not matter
	if len(wz.found) == 0 {
		t.Fatal("no unit found for ĐÔNG hoà")
	}
	pick := -1
	for n, f := range wz.found {
		if f.Ref == testCommune {
			pick = n
		}
	}
	if pick < 0 {
		t.Fatalf("Xã Đông Hòa (12457) not among %d results", len(wz.found))
	}
	wz.results.Select(pick)
	if want := "Đã chọn: " + u.deps.Units.Label(testCommune); wz.picked.Text != want {
		t.Errorf("picked %q, want %q", wz.picked.Text, want)
	}
	test.Type(wz.operator, "Nguyễn Văn An")
	test.Tap(button(t, w, "Hoàn tất thiết lập"))
	if u.shell != nil || wz.done != nil || !hasText(w, "Mật khẩu phải có ít nhất 8 ký tự") {
		t.Fatal("finishing without a passphrase should say it is needed")
	}
	test.Type(wz.pass.pass, "mật khẩu thử 2026")
	test.Type(wz.pass.again, "mật khẩu thử 2026")
	test.Tap(button(t, w, "Hoàn tất thiết lập"))

	in, err := st.Installation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if in.Unit != testCommune.String() || in.Level != "commune" || in.Operator != "Nguyễn Văn An" {
		t.Errorf("installation %+v", in)
	}
	id, err := setup.Identity(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := wz.done.digits.Text, id.Public().Fingerprint(); got != want || len(got) != 14 {
		t.Errorf("fingerprint shown %q, want %q", got, want)
	}
	test.Tap(wz.done.start)
	if u.shell == nil {
		t.Fatal("the main window should follow")
	}
	if got := w.Title(); got != "Sổ Khuyến Học – Xã Đông Hòa" {
		t.Errorf("main title %q", got)
	}
}

func TestWizard_NoDistrictsInThe2025List(t *testing.T) {
	st := openStore(t)
	u, w := startUI(t, st)
	u.wizard.level.SetSelected("Huyện")
	test.Type(u.wizard.search, "dong hung")
	if len(u.wizard.found) != 0 || !hasText(w, "Từ 1/7/2025 không còn cấp huyện: hãy chọn danh mục trước 1/7/2025.") {
		t.Errorf("district in 2025 list: found %d, problem %q", len(u.wizard.found), u.wizard.problem.Text)
	}
	u.wizard.list.SetSelected("Trước 1/7/2025 (có cấp huyện)")
	if len(u.wizard.found) == 0 {
		t.Error("districts of the 2024 list should be found")
	}
	if _, err := st.Installation(context.Background()); !errors.Is(err, store.ErrNotSetUp) {
		t.Errorf("nothing should be set up yet: %v", err)
	}
}

func TestWizard_LaterRunsOpenTheMainWindow(t *testing.T) {
	u, w, _ := startCommune(t)
	if u.shell == nil || u.wizard != nil {
		t.Fatal("a set-up database should open the main window")
	}
	if !hasText(w, "Công dân học tập") || !hasText(w, "Quỹ khuyến học") {
		t.Error("navigation should be in Vietnamese")
	}
}

// The unit search ranks units of the level chosen and whole words first;
// Down then Enter takes the first and moves on to the name.
func TestWizard_DownEnterPicksTheBestMatch(t *testing.T) {
	st := openStore(t)
	u, w := startUI(t, st)
	wz := u.wizard
	wz.list.SetSelected("Trước 1/7/2025 (có cấp huyện)")
	w.Canvas().Focus(wz.search)
	test.Type(wz.search, "dong phuong")
	press(w, fyne.KeyDown)
	if w.Canvas().Focused() != wz.results {
		t.Fatal("Down should go into the results")
	}
	press(w, fyne.KeyReturn)
	if wz.chosen == nil || wz.chosen.FullName != "Xã Đông Phương" || w.Canvas().Focused() != wz.operator {
		t.Fatalf("chosen %v, focus %T", wz.chosen, w.Canvas().Focused())
	}
}

// On the list from 1/7/2025 a former province's name finds the province
// that took it over, with a line saying so.
func TestWizard_FormerProvinceNamesItsSuccessor(t *testing.T) {
	st := openStore(t)
	u, w := startUI(t, st)
	wz := u.wizard
	wz.level.SetSelected("Tỉnh")
	test.Type(wz.search, "thai binh")
	if !wz.former.Visible() || wz.former.Text != "Tỉnh Thái Bình → nay thuộc Tỉnh Hưng Yên (từ 1/7/2025)" {
		t.Fatalf("former line %q (visible %v)", wz.former.Text, wz.former.Visible())
	}
	if len(wz.found) == 0 || wz.found[0].FullName != "Tỉnh Hưng Yên" {
		t.Fatalf("found %v", wz.found)
	}
	if text, _ := wz.resultText(0); text != "Tỉnh Hưng Yên  (tìm theo tên cũ Tỉnh Thái Bình)" {
		t.Errorf("line %q", text)
	}
	wz.search.SetText("hung yen")
	if wz.former.Visible() {
		t.Error("no former province typed: no line")
	}
	_ = w
}
