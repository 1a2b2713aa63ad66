package report

import (
	"context"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Without consent to publish, no certificate names the person: an award
// whose guardian said no, or left it unanswered, or whose pupil (from 7)
// did not agree; a citizen who refused.
func TestCertificates_OnlyWithConsentToPublish(t *testing.T) {
	ctx := context.Background()
	st := certStore(t)
	u := dongPhuong.String()
	day := data.Date{Y: 2026, M: 5, D: 1}
	err := st.Edit(ctx, "test", func(e *store.Editor) error {
		for _, a := range []struct {
			ten     string
			legacy  string
			consent []data.Consent
		}{
			{"Không", "khong", nil},
			{"Im Lặng", "", nil},
			{"Chưa Hỏi Con", "", []data.Consent{{GivenBy: data.Guardian, GivenOn: day, Keep: "co", Upward: "co", Publish: "co"}}},
			{"Rút Lại", "", []data.Consent{{GivenBy: data.Guardian, GivenOn: day, Publish: "co", WithdrawnOn: data.Date{Y: 2026, M: 6, D: 1}},
				{GivenBy: data.Child, GivenOn: day, Publish: "co"}}},
		} {
			aw := &data.Award{Unit: u, Person: data.Person{HoDem: "Học Sinh", Ten: a.ten, BirthDate: data.Date{Y: 2014, M: 1, D: 1}},
				AwardType: "qua", AwardedOn: data.Date{Y: 2026, M: 6, D: 1}, Consent: a.legacy}
			if _, err := e.SaveAward(aw); err != nil {
				return err
			}
			for _, c := range a.consent {
				c.Subject, c.SubjectKind = aw.ID, "award"
				if _, err := e.SaveConsent(&c); err != nil {
					return err
				}
			}
		}
		cs, err := st.Citizens(ctx, store.CitizenQuery{Unit: u, Search: "Bình"})
		if err != nil || len(cs) != 1 {
			return err
		}
		_, err = e.SaveConsent(&data.Consent{Subject: cs[0].ID, SubjectKind: "citizen", GivenBy: data.Self, Publish: "khong"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	awards, err := AwardCertificates(ctx, st, units.Default(), 2026, signing)
	if err != nil || len(awards) != 1 || awards[0]["ho_ten"] != "Vũ Minh Khang" {
		t.Fatalf("award certificates %v %v", awards, err)
	}
	citizens, err := CitizenCertificates(ctx, st, units.Default(), 2026, signing)
	if err != nil || len(citizens) != 1 || citizens[0]["ho_ten"] != "Nguyễn Văn An" {
		t.Fatalf("citizen certificates %v %v", citizens, err)
	}
	r, err := Build(ctx, st, units.Default(), dongPhuong, 2026, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := AddConsentGaps(ctx, st, r, signing.Date); err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(r.Doc(Meta{}).Lines, "\n")
	// Awards: Im Lặng answers nothing; Không (the older no) leaves keeping
	// unanswered, Rút Lại keeping and sending upward; Chưa Hỏi Con lacks
	// the pupil's answer about publishing. The citizen answered publishing.
	want := "Khen thưởng, học bổng chưa có quyết định đồng ý: 1/5 hồ sơ chưa có ý kiến nào; chưa rõ ý kiến về: lưu giữ 3, gửi lên cấp trên 2, công bố tên 2.\n" +
		"Công dân học tập chưa có quyết định đồng ý: 0/1 hồ sơ chưa có ý kiến nào; chưa rõ ý kiến về: lưu giữ 1, gửi lên cấp trên 1, công bố tên 0."
	if !strings.Contains(lines, want) {
		t.Errorf("report lines:\n%s\nwant %s", lines, want)
	}
}
