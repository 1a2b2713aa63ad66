package tabular

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

func importCSV(t *testing.T, st *store.Store, k Kind, csv string, opt Options) Result {
	t.Helper()
	rows, err := ReadCSV([]byte(csv), k)
	if err != nil {
		t.Fatal(err)
	}
	opt.Unit = unit
	res, err := Import(context.Background(), st, k, rows, opt)
	if err != nil {
		t.Fatalf("import: %v (%+v)", err, res.Problems)
	}
	return res
}

// theCitizen returns the only citizen of the store and its assessment of year.
func theCitizen(t *testing.T, st *store.Store, year int) (data.Citizen, *data.Assessment) {
	t.Helper()
	var out []data.CitizenEntry
	err := st.EachCitizen(context.Background(), "", func(c data.Citizen, a *data.Assessment) error {
		if a == nil || a.Year == year {
			out = append(out, data.CitizenEntry{Citizen: c, Assessment: a})
		}
		return nil
	})
	if err != nil || len(out) != 1 {
		t.Fatalf("citizens of %d: %+v %v, want one", year, out, err)
	}
	return out[0].Citizen, out[0].Assessment
}

const hoaRow = "full_name,birth_year,village,note,year,result,status\n" +
	"Nguyễn Thị Hoà,1985,Thôn Đông,ghi chú quan trọng,2026,chua_dat,de_nghi\n"

// The defect of the first review: a row that only adds a phone emptied the
// note and moved the step from đề nghị back to tự đánh giá.
func TestReimport_KeepsWhatTheFileDoesNotCarry(t *testing.T) {
	st := openStore(t)
	importCSV(t, st, Citizens, hoaRow, Options{})
	res := importCSV(t, st, Citizens, "full_name,birth_year,village,phone\nNguyễn Thị Hoà,1985,Thôn Đông,0912345678\n", Options{})
	c, a := theCitizen(t, st, 2026)
	if c.Note != "ghi chú quan trọng" || c.Phone != "0912345678" || a.Status != data.StepProposed || a.Result != "chua_dat" {
		t.Fatalf("after adding a phone: %+v %+v", c, a)
	}
	want := []Change{{Line: 2, Name: "Nguyễn Thị Hoà", Fields: []FieldChange{{Kind: store.Citizen, Col: "phone", Old: "", New: "0912345678"}}}}
	if res.Updated != 1 || !reflect.DeepEqual(res.Changes, want) {
		t.Fatalf("result %+v, want one update of the phone", res)
	}
	// The year's row without a status: the step a person chose stays.
	importCSV(t, st, Citizens, "full_name,birth_year,village,year,result\nNguyễn Thị Hoà,1985,Thôn Đông,2026,chua_dat\n", Options{})
	if _, a := theCitizen(t, st, 2026); a.Status != data.StepProposed {
		t.Fatalf("step %q after a row without status, want de_nghi", a.Status)
	}
}

func TestReimport_EmptyCellKeepsUnlessCleared(t *testing.T) {
	st := openStore(t)
	importCSV(t, st, Citizens, hoaRow, Options{})
	emptyNote := "full_name,birth_year,village,note\nNguyễn Thị Hoà,1985,Thôn Đông,\n"
	if res := importCSV(t, st, Citizens, emptyNote, Options{}); res.Unchanged != 1 {
		t.Fatalf("an empty note cell changed something: %+v", res)
	}
	if c, _ := theCitizen(t, st, 2026); c.Note != "ghi chú quan trọng" {
		t.Fatalf("note %q, want it kept", c.Note)
	}
	rows, _ := ReadCSV([]byte(emptyNote), Citizens)
	preview, err := Preview(context.Background(), st, Citizens, rows, Options{Unit: unit, ClearEmpty: true})
	want := []FieldChange{{Kind: store.Citizen, Col: "note", Old: "ghi chú quan trọng", New: ""}}
	if err != nil || preview.Updated != 1 || len(preview.Changes) != 1 || !reflect.DeepEqual(preview.Changes[0].Fields, want) {
		t.Fatalf("preview %+v %v, want the note cleared", preview, err)
	}
	if c, _ := theCitizen(t, st, 2026); c.Note != "ghi chú quan trọng" {
		t.Fatalf("the preview wrote: note %q", c.Note)
	}
	importCSV(t, st, Citizens, emptyNote, Options{ClearEmpty: true})
	if c, _ := theCitizen(t, st, 2026); c.Note != "" {
		t.Fatalf("note %q after --clear-empty, want it cleared", c.Note)
	}
}

// A partial file names people by the cells it has: no birth year column,
// a CCCD added to someone recorded without one.
func TestReimport_PartialRowsFindTheirRecord(t *testing.T) {
	st := openStore(t)
	importCSV(t, st, Citizens, hoaRow, Options{})
	importCSV(t, st, Citizens, "full_name,phone\nNguyễn Thị Hoà,0987654321\n", Options{})
	importCSV(t, st, Citizens, "full_name,birth_year,gender,id_number\nNguyễn Thị Hoà,1985,nu,034185001234\n", Options{})
	c, _ := theCitizen(t, st, 2026)
	if c.Phone != "0987654321" || c.IDNumber != "034185001234" || c.Note != "ghi chú quan trọng" {
		t.Fatalf("citizen %+v", c)
	}
	// Two people of that name now: a row without birth year cannot tell them apart.
	importCSV(t, st, Citizens, "full_name,birth_year,village\nNguyễn Thị Hoà,1990,Thôn Tây\n", Options{})
	rows, _ := ReadCSV([]byte("full_name,phone\nNguyễn Thị Hoà,0911111111\n"), Citizens)
	res, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit})
	var amb *AmbiguousError
	if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 || !errors.As(res.Problems[0].Err, &amb) || amb.Column != "birth_year" {
		t.Fatalf("ambiguous row: %+v %v", res, err)
	}
}

// Each combination of scores, result, decision and step named by the row:
// the step stored, and whether the report counts it passed and recognised.
func TestImport_WorkflowTable(t *testing.T) {
	const head = "full_name,year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,result,decision_no,decision_date,status\n"
	pass, fail := "9,9,9,9,9,9,9,9,9,9", "4,9,9,9,9,9,9,9,9,9"
	none := ",,,,,,,,,"
	for _, tc := range []struct {
		name, cells, step string
		passed, recog     bool
	}{
		{"scored pass, no decision: awaiting", pass + ",,,,", data.StepProposed, true, false},
		{"scored pass, decision number", pass + ",,5/QĐ,,", data.StepRecognized, true, true},
		{"scored pass, decision date", pass + ",,,15/11/2026,", data.StepRecognized, true, true},
		{"scored pass, self-assessed named", pass + ",,,,tu_danh_gia", data.StepSelfAssessed, true, false},
		{"scored pass, công nhận named", pass + ",,,,cong_nhan", data.StepRecognized, true, true},
		{"scored fail", fail + ",,,,", data.StepSelfAssessed, false, false},
		{"scored fail, decision", fail + ",,5/QĐ,,", data.StepNotRecognized, false, false},
		{"legacy đạt", none + ",dat,,,", data.StepRecognized, true, true},
		{"legacy đạt, đề nghị named", none + ",dat,,,de_nghi", data.StepProposed, true, false},
		{"legacy chưa đạt", none + ",chua_dat,,,", data.StepSelfAssessed, false, false},
		{"legacy chưa đạt, decision", none + ",chua_dat,5/QĐ,,", data.StepNotRecognized, false, false},
		{"draft named, nothing else", none + ",,,,nhap", data.StepDraft, false, false},
	} {
		st := openStore(t)
		importCSV(t, st, Citizens, head+"Lê Văn An,2026,"+tc.cells+"\n", Options{})
		_, a := theCitizen(t, st, 2026)
		tot, err := st.UnitTotals(context.Background(), 2026)
		if err != nil {
			t.Fatal(err)
		}
		c := tot[unit].Citizens
		if a.Status != tc.step || (c.Passed == 1) != tc.passed || (c.Recognized == 1) != tc.recog {
			t.Errorf("%s: step %q, passed %d, recognised %d; want %q %v %v", tc.name, a.Status, c.Passed, c.Recognized,
				tc.step, tc.passed, tc.recog)
		}
	}
}

func TestImport_RecognisedNeedsAPass(t *testing.T) {
	st := openStore(t)
	rows, _ := ReadCSV([]byte("full_name,year,result,status\nLê An,2026,chua_dat,cong_nhan\n"), Citizens)
	res, err := Import(context.Background(), st, Citizens, rows, Options{Unit: unit})
	if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 || !errors.Is(res.Problems[0].Err, data.ErrNotPassed) {
		t.Fatalf("%+v %v", res, err)
	}
}

// The commune's decision arrives in a later file: a pass awaiting
// recognition becomes công nhận.
func TestReimport_DecisionArrives(t *testing.T) {
	st := openStore(t)
	const head = "full_name,year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\n"
	importCSV(t, st, Citizens, head+"Lê Văn An,2026,9,9,9,9,9,9,9,9,9,9\n", Options{})
	if _, a := theCitizen(t, st, 2026); a.Status != data.StepProposed {
		t.Fatalf("step %q", a.Status)
	}
	importCSV(t, st, Citizens, "full_name,year,decision_no,decision_date\nLê Văn An,2026,12/QĐ-UBND,15/11/2026\n", Options{})
	_, a := theCitizen(t, st, 2026)
	if a.Status != data.StepRecognized || len(a.Scores) != 10 || a.DecisionNo != "12/QĐ-UBND" {
		t.Fatalf("after the decision: %+v", a)
	}
}

// Centres, awards and ledger lines keep what a partial file lacks too.
func TestReimport_OtherKindsKeepTheirFields(t *testing.T) {
	st := openStore(t)
	importCSV(t, st, Centres, "name,status,deputies,year,classes,year_status\nTT Đông,sap_nhap,Trần Hai,2025,10,hoat_dong\n", Options{})
	importCSV(t, st, Centres, "name,director\nTT Đông,Lê Tám\n", Options{})
	cs, _ := st.Centres(context.Background(), unit, 2025)
	if len(cs) != 1 || cs[0].Deputies != "Trần Hai" || cs[0].Director != "Lê Tám" || cs[0].Status != "sap_nhap" || cs[0].Year.Status != "hoat_dong" {
		t.Fatalf("centre %+v", cs)
	}
	importCSV(t, st, Awards, "full_name,award_type,amount_vnd,awarded_on,deciding_level\nLê Minh,qua,200000,01/06/2026,xã\n", Options{})
	importCSV(t, st, Awards, "full_name,award_type,amount_vnd,awarded_on,consent\nLê Minh,qua,200000,01/06/2026,co\n", Options{})
	as, _ := st.Awards(context.Background(), store.AwardQuery{})
	if len(as) != 1 || as[0].DecidingLevel != "xã" || as[0].Consent != "co" {
		t.Fatalf("awards %+v", as)
	}
	importCSV(t, st, Funds, "date,direction,amount_vnd,note\n01/03/2026,thu,500000,quyên góp\n", Options{})
	importCSV(t, st, Funds, "date,direction,amount_vnd,voucher_no\n01/03/2026,thu,500000,PT-1\n", Options{})
	fs, _ := st.FundLines(context.Background(), unit, 0)
	if len(fs) != 1 || fs[0].Note != "quyên góp" || fs[0].VoucherNo != "PT-1" {
		t.Fatalf("funds %+v", fs)
	}
}

// merged_into names the centre by its id (as exports write it) or its name.
func TestImport_MergedIntoByName(t *testing.T) {
	st := openStore(t)
	importCSV(t, st, Centres, "name\nTT Xã\n", Options{})
	importCSV(t, st, Centres, "name,status,merged_into\nTT Thôn,sap_nhap,TT Xã\n", Options{})
	cs, _ := st.Centres(context.Background(), unit, 0)
	if len(cs) != 2 || cs[0].Name != "TT Thôn" || cs[0].MergedInto != cs[1].ID {
		t.Fatalf("centres %+v", cs)
	}
	rows, _ := ReadCSV([]byte("name,merged_into\nTT Khác,TT Không Có\n"), Centres)
	res, err := Import(context.Background(), st, Centres, rows, Options{Unit: unit})
	if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 || !errors.Is(res.Problems[0].Err, ErrNoSuchCentre) {
		t.Fatalf("%+v %v", res, err)
	}
}
