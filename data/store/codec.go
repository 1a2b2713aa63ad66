package store

import (
	"strconv"
	"strings"

	"sokhuyenhoc/data"
)

// The typed records of package data and their generic rows. The order of
// values follows the schemas in schema.go.

func date(s string) data.Date {
	d, _ := data.ParseDate(s)
	return d
}

func citizenVals(c data.Citizen) []any {
	return []any{c.HoDem, c.Ten, c.Gender, int64(c.BirthYear), c.BirthDate.String(), c.IDNumber,
		c.Phone, c.Ethnicity, c.Village, c.Group, c.Note, int64(0)}
}

// CitizenOf converts a generic row.
func CitizenOf(r *Row) data.Citizen {
	v := r.Vals
	return data.Citizen{ID: r.ID, Unit: r.Unit, Group: v[9].(string), Note: v[10].(string),
		Person: data.Person{HoDem: v[0].(string), Ten: v[1].(string), Gender: v[2].(string),
			BirthYear: int(v[3].(int64)), BirthDate: date(v[4].(string)), IDNumber: v[5].(string),
			Phone: v[6].(string), Ethnicity: v[7].(string), Village: v[8].(string)}}
}

func assessmentVals(a data.Assessment) []any {
	return []any{a.CitizenID, int64(a.Year), encodeScores(a.Scores), a.Result, a.Status,
		a.DecisionNo, a.DecisionDate.String(), int64(0)}
}

// AssessmentOf converts a generic row.
func AssessmentOf(r *Row) data.Assessment {
	v := r.Vals
	return data.Assessment{ID: r.ID, Unit: r.Unit, CitizenID: v[0].(string), Year: int(v[1].(int64)),
		Scores: decodeScores(v[2].(string)), Result: v[3].(string), Status: v[4].(string),
		DecisionNo: v[5].(string), DecisionDate: date(v[6].(string))}
}

// Scores travel as one text column of tenths: "80,85,90,…".
func encodeScores(s []int) string {
	parts := make([]string, len(s))
	for n, x := range s {
		parts[n] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

func decodeScores(s string) []int {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for n, p := range parts {
		out[n], _ = strconv.Atoi(p)
	}
	return out
}

func centreVals(c data.Centre) []any {
	return []any{c.Name, c.DecisionNo, c.EstablishedOn.String(), c.Status, c.MergedInto,
		c.Director, c.Deputies, int64(0)}
}

// CentreOf converts a generic row.
func CentreOf(r *Row) data.Centre {
	v := r.Vals
	return data.Centre{ID: r.ID, Unit: r.Unit, Name: v[0].(string), DecisionNo: v[1].(string),
		EstablishedOn: date(v[2].(string)), Status: v[3].(string), MergedInto: v[4].(string),
		Director: v[5].(string), Deputies: v[6].(string)}
}

func centreYearVals(y data.CentreYear) []any {
	return []any{y.CentreID, int64(y.Year), y.Classes, y.LearnerTimes, y.BudgetVND, y.SocialVND,
		y.Rating, y.Status, int64(0)}
}

// CentreYearOf converts a generic row.
func CentreYearOf(r *Row) data.CentreYear {
	v := r.Vals
	return data.CentreYear{ID: r.ID, Unit: r.Unit, CentreID: v[0].(string), Year: int(v[1].(int64)),
		Classes: v[2].(int64), LearnerTimes: v[3].(int64), BudgetVND: v[4].(int64),
		SocialVND: v[5].(int64), Rating: v[6].(string), Status: v[7].(string)}
}

func awardVals(a data.Award) []any {
	return []any{a.HoDem, a.Ten, a.Gender, a.BirthDate.String(), a.Village, a.School, a.Grade,
		a.SchoolYear, a.Guardian, a.AwardType, a.Achievement, a.AmountVND, a.InKindVND,
		a.FundingSource, a.Sponsor, a.DecisionNo, a.DecisionDate.String(), a.DecidingLevel,
		a.AwardedOn.String(), a.Consent, a.FundID, int64(0)}
}

// AwardOf converts a generic row.
func AwardOf(r *Row) data.Award {
	v := r.Vals
	a := data.Award{ID: r.ID, Unit: r.Unit,
		Person: data.Person{HoDem: v[0].(string), Ten: v[1].(string), Gender: v[2].(string),
			BirthDate: date(v[3].(string)), Village: v[4].(string)},
		School: v[5].(string), Grade: v[6].(string), SchoolYear: v[7].(string),
		Guardian: v[8].(string), AwardType: v[9].(string), Achievement: v[10].(string),
		AmountVND: v[11].(int64), InKindVND: v[12].(int64), FundingSource: v[13].(string),
		Sponsor: v[14].(string), DecisionNo: v[15].(string), DecisionDate: date(v[16].(string)),
		DecidingLevel: v[17].(string), AwardedOn: date(v[18].(string)), Consent: v[19].(string),
		FundID: v[20].(string)}
	a.BirthYear = a.BirthDate.Y
	return a
}

func fundVals(f data.FundLine) []any {
	return []any{f.Date.String(), f.Direction, f.Source, f.AmountVND, f.InKindVND, f.VoucherNo,
		f.Note, int64(0)}
}

// FundOf converts a generic row.
func FundOf(r *Row) data.FundLine {
	v := r.Vals
	return data.FundLine{ID: r.ID, Unit: r.Unit, Date: date(v[0].(string)), Direction: v[1].(string),
		Source: v[2].(string), AmountVND: v[3].(int64), InKindVND: v[4].(int64),
		VoucherNo: v[5].(string), Note: v[6].(string)}
}

func villageVals(v data.Village) []any { return []any{v.Name, v.Note, int64(0)} }

// VillageOf converts a generic row.
func VillageOf(r *Row) data.Village {
	return data.Village{ID: r.ID, Unit: r.Unit, Name: r.Vals[0].(string), Note: r.Vals[1].(string)}
}

func profileVals(p data.Profile) []any { return []any{int64(p.Year), p.Adults, int64(0)} }

// ProfileOf converts a generic row.
func ProfileOf(r *Row) data.Profile {
	return data.Profile{ID: r.ID, Unit: r.Unit, Year: int(r.Vals[0].(int64)), Adults: r.Vals[1].(int64)}
}
