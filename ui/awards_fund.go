package ui

import "sokhuyenhoc/data"

// loadLines offers, in the background, the unit's ledger lines of money
// paid out as the lines an award can point at (newest first).
func (f *awardForm) loadLines(unit string) {
	var lines []data.FundLine
	var err error
	f.env.bg.Go(func() { lines, err = f.st.FundLines(f.env.ctx, unit, 0) }, func() {
		if err != nil {
			f.env.fail(err)
			return
		}
		var ids, names []string
		for n := len(lines) - 1; n >= 0; n-- {
			if l := lines[n]; l.Direction == "chi" {
				ids, names = append(ids, l.ID), append(names, ledgerChoice(l))
			}
		}
		f.fund.offer(ids, names)
	})
}

// ledgerChoice names a line paid out: its day, amount, voucher and note.
func ledgerChoice(l data.FundLine) string {
	s := l.Date.VN() + " · " + vnd(l.AmountVND)
	if l.VoucherNo != "" {
		s += " · " + l.VoucherNo
	}
	if l.Note != "" {
		s += " · " + l.Note
	}
	return s
}
