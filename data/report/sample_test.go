package report

import (
	"fmt"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
)

// sampleReport is a district's report with n communes below it and every
// kind of figure, award types among them written as an office's codes.
func sampleReport(n int) *Report {
	r := &Report{Unit: "340", Name: "Huyện Đông Hưng", Year: 2026, Totals: *data.NewTotals(),
		ref: units.Ref{List: "2024", Code: "340"}}
	for i := 0; i < n; i++ {
		c := &Report{Unit: fmt.Sprintf("%05d", 12694+i), Name: fmt.Sprintf("Xã Đông Phương Số %d", i+1),
			Year: 2026, Totals: *data.NewTotals()}
		t := &c.Totals
		t.Citizens = data.CitizenTotals{Registered: int64(1200 + 37*i), Assessed: int64(1100 + 31*i),
			Passed: int64(1000 + 30*i), Recognized: int64(900 + 29*i), Adults: int64(4000 + 11*i)}
		t.Centres.Active, t.Centres.Classes, t.Centres.LearnerTimes = 1, int64(20+i), int64(1500+13*i)
		t.Centres.ByRating["tot"] = 1
		t.Awards.Count, t.Awards.AmountVND = int64(30+i), int64(12_500_000+250_000*i)
		t.Awards.ByType["khen_hsg_tinh"] = &data.TypeTotal{Count: 10, AmountVND: 5_000_000}
		t.Awards.ByType["hoc_bong_vuot_kho"] = &data.TypeTotal{Count: int64(20 + i), AmountVND: int64(7_500_000 + 250_000*i)}
		t.Funds.RaisedVND, t.Funds.SpentVND, t.Funds.BalanceVND = int64(150_000_000+1_000_000*i), 62_000_000,
			int64(88_000_000+1_000_000*i)
		sampleAssociation(t, i)
		r.Add(t)
		r.Units = append(r.Units, c)
	}
	return r
}

var sampleMeta = Meta{Place: "Đông Hưng", Date: "25/11/2026", Operator: "Nguyễn Văn Tâm", Chairman: "Trần Thị Lụa",
	Number: "12", Parent: "HỘI KHUYẾN HỌC TỈNH THÁI BÌNH",
	Created: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}
