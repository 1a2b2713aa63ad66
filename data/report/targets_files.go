package report

import (
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
)

// The targets and the totals by area type (WithTargets) in the report's
// files (docs/reports.md): in the CSV, each indicator's target, the area
// type whose target applies and whether it is met, after the other
// columns, and a line per area type; in the printed report, the table
// "Theo loại địa bàn" under the table of units, and the shares against
// their targets per unit. A report made without targets writes as
// before.

// targetGroups are the indicators put against their targets, in the order
// the files write them, by the printed table they stand in; the models'
// (and the programme's shares, measured on the models) print beside the
// models' table, when it is printed.
var targetGroups = []struct {
	title      string
	indicators []string
}{
	{"Công dân học tập so với chỉ tiêu", []string{data.IndicatorCitizen, data.IndicatorCitizenFCC, data.IndicatorCitizenUnits}},
	{"Mô hình học tập so với chỉ tiêu", []string{data.IndicatorFamily, data.IndicatorClan, data.IndicatorCommunity, data.IndicatorUnit}},
}

// targetIndicators lists targetGroups' indicators in order.
func targetIndicators() []string {
	var out []string
	for _, g := range targetGroups {
		out = append(out, g.indicators...)
	}
	return out
}

// targetOf is the unit's share of indicator against its target, nil when
// none was set on the report.
func (r *Report) targetOf(indicator string) *TargetShare {
	if indicator == data.IndicatorCitizen {
		return r.Target
	}
	return r.Targets[indicator]
}

// hasTargets reports whether WithTargets set targets on the report.
func (r *Report) hasTargets() bool { return r.Target != nil || len(r.Targets) > 0 }

// areaTotals is the report's totals of the units of one area type, as a
// report named by the area type.
type areaTotals struct {
	code string
	r    *Report
}

// areaReports are the report's totals by area type, in the list's order.
func (r *Report) areaReports() []areaTotals {
	var out []areaTotals
	for _, a := range sortedKeys(r.ByArea, data.AreaTypes.Options) {
		out = append(out, areaTotals{a, &Report{Name: typeLabel(data.AreaTypes.Options, a, a), Year: r.Year,
			Period: r.Period, Totals: *r.ByArea[a], ref: r.ref}})
	}
	return out
}

// AreaReports are the report's totals by area type (WithTargets), each
// as a report named by its area type, in the list's order: the report
// screen's rows under the total, as the files' "Theo loại địa bàn".
func (r *Report) AreaReports() []*Report {
	var out []*Report
	for _, a := range r.areaReports() {
		out = append(out, a.r)
	}
	return out
}

// targetCSVColumns are the CSV's columns of the targets: per indicator the
// target (whole percent), the area type whose target applies ("" for the
// general one) and whether it is met.
func targetCSVColumns() []string {
	var out []string
	for _, ind := range targetIndicators() {
		out = append(out, ind+"_target_pct", ind+"_target_area", ind+"_target_met")
	}
	return out
}

func (r *Report) targetCSVCells() []string {
	var out []string
	for _, ind := range targetIndicators() {
		if t := r.targetOf(ind); t != nil {
			out = append(out, strconv.Itoa(t.Percent), t.Area, strconv.FormatBool(t.Met))
		} else {
			out = append(out, "", "", "")
		}
	}
	return out
}

// byAreaTable is "Theo loại địa bàn": the table of units' figures for the
// units of each area type.
func (r *Report) byAreaTable() (paper.Table, bool) {
	if len(r.ByArea) == 0 {
		return paper.Table{}, false
	}
	cols := append([]paper.Column{{Head: "Loại địa bàn"}}, reportColumns[1:]...)
	t := paper.Table{Title: "Theo loại địa bàn", Columns: cols, Whole: true}
	for _, a := range r.areaReports() {
		t.Rows = append(t.Rows, paper.Row{Cells: a.r.cellsFor(a.r.Name)})
	}
	return t, true
}

// targetTables are the shares of each unit below and of the total against
// the targets that apply to them: per indicator the share, the target and
// "Đạt" or "Chưa đạt", and the area type whose target applies where it is
// not the general one. The first table is Công dân học tập on all adults
// (and, with the models' table, on the programme's bases); the second the
// models', printed with the models' table.
func (r *Report) targetTables() []paper.Table {
	if !r.hasTargets() {
		return nil
	}
	var out []paper.Table
	for n, g := range targetGroups {
		inds := g.indicators
		if !r.ModelsWithFigures() {
			if n > 0 {
				break
			}
			inds = inds[:1]
		}
		cols := []paper.Column{{Head: "Đơn vị"}, {Head: "Mã", Kind: paper.Code}}
		for _, ind := range inds {
			h := indicatorHead(ind)
			cols = append(cols, paper.Column{Head: "Tỷ lệ (%)", Group: h, Kind: paper.Percent},
				paper.Column{Head: "Chỉ tiêu (%)", Group: h, Kind: paper.Percent}, paper.Column{Head: "Đánh giá", Group: h})
		}
		cols = append(cols, paper.Column{Head: "Chỉ tiêu riêng của loại địa bàn", Wrap: true})
		t := paper.Table{Title: g.title, Columns: cols, Whole: true,
			Rows: r.unitRows(func(x *Report, name string) []any { return x.targetRow(name, inds) })}
		out = append(out, t)
	}
	return out
}

// indicatorHead names an indicator over its columns; the title's share
// on all adults says so.
func indicatorHead(ind string) string {
	if ind == data.IndicatorCitizen {
		return "Công dân học tập (trên số người trưởng thành)"
	}
	return data.TargetIndicators.Label(ind, "vi")
}

func (r *Report) targetRow(name string, inds []string) []any {
	cells := []any{name, r.Unit}
	var ts []*TargetShare
	for _, ind := range inds {
		t := r.targetOf(ind)
		if t == nil {
			cells = append(cells, nil, nil, nil)
			continue
		}
		ts = append(ts, t)
		cells = append(cells, t.Share, float64(t.Percent), metWord(t.Met))
	}
	return append(cells, areaNote(ts))
}

func metWord(met bool) string {
	if met {
		return "Đạt"
	}
	return "Chưa đạt"
}

// areaNote names the area types whose targets apply among ts: the area
// type alone when its target applies to every one of them, else each with
// the indicators it applies to; "" when all are the general ones.
func areaNote(ts []*TargetShare) string {
	var areas []string
	of := map[string][]string{}
	for _, t := range ts {
		if t.Area == "" {
			continue
		}
		if of[t.Area] == nil {
			areas = append(areas, t.Area)
		}
		of[t.Area] = append(of[t.Area], data.TargetIndicators.Label(t.Indicator, "vi"))
	}
	if len(areas) == 1 && len(of[areas[0]]) == len(ts) {
		return data.AreaTypes.Label(areas[0], "vi")
	}
	var out []string
	for _, a := range areas {
		out = append(out, data.AreaTypes.Label(a, "vi")+" ("+strings.Join(of[a], ", ")+")")
	}
	return strings.Join(out, "; ")
}

// unitRows are a table's rows: one per unit below and a bold "Tổng cộng",
// or the unit's own row when it has none below.
func (r *Report) unitRows(cells func(x *Report, name string) []any) []paper.Row {
	var out []paper.Row
	for _, c := range r.Units {
		out = append(out, paper.Row{Cells: cells(c, c.Name)})
	}
	if len(r.Units) == 0 {
		return append(out, paper.Row{Cells: cells(r, r.Name)})
	}
	return append(out, paper.Row{Cells: cells(r, "Tổng cộng"), Bold: true})
}
