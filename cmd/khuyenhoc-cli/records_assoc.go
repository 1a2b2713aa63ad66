package main

import (
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// branches lists the association's branches, with their members in period
// ("2026-H1"; none when empty).
func (l *lister) branches(period string) error {
	if period != "" {
		p, err := data.ParsePeriod(period)
		if err != nil {
			return usageFail(fmt.Errorf("--period %s: %w", period, err))
		}
		period = p.String()
	}
	bs, err := l.e.st.Branches(l.e.ctx, "", period)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if l.search != "" && !containsFold(b.Name+" "+b.Chair, l.search) {
			continue
		}
		obj := map[string]any{"id": b.ID, "unit": b.Unit, "name": b.Name, "form": b.Form, "branch_type": b.Type,
			"established_on": b.EstablishedOn.String(), "dissolved_on": b.DissolvedOn.String(), "chair": b.Chair, "note": b.Note}
		line := fmt.Sprintf("%-40s %-20s %-24s %s", b.Name, data.BranchForms.Label(b.Form, l.e.lang),
			data.SuggestionLabel(data.BranchTypes, b.Type, l.e.lang), b.Chair)
		if m := b.Members; m.ID != "" {
			obj["period"], obj["members"], obj["admitted"], obj["left"] = m.Period, m.Total, m.Admitted, m.Left
			line += fmt.Sprintf("  %s: %d (+%d −%d)", m.Period, m.Total, m.Admitted, m.Left)
		}
		if !l.add(line, obj) {
			return nil
		}
	}
	return nil
}

// activities lists the association's log, newest first.
func (l *lister) activities() error {
	q := store.ActivityQuery{Year: l.year, Search: l.search, Limit: 1000}
	for {
		page, err := l.e.st.Activities(l.e.ctx, q)
		if err != nil {
			return err
		}
		for _, a := range page {
			obj := map[string]any{"id": a.ID, "unit": a.Unit, "kind": a.Kind, "date": a.Date.String(), "title": a.Title,
				"participants": a.Participants, "publicity_kind": a.PublicityKind, "times": a.Times,
				"document_no": a.DocumentNo, "note": a.Note}
			line := fmt.Sprintf("%s  %-22s %s", a.Date.VN(), data.ActivityKinds.Label(a.Kind, l.e.lang), a.Title)
			switch {
			case a.DocumentNo != "":
				line += "  " + a.DocumentNo
			case a.Participants != 0:
				line += fmt.Sprintf("  (%d)", a.Participants)
			case a.Times != 0:
				line += fmt.Sprintf("  %s ×%d", data.SuggestionLabel(data.PublicityKinds, a.PublicityKind, l.e.lang), a.Times)
			}
			if !l.add(line, obj) {
				return nil
			}
		}
		if len(page) < q.Limit {
			return nil
		}
		q.Offset += len(page)
	}
}
