package ui

import (
	"context"
	"slices"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
	"sokhuyenhoc/data/units"
)

// listRows is what a register's list shows: the rows of the query and,
// above them, the record saved last when the query does not bring it (it
// does not match the filter), so a record typed never vanishes from sight.
// Records saved while the screen is open are marked.
type listRows[R any] struct {
	id    func(R) string
	pager interface {
		Len() int
		Get(int) (R, bool)
		loaded() []R
	}
	saved   map[string]bool
	pinned  R
	pinID   string
	name    string
	pending bool // the pin waits for the first page of the reload
	shown   bool // the record saved is shown above the rows
}

// Len is the number of lines of the list.
func (l *listRows[R]) Len() int {
	if l.shown {
		return l.pager.Len() + 1
	}
	return l.pager.Len()
}

// Get returns line i.
func (l *listRows[R]) Get(i int) (R, bool) {
	if l.shown {
		if i == 0 {
			return l.pinned, true
		}
		i--
	}
	return l.pager.Get(i)
}

// pin keeps item (just saved, named name) in sight through the reload
// that follows.
func (l *listRows[R]) pin(item R, name string) {
	if l.saved == nil {
		l.saved = map[string]bool{}
	}
	l.pinned, l.pinID, l.name = item, l.id(item), name
	l.saved[l.pinID] = true
	l.pending, l.shown = true, false
}

// unpin lets the record saved give way to a new filter or search.
func (l *listRows[R]) unpin() {
	var zero R
	l.pinned, l.pinID, l.pending, l.shown = zero, "", false, false
}

// settle decides, once the first page is in, where the record saved
// stands: its line in the rows, or the line above them. ok is false when
// there was nothing to decide.
func (l *listRows[R]) settle() (line int, ok bool) {
	rows := l.pager.loaded()
	if !l.pending || rows == nil {
		return -1, false
	}
	l.pending = false
	for n, r := range rows {
		if l.id(r) == l.pinID {
			return n, true
		}
	}
	l.shown = true
	return 0, true
}

// mark is what line i (holding item) is marked with: "✓" for a record saved
// while the screen is open.
func (l *listRows[R]) mark(i int, item R) string {
	if l.saved[l.id(item)] {
		return "✓"
	}
	return ""
}

// loaded returns the first page once it is in (nil before).
func (p *pager[T, Q]) loaded() []T {
	rows, ok := p.pages[0]
	if !ok {
		return nil
	}
	if rows == nil {
		return []T{}
	}
	return rows
}

// unitsStore is what the Đơn vị filter needs of the store.
type unitsStore interface {
	RecordCounts(ctx context.Context) (map[string]map[store.Kind]int64, error)
}

// unitFilter is the Đơn vị column and filter of a district's or a
// province's register: the units whose records of the kind it holds.
type unitFilter struct {
	*choiceFilter
	env  *env
	st   unitsStore
	kind store.Kind
	of   func(any) string // the unit of a list item
}

func newUnitFilter[R any](e *env, st unitsStore, kind store.Kind, of func(R) string, onChange func()) *unitFilter {
	return &unitFilter{choiceFilter: newChoiceFilter(e.keys, T("All units"), onChange), env: e, st: st, kind: kind,
		of: func(x any) string { return of(x.(R)) }}
}

// name is a unit's name as the filter offers it ("Xã Đông Hòa").
func (u *unitFilter) name(unit string) string { return unitName(u.env.reg, unit) }

// short is a unit's name as the narrow column shows it ("Đông Hòa").
func (u *unitFilter) short(unit string) string {
	if r, err := units.ParseRef(unit); err == nil {
		if x, err := u.env.reg.Get(r); err == nil {
			return x.Name
		}
	}
	return unit
}

// reload offers the units holding records of the kind.
func (u *unitFilter) reload() {
	var counts map[string]map[store.Kind]int64
	var err error
	u.env.bg.Go(func() { counts, err = u.st.RecordCounts(u.env.ctx) }, func() {
		if err != nil {
			u.env.fail(err)
			return
		}
		var units []string
		for unit, n := range counts {
			if n[u.kind] > 0 {
				units = append(units, unit)
			}
		}
		slices.SortFunc(units, func(a, b string) int { return text.Compare(u.name(a), u.name(b)) })
		names := make([]string, len(units))
		for n, unit := range units {
			names[n] = u.name(unit)
		}
		u.set(units, names)
	})
}

// unitValue is the unit chosen in the Đơn vị filter: "" for all, and at a
// commune (which holds only its own).
func (v *registerView[R, Q]) unitValue() string {
	if v.units == nil {
		return ""
	}
	return v.units.value()
}

// loadUnits reloads the Đơn vị filter's choices, where there is one.
func (v *registerView[R, Q]) loadUnits() {
	if v.units != nil {
		v.units.reload()
	}
}
