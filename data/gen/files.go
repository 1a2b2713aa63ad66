package gen

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// CitizenHeader is the header of the citizen files written.
var CitizenHeader = []string{"full_name", "gender", "birth_year", "birth_date", "id_number", "phone",
	"ethnicity", "village", "group", "year", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9",
	"i10", "result", "decision_no", "decision_date"}

// Citizens writes n citizens with an assessment in g.Year: two thirds with
// ten scores, the rest with only a result, as communes that only know
// "recognised or not" write them.
func (g *Gen) Citizens(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write(CitizenHeader)
	for i := 0; i < n; i++ {
		p := g.Person()
		row := []string{p.FullName, p.Gender, strconv.Itoa(p.BirthYear), p.BirthDate, p.IDNumber,
			p.Phone, p.Ethnicity, p.Village, p.Group, strconv.Itoa(g.Year)}
		if g.r.IntN(3) > 0 {
			for k := 0; k < 10; k++ {
				row = append(row, strconv.Itoa(4+g.r.IntN(7)))
			}
			row = append(row, "")
		} else {
			row = append(row, make([]string, 10)...)
			row = append(row, []string{"dat", "chua_dat"}[g.r.IntN(2)])
		}
		if g.r.IntN(2) == 0 {
			row = append(row, fmt.Sprintf("%d/QĐ-UBND", 1+g.r.IntN(200)), fmt.Sprintf("15/11/%d", g.Year))
		} else {
			row = append(row, "", "")
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Centres writes the commune's centres (one to three) with their year.
func (g *Gen) Centres(w io.Writer, commune string) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "decision_no", "established_on", "status", "director", "year", "classes",
		"learner_times", "budget_vnd", "social_vnd", "rating"})
	for i := 0; i < 1+g.r.IntN(3); i++ {
		name := "TTHTCĐ " + commune
		if i > 0 {
			name += " (" + g.villages[i%len(g.villages)] + ")"
		}
		classes := 5 + g.r.IntN(40)
		cw.Write([]string{name, fmt.Sprintf("%d/QĐ-UBND", 1+g.r.IntN(99)),
			fmt.Sprintf("%02d/%02d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12), 2005+g.r.IntN(15)),
			[]string{"hoat_dong", "hoat_dong", "hoat_dong", "sap_nhap"}[g.r.IntN(4)], g.Person().FullName,
			strconv.Itoa(g.Year), strconv.Itoa(classes), strconv.Itoa(classes * (20 + g.r.IntN(40))),
			strconv.Itoa(1000000 * (5 + g.r.IntN(30))), strconv.Itoa(500000 * g.r.IntN(20)),
			[]string{"tot", "kha", "trung_binh", "yeu"}[g.r.IntN(4)]})
	}
	cw.Flush()
	return cw.Error()
}

var awardTypes = []string{"hoc_bong_vuot_kho", "hoc_bong_hieu_hoc", "hsg_truong", "hsg_xa", "hsg_tinh", "do_dai_hoc", "qua"}

// Awards writes n awards given in g.Year to pupils.
func (g *Gen) Awards(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"full_name", "gender", "birth_date", "school", "grade", "school_year", "village",
		"guardian", "award_type", "achievement", "amount_vnd", "in_kind_vnd", "funding_source", "sponsor",
		"decision_no", "decision_date", "awarded_on", "consent"})
	for i := 0; i < n; i++ {
		p := g.Person()
		born := g.Year - 7 - g.r.IntN(11)
		cw.Write([]string{p.FullName, p.Gender, fmt.Sprintf("%02d/%02d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12), born),
			"Trường " + []string{"TH", "THCS", "THPT"}[g.r.IntN(3)] + " " + p.Village, fmt.Sprintf("%d", 1+g.r.IntN(12)),
			fmt.Sprintf("%d-%d", g.Year-1, g.Year), p.Village, g.Person().FullName, g.one(awardTypes), "",
			strconv.Itoa(100000 * (2 + g.r.IntN(30))), "", "Quỹ khuyến học", "", "", "",
			fmt.Sprintf("%02d/09/%d", 1+g.r.IntN(28), g.Year), []string{"co", "co", "co", "khong"}[g.r.IntN(4)]})
	}
	cw.Flush()
	return cw.Error()
}

// Funds writes n ledger lines of g.Year.
func (g *Gen) Funds(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "direction", "source", "amount_vnd", "in_kind_vnd", "voucher_no", "note"})
	for i := 0; i < n; i++ {
		dir := []string{"thu", "thu", "chi"}[g.r.IntN(3)]
		cw.Write([]string{fmt.Sprintf("%02d/%02d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.Year), dir,
			[]string{"hoi_vien", "ca_nhan", "doanh_nghiep", "dong_ho", "ngan_sach"}[g.r.IntN(5)],
			strconv.Itoa(100000 * (5 + g.r.IntN(200))), "", fmt.Sprintf("P%s%03d", dir[:1], i+1), ""})
	}
	cw.Flush()
	return cw.Error()
}
