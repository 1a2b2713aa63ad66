package report

import (
	"context"
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Signing is who and where certificates are signed, and the decision to
// print where a record has none.
type Signing struct {
	Unit         units.Ref
	Parent       string // the parent body's line (ParentBody)
	Place        string
	Date         data.Date
	Signer       string
	DecisionNo   string // used when a record has no decision of its own
	DecisionDate data.Date
}

// CitizenCertificates lists the fields of a Giấy chứng nhận “Công dân học
// tập” for each citizen of the unit recognised in year, in name order.
func CitizenCertificates(ctx context.Context, st *store.Store, reg *units.Registry, year int, s Signing) ([]map[string]string, error) {
	var out []map[string]string
	book, err := publishable(ctx, st, s.Unit.String(), s.Date) // consent.go
	if err != nil {
		return nil, err
	}
	err = st.EachCitizen(ctx, s.Unit.String(), func(c data.Citizen, a *data.Assessment) error {
		if a == nil || a.Year != year || !a.Recognized() { // the report's rule: data/workflow.go
			return nil
		}
		if !book.MayPublishCitizen(c) {
			return nil
		}
		v := s.common(reg, len(out)+1)
		v["ho_ten"], v["thon"], v["nam"] = c.FullName(), c.Village, strconv.Itoa(year)
		v["ong_ba"] = map[string]string{"nam": "Ông", "nu": "Bà"}[c.Gender]
		if v["ong_ba"] == "" {
			v["ong_ba"] = "Ông (Bà)"
		}
		v["nam_sinh"], v["ngay_sinh"] = birth(c.Person)
		s.decision(v, a.DecisionNo, a.DecisionDate)
		out = append(out, v)
		return nil
	})
	return out, err
}

// AwardCertificates lists the fields of a giấy khen for each award of the
// unit counted in year, in name order.
func AwardCertificates(ctx context.Context, st *store.Store, reg *units.Registry, year int, s Signing) ([]map[string]string, error) {
	var out []map[string]string
	book, err := publishable(ctx, st, s.Unit.String(), s.Date) // consent.go
	if err != nil {
		return nil, err
	}
	for off := 0; ; off += 1000 {
		as, err := st.Awards(ctx, store.AwardQuery{Unit: s.Unit.String(), Year: year, Offset: off, Limit: 1000})
		if err != nil || len(as) == 0 {
			return out, err
		}
		for _, a := range as {
			if !book.MayPublish(a) {
				continue
			}
			v := s.common(reg, len(out)+1)
			v["ho_ten"], v["thon"], v["nam"] = a.FullName(), a.Village, strconv.Itoa(year)
			v["nam_sinh"], v["ngay_sinh"] = birth(a.Person)
			v["loai_khen"], v["thanh_tich"] = AwardLabel(a.AwardType), a.Achievement
			v["truong"], v["lop"], v["nam_hoc"] = a.School, a.Grade, a.SchoolYear
			if a.AmountVND > 0 {
				v["so_tien"] = data.GroupDigits(a.AmountVND) + " đồng"
			}
			s.decision(v, a.DecisionNo, a.DecisionDate)
			out = append(out, v)
		}
	}
}

func (s Signing) common(reg *units.Registry, n int) map[string]string {
	name := s.Unit.Code
	if u, err := reg.Get(s.Unit); err == nil {
		name = u.FullName
	}
	return map[string]string{"cap_tren": s.Parent, "don_vi": name, "DON_VI": strings.ToUpper(name),
		"noi_ky": s.Place, "ngay_ky": paper.VNDate(s.Date), "nguoi_ky": s.Signer, "stt": strconv.Itoa(n)}
}

func (s Signing) decision(v map[string]string, no string, d data.Date) {
	if no == "" && d.IsZero() {
		no, d = s.DecisionNo, s.DecisionDate
	}
	v["so_quyet_dinh"] = no
	if !d.IsZero() {
		v["ngay_quyet_dinh"] = d.VN()
	}
}

func birth(p data.Person) (year, date string) {
	if !p.BirthDate.IsZero() {
		return strconv.Itoa(p.BirthDate.Y), p.BirthDate.VN()
	}
	if p.BirthYear > 0 {
		return strconv.Itoa(p.BirthYear), ""
	}
	return "", ""
}
