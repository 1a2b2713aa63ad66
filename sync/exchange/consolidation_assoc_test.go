package exchange

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/report"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// fillAssociation writes a commune's association over 2025 and 2026:
// branches with members per half-year (one also per year, one dissolved),
// a log, awards to several kinds of recipient and a campaign, ledger lines
// held by the association and by clans, and a centre's classes per
// programme.
func (in *install) fillAssociation(seed int64) {
	in.t.Helper()
	unit := in.unit()
	err := in.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		for i := int64(0); i < 3; i++ {
			b := &data.Branch{Unit: unit, Name: fmt.Sprintf("Chi hội %d", i), Form: []string{"chi_hoi", "ban_khuyen_hoc"}[i%2],
				Type: []string{"thon", "truong_hoc", "doanh_nghiep"}[i], EstablishedOn: data.Date{Y: 2024 + int(i%3), M: 3, D: 1}}
			if i == 2 && seed%2 == 0 {
				b.DissolvedOn = data.Date{Y: 2026, M: 9, D: 1}
			}
			if _, err := e.SaveBranch(b); err != nil {
				return err
			}
			for n, p := range []string{"2025-H1", "2025-H2", "2026-H1", "2026-H2", "2025"} {
				m := &data.MemberCount{BranchID: b.ID, Unit: unit, Period: p, Total: 50*seed + 10*i + int64(n),
					Admitted: seed + i + int64(n), Left: i}
				if _, err := e.SaveMemberCount(m); err != nil {
					return err
				}
			}
		}
		for n, s := range []string{"2025-02-01", "2025-08-01", "2026-02-28", "2026-06-30", "2026-07-01", "2026-08-18"} {
			day, _ := data.ParseDate(s)
			a := &data.Activity{Unit: unit, Kind: []string{"tap_huan", "hoi_nghi", "tuyen_truyen", "van_ban"}[n%4], Date: day,
				Title: fmt.Sprintf("Việc %d", n), Participants: 10 * seed, PublicityKind: "truyen_thanh", Times: seed, DocumentNo: fmt.Sprintf("%d/KH", n)}
			if _, err := e.SaveActivity(a); err != nil {
				return err
			}
			aw := &data.Award{Unit: unit, Person: data.Person{HoDem: "Lê", Ten: fmt.Sprintf("Em %d", n)}, AwardType: "qua",
				AmountVND: seed * 100000, AwardedOn: day, RecipientKind: []string{"hoc_sinh", "giao_vien", "gia_dinh"}[n%3]}
			if n%2 == 0 {
				aw.Campaign = "hoc_khong_bao_gio_cung"
			}
			if _, err := e.SaveAward(aw); err != nil {
				return err
			}
			f := &data.FundLine{Unit: unit, Date: day, Direction: []string{"thu", "chi"}[n%2], AmountVND: seed * 1000000,
				Holder: []string{"", "dong_ho"}[n%2], Source: "hoi_vien"}
			if _, err := e.SaveFund(f); err != nil {
				return err
			}
		}
		c := &data.Centre{Unit: unit, Name: "TTHTCĐ " + unit, Status: "hoat_dong"}
		if _, err := e.SaveCentre(c); err != nil {
			return err
		}
		y := &data.CentreYear{CentreID: c.ID, Unit: unit, Year: 2026, Classes: 5 * seed, LearnerTimes: 100 * seed, Status: "hoat_dong"}
		y.ByProgramme[6] = data.ClassCount{Classes: seed, LearnerTimes: 30 * seed}
		_, err := e.SaveCentreYear(y)
		return err
	})
	if err != nil {
		in.t.Fatal(err)
	}
}

// A commune → district → province run: for a half-year, the year to a day,
// the year, and each beside the same period a year earlier, the district's
// and the province's figures per section equal the sum of the communes'.
func TestConsolidation_AssociationPerPeriod(t *testing.T) {
	p, d := newInstall(t, "province", provinceTB), newInstall(t, "district", district)
	link(t, p, d)
	communes := []*install{newInstall(t, "commune", communeA), newInstall(t, "commune", communeB), newInstall(t, "commune", communeC)}
	for n, c := range communes {
		link(t, d, c)
		c.fillAssociation(int64(n + 1))
		c.fillCommune(2, int64(n+1))
	}
	for _, c := range communes {
		d.importFiles(c.export(t.TempDir())[0].Path)
	}
	if o := p.importFiles(d.export(t.TempDir())[0].Path); o[0].Status != Imported {
		t.Fatalf("province import %+v", o[0])
	}
	ctx := context.Background()
	for _, s := range []string{"2026-H1", "2026-01-01..2026-08-18", "2026", "2026-H2", "2025-H1"} {
		period, _ := data.ParsePeriod(s)
		q := report.Query{Period: period, Compare: true}
		want, wantPrev := data.NewTotals(), data.NewTotals()
		for _, c := range communes {
			r, err := report.BuildFor(ctx, c.c.Store, units.Default(), c.id.Unit, q, nil)
			if err != nil {
				t.Fatal(err)
			}
			want.Add(&r.Totals)
			wantPrev.Add(&r.Previous.Totals)
		}
		if want.Association.Members.Total == 0 || want.Awards.Count == 0 {
			t.Fatalf("%s: nothing to compare %+v", s, want.Association)
		}
		for _, level := range []struct {
			in   *install
			area units.Ref
		}{{d, district}, {p, provinceTB}} {
			r, err := report.BuildFor(ctx, level.in.c.Store, units.Default(), level.area, q, nil)
			if err != nil {
				t.Fatal(err)
			}
			for name, pair := range map[string][2]*data.Totals{"period": {&r.Totals, want}, "previous": {&r.Previous.Totals, wantPrev}} {
				g, w := pair[0], pair[1]
				for section, eq := range map[string]bool{
					"association": reflect.DeepEqual(g.Association, w.Association),
					"citizens":    g.Citizens == w.Citizens,
					"centres":     reflect.DeepEqual(g.Centres, w.Centres),
					"awards":      reflect.DeepEqual(g.Awards, w.Awards),
					"funds":       reflect.DeepEqual(g.Funds, w.Funds),
				} {
					if !eq {
						t.Errorf("%s at %s, %s: section %s differs from the communes' sum", s, level.area, name, section)
					}
				}
			}
		}
	}
}
