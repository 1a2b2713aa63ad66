package report

import (
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
)

// The learning models of QĐ 387 in the report's files: the CSV's columns
// after the existing ones, and a table of the printed report
// (docs/reports.md).

// modelOrder is the order the models are written in.
var modelOrder = []string{data.ModelFamily, data.ModelClan, data.ModelCommunity, data.ModelUnit}

// programmeOrder is the order of the Công dân học tập shares.
var programmeOrder = []string{data.ProgrammeFamilies, data.ProgrammeUnits}

// modelCSVColumns are the CSV columns of the models, last on each line.
func modelCSVColumns() []string {
	var out []string
	for _, m := range modelOrder {
		for _, c := range []string{"registered", "assessed", "passed", "recognized", "base", "base_of", "share_pct"} {
			out = append(out, m+"_"+c)
		}
	}
	for _, p := range programmeOrder {
		for _, c := range []string{"base", "records", "people", "recognized", "share_pct"} {
			out = append(out, "cdht_"+p+"_"+c)
		}
	}
	return out
}

func (r *Report) modelCells() []string {
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	pct := func(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) }
	var out []string
	for _, k := range modelOrder {
		m := r.Models[k]
		if m == nil {
			m = &data.ModelTotals{}
		}
		out = append(out, n(m.Registered), n(m.Assessed), n(m.Passed), n(m.Recognized), n(m.Base), m.BaseOf, pct(m.Share))
	}
	for _, k := range programmeOrder {
		p := r.Programme[k]
		if p == nil {
			p = &data.ProgrammeShare{}
		}
		out = append(out, p.Base, n(p.Records), n(p.People), n(p.Recognized), pct(p.Share))
	}
	return out
}

// modelNames are the models' names in the printed table.
var modelNames = map[string]string{data.ModelFamily: "Gia đình học tập", data.ModelClan: "Dòng họ học tập",
	data.ModelCommunity: "Cộng đồng học tập (thôn)", data.ModelUnit: "Đơn vị học tập"}

// baseWords say what a share is measured on, in a few words.
var baseWords = map[string]string{
	data.BaseHouseholds: "hộ", data.BaseFamilies: "gia đình trong sổ", data.BaseClans: "dòng họ",
	data.BaseVillages: "thôn", data.BaseCommunities: "thôn trong sổ", data.BaseUnits: "đơn vị",
	data.BaseAdultsInFCC: "người lớn GĐ-DH-CĐ", data.BaseStaffInUnits: "CB-NV đơn vị HT",
	data.BaseAdults: "người trưởng thành",
}

// BaseWords says what a share is measured on, in Vietnamese: its bases
// (joined by "+" when units below used different ones) in words.
func BaseWords(base string) string {
	var out []string
	for _, b := range strings.Split(base, "+") {
		if w, ok := baseWords[b]; ok {
			out = append(out, w)
		} else if b != "" {
			out = append(out, b)
		}
	}
	return strings.Join(out, ", ")
}

// modelsTable is the printed table of the models: per unit below (and the
// total), each model's base, registered, recognised and share, and the
// Công dân học tập shares on the programme's bases; its last line says
// what each share is measured on.
func (r *Report) modelsTable() (paper.Table, bool) {
	if !r.ModelsWithFigures() {
		return paper.Table{}, false
	}
	cols := []paper.Column{{Head: "Đơn vị"}, {Head: "Mã", Kind: paper.Code}}
	for _, k := range modelOrder {
		g := modelNames[k]
		cols = append(cols, paper.Column{Head: "Tổng số", Group: g, Kind: paper.Number},
			paper.Column{Head: "Đăng ký", Group: g, Kind: paper.Number},
			paper.Column{Head: "Được công nhận", Group: g, Kind: paper.Number},
			paper.Column{Head: "Tỷ lệ (%)", Group: g, Kind: paper.Percent})
	}
	g := "Công dân học tập được công nhận"
	cols = append(cols, paper.Column{Head: "Trong GĐ, DH, CĐ học tập (%)", Group: g, Kind: paper.Percent},
		paper.Column{Head: "Trong đơn vị học tập (%)", Group: g, Kind: paper.Percent})
	t := paper.Table{Title: "Mô hình học tập (QĐ 387/QĐ-TTg) và Công dân học tập trong các mô hình", Columns: cols,
		Whole: true}
	t.Rows = r.unitRows((*Report).modelRow)
	bases := []any{"Tỷ lệ tính trên số", nil}
	for _, k := range modelOrder {
		bases = append(bases, nil, nil, nil, BaseWords(r.Models[k].BaseOf))
	}
	for _, k := range programmeOrder {
		bases = append(bases, BaseWords(r.Programme[k].Base))
	}
	t.Rows = append(t.Rows, paper.Row{Cells: bases})
	return t, true
}

func (r *Report) modelRow(name string) []any {
	cells := []any{name, r.Unit}
	for _, k := range modelOrder {
		m := r.Models[k]
		cells = append(cells, m.Base, m.Registered, m.Recognized, percentOf(m.Recognized, m.Base))
	}
	for _, k := range programmeOrder {
		p := r.Programme[k]
		cells = append(cells, percentOf(p.Recognized, p.People))
	}
	return cells
}
