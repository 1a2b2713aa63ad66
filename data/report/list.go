package report

import (
	"sokhuyenhoc/data"
	"sokhuyenhoc/data/tabular"
	"sokhuyenhoc/data/units"
)

// ListMeta is the header and signers of a printed register list of the
// unit ref, as its report has them: the unit's full name, the parent
// body's line, the place and the date it is signed, who drew it up; a list
// that holds several units' records names each row's unit.
func ListMeta(reg *units.Registry, ref units.Ref, date data.Date, operator string) tabular.ListMeta {
	m := tabular.ListMeta{Name: ref.Code, Place: ref.Code, Parent: ParentBody(reg, ref), Date: date, Operator: operator,
		UnitName: func(unit string) string {
			if r, err := units.ParseRef(unit); err == nil {
				if u, err := reg.Get(r); err == nil {
					return u.FullName
				}
			}
			return unit
		}}
	if u, err := reg.Get(ref); err == nil {
		m.Name, m.Place = u.FullName, u.Name
	}
	return m
}
