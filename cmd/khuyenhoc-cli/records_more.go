package main

import (
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

func (l *lister) centres() error {
	cs, err := l.e.st.Centres(l.e.ctx, "", l.year)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if l.search != "" && !containsFold(c.Name, l.search) {
			continue
		}
		if l.year != 0 && c.Year.ID == "" {
			continue
		}
		obj := map[string]any{"id": c.ID, "unit": c.Unit, "name": c.Name, "status": c.Status,
			"decision_no": c.DecisionNo, "established_on": c.EstablishedOn.String(), "director": c.Director,
			"deputies": c.Deputies, "merged_into": c.MergedInto}
		line := fmt.Sprintf("%-40s %s", c.Name, data.CentreStatuses.Label(c.Status, l.e.lang))
		if c.Year.ID != "" {
			y := c.Year
			obj["year"], obj["classes"], obj["learner_times"], obj["rating"] = y.Year, y.Classes, y.LearnerTimes, y.Rating
			obj["budget_vnd"], obj["social_vnd"], obj["year_status"] = y.BudgetVND, y.SocialVND, y.Status
			byProgramme := map[string]any{}
			for n, o := range data.Programmes {
				if p := y.ByProgramme[n]; p != (data.ClassCount{}) {
					byProgramme[o.Code] = map[string]int64{"classes": p.Classes, "learner_times": p.LearnerTimes}
				}
			}
			obj["by_programme"] = byProgramme
			line += fmt.Sprintf("  %d: %d lớp, %d lượt, %s", y.Year, y.Classes, y.LearnerTimes, data.Ratings.Label(y.Rating, l.e.lang))
		}
		if !l.add(line, obj) {
			return nil
		}
	}
	return nil
}

func containsFold(s, q string) bool {
	return len(q) == 0 || len(text.Fold(s)) >= len(text.Fold(q)) && indexFold(s, q)
}

func indexFold(s, q string) bool {
	fs, fq := text.Fold(s), text.Fold(q)
	for i := 0; i+len(fq) <= len(fs); i++ {
		if fs[i:i+len(fq)] == fq {
			return true
		}
	}
	return false
}

func (l *lister) awards() error {
	q := store.AwardQuery{Search: l.search, Year: l.year, Limit: 1000}
	for {
		page, err := l.e.st.Awards(l.e.ctx, q)
		if err != nil {
			return err
		}
		for _, a := range page {
			obj := map[string]any{"id": a.ID, "unit": a.Unit, "full_name": a.FullName(),
				"birth_date": a.BirthDate.String(), "school": a.School, "grade": a.Grade,
				"school_year": a.SchoolYear, "award_type": a.AwardType, "amount_vnd": a.AmountVND,
				"in_kind_vnd": a.InKindVND, "awarded_on": a.AwardedOn.String(), "consent": a.Consent,
				"gender": a.Gender, "village": a.Village, "guardian": a.Guardian, "achievement": a.Achievement,
				"funding_source": a.FundingSource, "sponsor": a.Sponsor, "decision_no": a.DecisionNo,
				"decision_date": a.DecisionDate.String(), "deciding_level": a.DecidingLevel, "fund_id": a.FundID,
				"recipient_kind": a.RecipientKind, "campaign": a.Campaign}
			line := fmt.Sprintf("%-30s %-24s %15s  %s", a.FullName(),
				data.SuggestionLabel(data.AwardTypes, a.AwardType, l.e.lang), data.FormatVND(a.AmountVND), a.AwardedOn.VN())
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

func (l *lister) funds() error {
	fs, err := l.e.st.FundLines(l.e.ctx, "", l.year)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if l.search != "" && !containsFold(f.Source+" "+f.Note+" "+f.VoucherNo, l.search) {
			continue
		}
		obj := map[string]any{"id": f.ID, "unit": f.Unit, "date": f.Date.String(), "direction": f.Direction,
			"source": f.Source, "amount_vnd": f.AmountVND, "in_kind_vnd": f.InKindVND,
			"voucher_no": f.VoucherNo, "note": f.Note, "holder": f.Holder}
		line := fmt.Sprintf("%s  %-3s %15s  %-20s %s", f.Date.VN(), f.Direction, data.FormatVND(f.AmountVND),
			data.SuggestionLabel(data.FundSources, f.Source, l.e.lang), f.Note)
		if !l.add(line, obj) {
			return nil
		}
	}
	return nil
}
