package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// certStore holds six citizens of Đông Phương, two of them recognised in
// 2026, and one award.
func certStore(t *testing.T) *store.Store {
	st := openStore(t)
	u := dongPhuong.String()
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		for _, c := range []struct {
			hoDem, ten, gender string
			a                  data.Assessment
		}{
			{"Nguyễn Văn", "An", "nam", data.Assessment{Year: 2026, Result: "dat", Status: "cong_nhan",
				DecisionNo: "15/QĐ-HKH", DecisionDate: data.Date{Y: 2026, M: 11, D: 20}}},
			// A legacy row (a result without scores) read from a file: the step it gets is công nhận.
			{"Trần Thị", "Bình", "nu", data.Assessment{Year: 2026, Result: "dat", Status: "cong_nhan"}},
			// A scored pass awaiting the decision: passed, no certificate yet.
			{"Đỗ Văn", "Giang", "nam", data.Assessment{Year: 2026, Result: "dat", Status: "de_nghi",
				Scores: []int{90, 90, 90, 90, 90, 90, 90, 90, 90, 90}}},
			{"Lê Văn", "Cúc", "nam", data.Assessment{Year: 2026, Result: "chua_dat"}},
			{"Phạm Văn", "Dũng", "nam", data.Assessment{Year: 2026, Result: "dat", Status: "khong_cong_nhan"}},
			{"Hoàng Thị", "Em", "nu", data.Assessment{Year: 2025, Result: "dat", Status: "cong_nhan"}},
		} {
			ct := &data.Citizen{Unit: u, Person: data.Person{HoDem: c.hoDem, Ten: c.ten, Gender: c.gender,
				BirthYear: 1980, Village: "Thôn Đông"}}
			if _, err := e.SaveCitizen(ct); err != nil {
				return err
			}
			a := c.a
			a.CitizenID, a.Unit = ct.ID, u
			if _, err := e.SaveAssessment(&a); err != nil {
				return err
			}
		}
		a := &data.Award{Unit: u, Person: data.Person{HoDem: "Vũ Minh", Ten: "Khang"},
			School: "Trường THCS Đông Phương", Grade: "9A", AwardType: "hsg_tinh", Achievement: "Giải Nhất môn Toán",
			AmountVND: 500000, AwardedOn: data.Date{Y: 2026, M: 6, D: 1}, Consent: "co"}
		if _, err := e.SaveAward(a); err != nil {
			return err
		}
		// The guardian's yes (the older answer) and the pupil's own, from 7.
		_, err := e.SaveConsent(&data.Consent{Subject: a.ID, SubjectKind: "award", GivenBy: data.Child, Publish: "co"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

var signing = Signing{Unit: dongPhuong, Parent: "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", Place: "Đông Phương",
	Date: data.Date{Y: 2026, M: 11, D: 25}, Signer: "Trần Thị Lụa", DecisionNo: "9/QĐ-HKH",
	DecisionDate: data.Date{Y: 2026, M: 11, D: 1}}

// One A4 landscape page per citizen recognised in the year, with the unit,
// the decision (the record's own, or the one given for all), and the place
// to sign and stamp.
func TestCertificates_OnePagePerRecognisedCitizen(t *testing.T) {
	st := certStore(t)
	reg := units.Default()
	people, err := CitizenCertificates(context.Background(), st, reg, 2026, signing)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := paper.DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(keepDir(t), "giay-chung-nhan.pdf")
	if err := paper.WriteCertificates(path, tpl, paper.CitizenCertificate, people, paper.Props{Title: "Giấy chứng nhận"}); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, path)
	if got := pdfInfo(t, path); got != "Pages: 2; Page size: 841.89 x 595.28 pts (A4)" {
		t.Fatalf("%s, want two A4 landscape pages (An and Bình)", got)
	}
	for n, want := range [][]string{
		{"Ông Nguyễn Văn An", "Quyết định số 15/QĐ-HKH, ngày 20/11/2026", "Số vào sổ: 1"},
		{"Bà Trần Thị Bình", "Quyết định số 9/QĐ-HKH, ngày 01/11/2026", "Số vào sổ: 2"},
	} {
		common := []string{"GIẤY CHỨNG NHẬN", "“CÔNG DÂN HỌC TẬP” NĂM 2026", "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG",
			"HỘI KHUYẾN HỌC XÃ ĐÔNG PHƯƠNG", paper.NationalTitle, paper.NationalMotto,
			"Ban Thường vụ Hội Khuyến học Xã Đông Phương chứng nhận:", "Thôn Đông", "1980",
			"Đông Phương, ngày 25 tháng 11 năm 2026", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Trần Thị Lụa"}
		for _, w := range append(want, common...) {
			if !strings.Contains(oneSpace(pages[n]), w) {
				t.Errorf("page %d lacks %q:\n%s", n+1, w, pages[n])
			}
		}
	}
}

func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// A giấy khen for each award of the year, its type by name.
func TestCertificates_AwardsGetGiayKhen(t *testing.T) {
	st := certStore(t)
	people, err := AwardCertificates(context.Background(), st, units.Default(), 2026, signing)
	if err != nil || len(people) != 1 {
		t.Fatalf("%v %v", people, err)
	}
	tpl, _ := paper.DefaultTemplate()
	path := filepath.Join(t.TempDir(), "giay-khen.pdf")
	if err := paper.WriteCertificates(path, tpl, paper.AwardCertificate, people, paper.Props{}); err != nil {
		t.Fatal(err)
	}
	page := oneSpace(pdfPages(t, path)[0])
	for _, w := range []string{"GIẤY KHEN", "Vũ Minh Khang", "Học sinh lớp 9A, Trường THCS Đông Phương",
		"Đã có thành tích: Giải Nhất môn Toán", "Học sinh giỏi cấp tỉnh năm 2026"} {
		if !strings.Contains(page, w) {
			t.Errorf("giấy khen lacks %q:\n%s", w, page)
		}
	}
}

// The unit's own template, in its data folder, is the one printed; a bad
// one is refused naming its line.
func TestCertificates_UnitTemplate(t *testing.T) {
	dir := t.TempDir()
	def, _ := paper.DefaultTemplateText()
	own := strings.Replace(string(def), "giua       tieu_de   | GIẤY CHỨNG NHẬN", "giua tieu_de | GIẤY CHỨNG NHẬN DANH HIỆU", 1)
	if own == string(def) {
		t.Fatal("the default template's title line moved")
	}
	if err := os.WriteFile(filepath.Join(dir, paper.TemplateFile), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err := paper.LoadTemplate(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "out.pdf")
	people := []map[string]string{{"ho_ten": "Nguyễn Văn An", "nam": "2026"}}
	if err := paper.WriteCertificates(path, tpl, paper.CitizenCertificate, people, paper.Props{}); err != nil {
		t.Fatal(err)
	}
	// A line whose fields are all empty is left out (no decision here).
	if page := oneSpace(pdfPages(t, path)[0]); !strings.Contains(page, "GIẤY CHỨNG NHẬN DANH HIỆU") ||
		strings.Contains(page, "Quyết định số") || !strings.Contains(page, "…… Nguyễn Văn An") {
		t.Errorf("the unit's template was not printed:\n%s", page)
	}
	for _, tc := range []struct{ text, what string }{
		{"[cong_dan_hoc_tap]\ngiua thuong | Ông {ho_tenn}\n", "{ho_tenn}"},
		{"[cong_dan_hoc_tap]\ngiua to | x\n", "to"},
		{"[bang_khen]\n", "[bang_khen]"},
		{"giua thuong | x\n", "giua thuong | x"},
	} {
		_, err := paper.ParseTemplate("t.txt", []byte(tc.text))
		var te *paper.TemplateError
		if !errors.As(err, &te) || te.What != tc.what {
			t.Errorf("%q: %v, want the line naming %q", tc.text, err, tc.what)
		}
	}
}
