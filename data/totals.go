package data

import "math"

// Totals are the figures of one unit for one year, in the shape of the
// report JSON of docs/CONTRACT.md.
type Totals struct {
	Citizens CitizenTotals `json:"citizens"`
	Centres  CentreTotals  `json:"centres"`
	Awards   AwardTotals   `json:"awards"`
	Funds    FundTotals    `json:"funds"`
	// Models are the four learning models' figures (totals_models.go):
	// "family", "clan", "community", "unit", always all four.
	Models map[string]*ModelTotals `json:"models"`
	// Programme is the Công dân học tập share on the programme's own
	// bases (totals_models.go): "family_clan_community" and "unit".
	Programme map[string]*ProgrammeShare `json:"programme"`
	// Association is the association's own figures (totals_assoc.go).
	Association AssociationTotals `json:"association"`
}

// CitizenTotals: citizens with an entry for the year (registered), with a
// result (assessed), with the result đạt whatever the workflow step
// (passed), with the title (recognized: the step công nhận, see
// workflow.go), and the adult population from the commune profile.
type CitizenTotals struct {
	Registered int64 `json:"registered"`
	Assessed   int64 `json:"assessed"`
	Passed     int64 `json:"passed"`
	Recognized int64 `json:"recognized"`
	Adults     int64 `json:"adults"`
}

// CentreTotals: centres active that year, their ratings, classes and
// learner-times.
type CentreTotals struct {
	Active       int64            `json:"active"`
	ByRating     map[string]int64 `json:"by_rating"`
	Classes      int64            `json:"classes"`
	LearnerTimes int64            `json:"learner_times"`
	// ByProgramme: classes and learner-times per programme (every one of
	// data.Programmes present); classes not assigned to one are only in
	// the totals.
	ByProgramme map[string]*ClassCount `json:"by_programme"`
}

// AwardTotals: awards given that year, cash amounts, by type.
type AwardTotals struct {
	Count     int64                 `json:"count"`
	AmountVND int64                 `json:"amount_vnd"`
	ByType    map[string]*TypeTotal `json:"by_type"`
	// ByRecipient: per kind of recipient as recorded ("" when not given);
	// ByCampaign: per named campaign or scholarship (awards without one
	// are not listed).
	ByRecipient map[string]*TypeTotal `json:"by_recipient"`
	ByCampaign  map[string]*TypeTotal `json:"by_campaign"`
}

// TypeTotal is one award type's count and cash amount.
type TypeTotal struct {
	Count     int64 `json:"count"`
	AmountVND int64 `json:"amount_vnd"`
}

// FundTotals: cash raised and spent in the year, and the balance at the
// year's end (everything raised minus everything spent up to 31/12).
type FundTotals struct {
	RaisedVND  int64 `json:"raised_vnd"`
	SpentVND   int64 `json:"spent_vnd"`
	BalanceVND int64 `json:"balance_vnd"`
	// ByHolder and BySource: the same three figures per holder of the
	// money ("hoi", the association, for lines without one) and per
	// source, as recorded.
	ByHolder map[string]*HolderTotal `json:"by_holder"`
	BySource map[string]*HolderTotal `json:"by_source"`
}

// NewTotals returns zero totals with every rating present.
func NewTotals() *Totals {
	t := &Totals{
		Centres:   CentreTotals{ByRating: map[string]int64{"tot": 0, "kha": 0, "trung_binh": 0, "yeu": 0}},
		Awards:    AwardTotals{ByType: map[string]*TypeTotal{}},
		Models:    newModels(),
		Programme: newProgramme(),
	}
	t.newBreakdowns()
	return t
}

// Add adds o into t. The sums saturate at the largest (or smallest)
// int64 rather than wrap: a roll-up of figures that no real unit reaches
// stays at the ceiling instead of turning negative.
func (t *Totals) Add(o *Totals) {
	c, oc := &t.Citizens, o.Citizens
	add(&c.Registered, oc.Registered)
	add(&c.Assessed, oc.Assessed)
	add(&c.Passed, oc.Passed)
	add(&c.Recognized, oc.Recognized)
	add(&c.Adults, oc.Adults)
	add(&t.Centres.Active, o.Centres.Active)
	add(&t.Centres.Classes, o.Centres.Classes)
	add(&t.Centres.LearnerTimes, o.Centres.LearnerTimes)
	for k, v := range o.Centres.ByRating {
		n := t.Centres.ByRating[k]
		add(&n, v)
		t.Centres.ByRating[k] = n
	}
	add(&t.Awards.Count, o.Awards.Count)
	add(&t.Awards.AmountVND, o.Awards.AmountVND)
	for k, v := range o.Awards.ByType {
		tt := t.Awards.ByType[k]
		if tt == nil {
			tt = &TypeTotal{}
			t.Awards.ByType[k] = tt
		}
		add(&tt.Count, v.Count)
		add(&tt.AmountVND, v.AmountVND)
	}
	add(&t.Funds.RaisedVND, o.Funds.RaisedVND)
	add(&t.Funds.SpentVND, o.Funds.SpentVND)
	add(&t.Funds.BalanceVND, o.Funds.BalanceVND)
	t.addBreakdowns(o)
	t.addModels(o)
}

// add adds b to *a, saturating.
func add(a *int64, b int64) {
	s := *a + b
	switch {
	case (s > *a) == (b > 0):
		*a = s
	case b > 0:
		*a = math.MaxInt64
	default:
		*a = math.MinInt64
	}
}
