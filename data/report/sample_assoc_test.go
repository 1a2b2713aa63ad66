package report

import "sokhuyenhoc/data"

// sampleAssociation gives commune i of the sample report branches,
// members, activities and the breakdowns of awards, the fund and the
// centres' programmes.
func sampleAssociation(t *data.Totals, i int) {
	a := &t.Association
	a.Branches.ByForm["chi_hoi"], a.Branches.ByForm["ban_khuyen_hoc"] = int64(8+i%3), 2
	a.Branches.Count = a.Branches.ByForm["chi_hoi"] + 2
	a.Branches.ByType["thon"], a.Branches.ByType["truong_hoc"], a.Branches.ByType["dong_ho"] = int64(6+i%3), 3, 1
	a.Branches.Established = int64(i % 2)
	a.Members = data.MemberTotals{Total: int64(900 + 17*i), Admitted: int64(40 + i), Left: int64(5 + i%4)}
	a.Activities.Training = data.Gathering{Count: 2, Participants: int64(60 + i)}
	a.Activities.Meetings = data.Gathering{Count: 3, Participants: 150}
	a.Activities.Publicity = data.PublicityTotal{Count: 4, Times: int64(20 + i), ByKind: map[string]int64{"truyen_thanh": int64(12 + i), "mang_xa_hoi": 8}}
	a.Activities.Documents.Count = 5
	*data.ClassOf(t.Centres.ByProgramme, "ky_nang_so") = data.ClassCount{Classes: 4, LearnerTimes: 300}
	*data.ClassOf(t.Centres.ByProgramme, "phap_luat") = data.ClassCount{Classes: int64(5 + i), LearnerTimes: 400}
	t.Awards.ByRecipient["hoc_sinh"] = &data.TypeTotal{Count: int64(25 + i), AmountVND: int64(10_000_000 + 250_000*i)}
	t.Awards.ByRecipient["giao_vien"] = &data.TypeTotal{Count: 5, AmountVND: 2_500_000}
	t.Awards.ByCampaign["hoc_khong_bao_gio_cung"] = &data.TypeTotal{Count: 2, AmountVND: 3_000_000}
	t.Funds.ByHolder["hoi"] = &data.HolderTotal{RaisedVND: int64(100_000_000 + 1_000_000*i), SpentVND: 52_000_000, BalanceVND: int64(60_000_000 + 1_000_000*i)}
	t.Funds.ByHolder["dong_ho"] = &data.HolderTotal{RaisedVND: 50_000_000, SpentVND: 10_000_000, BalanceVND: 28_000_000}
	t.Funds.BySource["hoi_vien"] = &data.HolderTotal{RaisedVND: int64(150_000_000 + 1_000_000*i), SpentVND: 62_000_000, BalanceVND: int64(88_000_000 + 1_000_000*i)}
}

// sampleHalf is the sample report for the first half of 2026 beside the
// same half of 2025, whose figures are the sample's less a tenth (and no
// branch of an enterprise then).
func sampleHalf(n int) *Report {
	r := sampleReport(n)
	r.Period = data.HalfYear(2026, 1)
	prev := sampleReport(n)
	prev.Period = data.HalfYear(2025, 1)
	prev.Year = 2025
	for _, x := range append([]*Report{prev}, prev.Units...) {
		a := &x.Association
		a.Members.Total -= a.Members.Total / 10
		a.Members.Admitted -= 10
		a.Branches.ByType["doanh_nghiep"] = 0
		x.Citizens.Recognized -= x.Citizens.Recognized / 10
	}
	r.Previous = prev
	return r
}
