package tabular

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
)

// Each workbook an officer might bring, with its exact outcome: where the
// header was found, what the rows hold, or the sentence that refuses it.
func TestRead_OfficerWorkbooks(t *testing.T) {
	for _, tc := range []struct {
		file  string
		kind  Kind
		where string            // Table.Describe in Vietnamese
		lines []int             // data rows' lines
		cells map[string]string // "line:column" → value read
		typed map[string]string // "line:column" → the cell as typed
		err   error
		vi    string // the refusal, in Vietnamese
	}{
		{file: "title-row.xlsx", kind: Citizens, where: "Dòng tiêu đề: dòng 3.", lines: []int{4, 5},
			cells: map[string]string{"4:full_name": "Nguyễn Thị Hòa", "5:result": "chua_dat", "4:birth_year": "1985"}},
		{file: "two-row-header.xlsx", kind: Citizens, where: "Dòng tiêu đề: dòng 2–3 (dòng trên gộp nhóm cột).",
			lines: []int{4, 5}, cells: map[string]string{"4:full_name": "Lê Văn An", "4:i1": "8", "4:i10": "8",
				"5:i3": "4", "5:gender": "Nữ", "5:year": "2025"}},
		{file: "numbered-indicators.xlsx", kind: Citizens, where: "Dòng tiêu đề: dòng 1–2 (dòng trên gộp nhóm cột).",
			lines: []int{3}, cells: map[string]string{"3:i1": "9", "3:i10": "9", "3:year": "2025"}},
		{file: "numeric-phones.xlsx", kind: Citizens, where: "Dòng tiêu đề: dòng 1.", lines: []int{2, 3, 4},
			cells: map[string]string{"2:id_number": "034185001234", "2:phone": "0912345678",
				"3:phone": "01687640255", "4:phone": "1112345678"},
			typed: map[string]string{"2:id_number": "34185001234", "2:phone": "912345678", "3:phone": "1687640255"}},
		{file: "formula-cached.xlsx", kind: Awards, where: "Dòng tiêu đề: dòng 1.", lines: []int{2},
			cells: map[string]string{"2:amount_vnd": "1000000"}},
		{file: "formula-no-value.xlsx", kind: Awards, err: ErrFormula,
			vi: "ô D2 là công thức chưa có giá trị: mở tệp bằng Excel, lưu lại rồi nhập"},
		{file: "datetime.xlsx", kind: Citizens, where: "Dòng tiêu đề: dòng 1.", lines: []int{2},
			cells: map[string]string{"2:birth_date": "1985-03-10", "2:decision_date": "2025-10-01"},
			typed: map[string]string{"2:decision_date": "01/10/2025 09:30", "2:birth_date": "10/03/1985"}},
		{file: "second-sheet.xlsx", kind: Citizens, lines: []int{2},
			where: "Đã đọc trang tính “Danh sách” (trang 2 trong 2). Dòng tiêu đề: dòng 1. Các trang trước không có dòng tiêu đề.",
			cells: map[string]string{"2:full_name": "Lý Thị Hạnh"}},
		{file: "unknown-column.xlsx", kind: Citizens, err: ErrUnknownColumn,
			vi: "dòng tiêu đề 2: cột không hợp lệ «Ghi chú thêm»"},
		{file: "calc.ods", kind: Citizens, lines: []int{4},
			where: "Dòng tiêu đề: dòng 2–3 (dòng trên gộp nhóm cột).",
			cells: map[string]string{"4:full_name": "Trịnh Văn Long", "4:phone": "01662345678", "4:i5": "8",
				"4:decision_no": "7/QĐ-HKH", "4:decision_date": "2025-10-01"},
			typed: map[string]string{"4:phone": "1662345678", "4:decision_date": "01/10/2025 18:00"}},
		{file: "old.xls", kind: Citizens, err: ErrXLS,
			vi: "tệp .xls (Excel 97–2003) không đọc được: mở tệp bằng Excel, chọn Tệp → Lưu thành, chọn kiểu “Sổ làm việc Excel (*.xlsx)”, lưu rồi nhập tệp .xlsx đó"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			tab, err := ReadWith(filepath.Join(officerDir(), tc.file), tc.kind, DefaultLimits)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				if got := msg.Err("vi", err); got != tc.vi {
					t.Fatalf("message\n got %q\nwant %q", got, tc.vi)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (%s)", err, msg.Err("vi", err))
			}
			if got := tab.Describe("vi"); got != tc.where {
				t.Errorf("where\n got %q\nwant %q", got, tc.where)
			}
			var lines []int
			byLine := map[int]Row{}
			for _, r := range tab.Rows {
				lines = append(lines, r.Line)
				byLine[r.Line] = r
			}
			if !reflect.DeepEqual(lines, tc.lines) {
				t.Fatalf("lines %v, want %v", lines, tc.lines)
			}
			check := func(what string, want map[string]string, get func(Row, string) string) {
				for key, v := range want {
					var line int
					var col string
					splitKey(key, &line, &col)
					if got := get(byLine[line], col); got != v {
						t.Errorf("%s %s = %q, want %q", what, key, got, v)
					}
				}
			}
			check("cell", tc.cells, func(r Row, c string) string { return r.Input[c] })
			check("typed", tc.typed, func(r Row, c string) string { return r.Typed[c] })
		})
	}
}

func splitKey(key string, line *int, col *string) {
	for i := 0; i < len(key); i++ {
		if key[i] == ':' {
			*col = key[i+1:]
			return
		}
		*line = *line*10 + int(key[i]-'0')
	}
}

// Importing the officers' workbooks: the scores of a two-row header give
// the results, an old mobile number typed as a number becomes today's, and
// a bad number is quoted as the officer typed it.
func TestImport_OfficerWorkbooks(t *testing.T) {
	st := openStore(t)
	rows, err := Read(filepath.Join(officerDir(), "two-row-header.xlsx"), Citizens)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit}); err != nil {
		t.Fatal(err)
	}
	rows, err = Read(filepath.Join(officerDir(), "numeric-phones.xlsx"), Citizens)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := Preview(context.Background(), st, Citizens, rows, Options{Unit: unit})
	probs := preview.Problems
	if err != nil || len(probs) != 1 || probs[0].Line != 4 || !errors.Is(probs[0].Err, data.ErrPhone) {
		t.Fatalf("problems %v", probs)
	}
	if got, want := msg.Err("vi", probs[0].Err), "Số điện thoại «1112345678»: "+msg.Err("vi", data.ErrPhone); got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	if _, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit, SkipBad: true}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Lê Văn An|||dat",
		"Phạm Thị Cúc|||chua_dat",
		"Vũ Thị Lan|0912345678|034185001234",
		"Hoàng Văn Nam|0387640255|",
	}
	var got []string
	for _, s := range allCitizens(t, st) {
		got = append(got, strings.Join(strings.Split(s, "|")[:min(4, len(strings.Split(s, "|")))], "|"))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("citizens\n got %q\nwant %q", got, want)
	}
}

// A file refused by its kind, whatever its name says.
func TestRead_RefusesByContent(t *testing.T) {
	dir := t.TempDir()
	xls, err := os.ReadFile(filepath.Join(officerDir(), "old.xls"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		body []byte
		err  error
	}{
		{"renamed.xlsx", xls, ErrEncrypted}, // an OLE file named .xlsx: an encrypted workbook
		{"notes.txt", []byte("full_name\nAn\n"), ErrReadFormat},
		{"broken.xlsx", []byte("PK\x03\x04 not really"), ErrBroken},
		{"broken.ods", []byte("not a zip"), ErrBroken},
	} {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, tc.body, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(p, Citizens)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
		if m := msg.Err("vi", err); m != msg.Err("vi", tc.err) {
			t.Errorf("%s: message %q carries more than the sentence", tc.name, m)
		}
	}
}

// The rejected rows saved as a workbook keep the cells as typed and the
// whole reason; corrected, the workbook imports as it is.
func TestWriteRejected_CorrectAndImportAgain(t *testing.T) {
	rows, err := Read(filepath.Join(officerDir(), "numeric-phones.xlsx"), Citizens)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := Preview(context.Background(), openStore(t), Citizens, rows, Options{Unit: unit})
	if err != nil {
		t.Fatal(err)
	}
	probs := preview.Problems
	path := filepath.Join(t.TempDir(), "loi.xlsx")
	if err := WriteRejected(path, Citizens, rows, probs, "vi"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.GetRows("Sheet1")
	f.Close()
	want := [][]string{
		{"Dòng gốc", "Họ và tên", "Giới tính", "Năm sinh", "Số CCCD", "Số điện thoại", "Lý do"},
		{"4", "Bùi Văn Sơn", "Nam", "1988", "", "1112345678", msg.Err("vi", probs[0].Err)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rejected workbook\n got %q\nwant %q", got, want)
	}
	x, _ := excelize.OpenFile(path)
	x.SetCellStr("Sheet1", "F2", "0912000111")
	x.Save()
	x.Close()
	back, err := Read(path, Citizens)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := Preview(context.Background(), openStore(t), Citizens, back, Options{Unit: unit}); err != nil ||
		len(back) != 1 || len(p.Problems) != 0 || back[0].Input["phone"] != "0912000111" {
		t.Fatalf("corrected: %+v %v %v", back, p.Problems, err)
	}
}

// A CSV an office saved: a title, Vietnamese names with a row number and a
// total column, a date typed with its time.
func TestReadCSV_OfficeSaved(t *testing.T) {
	file := "DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026;;;;\n;;;;\n" +
		"STT;Họ tên;Giới;Ngày sinh;Số định danh cá nhân;Số ĐT;Tổng điểm\n" +
		"1;Nguyễn Văn An;Nam;05/06/1980 00:00;034080001234;0912345678;85\n" +
		"2;Trần Thị Bình;Nữ;1985-02-03T00:00:00Z;;;\n"
	tab, err := ReadCSVTable([]byte(file), Citizens, DefaultLimits)
	if err != nil {
		t.Fatalf("%v (%s)", err, msg.Err("vi", err))
	}
	want := data.Input{"full_name": "Nguyễn Văn An", "gender": "Nam", "birth_date": "05/06/1980",
		"id_number": "034080001234", "phone": "0912345678"}
	if tab.HeaderLine != 3 || len(tab.Rows) != 2 || !reflect.DeepEqual(tab.Rows[0].Input, want) ||
		tab.Rows[1].Input["birth_date"] != "1985-02-03" {
		t.Fatalf("header %d rows %+v", tab.HeaderLine, tab.Rows)
	}
	if p, err := Preview(context.Background(), openStore(t), Citizens, tab.Rows, Options{Unit: unit}); err != nil || len(p.Problems) != 0 {
		t.Fatalf("problems %v %v", p.Problems, err)
	}
}
