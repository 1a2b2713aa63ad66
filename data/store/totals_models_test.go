package store

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
)

// A fixture of two communes' model registers, made at random from a fixed
// seed, and its figures counted here by plain loops over the fixture, not
// by the store's queries.
type modelFixture struct {
	villages    map[string][]string // unit → village list
	families    []fixFamily
	clans       []fixRecord
	communities []fixCommunity
	units       []fixUnit
	citizens    []fixCitizen
}

type fixRecord struct {
	id, unit  string
	deleted   bool
	year      *data.ModelYear // the 2026 assessment, or nil
	yearGone  bool            // the assessment was deleted on its own
	household int64           // a community's households
}

type fixFamily struct {
	fixRecord
	village string
	clan    int // index into clans, or -1
	adults  int64
	members []int // citizens linked
}

type fixCommunity struct {
	fixRecord
	village string
}

type fixUnit struct {
	fixRecord
	staff   int64
	members []int
}

type fixCitizen struct {
	id, unit   string
	deleted    bool
	recognized bool
}

var fixUnits = []string{testUnit, "2025:00010"}

func recognisedIn(r fixRecord) bool {
	return !r.deleted && r.year != nil && !r.yearGone && r.year.Recognized()
}

func makeModelFixture(t *testing.T, s *Store, seed int64) *modelFixture {
	rnd := rand.New(rand.NewSource(seed))
	fx := &modelFixture{villages: map[string][]string{}}
	pick := func(p float64) bool { return rnd.Float64() < p }
	year := func(model string) *data.ModelYear {
		if !pick(0.8) {
			return nil
		}
		y := &data.ModelYear{Model: model, Year: 2026, Registered: map[bool]string{true: "co", false: "khong"}[pick(0.9)]}
		switch rnd.Intn(6) { // half recognised
		case 0: // registered, not assessed yet
		case 1:
			y.Result, y.Status = "chua_dat", data.StepSelfAssessed
		case 2:
			y.Result, y.Status = "dat", data.StepProposed
		default:
			y.Result, y.Status, y.DecisionNo = "dat", data.StepRecognized, "12/QĐ-UBND"
		}
		return y
	}
	err := s.Edit(context.Background(), "test", func(e *Editor) error {
		for ui, unit := range fixUnits {
			if ui == 0 { // the second commune keeps no village list
				for v := 0; v < 4; v++ {
					name := fmt.Sprintf("Thôn %d", v)
					fx.villages[unit] = append(fx.villages[unit], name)
					if _, err := e.SaveVillage(&data.Village{Unit: unit, Name: name}); err != nil {
						return err
					}
				}
			}
			for i := 0; i < 30; i++ {
				c := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Trần Văn", Ten: fmt.Sprintf("C%d-%d", ui, i)}}
				if _, err := e.SaveCitizen(c); err != nil {
					return err
				}
				fc := fixCitizen{id: c.ID, unit: unit}
				if pick(0.7) {
					a := &data.Assessment{CitizenID: c.ID, Unit: unit, Year: 2026, Result: "dat", Status: data.StepProposed}
					if pick(0.6) {
						a.Status, a.DecisionNo = data.StepRecognized, "5/QĐ"
						fc.recognized = true
					}
					if _, err := e.SaveAssessment(a); err != nil {
						return err
					}
				}
				fx.citizens = append(fx.citizens, fc)
			}
			if _, err := e.SaveProfile(&data.Profile{Unit: unit, Year: 2026, Adults: int64(500 + 100*ui)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Edit(context.Background(), "test", func(e *Editor) error {
		for ui, unit := range fixUnits {
			for v := 0; v < 3; v++ {
				c := &data.Community{Unit: unit, Village: fmt.Sprintf("Thôn %d", v), Households: int64(50 + rnd.Intn(100))}
				if _, err := e.SaveCommunity(c); err != nil {
					return err
				}
				fx.communities = append(fx.communities, fixCommunity{fixRecord{id: c.ID, unit: unit, year: year("community"),
					household: c.Households}, c.Village})
			}
			for k := 0; k < 3; k++ {
				c := &data.Clan{Unit: unit, Name: fmt.Sprintf("Họ %d-%d", ui, k)}
				if _, err := e.SaveClan(c); err != nil {
					return err
				}
				fx.clans = append(fx.clans, fixRecord{id: c.ID, unit: unit, year: year("clan")})
			}
			for k := 0; k < 20; k++ {
				f := &data.Family{Unit: unit, HoDem: "Phạm Văn", Ten: fmt.Sprintf("H%d-%d", ui, k),
					Village: fmt.Sprintf("Thôn %d", rnd.Intn(5)), Adults: int64(1 + rnd.Intn(5))}
				ff := fixFamily{village: f.Village, clan: -1, adults: f.Adults}
				if pick(0.4) {
					ff.clan = 3*ui + rnd.Intn(3)
					f.ClanID = fx.clans[ff.clan].id
				}
				if _, err := e.SaveFamily(f); err != nil {
					return err
				}
				ff.fixRecord = fixRecord{id: f.ID, unit: unit, year: year("family")}
				if ui == 0 || pick(0.2) { // the second commune links few families
					for n := 0; n < rnd.Intn(3); n++ {
						ci := 30*ui + rnd.Intn(30)
						if _, err := e.Link(f.ID, fx.citizens[ci].id, unit); err != nil {
							return err
						}
						ff.members = append(ff.members, ci)
					}
				}
				fx.families = append(fx.families, ff)
			}
			for k := 0; k < 5; k++ {
				u := &data.LearningUnit{Unit: unit, Name: fmt.Sprintf("Đơn vị %d-%d", ui, k), Staff: int64(5 + rnd.Intn(20))}
				if _, err := e.SaveLearningUnit(u); err != nil {
					return err
				}
				fu := fixUnit{fixRecord: fixRecord{id: u.ID, unit: unit, year: year("unit")}, staff: u.Staff}
				if ui == 0 {
					for n := 0; n < rnd.Intn(4); n++ {
						ci := rnd.Intn(30)
						if _, err := e.Link(u.ID, fx.citizens[ci].id, unit); err != nil {
							return err
						}
						fu.members = append(fu.members, ci)
					}
				}
				fx.units = append(fx.units, fu)
			}
		}
		save := func(r *fixRecord) error {
			if r.year == nil {
				return nil
			}
			r.year.RecordID, r.year.Unit = r.id, r.unit
			_, err := e.SaveModelYear(r.year)
			return err
		}
		for i := range fx.families {
			if err := save(&fx.families[i].fixRecord); err != nil {
				return err
			}
		}
		for i := range fx.clans {
			if err := save(&fx.clans[i]); err != nil {
				return err
			}
		}
		for i := range fx.communities {
			if err := save(&fx.communities[i].fixRecord); err != nil {
				return err
			}
		}
		for i := range fx.units {
			if err := save(&fx.units[i].fixRecord); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Deletes, as officers make them: records (with their years and
	// links), years on their own, and citizens (with their links).
	err = s.Edit(context.Background(), "form", func(e *Editor) error {
		for i := range fx.families {
			f := &fx.families[i]
			switch {
			case pick(0.1):
				f.deleted = true
				if err := e.Delete(Family, f.id); err != nil {
					return err
				}
			case f.year != nil && pick(0.1):
				f.yearGone = true
				if err := e.Delete(ModelYear, f.year.ID); err != nil {
					return err
				}
			}
		}
		for i := range fx.clans {
			if pick(0.15) {
				fx.clans[i].deleted = true
				if err := e.Delete(Clan, fx.clans[i].id); err != nil {
					return err
				}
			}
		}
		for i := range fx.citizens {
			if pick(0.1) {
				fx.citizens[i].deleted = true
				if err := e.Delete(Citizen, fx.citizens[i].id); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// want counts the fixture's figures for unit.
func (fx *modelFixture) want(unit string, adults, recognised int64) *data.Totals {
	t := data.NewTotals()
	count := func(model string, r fixRecord) {
		if r.deleted || r.unit != unit || r.year == nil || r.yearGone {
			return
		}
		m := t.Models[model]
		if r.year.Registered == "co" {
			m.Registered++
		}
		if r.year.Result != "" {
			m.Assessed++
		}
		if r.year.Result == "dat" {
			m.Passed++
		}
		if r.year.Recognized() {
			m.Recognized++
		}
	}
	var households, families, clans, communities, units int64
	for _, f := range fx.families {
		count("family", f.fixRecord)
		if !f.deleted && f.unit == unit {
			families++
		}
	}
	for _, c := range fx.clans {
		count("clan", c)
		if !c.deleted && c.unit == unit {
			clans++
		}
	}
	for _, c := range fx.communities {
		count("community", c.fixRecord)
		if c.unit == unit {
			communities++
			households += c.household
		}
	}
	for _, u := range fx.units {
		count("unit", u.fixRecord)
		if u.unit == unit {
			units++
		}
	}
	setBase := func(model string, base int64, of string) {
		m := t.Models[model]
		m.Base, m.BaseOf, m.Share = base, of, data.Ratio(m.Recognized, base)
	}
	if households > 0 {
		setBase("family", households, data.BaseHouseholds)
	} else {
		setBase("family", families, data.BaseFamilies)
	}
	setBase("clan", clans, data.BaseClans)
	if v := int64(len(fx.villages[unit])); v > 0 {
		setBase("community", v, data.BaseVillages)
	} else {
		setBase("community", communities, data.BaseCommunities)
	}
	setBase("unit", units, data.BaseUnits)

	liveMembers := func(ms []int) []int {
		var out []int
		for _, ci := range ms {
			if !fx.citizens[ci].deleted {
				out = append(out, ci)
			}
		}
		return out
	}
	// Families covered: recognised, in a recognised village community, or
	// in a recognised clan; with at least one live member linked.
	fcc, anyFamLinks := data.ProgrammeShare{Base: data.BaseAdultsInFCC}, false
	seen := map[int]bool{}
	for _, f := range fx.families {
		if f.deleted || f.unit != unit {
			continue
		}
		ms := liveMembers(f.members)
		if len(ms) == 0 {
			continue
		}
		anyFamLinks = true
		covered := recognisedIn(f.fixRecord) || f.clan >= 0 && recognisedIn(fx.clans[f.clan])
		for _, c := range fx.communities {
			if c.unit == unit && c.village == f.village && recognisedIn(c.fixRecord) {
				covered = true
			}
		}
		if !covered {
			continue
		}
		fcc.Records++
		fcc.People += f.adults
		for _, ci := range ms {
			if fx.citizens[ci].recognized && !seen[ci] {
				seen[ci] = true
				fcc.Recognized++
			}
		}
	}
	staff, anyUnitLinks := data.ProgrammeShare{Base: data.BaseStaffInUnits}, false
	seen = map[int]bool{}
	for _, u := range fx.units {
		ms := liveMembers(u.members)
		if u.unit != unit || len(ms) == 0 {
			continue
		}
		anyUnitLinks = true
		if !recognisedIn(u.fixRecord) {
			continue
		}
		staff.Records++
		staff.People += u.staff
		for _, ci := range ms {
			if fx.citizens[ci].recognized && !seen[ci] {
				seen[ci] = true
				staff.Recognized++
			}
		}
	}
	fallback := data.ProgrammeShare{Base: data.BaseAdults, People: adults, Recognized: recognised}
	if !anyFamLinks {
		fcc = fallback
	}
	if !anyUnitLinks {
		staff = fallback
	}
	fcc.Share, staff.Share = data.Ratio(fcc.Recognized, fcc.People), data.Ratio(staff.Recognized, staff.People)
	t.Programme[data.ProgrammeFamilies], t.Programme[data.ProgrammeUnits] = &fcc, &staff
	return t
}

func TestModelTotals_MatchAFixtureCountedByHand(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		s := MustOpen(t, "a")
		fx := makeModelFixture(t, s, seed)
		tot, err := s.UnitTotals(context.Background(), 2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, unit := range fixUnits {
			got := tot[unit]
			var recognised int64
			for _, c := range fx.citizens {
				if c.unit == unit && c.recognized && !c.deleted {
					recognised++
				}
			}
			if got.Citizens.Recognized != recognised {
				t.Fatalf("seed %d %s: citizens recognised %d, want %d", seed, unit, got.Citizens.Recognized, recognised)
			}
			want := fx.want(unit, got.Citizens.Adults, recognised)
			for k, m := range want.Models {
				if !reflect.DeepEqual(got.Models[k], m) {
					t.Errorf("seed %d %s %s:\n got %+v\nwant %+v", seed, unit, k, got.Models[k], m)
				}
			}
			for k, p := range want.Programme {
				if !reflect.DeepEqual(got.Programme[k], p) {
					t.Errorf("seed %d %s programme %s:\n got %+v\nwant %+v", seed, unit, k, got.Programme[k], p)
				}
			}
		}
		if p := tot[fixUnits[0]].Programme[data.ProgrammeFamilies]; p.Base != data.BaseAdultsInFCC || p.Records == 0 {
			t.Errorf("seed %d: the first commune links its families; its share is on %+v", seed, p)
		}
	}
}
