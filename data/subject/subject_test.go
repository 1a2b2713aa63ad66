package subject

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

const unit = "2024:12694"

func setUp(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"),
		store.Options{Now: func() time.Time { return time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Init(context.Background(), store.Setup{Site: "a1b2c3d4e5f60718", Unit: unit, Level: "commune",
		Name: "Xã Đông Hòa", Operator: "Cán Bộ Lập"}); err != nil {
		t.Fatal(err)
	}
	return st
}

// people writes the person asked about (a citizen with an assessment, a
// consent and a correction; an award with a consent) and a namesake, and
// returns the ids of what must be in the file.
func people(t *testing.T, st *store.Store) (refs []store.SubjectRef, want []string) {
	t.Helper()
	ctx := context.Background()
	an := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Nguyễn Văn", Ten: "An", Gender: "nam", BirthYear: 1990,
		IDNumber: "034090111222", Phone: "0912111222", Ethnicity: "Tày", Village: "Thôn Một"}, Note: "Ghi chú của An"}
	other := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Nguyễn Văn", Ten: "An", Gender: "nam", BirthYear: 1991,
		IDNumber: "034091333444", Phone: "0988333444", Village: "Thôn Hai"}, Note: "Ghi chú của người khác"}
	award := &data.Award{Unit: unit, Person: data.Person{HoDem: "Nguyễn Văn", Ten: "An", BirthDate: data.Date{Y: 2012, M: 5, D: 6}},
		School: "Trường THCS Đông Hòa", Guardian: "Nguyễn Văn Bố", AwardType: "hsg_tinh", AmountVND: 500000}
	otherAward := &data.Award{Unit: unit, Person: data.Person{HoDem: "Nguyễn Văn", Ten: "An", BirthDate: data.Date{Y: 2013, M: 1, D: 1}},
		School: "Trường Khác", Guardian: "Phụ Huynh Khác", AwardType: "qua", AmountVND: 100000}
	a := &data.Assessment{Unit: unit, Year: 2025, Result: "dat", Status: "cong_nhan", DecisionNo: "QĐ-AN-25"}
	var consents []*data.Consent
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, c := range []*data.Citizen{an, other} {
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
		}
		for _, x := range []*data.Award{award, otherAward} {
			if _, err := e.SaveAward(x); err != nil {
				return err
			}
		}
		a.CitizenID = an.ID
		if _, err := e.SaveAssessment(a); err != nil {
			return err
		}
		oa := &data.Assessment{Unit: unit, CitizenID: other.ID, Year: 2025, Result: "chua_dat", DecisionNo: "QĐ-KHAC"}
		if _, err := e.SaveAssessment(oa); err != nil {
			return err
		}
		consents = []*data.Consent{
			{Subject: an.ID, SubjectKind: "citizen", GivenBy: data.Self, Publish: "khong", Note: "Phiếu của An"},
			{Subject: award.ID, SubjectKind: "award", GivenBy: data.Guardian, Name: "Nguyễn Văn Bố", Upward: "co", Publish: "co"},
			{Subject: otherAward.ID, SubjectKind: "award", GivenBy: data.Guardian, Name: "Phụ Huynh Khác", Upward: "co"},
		}
		for _, c := range consents {
			if _, err := e.SaveConsent(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	an.Note = "Ghi chú của An, đã sửa"
	if err := st.Edit(ctx, "form", func(e *store.Editor) error { _, err := e.SaveCitizen(an); return err }); err != nil {
		t.Fatal(err)
	}
	refs = []store.SubjectRef{{Kind: store.Citizen, ID: an.ID}, {Kind: store.Award, ID: award.ID}}
	want = []string{an.ID, a.ID, consents[0].ID, award.ID, consents[1].ID}
	sort.Strings(want)
	return refs, want
}

var (
	hisValues   = []string{"034090111222", "0912111222", "Ghi chú của An, đã sửa", "Ghi chú của An", "Thôn Một", "QĐ-AN-25", "Phiếu của An", "Trường THCS Đông Hòa", "Nguyễn Văn Bố"}
	otherValues = []string{"034091333444", "0988333444", "Ghi chú của người khác", "Thôn Hai", "QĐ-KHAC", "Trường Khác", "Phụ Huynh Khác", "1991"}
)

func ids(recs []data.SubjectRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
		out = append(out, ids(r.Records)...)
	}
	sort.Strings(out)
	return out
}

// The file holds exactly the person's records (the citizen, its
// assessment and consent, the award and its consent, with the audit trail
// of each), every value of them, and nothing of the namesake; in JSON, in
// the PDF's text and in the workbook's cells alike.
func TestWrite_ExactlyThatPersonsRecords(t *testing.T) {
	st := setUp(t)
	refs, want := people(t, st)
	f, err := st.SubjectFile(context.Background(), refs, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(f.Records); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("records %v, want %v", got, want)
	}
	if len(f.Records[0].Audit) < 2 || !strings.Contains(f.Records[0].Audit[1].Detail, "Ghi chú của An") {
		t.Errorf("audit trail %+v", f.Records[0].Audit)
	}
	dir := t.TempDir()
	m := Meta{UnitName: "Xã Đông Hòa", Person: "Nguyễn Văn An", Place: "Đông Hòa", Operator: "Cán Bộ Lập", Lang: "vi"}
	texts := map[string]string{}
	for _, ext := range []string{".json", ".pdf", ".xlsx"} {
		path := filepath.Join(dir, "du-lieu"+ext)
		if err := Write(f, m, path); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v %v", ext, st.Mode(), err)
		}
		texts[ext] = readBack(t, path)
	}
	back, err := ReadJSON(filepath.Join(dir, "du-lieu.json"))
	if err != nil || strings.Join(ids(back.Records), " ") != strings.Join(want, " ") {
		t.Fatalf("JSON read back: %v", err)
	}
	for ext, txt := range texts {
		for _, v := range hisValues {
			if !strings.Contains(txt, v) {
				t.Errorf("%s lacks %q", ext, v)
			}
		}
		for _, v := range otherValues {
			if strings.Contains(txt, v) {
				t.Errorf("%s holds the namesake's %q", ext, v)
			}
		}
	}
	if !strings.Contains(texts[".pdf"], "Dân tộc") || !strings.Contains(texts[".pdf"], "Tày") {
		t.Errorf("the PDF does not name the fields in Vietnamese:\n%s", texts[".pdf"])
	}
}

// readBack reads a written file the way its reader does: JSON as text,
// the PDF through pdftotext, the workbook's cells through excelize.
func readBack(t *testing.T, path string) string {
	t.Helper()
	switch filepath.Ext(path) {
	case ".json":
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(v) // unescaped UTF-8 as written
		return string(b) + string(out)
	case ".pdf":
		pdftotext, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Skipf("pdftotext not installed (the Makefile installs poppler-utils): %v", err)
		}
		out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var b strings.Builder
	for _, sh := range x.GetSheetList() {
		rows, err := x.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, " | "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}
