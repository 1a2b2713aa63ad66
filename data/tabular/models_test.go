package tabular

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// modelState lists a model's records as "name|year result grade step|members".
func modelState[T any](t *testing.T, st *store.Store, k *data.ModelKind[T]) []string {
	t.Helper()
	var out []string
	err := store.EachModel(context.Background(), st, k.Table, "", func(x T, y *data.ModelYear, cs []string) error {
		s := k.Name(&x)
		if y != nil {
			s += "|" + strings.Join([]string{itoa(y.Year), y.Registered, y.Criteria, y.Result, y.Grade, y.Status}, " ")
		}
		out = append(out, s+"|"+itoa(len(cs)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// Each model's file with one bad row: the whole file is refused, naming
// the row, its cell and its reason, and nothing is written; with
// --skip-bad the good rows are, judged by their criteria sets; the same
// file again, and its export imported back, change nothing.
func TestImportModels_EachKindWithABadRow(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := importFile(t, st, Citizens, "citizens-good.csv", false); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kind  Kind
		file  string
		line  int
		field string
		err   error
		state func() []string
		want  []string
	}{
		{Clans, "clans.csv", 4, "name", data.ErrRequired, func() []string { return modelState(t, st, data.ClanKind) }, []string{
			"Họ Lê|2025 co ket-qua dat  cong_nhan|0", // a result without scores or decision: a legacy list
			"Họ Nguyễn Văn|2025 co ket-qua dat  cong_nhan|0",
			"Họ Trần Chi 2|2025 co ket-qua chua_dat  tu_danh_gia|0"}},
		{Families, "families.csv", 4, "members", data.ErrCounts, func() []string { return modelState(t, st, data.FamilyKind) }, []string{
			"Hoàng Văn Em|2025 khong ket-qua   nhap|0",
			"Nguyễn Văn An|2025 co ket-qua dat  cong_nhan|1",
			"Phạm Thị Dung|2025 co ket-qua   nhap|0",
			"Trần Thị Bình|2025 co ket-qua chua_dat  tu_danh_gia|0"}},
		{Communities, "communities.csv", 4, "year", data.ErrNumber, func() []string { return modelState(t, st, data.CommunityKind) }, []string{
			"Thôn Bắc|2025 co ket-qua dat  cong_nhan|0",
			"Thôn Tây|2025 co ket-qua chua_dat  tu_danh_gia|0",
			"Thôn Đông|2025 co ket-qua dat  cong_nhan|0"}},
		{Units, "units.csv", 4, "status", data.ErrNotPassed, func() []string { return modelState(t, st, data.UnitKind) }, []string{
			"Trường Tiểu học Đông Hòa|2025 co BGDDT-TT22-2020 dat tot cong_nhan|0",  // 93 points, a decision
			"Trạm y tế xã|2025 co BGDDT-TT22-2020 chua_dat khong_dat tu_danh_gia|0", // 46 points
			"UBND xã|2025 co ket-qua dat  cong_nhan|0"}},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			before := tc.state()
			res, err := importFile(t, st, tc.kind, tc.file, false)
			if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 {
				t.Fatalf("err %v, problems %v: want the file refused for one row", err, res.Problems)
			}
			var fe *data.FieldError
			p := res.Problems[0]
			if p.Line != tc.line || !errors.Is(p.Err, tc.err) || !errors.As(p.Err, &fe) || fe.Field != tc.field {
				t.Fatalf("problem line %d %v, want line %d %s %v", p.Line, p.Err, tc.line, tc.field, tc.err)
			}
			if got := tc.state(); !reflect.DeepEqual(got, before) {
				t.Fatalf("a refused file changed the register: %v", got)
			}
			res, err = importFile(t, st, tc.kind, tc.file, true)
			if err != nil || res.Created != len(tc.want) || res.Skipped != 1 {
				t.Fatalf("skip-bad: %+v %v", res, err)
			}
			if got := tc.state(); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("register\n got %q\nwant %q", got, tc.want)
			}
			res, err = importFile(t, st, tc.kind, tc.file, true)
			if err != nil || res.Created+res.Updated != 0 || res.Unchanged != len(tc.want) {
				t.Fatalf("the same file again: %+v %v", res, err)
			}
			out := filepath.Join(t.TempDir(), "export.csv")
			if n, err := Export(ctx, st, tc.kind, "", out); err != nil || n != len(tc.want) {
				t.Fatalf("export: %d rows, %v", n, err)
			}
			rows, err := Read(out, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			res, err = Import(ctx, st, tc.kind, rows, Options{Unit: unit})
			if err != nil || res.Created+res.Updated != 0 {
				t.Fatalf("its export imported back: %+v %v", res, err)
			}
		})
	}
}

// A unit's own criteria set, replaced mid-way by a stricter one: last
// year's results, scored against the first, never move — not when the set
// in use changes, not when last year's file is imported again — while this
// year's rows are judged by the new set; the report counts the same.
func TestImportModels_NewerSetNeverRewritesLastYear(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	v1 := `{"model": "family", "version": "TINH-2025", "status": "partial",
	 "criteria": [{"code": "A", "label": "Trẻ em đến trường", "max": 50}, {"code": "B", "label": "Người lớn học tập", "max": 50}],
	 "rule": {"kind": "points", "total_min": 70}}`
	install := func(body string) {
		t.Helper()
		set, err := data.ParseCriteriaSet(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.InstallCriteria(ctx, set, "test", true); err != nil {
			t.Fatal(err)
		}
	}
	install(v1)
	last := "head,village,year,scores\nNgô Văn Một,Thôn Đông,2025,A=40; B=35\nNgô Văn Hai,Thôn Đông,2025,A=30; B=30\n"
	importCSV(t, st, Families, last, Options{})
	before, _ := st.UnitTotals(ctx, 2025)
	wantLast := []string{"Ngô Văn Hai|2025 co TINH-2025 chua_dat  tu_danh_gia|0", "Ngô Văn Một|2025 co TINH-2025 dat  de_nghi|0"}
	if got := modelState(t, st, data.FamilyKind); !reflect.DeepEqual(got, wantLast) {
		t.Fatalf("scored against the first set:\n got %q\nwant %q", got, wantLast)
	}

	install(strings.NewReplacer(`"TINH-2025"`, `"TINH-2026"`, `"total_min": 70`, `"total_min": 80`).Replace(v1))
	if err := st.InstallCriteria(ctx, mustParse(t, strings.Replace(v1, `"total_min": 70`, `"total_min": 60`, 1)), "x", false); !errors.Is(err, data.ErrSetTaken) {
		t.Fatalf("another set under an installed version: %v", err)
	}
	importCSV(t, st, Families, last, Options{}) // last year's file again, with the new set in use
	if got := modelState(t, st, data.FamilyKind); !reflect.DeepEqual(got, wantLast) {
		t.Fatalf("last year moved with the new set:\n got %q\nwant %q", got, wantLast)
	}
	importCSV(t, st, Families, strings.ReplaceAll(last, "B=35", "B=36"), Options{}) // a score corrected: judged by its own set
	if got := modelState(t, st, data.FamilyKind); !reflect.DeepEqual(got, wantLast) {
		t.Fatalf("a corrected score of last year was judged by the new set (76 < 80):\n got %q\nwant %q", got, wantLast)
	}
	importCSV(t, st, Families, strings.ReplaceAll(last, "2025", "2026"), Options{})
	var y2026 []string
	for _, s := range modelState(t, st, data.FamilyKind) {
		if strings.Contains(s, "|2026") {
			y2026 = append(y2026, s)
		}
	}
	want26 := []string{"Ngô Văn Hai|2026 co TINH-2026 chua_dat  tu_danh_gia|0", "Ngô Văn Một|2026 co TINH-2026 chua_dat  tu_danh_gia|0"}
	if !reflect.DeepEqual(y2026, want26) {
		t.Fatalf("this year, by the new set (75 < 80):\n got %q\nwant %q", y2026, want26)
	}
	after, _ := st.UnitTotals(ctx, 2025)
	if !reflect.DeepEqual(after[unit].Models, before[unit].Models) {
		t.Fatalf("2025 figures moved: %+v, were %+v", after[unit].Models["family"], before[unit].Models["family"])
	}

	// The citizens' set the same way: a stricter set in use does not move
	// a scored pass of last year.
	cit := "full_name,year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\nĐỗ Thị Ba,2025,8,8,8,8,8,8,8,8,8,8\n"
	importCSV(t, st, Citizens, cit, Options{})
	strict := data.Shipped().Current(data.ModelCitizen)
	body := strings.NewReplacer(`"version": "HKHVN-244-2022"`, `"version": "TINH-CDHT-2026"`, `"total_min": 80`, `"total_min": 90`).
		Replace(string(strict.JSON()))
	install(body)
	importCSV(t, st, Citizens, cit, Options{})
	importCSV(t, st, Citizens, strings.Replace(cit, "2025", "2026", 1), Options{})
	c, a25 := theCitizen(t, st, 2025)
	_, a26 := theCitizen(t, st, 2026)
	if a25.Result != "dat" || a25.Criteria != "" /* the shipped set, as every older row records it */ || a26.Result != "chua_dat" || a26.Criteria != "TINH-CDHT-2026" {
		t.Fatalf("%s: 2025 %+v, 2026 %+v", c.FullName(), a25, a26)
	}
}

func mustParse(t *testing.T, s string) *data.CriteriaSet {
	t.Helper()
	set, err := data.ParseCriteriaSet(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Members are named by CCCD or id; a name the unit does not hold is the
// row's fault; giving the cell makes the list exactly what it says.
func TestImportModels_Members(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := importFile(t, st, Citizens, "citizens-good.csv", false); err != nil {
		t.Fatal(err)
	}
	rows, _ := ReadCSV([]byte("head,village,citizens\nĐinh Văn Hộ,Thôn Đông,034185001234; 999999999999\n"), Families)
	res, err := Import(ctx, st, Families, rows, Options{Unit: unit})
	var fe *data.FieldError
	if !errors.Is(err, ErrRejected) || !errors.As(res.Problems[0].Err, &fe) || fe.Field != "citizens" || !errors.Is(fe, store.ErrNoSuchCitizen) {
		t.Fatalf("an unknown CCCD: %v %v", err, res.Problems)
	}
	importCSV(t, st, Families, "head,village,citizens\nĐinh Văn Hộ,Thôn Đông,034185001234\n", Options{})
	items, _ := store.ModelRecords(ctx, st, data.Families, store.ModelQuery{})
	ms, _ := st.MembersOf(ctx, items[0].Record.ID)
	if len(ms) != 1 || ms[0].IDNumber != "034185001234" {
		t.Fatalf("members %+v", ms)
	}
	importCSV(t, st, Families, "head,village\nĐinh Văn Hộ,Thôn Đông\n", Options{}) // no cell: the links stay
	if ms, _ = st.MembersOf(ctx, items[0].Record.ID); len(ms) != 1 {
		t.Fatalf("a file without the column dropped the links: %+v", ms)
	}
	importCSV(t, st, Families, "head,village,citizens\nĐinh Văn Hộ,Thôn Đông,\n", Options{ClearEmpty: true})
	if ms, _ = st.MembersOf(ctx, items[0].Record.ID); len(ms) != 0 {
		t.Fatalf("an empty cell with --clear-empty kept the links: %+v", ms)
	}
	rows, _ = ReadCSV([]byte("head,village,clan\nĐinh Văn Hộ,Thôn Đông,Họ Không Có\n"), Families)
	if res, err := Import(ctx, st, Families, rows, Options{Unit: unit}); !errors.Is(err, ErrRejected) || !errors.Is(res.Problems[0].Err, store.ErrNoSuchClan) {
		t.Fatalf("an unknown clan: %v %v", err, res.Problems)
	}
}
