package report

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// The fixture of the period tests: for each commune, branches with their
// members counted per half-year over 2025 and 2026 (one also per year),
// activities, awards and ledger lines on days spread over the two years,
// drawn from a seed. The expected figures are counted from these lists by
// the plain rules of docs/reports.md, written out here apart from the
// store's queries and data's rules.
type fixture struct {
	branches []data.Branch
	counts   []data.MemberCount
	acts     []data.Activity
	awards   []data.Award
	funds    []data.FundLine
}

func randomDay(r *rand.Rand) data.Date {
	y := 2025 + r.IntN(2)
	m := 1 + r.IntN(12)
	d := 1 + r.IntN(28)
	if r.IntN(8) == 0 { // the ends of the halves and of February
		switch r.IntN(4) {
		case 0:
			m, d = 6, 30
		case 1:
			m, d = 7, 1
		case 2:
			m, d = 12, 31
		default:
			m, d = 2, 28
		}
	}
	return data.Date{Y: y, M: m, D: d}
}

func makeFixture(unit string, seed uint64) *fixture {
	r := rand.New(rand.NewPCG(seed, 18))
	f := &fixture{}
	types := []string{"thon", "truong_hoc", "co_quan", "doanh_nghiep", "dong_ho", "ton_giao", "Hội người cao tuổi"}
	for i := 0; i < 4+r.IntN(4); i++ {
		b := data.Branch{ID: fmt.Sprintf("b%d", i), Unit: unit, Name: fmt.Sprintf("Chi hội %s %d", unit, i),
			Form: []string{"chi_hoi", "ban_khuyen_hoc"}[r.IntN(2)], Type: types[r.IntN(len(types))]}
		if r.IntN(3) > 0 {
			b.EstablishedOn = randomDay(r)
			b.EstablishedOn.Y -= r.IntN(2) // some in 2024 or 2023
		}
		if r.IntN(5) == 0 {
			b.DissolvedOn = data.Date{Y: 2026, M: 1 + r.IntN(12), D: 15}
		}
		f.branches = append(f.branches, b)
		total := int64(20 + r.IntN(80))
		for _, p := range []string{"2025-H1", "2025-H2", "2026-H1", "2026-H2"} {
			if r.IntN(5) == 0 {
				continue // a half not counted
			}
			in, out := int64(r.IntN(10)), int64(r.IntN(5))
			total += in - out
			f.counts = append(f.counts, data.MemberCount{BranchID: b.ID, Unit: unit, Period: p, Total: total, Admitted: in, Left: out})
		}
		if i == 0 { // one branch counts the whole of 2025 too
			f.counts = append(f.counts, data.MemberCount{BranchID: b.ID, Unit: unit, Period: "2025", Total: total + 3, Admitted: 30, Left: 2})
		}
	}
	kinds := []string{"tap_huan", "hoi_nghi", "tuyen_truyen", "van_ban"}
	for i := 0; i < 30; i++ {
		a := data.Activity{Unit: unit, Kind: kinds[r.IntN(4)], Date: randomDay(r), Title: fmt.Sprintf("Hoạt động %d", i)}
		switch a.Kind {
		case "tap_huan", "hoi_nghi":
			a.Participants = int64(10 + r.IntN(90))
		case "tuyen_truyen":
			a.PublicityKind, a.Times = []string{"truyen_thanh", "mang_xa_hoi", "pano"}[r.IntN(3)], int64(1+r.IntN(9))
		case "van_ban":
			a.DocumentNo = fmt.Sprintf("%d/KH-HKH", i)
		}
		f.acts = append(f.acts, a)
	}
	recipients := []string{"hoc_sinh", "sinh_vien", "giao_vien", "nguoi_lon", "gia_dinh", "dong_ho", ""}
	for i := 0; i < 25; i++ {
		a := data.Award{Unit: unit, Person: data.Person{HoDem: "Lê", Ten: fmt.Sprintf("Em %d", i)}, AwardType: "hoc_bong_vuot_kho",
			AmountVND: int64(100_000 * (1 + r.IntN(20))), RecipientKind: recipients[r.IntN(len(recipients))]}
		switch r.IntN(4) {
		case 0:
			a.DecisionDate = randomDay(r)
		case 1:
			a.SchoolYear = []string{"2024-2025", "2025-2026"}[r.IntN(2)] // no day: the year its school year ends
		default:
			a.AwardedOn = randomDay(r)
		}
		if r.IntN(4) == 0 {
			a.Campaign = "hoc_khong_bao_gio_cung"
		}
		f.awards = append(f.awards, a)
	}
	for i := 0; i < 20; i++ {
		l := data.FundLine{Unit: unit, Date: randomDay(r), Direction: []string{"thu", "chi"}[r.IntN(2)],
			AmountVND: int64(1_000_000 * (1 + r.IntN(50))), Holder: []string{"", "thon", "dong_ho", "truong_hoc"}[r.IntN(4)],
			Source: []string{"hoi_vien", "doanh_nghiep", "ngan_sach"}[r.IntN(3)]}
		if i == 0 {
			l.Date = data.Date{Y: 2024, M: 12, D: 31} // the balance carried into 2025
			l.Direction = "thu"
		}
		f.funds = append(f.funds, l)
	}
	return f
}

// save writes the fixture into st, ids given by the store.
func (f *fixture) save(t *testing.T, st *store.Store) {
	t.Helper()
	err := st.Edit(context.Background(), "test", func(e *store.Editor) error {
		ids := map[string]string{}
		for _, b := range f.branches {
			key := b.ID
			b.ID = ""
			if _, err := e.SaveBranch(&b); err != nil {
				return err
			}
			ids[key] = b.ID
		}
		for _, m := range f.counts {
			m.BranchID = ids[m.BranchID]
			if _, err := e.SaveMemberCount(&m); err != nil {
				return err
			}
		}
		for _, a := range f.acts {
			if _, err := e.SaveActivity(&a); err != nil {
				return err
			}
		}
		for _, a := range f.awards {
			if _, err := e.SaveAward(&a); err != nil {
				return err
			}
		}
		for _, l := range f.funds {
			if _, err := e.SaveFund(&l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// expect is what the fixture counts in a period, by hand.
type expect struct {
	branches, chiHoi, established         int64
	members, admitted, left               int64
	training, trainees, meetings, docs    int64
	publicity                             int64
	awards, awardVND, pupils, campaignVND int64
	raised, spent, balance, heldByClans   int64
}

func within(d, from, to data.Date) bool {
	s := d.String()
	return d != (data.Date{}) && s >= from.String() && s <= to.String()
}

func (f *fixture) expect(p data.Period) expect {
	var e expect
	alive := map[string]bool{}
	for _, b := range f.branches {
		started := b.EstablishedOn == (data.Date{}) || b.EstablishedOn.String() <= p.To.String()
		gone := b.DissolvedOn != (data.Date{}) && b.DissolvedOn.String() <= p.To.String()
		if started && !gone {
			alive[b.ID] = true
			e.branches++
			if b.Form == "chi_hoi" {
				e.chiHoi++
			}
		}
		if within(b.EstablishedOn, p.From, p.To) {
			e.established++
		}
	}
	// Members: the counts whose half lies in the period, a year's count in
	// place of its halves for a report of that year; the total of the last
	// count ending by the period's end (the year's when it ends the same day).
	for _, b := range f.branches {
		var mine []data.MemberCount
		year := false
		for _, m := range f.counts {
			if m.BranchID == b.ID {
				mine = append(mine, m)
				year = year || m.Period == p.String()
			}
		}
		lastEnd, lastTotal := "", int64(-1)
		for _, m := range mine {
			s, _ := data.ParsePeriod(m.Period)
			inside := s.From.String() >= p.From.String() && s.To.String() <= p.To.String()
			if inside && (!year || m.Period == p.String()) {
				e.admitted += m.Admitted
				e.left += m.Left
			}
			end := s.To.String()
			if end <= p.To.String() && (end > lastEnd || end == lastEnd && !strings.Contains(m.Period, "H")) {
				lastEnd, lastTotal = end, m.Total
			}
		}
		if alive[b.ID] && lastTotal >= 0 {
			e.members += lastTotal
		}
	}
	for _, a := range f.acts {
		if !within(a.Date, p.From, p.To) {
			continue
		}
		switch a.Kind {
		case "tap_huan":
			e.training++
			e.trainees += a.Participants
		case "hoi_nghi":
			e.meetings++
		case "tuyen_truyen":
			e.publicity += a.Times
		case "van_ban":
			e.docs++
		}
	}
	for _, a := range f.awards {
		day := a.AwardedOn
		if day == (data.Date{}) {
			day = a.DecisionDate
		}
		in := within(day, p.From, p.To)
		if day == (data.Date{}) {
			in = strings.HasSuffix(a.SchoolYear, fmt.Sprint(p.Year()))
		}
		if in {
			e.awards++
			e.awardVND += a.AmountVND
			if a.RecipientKind == "hoc_sinh" {
				e.pupils++
			}
			if a.Campaign != "" {
				e.campaignVND += a.AmountVND
			}
		}
	}
	for _, l := range f.funds {
		sign := int64(1)
		if l.Direction == "chi" {
			sign = -1
		}
		if l.Date.String() <= p.To.String() {
			e.balance += sign * l.AmountVND
			if l.Holder == "dong_ho" {
				e.heldByClans += sign * l.AmountVND
			}
		}
		if within(l.Date, p.From, p.To) {
			if sign > 0 {
				e.raised += l.AmountVND
			} else {
				e.spent += l.AmountVND
			}
		}
	}
	return e
}

func (e *expect) add(o expect) {
	*e = expect{e.branches + o.branches, e.chiHoi + o.chiHoi, e.established + o.established,
		e.members + o.members, e.admitted + o.admitted, e.left + o.left,
		e.training + o.training, e.trainees + o.trainees, e.meetings + o.meetings, e.docs + o.docs,
		e.publicity + o.publicity, e.awards + o.awards, e.awardVND + o.awardVND, e.pupils + o.pupils,
		e.campaignVND + o.campaignVND, e.raised + o.raised, e.spent + o.spent, e.balance + o.balance,
		e.heldByClans + o.heldByClans}
}

// got reads the same figures off a report.
func got(r *Report) expect {
	a, aw, f := r.Association, r.Awards, r.Funds
	var pupils, campaign, clans int64
	if x := aw.ByRecipient["hoc_sinh"]; x != nil {
		pupils = x.Count
	}
	for _, x := range aw.ByCampaign {
		campaign += x.AmountVND
	}
	if x := f.ByHolder["dong_ho"]; x != nil {
		clans = x.BalanceVND
	}
	return expect{a.Branches.Count, a.Branches.ByForm["chi_hoi"], a.Branches.Established,
		a.Members.Total, a.Members.Admitted, a.Members.Left,
		a.Activities.Training.Count, a.Activities.Training.Participants, a.Activities.Meetings.Count, a.Activities.Documents.Count,
		a.Activities.Publicity.Times, aw.Count, aw.AmountVND, pupils, campaign, f.RaisedVND, f.SpentVND, f.BalanceVND, clans}
}

// periodsOfTheTests are the periods checked: the halves and years, the year
// to a day in August and to the end of February, and a span of spring.
func periodsOfTheTests() []data.Period {
	var out []data.Period
	for _, s := range []string{"2026-H1", "2026-H2", "2026", "2025-H1", "2025", "2026-01-01..2026-08-18",
		"2026-01-01..2026-02-28", "2025-03-15..2025-07-01"} {
		p, err := data.ParsePeriod(s)
		if err != nil {
			panic(err)
		}
		out = append(out, p)
	}
	return out
}

// A district of two communes and a third commune of another district, on
// the province's report for every period: each unit's figures and their
// sums equal what the fixture counts by hand, and the comparison holds
// the same period a year earlier.
func TestBuildFor_PeriodsAgainstTheFixture(t *testing.T) {
	st := openStore(t)
	reg := units.Default()
	communes := []units.Ref{dongPhuong, lienAnDo, thuyTruong}
	fx := map[units.Ref]*fixture{}
	for n, c := range communes {
		fx[c] = makeFixture(c.String(), uint64(n+1))
		fx[c].save(t, st)
	}
	for _, p := range periodsOfTheTests() {
		r, err := BuildFor(context.Background(), st, reg, province, Query{Period: p, Compare: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Period != p || r.Previous == nil || r.Previous.Period != p.Previous() || r.Previous.Previous != nil {
			t.Fatalf("%s: period %v previous %+v", p, r.Period, r.Previous)
		}
		for _, x := range []*Report{r, r.Previous} {
			var want, district expect
			for _, c := range communes {
				e := fx[c].expect(x.Period)
				want.add(e)
				if c != thuyTruong {
					district.add(e)
				}
			}
			if g := got(x); g != want {
				t.Errorf("%s (for %s): province\n got %+v\nwant %+v", x.Period, p, g, want)
			}
			if len(x.Units) != 2 || x.Units[0].Unit != dongHung.Code {
				t.Fatalf("%s: districts %d", x.Period, len(x.Units))
			}
			if g := got(x.Units[0]); g != district {
				t.Errorf("%s: Đông Hưng\n got %+v\nwant %+v", x.Period, g, district)
			}
		}
	}
}

// Before anything was recorded the comparison has nothing to count but
// the branches that existed then (by hand, as above), and the change is
// the period's own figure.
func TestBuildFor_CompareWithAnEmptyYear(t *testing.T) {
	st := openStore(t)
	fx := makeFixture(dongPhuong.String(), 7)
	fx.save(t, st)
	p := data.HalfYear(2025, 1)
	r, err := BuildFor(context.Background(), st, units.Default(), dongPhuong, Query{Period: p, Compare: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := fx.expect(data.HalfYear(2024, 1))
	if g := got(r.Previous); g != want || g.members+g.awards+g.raised+g.balance+g.training+g.publicity != 0 {
		t.Fatalf("2024-H1\n got %+v\nwant %+v", g, want)
	}
	var line []any
	for _, tb := range r.Doc(sampleMeta).Tables {
		for _, row := range tb.Rows {
			if tb.Title == "SỐ LIỆU CÁC MẶT CÔNG TÁC" && row.Cells[0] == "1. Khen thưởng, học bổng" {
				line = row.Cells
			}
		}
	}
	if len(line) != 5 || line[2] != r.Awards.Count || line[3] != int64(0) || line[4] != r.Awards.Count || r.Awards.Count == 0 {
		t.Fatalf("awards line %v (awards %d)", line, r.Awards.Count)
	}
}

// The JSON of docs/CONTRACT.md: the period's days, the previous period in
// the same shape, the association's section.
func TestWrite_JSONPeriodAndPrevious(t *testing.T) {
	st := openStore(t)
	makeFixture(dongPhuong.String(), 3).save(t, st)
	p, _ := data.ParsePeriod("2026-01-01..2026-08-18")
	r, err := BuildFor(context.Background(), st, units.Default(), dongHung, Query{Period: p, Compare: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.json")
	if err := Write(r, path, Meta{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if got := m["period"]; fmt.Sprint(got) != "map[from:2026-01-01 to:2026-08-18]" || m["year"] != 2026.0 {
		t.Fatalf("period %v year %v", got, m["year"])
	}
	prev := m["previous"].(map[string]any)
	if fmt.Sprint(prev["period"]) != "map[from:2025-01-01 to:2025-08-18]" || prev["previous"] != nil {
		t.Fatalf("previous period %v", prev["period"])
	}
	for _, k := range []string{"unit", "name", "year", "citizens", "centres", "awards", "funds", "association", "units"} {
		if _, ok := prev[k]; !ok {
			t.Errorf("previous lacks %q", k)
		}
	}
	a := m["association"].(map[string]any)
	for _, k := range []string{"branches", "members", "activities"} {
		if _, ok := a[k]; !ok {
			t.Errorf("association lacks %q: %v", k, a)
		}
	}
	br := a["branches"].(map[string]any)
	if _, ok := br["by_type"].(map[string]any)["thon"]; !ok || br["count"] == nil {
		t.Errorf("branches %v", br)
	}
	mem := a["members"].(map[string]any)
	for _, k := range []string{"total", "admitted", "left"} {
		if _, ok := mem[k]; !ok {
			t.Errorf("members lacks %q", k)
		}
	}
	act := a["activities"].(map[string]any)
	for _, k := range []string{"training", "meetings", "publicity", "documents"} {
		if _, ok := act[k]; !ok {
			t.Errorf("activities lacks %q", k)
		}
	}
	if _, ok := m["awards"].(map[string]any)["by_recipient"]; !ok {
		t.Error("awards lack by_recipient")
	}
	if _, ok := m["funds"].(map[string]any)["by_holder"]; !ok {
		t.Error("funds lack by_holder")
	}
	if bp := m["centres"].(map[string]any)["by_programme"].(map[string]any); len(bp) != data.NumProgrammes {
		t.Errorf("by_programme %v", bp)
	}
}

// The CSV: the period's days on every line, the previous period's lines
// after the others.
func TestWrite_CSVWithTheComparison(t *testing.T) {
	st := openStore(t)
	makeFixture(dongPhuong.String(), 3).save(t, st)
	r, err := BuildFor(context.Background(), st, units.Default(), dongHung, Query{Period: data.HalfYear(2026, 1), Compare: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := Write(r, path, Meta{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff")), "\n")
	if len(lines) != 5 || !strings.Contains(lines[0], ",publicity,publicity_times,documents,") {
		t.Fatalf("lines %q", lines)
	}
	for n, want := range []string{"2026-01-01,2026-06-30", "2026-01-01,2026-06-30", "2025-01-01,2025-06-30", "2025-01-01,2025-06-30"} {
		if !strings.Contains(lines[n+1], ","+want+",") {
			t.Errorf("line %d: %s lacks %s", n+2, lines[n+1], want)
		}
	}
	e := got(r)
	if !strings.Contains(lines[1], fmt.Sprintf(",%d,%d,%d,", e.members, e.admitted, e.left)) {
		t.Errorf("line 2 %s lacks members %d admitted %d left %d", lines[1], e.members, e.admitted, e.left)
	}
}

func TestTitle_PerPeriod(t *testing.T) {
	for s, want := range map[string]string{
		"2026":                   "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM 2026",
		"2026-H1":                "BÁO CÁO SƠ KẾT CÔNG TÁC KHUYẾN HỌC 6 THÁNG ĐẦU NĂM 2026",
		"2026-H2":                "BÁO CÁO CÔNG TÁC KHUYẾN HỌC 6 THÁNG CUỐI NĂM 2026",
		"2026-01-01..2026-08-18": "BÁO CÁO CÔNG TÁC KHUYẾN HỌC TỪ NGÀY 01/01/2026 ĐẾN NGÀY 18/08/2026",
	} {
		p, _ := data.ParsePeriod(s)
		if got := Title(p); got != want {
			t.Errorf("%s: %q", s, got)
		}
	}
}
