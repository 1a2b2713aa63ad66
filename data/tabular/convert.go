package tabular

import (
	"fmt"
	"strconv"

	"sokhuyenhoc/data"
)

// The inverse of data's Parse functions: a stored record as the cells of
// a file row. Importing a file the app exported gives back the same records.

func num(v int64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}

func year(v int) string { return num(int64(v)) }

func citizenInput(c data.Citizen, a *data.Assessment) data.Input {
	in := data.Input{"full_name": c.FullName(), "gender": c.Gender, "birth_year": year(c.BirthYear),
		"birth_date": c.BirthDate.String(), "id_number": c.IDNumber, "phone": c.Phone,
		"ethnicity": c.Ethnicity, "village": c.Village, "group": c.Group}
	if a != nil {
		in["year"] = year(a.Year)
		in["result"] = a.Result
		in["decision_no"] = a.DecisionNo
		in["decision_date"] = a.DecisionDate.String()
		for n, s := range a.Scores {
			in[fmt.Sprintf("i%d", n+1)] = fileScore(s)
		}
	}
	return in
}

// fileScore writes tenths with a dot, which survives CSV unquoted.
func fileScore(tenths int) string {
	if tenths%10 == 0 {
		return strconv.Itoa(tenths / 10)
	}
	return fmt.Sprintf("%d.%d", tenths/10, tenths%10)
}

func centreInput(c data.Centre, y *data.CentreYear) data.Input {
	in := data.Input{"name": c.Name, "decision_no": c.DecisionNo,
		"established_on": c.EstablishedOn.String(), "status": c.Status, "director": c.Director}
	if y != nil {
		in["year"] = year(y.Year)
		in["classes"] = strconv.FormatInt(y.Classes, 10)
		in["learner_times"] = strconv.FormatInt(y.LearnerTimes, 10)
		in["budget_vnd"] = strconv.FormatInt(y.BudgetVND, 10)
		in["social_vnd"] = strconv.FormatInt(y.SocialVND, 10)
		in["rating"] = y.Rating
		if y.Status != "" {
			in["status"] = y.Status
		}
	}
	return in
}

func awardInput(a data.Award) data.Input {
	return data.Input{"full_name": a.FullName(), "gender": a.Gender,
		"birth_date": a.BirthDate.String(), "school": a.School, "grade": a.Grade,
		"school_year": a.SchoolYear, "village": a.Village, "guardian": a.Guardian,
		"award_type": a.AwardType, "achievement": a.Achievement,
		"amount_vnd": strconv.FormatInt(a.AmountVND, 10), "in_kind_vnd": num(a.InKindVND),
		"funding_source": a.FundingSource, "sponsor": a.Sponsor, "decision_no": a.DecisionNo,
		"decision_date": a.DecisionDate.String(), "awarded_on": a.AwardedOn.String(),
		"consent": a.Consent}
}

func fundInput(f data.FundLine) data.Input {
	return data.Input{"date": f.Date.String(), "direction": f.Direction, "source": f.Source,
		"amount_vnd": strconv.FormatInt(f.AmountVND, 10), "in_kind_vnd": num(f.InKindVND),
		"voucher_no": f.VoucherNo, "note": f.Note}
}

// overlay returns base with the cells the file row has: a column the
// file has wins, even when its cell is empty (that clears the value); a
// column the file lacks keeps the stored value.
func overlay(base, row data.Input) data.Input {
	out := data.Input{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range row {
		out[k] = v
	}
	return out
}
