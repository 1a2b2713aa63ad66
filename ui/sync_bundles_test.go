package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// testDistrict is the district of testCommune.
func testDistrict() units.Ref { return units.Default().Parent(testCommune).Ref }

// communeAndDistrict sets up testCommune and its district in two fresh
// databases; with enrol the district trusts the commune's key (else only
// the commune knows the district's).
func communeAndDistrict(t *testing.T, enrol bool) (com, dis *store.Store, comKey []byte) {
	t.Helper()
	com, dis = openStore(t), openStore(t)
	cid := initStore(t, com, units.Commune, testCommune)
	did := initStore(t, dis, units.District, testDistrict())
	ctx := context.Background()
	dk, err := keys.MarshalPublic(did)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := setup.SetUpstream(ctx, com, units.Default(), dk); err != nil {
		t.Fatal(err)
	}
	if comKey, err = keys.MarshalPublic(cid); err != nil {
		t.Fatal(err)
	}
	if enrol {
		trust(t, dis, comKey)
	}
	return com, dis, comKey
}

func trust(t *testing.T, st *store.Store, key []byte) {
	t.Helper()
	if _, err := setup.Trust(context.Background(), st, units.Default(), key, ""); err != nil {
		t.Fatal(err)
	}
}

// addCitizens writes n citizens of the commune, each with a 2026
// assessment, and returns their ids.
func addCitizens(t *testing.T, st *store.Store, n int, prefix string) []string {
	t.Helper()
	var ids []string
	unit := testCommune.String()
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for k := range n {
			c := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Nguyễn Thị", Ten: fmt.Sprintf("%s%d", prefix, k),
				Gender: "nu", BirthYear: 1980 + k, Phone: "0912345678"}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
			a := &data.Assessment{CitizenID: c.ID, Unit: unit, Year: 2026, Result: "chua_dat", Status: "tu_danh_gia"}
			if _, err := e.SaveAssessment(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// exportTo writes the commune's pending bundles to a new folder, as the
// command line would, and returns the files.
func exportTo(t *testing.T, st *store.Store) []string {
	t.Helper()
	ws, err := exchange.Export(context.Background(), exConfig(st), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.Path)
	}
	return out
}

// importFiles imports bundles into st, as the command line would.
func importFiles(t *testing.T, st *store.Store, files ...string) []exchange.Outcome {
	t.Helper()
	outs, err := exchange.Import(context.Background(), exConfig(st), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func exConfig(st *store.Store) *exchange.Config {
	dir := filepath.Dir(st.Path())
	return &exchange.Config{Store: st, Units: units.Default(), Outbox: filepath.Join(dir, "outbox"),
		Held: filepath.Join(dir, "held")}
}

// bundlesOf returns the bundle part of the Sync screen.
func bundlesOf(t *testing.T, u *UI) *bundlesView {
	t.Helper()
	s := openScreen(t, u, "Đồng bộ").(*syncScreen)
	b, ok := s.bundlesArea.Objects[0].(*bundlesView)
	if !ok {
		t.Fatalf("bundles area holds %T", s.bundlesArea.Objects[0])
	}
	return b
}

func TestBundles_CommuneExportsToTheStickThenSaysNothingToExport(t *testing.T) {
	com, _, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 3, "Hoa")
	u, w := startUI(t, com)
	b := bundlesOf(t, u)
	if b.imp != nil {
		t.Error("a commune imports nothing: no import part")
	}
	stick := t.TempDir()
	b.setTarget(stick)
	test.Tap(button(t, w, "Xuất gói dữ liệu"))
	if !strings.Contains(b.result.Text, "Gói số 1: 6 bản ghi") {
		t.Fatalf("result %q", b.result.Text)
	}
	outs, _ := com.OutBundles(context.Background(), 1)
	files, _ := filepath.Glob(filepath.Join(stick, "*.khb"))
	if len(outs) != 1 || outs[0].SentAt == "" || len(files) != 1 {
		t.Fatalf("bundles made %+v, files on the stick %v", outs, files)
	}
	if len(b.made) != 1 || !strings.HasPrefix(cellText(b.madeCell(0, 3)), "đã ghi ra USB/thư mục ") {
		t.Errorf("made list %+v", b.made)
	}
	test.Tap(button(t, w, "Xuất gói dữ liệu"))
	if b.result.Text != "Không có gì để xuất: không có bản ghi nào thay đổi từ gói trước." {
		t.Errorf("second export: %q", b.result.Text)
	}
}

func TestBundles_ResendFromANumberCopiesTheSameBytes(t *testing.T) {
	com, _, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 1, "A")
	exportTo(t, com)
	addCitizens(t, com, 1, "B")
	exportTo(t, com)
	u, w := startUI(t, com)
	b := bundlesOf(t, u)
	lost := t.TempDir()
	b.setTarget(lost)
	test.Tap(button(t, w, "Gửi lại từ số…"))
	entry := firstEntry(t, w)
	entry.SetText("1")
	test.Tap(button(t, w, "Chép lại"))
	files, _ := filepath.Glob(filepath.Join(lost, "*.khb"))
	if len(files) != 2 || !strings.Contains(b.result.Text, "Gói số 2") || !strings.Contains(b.result.Text, "(gửi lại)") {
		t.Fatalf("resent %v: %q", files, b.result.Text)
	}
	outs, _ := com.OutBundles(context.Background(), 1)
	for n, f := range files {
		got, _ := os.ReadFile(f)
		kept, _ := os.ReadFile(outs[n].File)
		if string(got) != string(kept) {
			t.Errorf("bundle %d differs from the outbox copy", n+1)
		}
	}
}

func TestBundles_DistrictImportsTheStickDuplicatesAndADamagedFile(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 3, "Hoa")
	stick := filepath.Dir(exportTo(t, com)[0])
	u, w := startUI(t, dis)
	b := bundlesOf(t, u)
	b.setTarget(stick)
	test.Tap(button(t, w, "Nhập các gói trong USB hoặc thư mục đã chọn"))
	v := b.imp
	if len(v.outs) != 1 {
		t.Fatalf("outcomes %+v", v.outs)
	}
	row := rowText(v.outcomeCell, 0, len(outcomeCols))
	if row[0] != "Xã Đông Hòa" || row[1] != "1" || row[2] != "đã nhập" || row[3] != "6" || row[7] != "" {
		t.Errorf("outcome row %q", row)
	}
	if !hasText(w, v.summary.Text) || !strings.Contains(v.summary.Text, "1 đã nhập") {
		t.Errorf("the summary does not say imported: %q", v.summary.Text)
	}
	counts, _ := dis.RecordCounts(context.Background())
	if got := counts[testCommune.String()][store.Citizen]; got != 3 {
		t.Errorf("district holds %d citizens of the commune, want 3", got)
	}

	test.Tap(button(t, w, "Nhập các gói trong USB hoặc thư mục đã chọn"))
	if got := cellText(v.outcomeCell(0, 2)); got != "đã nhập trước đó" {
		t.Errorf("second import: %q", got)
	}

	damaged := filepath.Join(t.TempDir(), "hong.khb")
	good, _ := os.ReadFile(filepath.Join(stick, baseName(v.outs[0].File)))
	good[len(good)/2] ^= 0xff
	os.WriteFile(damaged, good, 0o600)
	v.Import([]string{damaged}) // what "Chọn tệp gói…" does with the file chosen
	row = rowText(v.outcomeCell, 0, len(outcomeCols))
	if row[2] != "bị từ chối" || row[7] == "" {
		t.Errorf("damaged file: %q", row)
	}
	if !strings.Contains(v.summary.Text, "1 bị từ chối") || !strings.HasPrefix(v.problems.Text, "• hong.khb: bị từ chối – ") {
		t.Errorf("summary %q, problems %q", v.summary.Text, v.problems.Text)
	}
}

func TestBundles_UnknownSenderIsHeldThenTriedAgainAfterEnrolment(t *testing.T) {
	com, dis, comKey := communeAndDistrict(t, false)
	addCitizens(t, com, 2, "Lan")
	files := exportTo(t, com)
	u, w := startUI(t, dis)
	b := bundlesOf(t, u)
	b.imp.Import(files)
	if got := cellText(b.imp.outcomeCell(0, 2)); got != "tạm giữ" {
		t.Fatalf("unknown sender: %q", got)
	}
	if len(b.imp.held) != 1 || !strings.Contains(cellText(b.imp.heldCell(0, 2)), "khóa chưa đăng ký") {
		t.Fatalf("held %+v", b.imp.held)
	}
	trust(t, dis, comKey)
	test.Tap(button(t, w, "Thử lại"))
	if got := cellText(b.imp.outcomeCell(0, 2)); got != "đã nhập" {
		t.Errorf("after enrolment: %q", got)
	}
	if qs, _ := dis.QuarantineList(context.Background()); len(qs) != 0 || len(b.imp.held) != 0 {
		t.Errorf("still held: %+v", qs)
	}
	if b.imp.retry.Disabled() != true {
		t.Error("nothing held: Try again is disabled")
	}
}

func TestMountedIn_ListsTheFoldersOfTheMountRoots(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "an", "KINGSTON"), 0o700)
	os.WriteFile(filepath.Join(root, "note.txt"), nil, 0o600)
	got := mountedIn(root, filepath.Join(root, "an"), filepath.Join(root, "nobody"))
	want := []string{filepath.Join(root, "an", "KINGSTON")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("mounted %v, want %v", got, want)
	}
	if isMount(filepath.Join(root, "an", "KINGSTON")) {
		t.Error("a plain folder is not a mount point")
	}
	if _, err := os.Stat("/proc/self"); err == nil && !isMount("/proc") {
		t.Error("/proc is mounted")
	}
}

// cellText drops a cell's importance.
func cellText(s string, _ any) string { return s }

// rowText reads the texts of a row from a table's cell function.
func rowText[I any](cell func(r, c int) (string, I), r, cols int) []string {
	out := make([]string, cols)
	for c := range out {
		out[c], _ = cell(r, c)
	}
	return out
}

// firstEntry finds the first text entry of the top dialog.
func firstEntry(t *testing.T, w fyne.Window) *textEntry {
	t.Helper()
	for _, o := range objects(w) {
		if e, ok := o.(*textEntry); ok {
			return e
		}
	}
	t.Fatal("no entry")
	return nil
}

func TestBundles_HeldOverBudgetIsAcceptedAfterReviewAndAnUnknownKeyIsNot(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	addCitizens(t, com, 3, "Mai")
	files := exportTo(t, com)
	if _, err := exchange.SetBudget(context.Background(), dis, exchange.Budget{BundleRows: 2}); err != nil {
		t.Fatal(err)
	}
	u, w := startUI(t, dis)
	b := bundlesOf(t, u)
	b.imp.Import(files)
	if len(b.imp.held) != 1 || b.imp.held[0].Reason != "over_budget" {
		t.Fatalf("held %+v", b.imp.held)
	}
	if want := "1 gói bị giữ vì dung lượng, số thứ tự, máy thứ hai hoặc đồng hồ: hãy gọi điện cho nơi gửi; nếu đúng họ đã gửi, chọn gói rồi bấm Chấp nhận sau khi xem xét."; b.imp.heldNote.Text != want {
		t.Errorf("note %q, want %q", b.imp.heldNote.Text, want)
	}
	if !b.imp.accept.Disabled() {
		t.Fatal("Accept is enabled before a bundle is picked")
	}
	b.imp.heldTable.Select(widget.TableCellID{Row: 0, Col: 0})
	if b.imp.accept.Disabled() {
		t.Fatal("a bundle held over its budget was picked: Accept is disabled")
	}
	test.Tap(button(t, w, "Chấp nhận sau khi xem xét…"))
	if m := u.keys.modal(); m == nil || !strings.HasPrefix(m.key, "Chấp nhận gói tạm giữ") {
		t.Fatalf("no question before accepting: %v", m)
	}
	test.Tap(button(t, w, "Chấp nhận và nhập"))
	if got := cellText(b.imp.outcomeCell(0, 2)); got != "đã nhập" {
		t.Fatalf("after acceptance: %q (%s)", got, b.imp.problems.Text)
	}
	if n, _ := dis.CountCitizens(context.Background(), store.CitizenQuery{}); n != 3 {
		t.Errorf("%d citizens at the district, want 3", n)
	}
	if qs, _ := dis.QuarantineList(context.Background()); len(qs) != 0 || len(b.imp.held) != 0 {
		t.Errorf("still held: %+v", qs)
	}
}

func TestBundles_AnUnknownKeyCannotBeAcceptedByReview(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, false)
	addCitizens(t, com, 1, "Lan")
	files := exportTo(t, com)
	u, _ := startUI(t, dis)
	b := bundlesOf(t, u)
	b.imp.Import(files)
	b.imp.heldTable.Select(widget.TableCellID{Row: 0, Col: 0})
	if b.imp.picked != 0 || !b.imp.accept.Disabled() {
		t.Errorf("picked %d, Accept disabled %v: an unknown key is enrolled, never accepted by review", b.imp.picked, b.imp.accept.Disabled())
	}
}
