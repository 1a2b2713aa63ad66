package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Budget bounds what the bundles from below may amount to: one bundle,
// and one origin's bundles over a period. A bundle past it is held for
// review (ErrOverBudget); a person may accept it, or raise the budget.
// Rows are the rows a bundle carries and Plain its decompressed payload,
// both read from the signed manifest before anything is decrypted. The
// period's figures are per commune the origin covers (a district of 30
// communes may send 31 times a commune's: its communes and itself).
type Budget struct {
	BundleRows  int64 `json:"bundle_rows,omitempty"`
	BundlePlain int64 `json:"bundle_plain,omitempty"`
	PeriodRows  int64 `json:"period_rows,omitempty"`
	PeriodPlain int64 `json:"period_plain,omitempty"`
	PeriodDays  int   `json:"period_days,omitempty"`
}

// DefaultBudget is the budget of an installation that set none. A
// commune's whole register (tens of thousands of citizens, their yearly
// assessments, the other registers) is a few hundred thousand rows of
// about 270 bytes; an export splits at DefaultMaxRows. A bundle may carry
// a quarter more than that, and an origin four times that (per commune)
// in 30 days.
var DefaultBudget = Budget{BundleRows: 250_000, BundlePlain: 256 << 20,
	PeriodRows: 1_000_000, PeriodPlain: 1 << 30, PeriodDays: 30}

// metaBudget is the meta key of the budget an installation set.
const metaBudget = "import_budget"

// over returns b with the fields o sets.
func (b Budget) over(o Budget) Budget {
	for _, f := range []struct {
		dst *int64
		v   int64
	}{{&b.BundleRows, o.BundleRows}, {&b.BundlePlain, o.BundlePlain}, {&b.PeriodRows, o.PeriodRows},
		{&b.PeriodPlain, o.PeriodPlain}} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
	if o.PeriodDays > 0 {
		b.PeriodDays = o.PeriodDays
	}
	return b
}

// StoredBudget returns the budget this installation set (zero fields keep
// the defaults).
func StoredBudget(ctx context.Context, st *store.Store) (Budget, error) {
	var b Budget
	v, err := st.Meta(ctx, metaBudget)
	if err != nil || v == "" {
		return b, err
	}
	if err := json.Unmarshal([]byte(v), &b); err != nil {
		return Budget{}, fmt.Errorf("exchange: the stored budget: %w", err)
	}
	return b, nil
}

// SetBudget stores this installation's budget: the fields b sets replace
// the stored ones, and DefaultBudget gives the rest.
func SetBudget(ctx context.Context, st *store.Store, b Budget) (Budget, error) {
	have, err := StoredBudget(ctx, st)
	if err != nil {
		return Budget{}, err
	}
	next := have.over(b)
	raw, err := json.Marshal(next)
	if err != nil {
		return Budget{}, err
	}
	if err := st.SetMeta(ctx, metaBudget, string(raw)); err != nil {
		return Budget{}, err
	}
	return DefaultBudget.over(next), nil
}

// budget is the budget in force: the defaults, the stored budget over
// them, and the configuration's over both.
func (c *Config) budget(ctx context.Context) (Budget, error) {
	stored, err := StoredBudget(ctx, c.Store)
	if err != nil {
		return Budget{}, err
	}
	return DefaultBudget.over(stored).over(c.Budget), nil
}

// communesCovered counts the units an origin's bundles speak for: itself
// and every unit inside it.
func communesCovered(reg *units.Registry, origin units.Ref) int64 {
	return int64(1 + len(below(reg, origin, true)))
}

// checkBudget decides whether a bundle of rows and plain bytes fits: alone,
// and with what its origin sent in the period before now.
func checkBudget(b Budget, rows, plain int64, used store.Usage, covered int64) error {
	switch {
	case rows > b.BundleRows:
		return fmt.Errorf("%w: %d rows, at most %d a bundle", ErrOverBudget, rows, b.BundleRows)
	case plain > b.BundlePlain:
		return fmt.Errorf("%w: %d bytes decompressed, at most %d a bundle", ErrOverBudget, plain, b.BundlePlain)
	case used.Rows+rows > b.PeriodRows*covered:
		return fmt.Errorf("%w: %d rows in %d days with this one, at most %d", ErrOverBudget,
			used.Rows+rows, b.PeriodDays, b.PeriodRows*covered)
	case used.Plain+plain > b.PeriodPlain*covered:
		return fmt.Errorf("%w: %d bytes in %d days with this one, at most %d", ErrOverBudget,
			used.Plain+plain, b.PeriodDays, b.PeriodPlain*covered)
	}
	return nil
}

func (b Budget) period() time.Duration { return time.Duration(b.PeriodDays) * 24 * time.Hour }
