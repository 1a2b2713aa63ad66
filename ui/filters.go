package ui

import (
	"context"
	"slices"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

// yearsStore is what a register with a year filter needs of the store
// besides its rows: the years its records fall in, and editing.
type yearsStore interface {
	RecordYears(ctx context.Context, kind store.Kind) ([]int, error)
	Edit(ctx context.Context, action string, fn func(*store.Editor) error) error
}

// reload fetches in the background the years kind's records fall in,
// offers them (with pick, see set), then calls done (may be nil).
func (y *yearFilter) reload(e *env, st yearsStore, kind store.Kind, pick int, done func()) {
	var years []int
	var err error
	e.bg.Go(func() { years, err = st.RecordYears(e.ctx, kind) }, func() {
		if err != nil {
			e.fail(err)
			return
		}
		y.set(years, pick)
		if done != nil {
			done()
		}
	})
}

// yearFilter is a drop-down of years: "All years" and the years records
// fall in (the current year always among them). Like every drop-down it
// takes Space, Down or Enter to open, and first letters (2 → 2026).
type yearFilter struct {
	sel    *pickEntry
	years  []int
	muted  bool
	chosen bool // the person picked a year
}

func newYearFilter(k *shortcuts, onChange func()) *yearFilter {
	y := &yearFilter{}
	y.sel = newPickEntry(k, nil, func(string) {
		if !y.muted {
			y.chosen = true
			onChange()
		}
	})
	y.set(nil, 0)
	return y
}

// set offers years (and pick), keeping the person's choice when it is
// still there; until they choose, pick is chosen (0: all years).
func (y *yearFilter) set(years []int, pick int) {
	keep := y.value()
	if !y.chosen {
		keep = pick
	}
	if pick != 0 && !slices.Contains(years, pick) {
		years = append(years, pick)
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	y.years = slices.Compact(years)
	opts := []string{T("All years")}
	for _, v := range y.years {
		opts = append(opts, itoa(v))
	}
	y.muted = true
	y.sel.SetOptions(opts)
	if keep != 0 && slices.Contains(y.years, keep) {
		y.sel.SetSelected(itoa(keep))
	} else {
		y.sel.SetSelectedIndex(0)
	}
	y.muted = false
}

// value is the year chosen, 0 for all.
func (y *yearFilter) value() int {
	i := y.sel.SelectedIndex()
	if i <= 0 || i > len(y.years) {
		return 0
	}
	return y.years[i-1]
}

// choiceFilter is a drop-down of "all" and a list of values.
type choiceFilter struct {
	sel    *pickEntry
	values []string
	muted  bool
}

func newChoiceFilter(k *shortcuts, all string, onChange func()) *choiceFilter {
	c := &choiceFilter{}
	c.sel = newPickEntry(k, []string{all}, func(string) {
		if !c.muted {
			onChange()
		}
	})
	c.muted = true
	c.sel.SetSelectedIndex(0)
	c.muted = false
	return c
}

// set offers values shown as texts, keeping the choice when still there.
func (c *choiceFilter) set(values, texts []string) {
	keep := c.value()
	c.muted = true
	c.values = values
	c.sel.SetOptions(append([]string{c.sel.Options[0]}, texts...))
	c.sel.SetSelectedIndex(0)
	for n, v := range values {
		if v == keep && keep != "" {
			c.sel.SetSelectedIndex(n + 1)
		}
	}
	c.muted = false
}

// value is the value chosen, "" for all.
func (c *choiceFilter) value() string {
	i := c.sel.SelectedIndex()
	if i <= 0 || i > len(c.values) {
		return ""
	}
	return c.values[i-1]
}

// resultFilter offers the results of an assessment.
func newResultFilter(k *shortcuts, onChange func()) *choiceFilter {
	c := newChoiceFilter(k, T("All results"), onChange)
	c.set([]string{"dat", "chua_dat", "none"},
		[]string{label(data.Results, "dat"), label(data.Results, "chua_dat"), T("No result yet")})
	return c
}

// unitYear is the query of a register read by unit and year.
type unitYear struct {
	unit string // "" for every unit held
	year int    // 0 for every year
}

// villageChoicesStore gives a register's village choices.
type villageChoicesStore interface {
	Villages(ctx context.Context, unit string) ([]data.Village, error)
	UsedVillages(ctx context.Context, unit string, kinds ...store.Kind) ([]string, error)
}

// villageChoices are the villages a register offers, in its filter and its
// form: those the commune keeps (unit's village list), then those the
// records of kinds are recorded in at every unit held, one spelling per
// village, in Vietnamese order.
func villageChoices(ctx context.Context, st villageChoicesStore, unit string, kinds ...store.Kind) ([]string, error) {
	vs, err := st.Villages(ctx, unit)
	if err != nil {
		return nil, err
	}
	used, err := st.UsedVillages(ctx, "", kinds...)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var names []string
	for _, v := range vs {
		names, seen[text.Fold(v.Name)] = append(names, v.Name), true
	}
	for _, v := range used {
		if !seen[text.Fold(v)] {
			names, seen[text.Fold(v)] = append(names, v), true
		}
	}
	slices.SortFunc(names, text.Compare)
	return names, nil
}
