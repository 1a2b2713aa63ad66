package tabular

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// seedRegisters writes records of every kind with every field set: a
// citizen with ten scores and a decision, one with a legacy result and a
// note, one in two years, one without a year; a centre merged into
// another, with deputies and a year whose status differs from the
// centre's; an award paid from a ledger line (fund_id), with its deciding
// level and consent; ledger lines in and out.
func seedRegisters(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := st.Edit(ctx, "test", func(ed *store.Editor) error {
		hoa := data.Citizen{Unit: unit, Group: "can_bo", Note: "ghi chú, có dấu phẩy", Person: data.Person{HoDem: "Nguyễn Thị",
			Ten: "Hoà", Gender: "nu", BirthYear: 1985, BirthDate: data.Date{Y: 1985, M: 3, D: 12}, IDNumber: "034185001234",
			Phone: "0912345678", Ethnicity: "Tày", Village: "Thôn Đông"}}
		lam := data.Citizen{Unit: unit, Group: "Thợ may", Note: "=cộng 1", Person: data.Person{HoDem: "Đinh Văn", Ten: "Lâm",
			Gender: "nam", BirthYear: 1972, Phone: "0362345678", Village: "Xóm Chùa"}}
		an := data.Citizen{Unit: unit, Person: data.Person{HoDem: "Lê", Ten: "An", BirthYear: 2000}}
		for _, c := range []*data.Citizen{&hoa, &lam, &an} {
			if _, err := ed.SaveCitizen(c); err != nil {
				return err
			}
		}
		for _, a := range []data.Assessment{
			{CitizenID: hoa.ID, Unit: unit, Year: 2026, Scores: []int{90, 80, 85, 80, 80, 80, 75, 80, 80, 100},
				Result: "dat", Status: data.StepRecognized, DecisionNo: "12/QĐ-UBND", DecisionDate: data.Date{Y: 2026, M: 11, D: 15}},
			{CitizenID: hoa.ID, Unit: unit, Year: 2025, Result: "chua_dat", Status: data.StepSelfAssessed},
			{CitizenID: lam.ID, Unit: unit, Year: 2026, Scores: []int{90, 90, 90, 90, 90, 90, 90, 90, 90, 95},
				Result: "dat", Status: data.StepProposed},
		} {
			if _, err := ed.SaveAssessment(&a); err != nil {
				return err
			}
		}
		xa := data.Centre{Unit: unit, Name: "TTHTCĐ xã Đông Hòa", DecisionNo: "5/QĐ-UBND", EstablishedOn: data.Date{Y: 2008, M: 9, D: 1},
			Status: "hoat_dong", Director: "Lê Văn Tám", Deputies: "Trần Thị Hai; Phạm Văn Ba"}
		if _, err := ed.SaveCentre(&xa); err != nil {
			return err
		}
		thon := data.Centre{Unit: unit, Name: "TT thôn Bắc", Status: "sap_nhap", MergedInto: xa.ID, Deputies: "Vũ Bảy"}
		if _, err := ed.SaveCentre(&thon); err != nil {
			return err
		}
		for _, y := range []data.CentreYear{
			{CentreID: xa.ID, Unit: unit, Year: 2026, Classes: 12, LearnerTimes: 1250, BudgetVND: 15000000, SocialVND: 3000000, Rating: "kha", Status: "hoat_dong",
				ByProgramme: programmes(2, 150, 1, 100, 1, 90, 1, 80, 1, 120, 1, 100, 2, 300, 1, 60, 1, 40)},
			{CentreID: thon.ID, Unit: unit, Year: 2025, Classes: 3, LearnerTimes: 90, Rating: "trung_binh", Status: "hoat_dong"},
		} {
			if _, err := ed.SaveCentreYear(&y); err != nil {
				return err
			}
		}
		chi := data.FundLine{Unit: unit, Date: data.Date{Y: 2026, M: 6, D: 1}, Direction: "chi", Source: "Khen thưởng học sinh",
			AmountVND: 1000000, VoucherNo: "PC-3", Note: "Chi học bổng"}
		thu := data.FundLine{Unit: unit, Date: data.Date{Y: 2026, M: 3, D: 1}, Direction: "thu", Source: "doanh_nghiep",
			AmountVND: 50000000, InKindVND: 1200000, VoucherNo: "PT-012", Note: "Ủng hộ quỹ", Holder: "dong_ho"}
		for _, f := range []*data.FundLine{&chi, &thu} {
			if _, err := ed.SaveFund(f); err != nil {
				return err
			}
		}
		for _, a := range []data.Award{
			{Unit: unit, Person: data.Person{HoDem: "Phạm Minh", Ten: "Đức", Gender: "nam", BirthDate: data.Date{Y: 2012, M: 5, D: 4},
				Village: "Xóm Chùa"}, School: "THCS Đông Hòa", Grade: "8A", SchoolYear: "2025-2026", Guardian: "Phạm Văn Hùng",
				AwardType: "hoc_bong_vuot_kho", Achievement: "Vượt khó học giỏi", AmountVND: 1000000, InKindVND: 250000,
				FundingSource: "Quỹ xã", Sponsor: "Công ty A", DecisionNo: "7/QĐ-HKH", DecisionDate: data.Date{Y: 2026, M: 5, D: 20},
				DecidingLevel: "xã", AwardedOn: data.Date{Y: 2026, M: 6, D: 1}, Consent: "co", FundID: chi.ID,
				RecipientKind: "hoc_sinh", Campaign: "hoc_khong_bao_gio_cung"},
			{Unit: unit, Person: data.Person{HoDem: "Trần", Ten: "Mai", Gender: "nu"}, AwardType: "khen_hsg_tinh",
				SchoolYear: "2024-2025", Consent: "khong"},
		} {
			a.BirthYear = a.BirthDate.Y
			if _, err := ed.SaveAward(&a); err != nil {
				return err
			}
			if err := consentToPublish(ed, a.ID); err != nil { // consent_test.go: listed, as every row here
				return err
			}
		}
		return seedAssociation(ed)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// registerRows is every row of kind k held, as Format writes it for a file,
// sorted, with a reference to a centre (merged_into) by that centre's name,
// so that two stores can be compared.
func registerRows(t *testing.T, st *store.Store, k Kind) []string {
	t.Helper()
	ctx := context.Background()
	var out []data.Input
	var err error
	switch k {
	case Citizens:
		err = st.EachCitizen(ctx, "", func(c data.Citizen, a *data.Assessment) error {
			out = append(out, data.FormatCitizen(data.CitizenEntry{Citizen: c, Assessment: a}, data.FileStyle))
			return nil
		})
	case Centres:
		err = st.EachCentre(ctx, "", func(c data.Centre, y *data.CentreYear) error {
			if c.MergedInto != "" {
				r, err := st.Get(ctx, store.Centre, c.MergedInto)
				if err != nil {
					return err
				}
				c.MergedInto = store.CentreOf(r).Name
			}
			out = append(out, data.FormatCentre(data.CentreEntry{Centre: c, Year: y}, data.FileStyle))
			return nil
		})
	case Awards:
		var as []data.Award
		as, err = st.Awards(ctx, store.AwardQuery{})
		for _, a := range as {
			out = append(out, data.FormatAward(a, data.FileStyle))
		}
	case Funds:
		var fs []data.FundLine
		fs, err = st.FundLines(ctx, "", 0)
		for _, f := range fs {
			out = append(out, data.FormatFund(f, data.FileStyle))
		}
	case Branches, Activities:
		out = associationRows(t, st, k)
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]string, len(out))
	for n, in := range out {
		var cells []string
		for _, c := range k.Columns() {
			cells = append(cells, c+"="+in[c])
		}
		lines[n] = strings.Join(cells, "|")
	}
	sort.Strings(lines)
	return lines
}

// exportForm writes kind k in one form to path.
type exportForm struct {
	name  string
	ext   string
	write func(ctx context.Context, st *store.Store, k Kind, path string) (int, error)
}

var exportForms = []exportForm{
	{"data", ".csv", func(ctx context.Context, st *store.Store, k Kind, path string) (int, error) {
		return Export(ctx, st, k, "", path)
	}},
	{"data", ".xlsx", func(ctx context.Context, st *store.Store, k Kind, path string) (int, error) {
		return Export(ctx, st, k, "", path)
	}},
	{"list", ".xlsx", func(ctx context.Context, st *store.Store, k Kind, path string) (int, error) {
		return ExportList(ctx, st, k, path, sampleListMeta)
	}},
}

var sampleListMeta = ListMeta{Name: "Xã Đông Phương", Parent: "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", Place: "Đông Phương",
	Date: data.Date{Y: 2026, M: 11, D: 25}, Operator: "Nguyễn Văn Tâm", Chairman: "Trần Thị Lụa"}

// Every field of every kind comes back from both forms: importing the
// export into the store it came from changes nothing, and importing it
// into a new installation of the unit gives the same rows.
func TestExport_BothFormsImportBackEveryField(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	seedRegisters(t, st)
	dir := t.TempDir()
	for _, f := range exportForms {
		fresh := openStore(t)
		for _, k := range []Kind{Funds, Awards, Centres, Citizens, Branches, Activities} {
			name := f.name + f.ext + " " + string(k)
			want := registerRows(t, st, k)
			path := filepath.Join(dir, f.name+"-"+string(k)+f.ext)
			n, err := f.write(ctx, st, k, path)
			if err != nil || n != len(want) {
				t.Fatalf("%s: export %d rows, %v; want %d", name, n, err, len(want))
			}
			rows, err := Read(path, k)
			if err != nil {
				t.Fatalf("%s: read back: %v", name, err)
			}
			if len(rows) != len(want) {
				t.Fatalf("%s: %d rows read back, want %d", name, len(rows), len(want))
			}
			res, err := Import(ctx, st, k, rows, Options{Unit: unit})
			if err != nil || res.Unchanged != len(want) || res.Created+res.Updated != 0 {
				t.Fatalf("%s: re-import into its store: %+v %v", name, res, err)
			}
			res, err = Import(ctx, fresh, k, rows, Options{Unit: unit})
			if err != nil || res.Created != countRecords(want, k) {
				t.Fatalf("%s: import into a new store: %+v %v", name, res, err)
			}
			if got := registerRows(t, fresh, k); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: a new store holds\n%v\nwant\n%v", name, got, want)
			}
		}
	}
}

// countRecords counts the records the rows make: a citizen or a centre
// with several years is one record.
func countRecords(rows []string, k Kind) int {
	key := map[Kind]string{Citizens: "full_name=", Centres: "name=", Branches: "name="}[k]
	if key == "" {
		return len(rows)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		name, _, _ := strings.Cut(r, "|")
		seen[strings.TrimPrefix(name, key)] = true
	}
	return len(seen)
}
