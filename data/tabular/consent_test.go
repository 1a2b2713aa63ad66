package tabular

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/internal/printtest"
	"sokhuyenhoc/data/store"
)

// consentToPublish records, for the award id, the consent of every party
// that may be needed to publish the name (the guardian, the pupil, the
// person when an adult), so that the award is listed.
func consentToPublish(ed *store.Editor, id string) error {
	for _, by := range []string{data.Guardian, data.Child, data.Self} {
		c := &data.Consent{Subject: id, SubjectKind: "award", GivenBy: by, Keep: "co", Upward: "co", Publish: "co"}
		if _, err := ed.SaveConsent(c); err != nil {
			return err
		}
	}
	return nil
}

// Without consent to publish, a person is on no list, of either form (the
// data form's CSV and workbook, the printed list's workbook and PDF): an
// adult who said no, a pupil whose guardian said yes but not the pupil, a
// recipient nobody asked, a yes withdrawn, an older "không"; and a citizen
// who refused, or, once the unit's policy asks for consent, one nobody
// asked. Each export says how many it left out, of the year it lists.
func TestExport_OnlyThoseWhoConsentedToPublishAreListed(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	today := st.Today()
	award := func(ho, ten string, born int, legacy string, year int) data.Award {
		return data.Award{Unit: unit, Person: data.Person{HoDem: ho, Ten: ten, BirthYear: born,
			BirthDate: data.Date{Y: born, M: 1, D: 15}}, AwardType: "khen_hsg_tinh", Consent: legacy,
			AwardedOn: data.Date{Y: year, M: 6, D: 1}}
	}
	yes := func(by string) data.Consent {
		return data.Consent{GivenBy: by, Keep: "co", Upward: "co", Publish: "co"}
	}
	no := func(by string) data.Consent {
		return data.Consent{GivenBy: by, Keep: "co", Upward: "co", Publish: "khong"}
	}
	withdrawn := yes(data.Self)
	withdrawn.GivenOn, withdrawn.WithdrawnOn = data.Date{Y: today.Y - 1, M: 1, D: 2}, today
	y, adult, pupil := today.Y, today.Y-40, today.Y-12
	awards := []struct {
		a        data.Award
		consents []data.Consent
	}{
		{award("Nguyễn Văn", "Đồng", adult, "", y), []data.Consent{yes(data.Self)}},
		{award("Trần Thị", "Từ", adult, "", y), []data.Consent{no(data.Self)}},
		{award("Lê Minh", "Bé", pupil, "", y), []data.Consent{yes(data.Guardian)}}, // the pupil was not asked
		{award("Phạm Thu", "Hai", pupil, "", y), []data.Consent{yes(data.Guardian), yes(data.Child)}},
		{award("Hoàng Văn", "Lặng", adult, "", y), nil},
		{award("Vũ Thị", "Rút", adult, "", y), []data.Consent{withdrawn}},
		{award("Đỗ Văn", "Cũ", adult, "khong", y), nil},
		{award("Bùi Thị", "Năm", adult, "", y-1), []data.Consent{no(data.Self)}}, // another year
	}
	var refused, silent data.Citizen
	err := st.Edit(ctx, "test", func(ed *store.Editor) error {
		for _, w := range awards {
			a := w.a
			if _, err := ed.SaveAward(&a); err != nil {
				return err
			}
			for _, c := range w.consents {
				c.Subject, c.SubjectKind = a.ID, "award"
				if _, err := ed.SaveConsent(&c); err != nil {
					return err
				}
			}
		}
		refused = data.Citizen{Unit: unit, Person: data.Person{HoDem: "Ngô Thị", Ten: "Chối", BirthYear: adult}}
		silent = data.Citizen{Unit: unit, Person: data.Person{HoDem: "Đặng Văn", Ten: "Im", BirthYear: adult}}
		for _, c := range []*data.Citizen{&refused, &silent} {
			if _, err := ed.SaveCitizen(c); err != nil {
				return err
			}
		}
		c := no(data.Self)
		c.Subject, c.SubjectKind = refused.ID, "citizen"
		_, err := ed.SaveConsent(&c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	m := listMeta
	m.Year = y
	type export struct {
		name  string
		write func(k Kind, path string, m ListMeta) (int, int, error)
		ext   string
	}
	dataForm := func(k Kind, path string, _ ListMeta) (int, int, error) { return ExportCounting(ctx, st, k, "", path) }
	exports := []export{{"data", dataForm, ".csv"}, {"data", dataForm, ".xlsx"},
		{"list", func(k Kind, path string, m ListMeta) (int, int, error) {
			return ExportListCounting(ctx, st, k, path, m)
		}, ".xlsx"}}
	check := func(k Kind, m ListMeta, want string, withheld map[string]int) {
		t.Helper()
		for _, e := range exports {
			path := filepath.Join(dir, e.name+"-"+string(k)+e.ext)
			n, out, err := e.write(k, path, m)
			if err != nil {
				t.Fatalf("%s%s %s: %v", e.name, e.ext, k, err)
			}
			rows, err := Read(path, k)
			if err != nil {
				t.Fatalf("%s%s %s: read back: %v", e.name, e.ext, k, err)
			}
			var names []string
			for _, r := range rows {
				names = append(names, r.Input["full_name"])
			}
			sort.Strings(names)
			if got := strings.Join(names, "|"); got != want || n != len(rows) || out != withheld[e.name] {
				t.Errorf("%s%s %s: %d rows %q, %d left out; want %q, %d left out", e.name, e.ext, k, n, got, out, want, withheld[e.name])
			}
		}
	}
	// The data form writes every year (Bùi Thị Năm's refusal counts); the
	// list, this year's.
	check(Awards, m, "Nguyễn Văn Đồng|Phạm Thu Hai", map[string]int{"data": 6, "list": 5})
	check(Citizens, listMeta, "Đặng Văn Im", map[string]int{"data": 1, "list": 1})

	t.Run("pdf", func(t *testing.T) {
		path := filepath.Join(dir, "list-award.pdf")
		n, out, err := ExportListCounting(ctx, st, Awards, path, m)
		if err != nil || n != 2 || out != 5 {
			t.Fatalf("pdf: %d rows, %d left out, %v", n, out, err)
		}
		text := strings.Join(printtest.PDFPages(t, path), "\n")
		for _, w := range awards {
			name := w.a.FullName()
			if listed := name == "Nguyễn Văn Đồng" || name == "Phạm Thu Hai"; strings.Contains(text, name) != listed {
				t.Errorf("pdf: %s printed %v, want %v", name, !listed, listed)
			}
		}
	})

	if err := st.SetConsentPolicy(ctx, data.ConsentPolicy{SilenceRefuses: true}); err != nil {
		t.Fatal(err)
	}
	check(Citizens, listMeta, "", map[string]int{"data": 2, "list": 2})
}
