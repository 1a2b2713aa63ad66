package exchange

import (
	"errors"
	"fmt"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
)

// The decisions alone, without a store: what a row, a sender's site and a
// bundle's size may be.

func TestRowRules_Check(t *testing.T) {
	A, B := communeA.String(), communeB.String()
	const siteA, own = "00000000000000a1", "00000000000000dd"
	citizen, other, branch := store.NewID(), store.NewID(), store.NewID()
	newRules := func() *rowRules {
		return newRowRules(units.Default(), communeA, 1000, own, map[string][]units.Ref{siteA: {communeA}})
	}
	r := func(kind store.Kind, id, unit string, ver, base bundle.Version, vals []any) (*store.Schema, *bundle.Row) {
		return store.SchemaOf(kind), &bundle.Row{ID: id, Unit: unit, Ver: ver, Base: base, Values: vals}
	}
	v := func(l int64, s string) bundle.Version { return bundle.Version{L: l, S: s} }
	ok := v(5, siteA)
	type rowCase struct {
		name  string
		sc    *store.Schema
		row   *bundle.Row
		want  error
		store bool // the parent is left for the store
	}
	row1 := func(name string, sc *store.Schema, br *bundle.Row, want error) rowCase {
		return rowCase{name: name, sc: sc, row: br, want: want}
	}
	sc, cit := r(store.Citizen, citizen, A, ok, bundle.Version{}, citizenVals(A, "An"))
	cases := []rowCase{
		row1("a valid citizen", sc, cit, nil),
		row1("the same citizen again", sc, cit, ErrDuplicateRow),
		{name: "its assessment", sc: store.SchemaOf(store.Assessment), row: &bundle.Row{ID: store.YearlyID(store.Assessment, citizen, 2026),
			Unit: A, Ver: ok, Values: assessmentVals(citizen, 2026)}},
		{name: "an assessment whose citizen the store must show", sc: store.SchemaOf(store.Assessment),
			row:   &bundle.Row{ID: store.YearlyID(store.Assessment, other, 2026), Unit: A, Ver: ok, Values: assessmentVals(other, 2026)},
			store: true},
		row1("another unit's row", store.SchemaOf(store.Citizen), &bundle.Row{ID: store.NewID(), Unit: B, Ver: ok, Values: citizenVals(B, "Bê")}, ErrRowOutOfScope),
		row1("a value out of its list", store.SchemaOf(store.Citizen), &bundle.Row{ID: store.NewID(), Unit: A, Ver: ok,
			Values: set(store.Citizen, citizenVals(A, "Xa"), "gender", "x")}, data.ErrEnum),
		row1("an id not derived", store.SchemaOf(store.Profile), &bundle.Row{ID: store.NewID(), Unit: A, Ver: ok, Values: profileVals(2026, 5)}, ErrDerivedID),
		row1("a branch", store.SchemaOf(store.Branch), &bundle.Row{ID: branch, Unit: A, Ver: ok, Values: branchVals("Chi hội thôn Đông")}, nil),
		row1("its members in a half-year", store.SchemaOf(store.MemberCount), &bundle.Row{ID: store.PeriodID(store.MemberCount, branch, "2026-H1"),
			Unit: A, Ver: ok, Values: memberCountVals(branch, "2026-H1", 40)}, nil),
		row1("members under an id not derived from the branch and period", store.SchemaOf(store.MemberCount),
			&bundle.Row{ID: store.PeriodID(store.MemberCount, branch, "2026-H1"), Unit: A, Ver: ok, Values: memberCountVals(branch, "2026-H2", 40)}, ErrDerivedID),
		row1("members for no period", store.SchemaOf(store.MemberCount), &bundle.Row{ID: store.PeriodID(store.MemberCount, branch, ""),
			Unit: A, Ver: ok, Values: memberCountVals(branch, "", 40)}, ErrDerivedID),
		row1("members for a span that is no half-year", store.SchemaOf(store.MemberCount), &bundle.Row{ID: store.PeriodID(store.MemberCount, branch, "2026-01-01..2026-03-31"),
			Unit: A, Ver: ok, Values: memberCountVals(branch, "2026-01-01..2026-03-31", 40)}, data.ErrMemberPeriod),
		{name: "members of a branch the store must show", sc: store.SchemaOf(store.MemberCount), row: &bundle.Row{ID: store.PeriodID(store.MemberCount, other, "2026"),
			Unit: A, Ver: ok, Values: memberCountVals(other, "2026", 40)}, store: true},
		row1("at the clock's bound", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(1000+MaxClockLead, siteA),
			Values: []any{"Thôn", "", int64(0)}}, nil),
		row1("past it", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(1001+MaxClockLead, siteA),
			Values: []any{"Thôn", "", int64(0)}}, ErrClockAhead),
		row1("a base as new as its version", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: ok, Base: ok,
			Values: []any{"Thôn", "", int64(0)}}, ErrBadVersion),
		row1("a settled version that is its own version", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(50, siteA),
			Values: []any{"Thôn", "", int64(0)}, Overrides: map[string]bundle.FieldVersion{"note": {Ver: v(40, siteA), Sup: []bundle.Version{v(40, siteA)}}}},
			ErrBadVersion),
		row1("a field's base as new as its version", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(50, siteA),
			Values: []any{"Thôn", "", int64(0)}, Overrides: map[string]bundle.FieldVersion{"note": {Ver: v(40, siteA), Base: v(40, siteA)}}},
			ErrBadVersion),
		row1("a base of a site never announced", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: ok, Base: v(4, "00000000000000ff"),
			Values: []any{"Thôn", "", int64(0)}}, ErrForeignSite),
		row1("a settled version of this installation's site", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(50, siteA),
			Values: []any{"Thôn", "", int64(0)}, Overrides: map[string]bundle.FieldVersion{"note": {Ver: v(40, siteA), Sup: []bundle.Version{v(30, siteA), v(20, own)}}}},
			ErrForeignSite),
		row1("a field settling older versions of its own site", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(50, siteA),
			Values: []any{"Thôn", "", int64(0)}, Overrides: map[string]bundle.FieldVersion{"note": {Ver: v(40, siteA), Base: v(35, siteA), Sup: []bundle.Version{v(30, siteA), v(20, siteA)}}}},
			nil),
		row1("this installation's site", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(5, own),
			Values: []any{"Thôn", "", int64(0)}}, ErrForeignSite),
		row1("a site never announced", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(5, "00000000000000ff"),
			Values: []any{"Thôn", "", int64(0)}}, ErrForeignSite),
		row1("a settled version too many", store.SchemaOf(store.Village), &bundle.Row{ID: store.NewID(), Unit: A, Ver: v(50, siteA),
			Values: []any{"Thôn", "", int64(0)}, Overrides: map[string]bundle.FieldVersion{"note": {Ver: v(40, siteA), Sup: manyVersions(siteA, MaxSupersedes+1)}}},
			ErrBadVersion),
	}
	// The models: a year belongs to the record its model names, a member
	// link to its citizen and to its family or learning unit.
	family, unknown := store.NewID(), store.NewID()
	famVals := append(data.Families.Values(&data.Family{HoDem: "Lê Văn", Ten: "Ba", Village: "Thôn Đông"}), int64(0))
	yearVals := func(rec, model string) []any {
		return append(data.ModelYears.Values(&data.ModelYear{RecordID: rec, Model: model, Year: 2026, Registered: "co"}), int64(0))
	}
	memberVals := func(rec, cit string) []any {
		return append(data.Members.Values(&data.Member{RecordID: rec, CitizenID: cit}), int64(0))
	}
	ys := store.SchemaOf(store.ModelYear)
	cases = append(cases,
		row1("a family", store.SchemaOf(store.Family), &bundle.Row{ID: family, Unit: A, Ver: ok, Values: famVals}, nil),
		row1("its year", ys, &bundle.Row{ID: store.YearlyID(store.ModelYear, family, 2026), Unit: A, Ver: ok, Values: yearVals(family, "family")}, nil),
		rowCase{name: "a unit's year whose unit the store must show", sc: ys, row: &bundle.Row{ID: store.YearlyID(store.ModelYear, unknown, 2026),
			Unit: A, Ver: ok, Values: yearVals(unknown, "unit")}, store: true},
		row1("a year of a model not known", ys, &bundle.Row{ID: store.YearlyID(store.ModelYear, family, 2025), Unit: A, Ver: ok,
			Values: set(store.ModelYear, yearVals(family, "family"), "model", "village")}, data.ErrEnum),
		row1("a year whose id is another record's", ys, &bundle.Row{ID: store.YearlyID(store.ModelYear, unknown, 2024), Unit: A, Ver: ok,
			Values: set(store.ModelYear, yearVals(family, "family"), "year", int64(2024))}, ErrDerivedID),
		row1("a member of the family, both in the bundle", store.SchemaOf(store.Member), &bundle.Row{ID: store.MemberID(family, citizen),
			Unit: A, Ver: ok, Values: memberVals(family, citizen)}, nil),
		rowCase{name: "a member whose citizen the store must show", sc: store.SchemaOf(store.Member), row: &bundle.Row{ID: store.MemberID(family, other),
			Unit: A, Ver: ok, Values: memberVals(family, other)}, store: true},
		row1("a member link's id not derived", store.SchemaOf(store.Member), &bundle.Row{ID: store.NewID(), Unit: A, Ver: ok,
			Values: memberVals(family, citizen)}, ErrDerivedID),
	)
	rules := newRules()
	for _, tc := range cases {
		rr := fromBundle(tc.sc, nil, tc.row)
		got, err := rules.check(tc.sc, tc.row, rr)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if (len(got.parents) > 0) != tc.store {
			t.Errorf("%s: left for the store: %+v", tc.name, got)
		}
	}
}

func TestSenderSite(t *testing.T) {
	A, B := communeA.String(), communeB.String()
	claims := []store.SiteClaim{
		{Site: "a1", Unit: A, Origin: A},
		{Site: "b1", Unit: B, Origin: B},
		{Site: "c1", Unit: communeC.String(), Origin: district.String()}, // named by a consolidation
		{Site: "dd", Unit: B, Origin: store.AnyOrigin},                   // the district's site, seen in B's records
	}
	for _, tc := range []struct {
		name, origin, site string
		want               error
	}{
		{"the unit's own site", A, "a1", nil},
		{"a unit's first bundle", communeC.String(), "c9", nil},
		{"a second site of A", A, "a2", ErrSecondSite},
		{"B's site for A", A, "b1", ErrSiteTaken},
		{"a site a consolidation named for C", A, "c1", ErrSiteTaken},
		{"a site seen in records does not count", communeC.String(), "dd", nil},
		{"this installation's own site", A, "me", ErrSiteTaken},
	} {
		if err := senderSite(claims, tc.origin, tc.site, "me"); tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestCheckBudget(t *testing.T) {
	b := Budget{BundleRows: 10, BundlePlain: 1000, PeriodRows: 30, PeriodPlain: 5000, PeriodDays: 30}
	for _, tc := range []struct {
		name        string
		rows, plain int64
		used        store.Usage
		covered     int64
		over        bool
	}{
		{"within", 10, 1000, store.Usage{Rows: 20, Plain: 4000}, 1, false},
		{"a row too many", 11, 10, store.Usage{}, 1, true},
		{"a byte too many", 1, 1001, store.Usage{}, 1, true},
		{"the period's rows", 5, 10, store.Usage{Rows: 26}, 1, true},
		{"the period's bytes", 5, 900, store.Usage{Plain: 4200}, 1, true},
		{"a district of two communes", 5, 900, store.Usage{Rows: 50, Plain: 9000}, 2, false},
	} {
		err := checkBudget(b, tc.rows, tc.plain, tc.used, tc.covered)
		if (err != nil) != tc.over || err != nil && !errors.Is(err, ErrOverBudget) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// Every error of the exchange a person may meet has a sentence in
// Vietnamese.
func TestEveryErrorIsTranslated(t *testing.T) {
	for _, err := range []error{ErrNothing, ErrNoUpstream, ErrUnknownKey, ErrRevokedKey, ErrWrongUnit, ErrNotAddressed,
		ErrEquivocation, ErrOwnBundle, ErrVerifyCopy, ErrNoSuchSeq, ErrRowOutOfScope, ErrInvalidRow, ErrUnknownTable,
		ErrDerivedID, ErrNoParent, ErrDuplicateRow, ErrIDTaken, ErrClockAhead, ErrBadVersion, ErrForeignSite, ErrSeqJump,
		ErrSecondSite, ErrSiteTaken, ErrBadSources, ErrReplacedKey, ErrBadRotation, ErrOverBudget, ErrNotRegular,
		ErrTimeout, ErrNotAccepted} {
		// msg falls back to English for a key Vietnamese lacks.
		if vi, en := msg.Err("vi", err), msg.Err("en", err); !msg.Known(err) || vi == en {
			t.Errorf("no Vietnamese sentence for %q (vi %q, en %q)", err, vi, en)
		}
	}
}

// A held bundle's reason code words again as the reason it was held for.
func TestHeldReason_RoundTrip(t *testing.T) {
	for _, s := range reasonCodes {
		code := reasonCode(fmt.Errorf("%w: row 3", s.err))
		if got := HeldReason(code); got != s.err {
			t.Errorf("%v: held as %q, which reads back as %v", s.err, code, got)
		}
	}
	if got := HeldReason("other"); got != nil {
		t.Errorf("other: %v, want nil", got)
	}
}
