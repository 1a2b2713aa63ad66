package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// setPhone changes a citizen's phone number as a form would.
func setPhone(t *testing.T, st *store.Store, id, phone string) {
	t.Helper()
	c, _, err := st.GetCitizen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	c.Phone = phone
	if err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		_, err := e.SaveCitizen(&c)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func phoneOf(t *testing.T, st *store.Store, id string) string {
	t.Helper()
	c, _, err := st.GetCitizen(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Phone
}

func TestConflicts_APersonTakesTheOtherValueThenKeepsTheCurrentOne(t *testing.T) {
	com, dis, _ := communeAndDistrict(t, true)
	ids := addCitizens(t, com, 2, "Hoa")
	importFiles(t, dis, exportTo(t, com)...)
	// The district corrects both phone numbers; the commune, unaware, too.
	setPhone(t, dis, ids[0], "0911111111")
	setPhone(t, com, ids[0], "0922222222")
	setPhone(t, dis, ids[1], "0933333333")
	setPhone(t, com, ids[1], "0944444444")
	importFiles(t, dis, exportTo(t, com)...)

	u, w := startUI(t, dis)
	s := openScreen(t, u, "Xung đột").(*conflictsScreen)
	if len(s.items) != 2 {
		t.Fatalf("conflicts %+v", s.items)
	}
	it := s.items[0]
	if it.FieldName != "Số điện thoại" || !strings.HasPrefix(it.RecordName, "Công dân học tập: Nguyễn Thị Hoa") ||
		it.UnitName != "Xã Đông Hòa" || it.Why == "" {
		t.Errorf("first conflict %+v", it)
	}
	if from := map[bool]string{true: "máy này", false: "Xã Đông Hòa"}[phoneOf(t, dis, it.RecID) != "0911111111"]; it.From != from {
		t.Errorf("the other value came from %q, want %q", it.From, from)
	}
	if s.keep.Disabled() != true {
		t.Error("nothing selected: the buttons wait")
	}

	s.table.Select(widget.TableCellID{Row: 0, Col: 1})
	other := it.Value.(string)
	test.Tap(button(t, w, "Lấy giá trị kia"))
	if !hasText(w, it.Question(store.TakeLoser)) {
		t.Fatal("a question comes before the change")
	}
	test.Tap(button(t, w, "Lấy giá trị kia")) // the dialog's button
	if got := phoneOf(t, dis, it.RecID); got != other {
		t.Errorf("phone %q, want the other value %q", got, other)
	}
	if cs, _ := dis.Conflicts(context.Background(), ""); len(cs) != 1 || len(s.items) != 1 {
		t.Fatalf("conflicts left %+v, listed %d", cs, len(s.items))
	}

	it = s.items[0]
	kept := phoneOf(t, dis, it.RecID)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(button(t, w, "Giữ giá trị hiện tại"))
	test.Tap(button(t, w, "Giữ giá trị hiện tại"))
	if got := phoneOf(t, dis, it.RecID); got != kept {
		t.Errorf("phone %q, want the current %q kept", got, kept)
	}
	if cs, _ := dis.Conflicts(context.Background(), ""); len(cs) != 0 || len(s.items) != 0 {
		t.Fatalf("conflicts left %+v", cs)
	}
	if !strings.HasPrefix(s.summary.Text, "Không có xung đột nào") {
		t.Errorf("summary %q", s.summary.Text)
	}
}

func TestConflicts_AChangeToALockedYearWaitsForAPerson(t *testing.T) {
	ctx := context.Background()
	com, dis, _ := communeAndDistrict(t, true)
	ids := addCitizens(t, com, 1, "Thu")
	importFiles(t, dis, exportTo(t, com)...)
	if err := dis.Approve(ctx, testCommune.String(), 2026, "Cán bộ Huyện"); err != nil {
		t.Fatal(err)
	}
	err := com.Edit(ctx, "test", func(e *store.Editor) error {
		_, err := e.SaveAssessment(&data.Assessment{CitizenID: ids[0], Unit: testCommune.String(), Year: 2026,
			Result: "dat", Status: "cong_nhan"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	importFiles(t, dis, exportTo(t, com)...)

	u, w := startUI(t, dis)
	s := openScreen(t, u, "Xung đột").(*conflictsScreen)
	if len(s.items) != 1 {
		t.Fatalf("conflicts %+v", s.items)
	}
	it := s.items[0]
	if it.RecordName != "Đánh giá hằng năm: Nguyễn Thị Thu0, năm 2026" || it.FieldName != "cả bản ghi" ||
		!strings.Contains(it.Cur, "Kết quả: Chưa đạt") || !strings.Contains(it.Oth, "Kết quả: Đạt") {
		t.Errorf("locked conflict %+v", it)
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(button(t, w, "Lấy giá trị kia"))
	test.Tap(button(t, w, "Lấy giá trị kia"))
	as, _ := dis.Assessments(ctx, ids[0])
	if len(as) != 1 || as[0].Result != "dat" || len(s.items) != 0 {
		t.Errorf("accepted: %+v, %d left", as, len(s.items))
	}
}
