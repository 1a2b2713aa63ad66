package tabular

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

const unit = "2024:12345"

func fixture(name string) string { return filepath.Join("..", "..", "testdata", "records", name) }

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Init(context.Background(), store.Setup{Site: "s1", Unit: unit, Level: "commune"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func importFile(t *testing.T, st *store.Store, k Kind, name string, skip bool) (Result, error) {
	t.Helper()
	rows, err := Read(fixture(name), k)
	if err != nil {
		t.Fatal(err)
	}
	return Import(context.Background(), st, k, rows, Options{Unit: unit, SkipBad: skip})
}

func allCitizens(t *testing.T, st *store.Store) []string {
	t.Helper()
	var out []string
	err := st.EachCitizen(context.Background(), "", func(c data.Citizen, a *data.Assessment) error {
		s := c.FullName() + "|" + c.Phone + "|" + c.IDNumber
		if a != nil {
			s += "|" + a.Result + "|" + a.Status
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImport_GoodFileTwice(t *testing.T) {
	st := openStore(t)
	res, err := importFile(t, st, Citizens, "citizens-good.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 5 || res.Created != 5 || res.Updated != 0 || len(res.Problems) != 0 {
		t.Fatalf("first import %+v", res)
	}
	want := []string{
		"Trần Văn Đào||034062009999|chua_dat|tu_danh_gia",
		"Lê Văn Hoà|0987654321||dat|cong_nhan",
		"Nguyễn Thị Hòa|0912345678|034185001234|dat|cong_nhan",
		"Phạm Minh Khôi|||dat|cong_nhan",
		"Đào Thị Mai|0362345678||chua_dat|tu_danh_gia",
	}
	if got := allCitizens(t, st); !reflect.DeepEqual(got, want) {
		t.Fatalf("citizens\n got %q\nwant %q", got, want)
	}
	res, err = importFile(t, st, Citizens, "citizens-good.csv", false)
	if err != nil || res.Created != 0 || res.Updated != 0 || res.Unchanged != 5 {
		t.Fatalf("second import %+v %v", res, err)
	}
	if got := allCitizens(t, st); !reflect.DeepEqual(got, want) {
		t.Fatalf("second import changed the register: %q", got)
	}
}

func TestImport_NFDFileIsStoredNFCAndFound(t *testing.T) {
	st := openStore(t)
	if _, err := importFile(t, st, Citizens, "citizens-nfd.csv", false); err != nil {
		t.Fatal(err)
	}
	for _, name := range allCitizens(t, st) {
		if !norm.NFC.IsNormalString(name) {
			t.Errorf("%q is not NFC", name)
		}
	}
	for q, want := range map[string]int{"hoa": 2, "dao": 2, "Hoà": 2, norm.NFD.String("Đào"): 2} {
		if n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{Search: q}); n != want {
			t.Errorf("search %q found %d, want %d", q, n, want)
		}
	}
	// The NFC file is the same people: nothing new.
	res, err := importFile(t, st, Citizens, "citizens-good.csv", false)
	if err != nil || res.Created != 0 || res.Unchanged != 5 {
		t.Fatalf("NFC after NFD: %+v %v", res, err)
	}
}

func TestImport_BadRowsRejectEverything(t *testing.T) {
	st := openStore(t)
	if _, err := importFile(t, st, Citizens, "citizens-good.csv", false); err != nil {
		t.Fatal(err)
	}
	before := allCitizens(t, st)
	res, err := importFile(t, st, Citizens, "citizens-bad.csv", false)
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("err = %v, want ErrRejected", err)
	}
	want := []struct {
		line  int
		field string
		err   error
	}{
		{3, "id_number", data.ErrCCCDGender},
		{4, "birth_date", data.ErrNoSuchDay},
		{5, "phone", data.ErrPhone},
		{6, "i10", data.ErrScore},
		{7, "result", data.ErrResultMismatch},
		{8, "result", data.ErrRequired},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems %v", res.Problems)
	}
	for n, w := range want {
		p := res.Problems[n]
		var fe *data.FieldError
		if p.Line != w.line || !errors.Is(p.Err, w.err) || !errors.As(p.Err, &fe) || fe.Field != w.field {
			t.Errorf("problem %d = line %d %v, want line %d %s %v", n, p.Line, p.Err, w.line, w.field, w.err)
		}
	}
	if res.Created+res.Updated != 0 {
		t.Errorf("rejected import reports writes: %+v", res)
	}
	if got := allCitizens(t, st); !reflect.DeepEqual(got, before) {
		t.Fatalf("register changed by a rejected file")
	}
	res, err = importFile(t, st, Citizens, "citizens-bad.csv", true)
	if err != nil || res.Created != 1 || res.Skipped != 6 {
		t.Fatalf("skip-bad: %+v %v", res, err)
	}
}

func TestRead_RefusesBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind Kind
		err  error
	}{
		{"citizens-unknown-column.csv", Citizens, ErrUnknownColumn},
		{"citizens-tcvn3.csv", Citizens, text.ErrLegacyEncoding},
		{"funds-good.csv", Citizens, ErrUnknownColumn},
		{"citizens-good.csv", Funds, ErrUnknownColumn},
	} {
		_, err := Read(fixture(tc.name), tc.kind)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s as %s: err = %v, want %v", tc.name, tc.kind, err, tc.err)
		}
	}
	var ce *ColumnError
	if _, err := Read(fixture("citizens-unknown-column.csv"), Citizens); !errors.As(err, &ce) || ce.Column != "nickname" {
		t.Errorf("the unknown column is not named: %v", err)
	}
	if _, err := ReadCSV([]byte("gender,year\nnam,2026\n"), Citizens); !errors.Is(err, ErrMissingColumn) {
		t.Errorf("missing full_name: %v", err)
	}
}

func TestReadCSV_SemicolonsBOMAndLostZeros(t *testing.T) {
	rows, err := ReadCSV([]byte("\ufefffull_name;id_number;phone\nLê Văn An;34085001234;912345678\n;;\n"), Citizens)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Input["id_number"] != "034085001234" || rows[0].Input["phone"] != "0912345678" || rows[0].Line != 2 {
		t.Fatalf("rows %+v", rows)
	}
}

func TestXLSX_ImportAndRoundTrip(t *testing.T) {
	st := openStore(t)
	dir := t.TempDir()
	x := excelize.NewFile()
	for n, row := range [][]any{
		{"full_name", "gender", "birth_date", "id_number", "year", "result"},
		{"Hà Thị Thu", "nu", 31116, 34185001234, 2026, "dat"}, // 31116 = 10/03/1985, CCCD lost its zero
		{"Đinh Văn Lâm", "nam", "1972-07-01", "", 2026, "chua_dat"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	in := filepath.Join(dir, "in.xlsx")
	if err := x.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	rows, err := Read(in, Citizens)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit})
	if err != nil || res.Created != 2 {
		t.Fatalf("import %+v %v", res, err)
	}
	items, _ := st.Citizens(context.Background(), store.CitizenQuery{})
	if items[0].Ten != "Lâm" || items[1].BirthDate.VN() != "10/03/1985" || items[1].IDNumber != "034185001234" {
		t.Fatalf("items %+v", items)
	}
	for _, ext := range []string{".xlsx", ".csv"} {
		out := filepath.Join(dir, "out"+ext)
		n, err := Export(context.Background(), st, Citizens, "", out)
		if err != nil || n != 2 {
			t.Fatalf("export %s: %d %v", ext, n, err)
		}
		back, err := Read(out, Citizens)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(context.Background(), st, Citizens, back, Options{Unit: unit})
		if err != nil || res.Unchanged != 2 || res.Created+res.Updated != 0 {
			t.Fatalf("re-import of own %s export: %+v %v", ext, res, err)
		}
	}
}

func TestImport_OtherRegistersTwice(t *testing.T) {
	st := openStore(t)
	for _, tc := range []struct {
		kind    Kind
		file    string
		created int
	}{
		{Centres, "centres-good.csv", 2},
		{Awards, "awards-good.csv", 3},
		{Funds, "funds-good.csv", 4},
	} {
		res, err := importFile(t, st, tc.kind, tc.file, false)
		if err != nil || res.Created != tc.created {
			t.Fatalf("%s: %+v %v", tc.file, res, err)
		}
		res, err = importFile(t, st, tc.kind, tc.file, false)
		if err != nil || res.Created != 0 || res.Updated != 0 {
			t.Fatalf("%s again: %+v %v", tc.file, res, err)
		}
	}
	tot, err := st.UnitTotals(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	got := tot[unit]
	if got.Centres.Active != 1 || got.Centres.Classes != 27 || got.Centres.LearnerTimes != 1970 ||
		got.Awards.Count != 3 || got.Awards.AmountVND != 6000000 ||
		got.Funds.RaisedVND != 62500000 || got.Funds.SpentVND != 6000000 || got.Funds.BalanceVND != 64500000 {
		t.Fatalf("totals %+v %+v %+v", got.Centres, got.Awards, got.Funds)
	}
}

// Two namesakes born the same year in one village are two people; the same
// person in two years is one; importing the file again adds no one.
func TestImport_NamesakesAndYearsInOneFile(t *testing.T) {
	st := openStore(t)
	file := []byte("full_name,birth_year,village,year,result\n" +
		"Nguyễn Văn An,1980,Thôn 1,2026,dat\n" +
		"Nguyễn Văn An,1980,Thôn 1,2026,chua_dat\n" +
		"Trần Thị Bình,1975,Thôn 2,2025,dat\n" +
		"Trần Thị Bình,1975,Thôn 2,2026,dat\n")
	rows, err := ReadCSV(file, Citizens)
	if err != nil {
		t.Fatal(err)
	}
	for round, want := range [][4]int{{4, 3, 1, 0}, {4, 0, 0, 4}} {
		res, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit})
		if err != nil {
			t.Fatal(err)
		}
		if got := [4]int{res.Rows, res.Created, res.Updated, res.Unchanged}; got != want || len(res.Problems) != 0 {
			t.Fatalf("round %d: rows, created, updated, unchanged %v, want %v (%+v)", round, got, want, res)
		}
	}
	tot, _ := st.UnitTotals(context.Background(), 2026)
	if c := tot[unit].Citizens; c.Registered != 3 || c.Recognized != 2 {
		t.Fatalf("2026: %+v, want 3 registered (two namesakes and Bình), 2 recognised", c)
	}
	if n, _ := st.CountCitizens(context.Background(), store.CitizenQuery{}); n != 3 {
		t.Fatalf("%d people, want 3", n)
	}
}

func TestImport_IdenticalAwardRowsAreTwoAwards(t *testing.T) {
	st := openStore(t)
	file := []byte("full_name,award_type,amount_vnd,awarded_on\n" +
		"Lê Minh,qua,200000,01/06/2026\nLê Minh,qua,200000,01/06/2026\n")
	rows, _ := ReadCSV(file, Awards)
	for round := 0; round < 2; round++ {
		if _, err := Import(context.Background(), st, Awards, rows, Options{Unit: unit}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := st.CountAwards(context.Background(), store.AwardQuery{}); n != 2 {
		t.Fatalf("%d awards after importing the file twice, want 2", n)
	}
}
