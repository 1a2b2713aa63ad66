package main

import (
	"fmt"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// models lists the records of a learning model's register: one line (or
// JSON object) per record, with its assessment of --year, in the cells of
// its file (docs/CONTRACT.md).
func (l *lister) models(k tabular.Kind) error {
	cat, err := l.e.st.Catalog(l.e.ctx)
	if err != nil {
		return err
	}
	switch k {
	case tabular.Families:
		return listModel(l, data.FamilyKind, cat)
	case tabular.Clans:
		return listModel(l, data.ClanKind, cat)
	case tabular.Communities:
		return listModel(l, data.CommunityKind, cat)
	}
	return listModel(l, data.UnitKind, cat)
}

func listModel[T any](l *lister, k *data.ModelKind[T], cat *data.Catalog) error {
	q := store.ModelQuery{Search: l.search, Year: l.year, Limit: 1000}
	for {
		page, err := store.ModelRecords(l.e.ctx, l.e.st, k.Table, q)
		if err != nil {
			return err
		}
		for _, it := range page {
			e := data.ModelEntry[T]{Record: it.Record}
			if it.Year.ID != "" {
				e.Year = &it.Year
			}
			obj := map[string]any{}
			for col, v := range data.FormatModel(k, e, cat, data.FileStyle) {
				obj[col] = v
			}
			id, unit := k.Table.Key(&it.Record)
			obj["id"], obj["unit"], obj["members_linked"] = *id, *unit, it.Members
			if k.Model == data.ModelCommunity {
				obj["families_recognized"] = it.Families // the village's families recognised that year
			}
			line := fmt.Sprintf("%-40s", k.Name(&it.Record))
			if e.Year != nil {
				people := data.FormatModel(k, e, cat, data.PeopleStyle(l.e.lang))
				line += fmt.Sprintf(" %d %s %s %s", it.Year.Year, people["result"], people["rating"], people["status"])
			}
			if !l.add(strings.TrimRight(line, " "), obj) {
				return nil
			}
		}
		if len(page) < q.Limit {
			return nil
		}
		q.Offset += len(page)
	}
}
