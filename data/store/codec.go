package store

import "sokhuyenhoc/data"

// The typed records of package data and their generic rows: each kind's
// data.Table says which field is which column, in which order.

// valuesOf returns the stored values of x, the tombstone (0) last.
func valuesOf[T any](t *data.Table[T], x *T) []any {
	return append(t.Values(x), int64(0))
}

// As converts a generic row of t's kind into its record.
func As[T any](t *data.Table[T], r *Row) T { return t.Record(r.ID, r.Unit, r.Vals) }

// CitizenOf converts a generic row.
func CitizenOf(r *Row) data.Citizen { return As(data.Citizens, r) }

// AssessmentOf converts a generic row.
func AssessmentOf(r *Row) data.Assessment { return As(data.Assessments, r) }

// CentreOf converts a generic row.
func CentreOf(r *Row) data.Centre { return As(data.Centres, r) }

// CentreYearOf converts a generic row.
func CentreYearOf(r *Row) data.CentreYear { return As(data.CentreYears, r) }

// AwardOf converts a generic row.
func AwardOf(r *Row) data.Award { return As(data.Awards, r) }

// FundOf converts a generic row.
func FundOf(r *Row) data.FundLine { return As(data.Funds, r) }

// VillageOf converts a generic row.
func VillageOf(r *Row) data.Village { return As(data.Villages, r) }

// ProfileOf converts a generic row.
func ProfileOf(r *Row) data.Profile { return As(data.Profiles, r) }
