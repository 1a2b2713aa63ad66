package tabular

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// listMeta is the printed list's header and signers, made at a fixed time
// so that the workbook is the same on every run.
var listMeta = ListMeta{Name: "Xã Đông Phương", Parent: "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG", Place: "Đông Phương",
	Date: data.Date{Y: 2026, M: 11, D: 25}, Operator: "Nguyễn Văn Tâm", Chairman: "Trần Thị Lụa",
	Created: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}

// seedCitizens writes n citizens of one commune, each assessed in 2026 as
// a commune's register holds them: every subject group, both results,
// every step, some with a CCCD, a phone and a birth date.
func seedCitizens(t testing.TB, st *store.Store, n int) {
	t.Helper()
	hos := []string{"Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Hoàng Thị", "Vũ Đình", "Đặng Thị", "Bùi Văn", "Đỗ Thị", "Ngô Quang"}
	tens := []string{"Hoà", "An", "Bình", "Cường", "Dung", "Giang", "Hạnh", "Khánh", "Lụa", "Minh", "Nga", "Phúc", "Quỳnh", "Sơn", "Thắm"}
	villages := []string{"Thôn Đông", "Thôn Tây", "Thôn Nam Sơn", "Xóm Chùa", "Tổ dân phố Bắc Hà", "Thôn Thượng Phúc"}
	groups := []string{"nong_dan", "cong_nhan", "can_bo", "luc_luong_vu_trang", "doanh_nhan", "khac", "Thợ may"}
	err := st.Edit(context.Background(), "test", func(ed *store.Editor) error {
		for i := 0; i < n; i++ {
			c := data.Citizen{Unit: unit, Group: groups[i%len(groups)], Person: data.Person{HoDem: hos[i%len(hos)],
				Ten: tens[(i/len(hos))%len(tens)], Gender: []string{"nu", "nam"}[i%2], BirthYear: 1950 + i%55,
				Village: villages[i%len(villages)]}}
			if i%3 == 0 {
				c.IDNumber = fmt.Sprintf("0341%02d%06d", i%100, i)
				c.Phone = fmt.Sprintf("09%08d", i)
				c.BirthDate = data.Date{Y: c.BirthYear, M: 1 + i%12, D: 1 + i%28}
			}
			if _, err := ed.SaveCitizen(&c); err != nil {
				return err
			}
			a := data.Assessment{CitizenID: c.ID, Unit: unit, Year: 2026, Result: "dat", Status: data.StepRecognized,
				DecisionNo: "12/QĐ-UBND", DecisionDate: data.Date{Y: 2026, M: 11, D: 15}}
			switch i % 4 {
			case 1:
				a.Result, a.Status, a.DecisionNo, a.DecisionDate = "chua_dat", data.StepSelfAssessed, "", data.Date{}
			case 2:
				a.Scores = []int{90, 80, 85, 80, 80, 80, 75, 80, 80, 100}
				a.Status, a.DecisionNo, a.DecisionDate = data.StepProposed, "", data.Date{}
			}
			if _, err := ed.SaveAssessment(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
