package ui

import (
	"fyne.io/fyne/v2/widget"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
)

// statusLine is a line of the status table: a unit below that sends
// bundles here or, at a province, a commune of the district on the line
// above it, shown for its newest period only (it reports through the
// district: the "per district and per commune").
type statusLine struct {
	unit   *exchange.UnitStatus
	period exchange.PeriodUnit // a commune's line: its period state
}

// statusRows lays the units out, each followed by the units of the
// newest period that are strictly inside it (a province's districts'
// communes).
func statusRows(reg *units.Registry, us []exchange.UnitStatus, newest []exchange.PeriodUnit) []statusLine {
	var out []statusLine
	for n := range us {
		u := &us[n]
		out = append(out, statusLine{unit: u})
		ref := units.Ref{List: u.List, Code: u.Unit}
		for _, pu := range newest {
			in := units.Ref{List: pu.List, Code: pu.Unit}
			if in != ref && reg.Within(in, ref) {
				out = append(out, statusLine{period: pu})
			}
		}
	}
	return out
}

// belowCell is a commune's line at a province: its name, set in under
// its district's, and its newest period; the bundle columns are its
// district's.
func (s *statusScreen) belowCell(pu exchange.PeriodUnit, c int) (string, widget.Importance) {
	switch c {
	case 0:
		return "    " + pu.Name, widget.MediumImportance
	case periodCol:
		return s.periodText(pu.Unit)
	}
	return "", widget.LowImportance
}
