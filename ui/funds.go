package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

// fundsStore is what the fund ledger needs of the store.
type fundsStore interface {
	FundLines(ctx context.Context, unit string, year int) ([]data.FundLine, error)
	yearsStore
	unitsStore
}

// fundsScreen is the ledger of the learning-promotion fund, a year at a
// time, with the year's money in and out in the status bar.
type fundsScreen struct {
	*registerView[data.FundLine, unitYear]
	st    fundsStore
	years *yearFilter
}

func newFundsScreen(e *env, st fundsStore, files *store.Store) *fundsScreen {
	s := &fundsScreen{st: st}
	s.years = newYearFilter(e.keys, func() { s.Refresh() })
	f := newFundForm(e, st)
	cols := []column{{T("Date"), 1.6}, {T("In/out"), 1}, {T("Source"), 1.7}, {T("Amount"), 2},
		{T("Voucher"), 1.1}, {T("Note"), 2}}
	v := newRegisterView[data.FundLine, unitYear](e, cols, f, func(l data.FundLine) string { return l.ID })
	s.registerView = v
	v.drop = []int{5, 4, 2} // in or out stays
	v.cells = fundCells
	v.after = s.loadChoices
	v.query = func() unitYear { return unitYear{v.unitValue(), s.years.value()} }
	var mu sync.Mutex
	var in, out int64
	all := func(q unitYear) ([]data.FundLine, error) { return st.FundLines(e.ctx, q.unit, q.year) }
	v.count = func(n int) string {
		mu.Lock()
		defer mu.Unlock()
		return T("%s lines · in %s · out %s", num(int64(n), false), vnd(in), vnd(out))
	}
	_, v.pager.page = sliced(all)
	v.pager.count = func(q unitYear) (int, error) {
		ls, err := all(q)
		mu.Lock()
		in, out = fundSums(ls)
		mu.Unlock()
		return len(ls), err
	}
	if e.sess.Level != "commune" {
		v.units = newUnitFilter(e, st, store.Fund, func(l data.FundLine) string { return l.Unit }, func() { s.Refresh() })
	}
	v.toolbar.Add(s.years.sel)
	v.files = newFileActions(e, files, tabular.Funds, func() { s.Show() })
	imp, exp := v.files.buttons()
	v.build(imp, exp)
	return s
}

func fundSums(ls []data.FundLine) (in, out int64) {
	for _, l := range ls {
		if l.Direction == "thu" {
			in += l.AmountVND
		} else {
			out += l.AmountVND
		}
	}
	return in, out
}

func fundCells(l data.FundLine) []string {
	return []string{l.Date.VN(), label(data.Directions, l.Direction),
		data.SuggestionLabel(data.FundSources, l.Source, current), vnd(l.AmountVND), l.VoucherNo, l.Note}
}

// Show reloads the years, then the list.
func (s *fundsScreen) Show() {
	s.years.reload(s.env, s.st, store.Fund, s.env.year(), s.Refresh)
	s.loadUnits()
}

// loadChoices offers a year just saved at once (and the units).
func (s *fundsScreen) loadChoices() {
	s.years.reload(s.env, s.st, store.Fund, s.env.year(), nil)
	s.loadUnits()
}

// fundForm is the form of a ledger line.
type fundForm struct {
	record
	env  *env
	st   fundsStore
	name string
	item data.FundLine
	obj  fyne.CanvasObject
}

func newFundForm(e *env, st fundsStore) *fundForm {
	f := &fundForm{record: record{form: newForm(e.keys, e.telex)}, env: e, st: st}
	f.text("date", T("Date")).SetPlaceHolder(T("dd/mm/yyyy"))
	f.pick("direction", T("In/out"), data.Directions)
	f.choice("source", T("Source"), labels(data.FundSources))
	f.text("amount_vnd", T("Amount (VND)")).SetPlaceHolder(T("e.g. %s", "12.500.000"))
	f.text("in_kind_vnd", T("In kind (VND)"))
	f.text("voucher_no", T("Voucher number"))
	f.text("note", T("Note"))
	f.choice("holder", T("Held by"), labels(data.FundHolders))
	f.persistent("direction", "source", "holder")
	f.obj = container.NewVBox(f.summary, section(T("Ledger line"),
		f.grid("date", "direction", "source", "amount_vnd", "in_kind_vnd", "voucher_no", "note", "holder")))
	return f
}

// Object is the form's content.
func (f *fundForm) Object() fyne.CanvasObject { return f.obj }

// Name names the line by its voucher and date.
func (f *fundForm) Name() string { return f.name }

// Item is the line as the list shows it.
func (f *fundForm) Item() data.FundLine { return f.item }

func lineName(l data.FundLine) string {
	return T("%s of %s, %s", label(data.Directions, l.Direction), l.Date.VN(), vnd(l.AmountVND))
}

// Clear shows an empty form.
func (f *fundForm) Clear() {
	f.id, f.unit, f.name = "", f.env.sess.Unit, T("New ledger line")
	f.load(data.Input{})
}

// Load shows a stored line.
func (f *fundForm) Load(l data.FundLine) {
	f.id, f.unit, f.name, f.item = l.ID, l.Unit, lineName(l), l
	f.load(data.FormatFund(l, people()))
}

// Save validates with data.ParseFund and prepares the write of the line.
func (f *fundForm) Save() (change, bool) {
	l, err := data.ParseFund(f.input())
	if err != nil {
		f.showErrors(err)
		return change{}, false
	}
	l.ID, l.Unit = f.id, f.unit
	write := func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error {
			_, err := ed.SaveFund(&l)
			return err
		})
	}
	return change{write: write, saved: func() {
		f.id, f.name, f.item = l.ID, lineName(l), l
		f.saved()
	}}, true
}

// Delete prepares the tombstone of the line shown.
func (f *fundForm) Delete() func(context.Context) error {
	id := f.id
	return func(ctx context.Context) error {
		return f.st.Edit(ctx, "form", func(ed *store.Editor) error { return ed.Delete(store.Fund, id) })
	}
}
