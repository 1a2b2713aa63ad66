package report

import (
	"sort"
	"strconv"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
)

// The printed report's sections, after the table of units, in the order an
// association's report files them (docs/reports.md, "The printed report";
// /work/notes/criteria-research.md §4): organisation and members, the
// learning models, Công dân học tập, the centres, awards, the fund, and the
// association's activities. One table holds every section's figures for
// the area, a bold line opening each section (I, II …) and its figures
// numbered under it, with a comparison the same figures a year earlier and
// the change beside them; the breakdowns that have several measures (award
// types, kinds of recipient, campaigns, programmes, holders and sources of
// the fund) follow as tables of their own, named by their section.

// section is one numbered part of the report: its heading, its figures
// and its breakdowns.
type section struct {
	title  string
	lines  []figure
	tables []paper.Table
}

// figure is one line of the figures: its label, its unit of count, and how
// to read it from a report's totals; a sub-line ("– Thôn, tổ dân phố")
// breaks down the line above it and takes no number.
type figure struct {
	label string
	unit  string
	get   func(t *data.Totals) int64
	sub   bool
}

// sectionTables returns the table of figures and the breakdowns, the
// sections numbered in order; a section with nothing (the learning models
// until their registers exist) is left out.
func (r *Report) sectionTables() []paper.Table {
	t := paper.Table{Title: "SỐ LIỆU CÁC MẶT CÔNG TÁC", Columns: []paper.Column{{Head: "Chỉ tiêu"},
		{Head: "Đơn vị tính"}, {Head: "Kỳ báo cáo", Kind: paper.Number}}}
	if r.Previous != nil {
		t.Columns = append(t.Columns, paper.Column{Head: "Cùng kỳ năm trước", Kind: paper.Number},
			paper.Column{Head: "Tăng (+), giảm (-)", Kind: paper.Number})
	}
	var more []paper.Table
	n := 0
	for _, s := range []section{
		r.organisation(), r.modelsSection(), r.citizensSection(), r.centresSection(),
		r.awardsSection(), r.fundSection(), r.activitiesSection(),
	} {
		if len(s.lines) == 0 && len(s.tables) == 0 {
			continue
		}
		n++
		head := roman(n) + ". " + s.title
		t.Rows = append(t.Rows, paper.Row{Cells: []any{head}, Bold: true})
		k := 0
		for _, l := range s.lines {
			label := l.label
			if !l.sub {
				k++
				label = strconv.Itoa(k) + ". " + label
			}
			t.Rows = append(t.Rows, paper.Row{Cells: r.line(label, l)})
		}
		for _, b := range s.tables {
			b.Title = roman(n) + ". " + b.Title
			more = append(more, b)
		}
	}
	return append([]paper.Table{t}, more...)
}

// line is a figure's cells: this period, and with a comparison the same
// period a year earlier and the change (+ more, - fewer).
func (r *Report) line(label string, l figure) []any {
	if l.get == nil {
		return []any{label, l.unit}
	}
	cur := l.get(&r.Totals)
	cells := []any{label, l.unit, cur}
	if r.Previous != nil {
		prev := l.get(&r.Previous.Totals)
		cells = append(cells, prev, cur-prev)
	}
	return cells
}

// modelsSection is the learning models of QĐ 387 (models.go, the
// models' registers): each model's records registered for the year and
// those recognised. It is left out while no model has a figure, in this
// period or the one compared.
func (r *Report) modelsSection() section {
	s := section{title: "XÂY DỰNG CÁC MÔ HÌNH HỌC TẬP"}
	if !r.ModelsWithFigures() && (r.Previous == nil || !r.Previous.ModelsWithFigures()) {
		return s
	}
	for _, k := range modelOrder {
		model := func(t *data.Totals) data.ModelTotals {
			if m := t.Models[k]; m != nil {
				return *m
			}
			return data.ModelTotals{}
		}
		s.lines = append(s.lines,
			figure{label: modelNames[k] + " đăng ký", unit: modelUnits[k], get: func(t *data.Totals) int64 { return model(t).Registered }},
			figure{label: "– được công nhận", sub: true, get: func(t *data.Totals) int64 { return model(t).Recognized }})
	}
	return s
}

// modelUnits are the units the models are counted in.
var modelUnits = map[string]string{data.ModelFamily: "gia đình", data.ModelClan: "dòng họ",
	data.ModelCommunity: "thôn", data.ModelUnit: "đơn vị"}

func (r *Report) organisation() section {
	br := func(t *data.Totals) *data.BranchTotals { return &t.Association.Branches }
	lines := []figure{
		{label: "Tổng số chi hội, ban khuyến học", unit: "chi hội, ban", get: func(t *data.Totals) int64 { return br(t).Count }},
		{label: "– Chi hội khuyến học", sub: true, get: func(t *data.Totals) int64 { return br(t).ByForm["chi_hoi"] }},
		{label: "– Ban khuyến học", sub: true, get: func(t *data.Totals) int64 { return br(t).ByForm["ban_khuyen_hoc"] }},
		{label: "Chi hội, ban khuyến học theo nơi lập:", unit: "chi hội, ban"},
	}
	for _, k := range r.keys(func(t *data.Totals) map[string]int64 { return br(t).ByType }, data.BranchTypes, true) {
		lines = append(lines, figure{label: "– " + typeLabel(data.BranchTypes, k, "Chưa ghi nơi lập"), sub: true,
			get: func(t *data.Totals) int64 { return br(t).ByType[k] }})
	}
	lines = append(lines,
		figure{label: "Chi hội, ban thành lập mới trong kỳ", unit: "chi hội, ban", get: func(t *data.Totals) int64 { return t.Association.Branches.Established }},
		figure{label: "Chi hội, ban giải thể, sáp nhập trong kỳ", unit: "chi hội, ban", get: func(t *data.Totals) int64 { return t.Association.Branches.Dissolved }},
		figure{label: "Tổng số hội viên cuối kỳ", unit: "người", get: func(t *data.Totals) int64 { return t.Association.Members.Total }},
		figure{label: "Hội viên kết nạp mới trong kỳ", unit: "người", get: func(t *data.Totals) int64 { return t.Association.Members.Admitted }},
		figure{label: "Hội viên ra khỏi hội trong kỳ", unit: "người", get: func(t *data.Totals) int64 { return t.Association.Members.Left }})
	return section{title: "TỔ CHỨC HỘI VÀ HỘI VIÊN", lines: lines}
}

func (r *Report) citizensSection() section {
	c := func(t *data.Totals) *data.CitizenTotals { return &t.Citizens }
	return section{title: "CÔNG DÂN HỌC TẬP", lines: []figure{
		{label: "Công dân đăng ký", unit: "người", get: func(t *data.Totals) int64 { return c(t).Registered }},
		{label: "Đã đánh giá", unit: "người", get: func(t *data.Totals) int64 { return c(t).Assessed }},
		{label: "Đạt", unit: "người", get: func(t *data.Totals) int64 { return c(t).Passed }},
		{label: "Được công nhận", unit: "người", get: func(t *data.Totals) int64 { return c(t).Recognized }},
		{label: "Số người trưởng thành", unit: "người", get: func(t *data.Totals) int64 { return c(t).Adults }},
	}}
}

func (r *Report) centresSection() section {
	c := func(t *data.Totals) *data.CentreTotals { return &t.Centres }
	s := section{title: "TRUNG TÂM HỌC TẬP CỘNG ĐỒNG", lines: []figure{
		{label: "Trung tâm đang hoạt động", unit: "trung tâm", get: func(t *data.Totals) int64 { return c(t).Active }},
		{label: "– Xếp loại Tốt", sub: true, get: func(t *data.Totals) int64 { return c(t).ByRating["tot"] }},
		{label: "– Xếp loại Khá", sub: true, get: func(t *data.Totals) int64 { return c(t).ByRating["kha"] }},
		{label: "– Xếp loại Trung bình", sub: true, get: func(t *data.Totals) int64 { return c(t).ByRating["trung_binh"] }},
		{label: "– Xếp loại Yếu", sub: true, get: func(t *data.Totals) int64 { return c(t).ByRating["yeu"] }},
		{label: "Số lớp", unit: "lớp", get: func(t *data.Totals) int64 { return c(t).Classes }},
		{label: "Lượt người học", unit: "lượt", get: func(t *data.Totals) int64 { return c(t).LearnerTimes }},
	}}
	if t, ok := r.programmeTable(); ok {
		s.tables = append(s.tables, t)
	}
	return s
}

// programmeTable is the classes and learner-times per programme, with what
// no programme was given for.
func (r *Report) programmeTable() (paper.Table, bool) {
	c := r.Centres
	t := paper.Table{Title: "Lớp học theo chương trình",
		Columns: []paper.Column{{Head: "Chương trình"}, {Head: "Số lớp", Kind: paper.Number}, {Head: "Lượt người học", Kind: paper.Number}}}
	var classes, learners int64
	for _, o := range data.Programmes {
		p := c.ByProgramme[o.Code]
		if p == nil || *p == (data.ClassCount{}) {
			continue
		}
		classes, learners = classes+p.Classes, learners+p.LearnerTimes
		t.Rows = append(t.Rows, paper.Row{Cells: []any{o.VI, p.Classes, p.LearnerTimes}})
	}
	if len(t.Rows) == 0 {
		return t, false
	}
	if classes != c.Classes || learners != c.LearnerTimes {
		t.Rows = append(t.Rows, paper.Row{Cells: []any{"Chưa phân theo chương trình", c.Classes - classes, c.LearnerTimes - learners}})
	}
	t.Rows = append(t.Rows, paper.Row{Cells: []any{"Cộng", c.Classes, c.LearnerTimes}, Bold: true})
	return t, true
}

func (r *Report) awardsSection() section {
	s := section{title: "KHEN THƯỞNG, HỌC BỔNG", lines: []figure{
		{label: "Khen thưởng, học bổng", unit: "lượt", get: func(t *data.Totals) int64 { return t.Awards.Count }},
		{label: "Số tiền", unit: "đồng", get: func(t *data.Totals) int64 { return t.Awards.AmountVND }},
	}}
	if t, ok := r.byTypeTable(); ok {
		s.tables = append(s.tables, t)
	}
	a := r.Awards
	for _, b := range []struct {
		title, head, none string
		m                 map[string]*data.TypeTotal
		opts              []data.Option
	}{
		{"Khen thưởng, học bổng theo đối tượng", "Đối tượng", "Chưa ghi đối tượng", a.ByRecipient, data.RecipientKinds},
		{"Khen thưởng, học bổng theo chương trình, học bổng mang tên", "Chương trình, học bổng", "", a.ByCampaign, data.Campaigns},
	} {
		if len(b.m) == 0 {
			continue
		}
		t := paper.Table{Title: b.title, Columns: []paper.Column{{Head: b.head}, {Head: "Số lượt", Kind: paper.Number},
			{Head: "Số tiền (đ)", Kind: paper.Number}}}
		for _, k := range sortedKeys(b.m, b.opts) {
			t.Rows = append(t.Rows, paper.Row{Cells: []any{typeLabel(b.opts, k, b.none), b.m[k].Count, b.m[k].AmountVND}})
		}
		s.tables = append(s.tables, t)
	}
	return s
}

func (r *Report) fundSection() section {
	s := section{title: "QUỸ KHUYẾN HỌC", lines: []figure{
		{label: "Thu trong kỳ", unit: "đồng", get: func(t *data.Totals) int64 { return t.Funds.RaisedVND }},
		{label: "Chi trong kỳ", unit: "đồng", get: func(t *data.Totals) int64 { return t.Funds.SpentVND }},
		{label: "Tồn quỹ cuối kỳ", unit: "đồng", get: func(t *data.Totals) int64 { return t.Funds.BalanceVND }},
	}}
	f := r.Funds
	for _, b := range []struct {
		title, head, none string
		m                 map[string]*data.HolderTotal
		opts              []data.Option
	}{
		{"Quỹ khuyến học theo nơi quản lý", "Nơi quản lý", "", f.ByHolder, data.FundHolders},
		{"Quỹ khuyến học theo nguồn", "Nguồn", "Chưa ghi nguồn", f.BySource, data.FundSources},
	} {
		if len(b.m) == 0 {
			continue
		}
		t := paper.Table{Title: b.title, Columns: []paper.Column{{Head: b.head}, {Head: "Thu (đ)", Kind: paper.Number},
			{Head: "Chi (đ)", Kind: paper.Number}, {Head: "Tồn (đ)", Kind: paper.Number}}}
		for _, k := range sortedKeys(b.m, b.opts) {
			x := b.m[k]
			t.Rows = append(t.Rows, paper.Row{Cells: []any{typeLabel(b.opts, k, b.none), x.RaisedVND, x.SpentVND, x.BalanceVND}})
		}
		s.tables = append(s.tables, t)
	}
	return s
}

func (r *Report) activitiesSection() section {
	a := func(t *data.Totals) *data.ActivityTotals { return &t.Association.Activities }
	lines := []figure{
		{label: "Lớp tập huấn, bồi dưỡng cán bộ hội", unit: "lớp", get: func(t *data.Totals) int64 { return a(t).Training.Count }},
		{label: "Người được tập huấn, bồi dưỡng", unit: "lượt", get: func(t *data.Totals) int64 { return a(t).Training.Participants }},
		{label: "Hội nghị, cuộc họp", unit: "cuộc", get: func(t *data.Totals) int64 { return a(t).Meetings.Count }},
		{label: "Người dự hội nghị, cuộc họp", unit: "lượt", get: func(t *data.Totals) int64 { return a(t).Meetings.Participants }},
		{label: "Tuyên truyền", unit: "lần, tin bài", get: func(t *data.Totals) int64 { return a(t).Publicity.Times }},
	}
	for _, k := range r.keys(func(t *data.Totals) map[string]int64 { return a(t).Publicity.ByKind }, data.PublicityKinds, false) {
		lines = append(lines, figure{label: "– " + typeLabel(data.PublicityKinds, k, "Chưa ghi hình thức"), sub: true,
			get: func(t *data.Totals) int64 { return a(t).Publicity.ByKind[k] }})
	}
	lines = append(lines, figure{label: "Văn bản ban hành", unit: "văn bản", get: func(t *data.Totals) int64 { return a(t).Documents.Count }})
	return section{title: "HOẠT ĐỘNG CỦA HỘI", lines: lines}
}

// keys lists the keys of a breakdown in this period or the one compared:
// the usual values in their order (with all, every one of them; else
// those with a figure), then what was typed, sorted.
func (r *Report) keys(of func(*data.Totals) map[string]int64, usual []data.Option, all bool) []string {
	seen := map[string]bool{}
	for _, x := range []*Report{r, r.Previous} {
		if x == nil {
			continue
		}
		for k, v := range of(&x.Totals) {
			if v != 0 {
				seen[k] = true
			}
		}
	}
	var out []string
	for _, o := range usual {
		if all || seen[o.Code] {
			out = append(out, o.Code)
		}
		delete(seen, o.Code)
	}
	var rest []string
	for k := range seen {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// sortedKeys orders a breakdown's keys: the usual values first, in their
// order, then the rest sorted.
func sortedKeys[V any](m map[string]V, usual []data.Option) []string {
	rank := map[string]int{}
	for n, o := range usual {
		rank[o.Code] = n + 1
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := rank[out[i]], rank[out[j]]
		switch {
		case a != 0 && b != 0:
			return a < b
		case a != 0 || b != 0:
			return a != 0
		}
		return out[i] < out[j]
	})
	return out
}

// typeLabel is the Vietnamese label of a code of opts, the text as typed,
// or none for an empty key.
func typeLabel(opts []data.Option, code, none string) string {
	if code == "" {
		return none
	}
	return data.SuggestionLabel(opts, code, "vi")
}

// roman writes 1…39 in Roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= d.v {
			b.WriteString(d.s)
			n -= d.v
		}
	}
	if b.Len() == 0 {
		return strconv.Itoa(n)
	}
	return b.String()
}

// Title is the printed report's title for period p: the year's report,
// the half-year's (the first one a "sơ kết"), or the days it counts.
func Title(p data.Period) string {
	y := strconv.Itoa(p.Year())
	switch {
	case p.IsYear():
		return "BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM " + y
	case p.Half() == 1:
		return "BÁO CÁO SƠ KẾT CÔNG TÁC KHUYẾN HỌC 6 THÁNG ĐẦU NĂM " + y
	case p.Half() == 2:
		return "BÁO CÁO CÔNG TÁC KHUYẾN HỌC 6 THÁNG CUỐI NĂM " + y
	}
	return "BÁO CÁO CÔNG TÁC KHUYẾN HỌC TỪ NGÀY " + p.From.VN() + " ĐẾN NGÀY " + p.To.VN()
}

// periodLines are the lines under the title: the unit, the days the
// report counts and those it is compared with.
func (r *Report) periodLines() []string {
	p := r.span()
	out := []string{"Đơn vị báo cáo: " + r.Name, "Kỳ báo cáo: từ " + p.From.VN() + " đến " + p.To.VN()}
	if r.Previous != nil {
		q := r.Previous.span()
		out = append(out, "So sánh với cùng kỳ năm trước: từ "+q.From.VN()+" đến "+q.To.VN())
	}
	return out
}

// unitsAssociationTable is the association's figures per unit below.
func (r *Report) unitsAssociationTable() (paper.Table, bool) {
	if len(r.Units) == 0 {
		return paper.Table{}, false
	}
	g, h := "Tổ chức hội", "Hoạt động"
	t := paper.Table{Title: "Tổ chức hội và hoạt động của hội theo đơn vị", Columns: []paper.Column{{Head: "Đơn vị"},
		{Head: "Mã", Kind: paper.Code},
		{Head: "Chi hội", Group: g, Kind: paper.Number}, {Head: "Ban khuyến học", Group: g, Kind: paper.Number},
		{Head: "Hội viên", Group: g, Kind: paper.Number}, {Head: "Kết nạp mới", Group: g, Kind: paper.Number},
		{Head: "Ra khỏi hội", Group: g, Kind: paper.Number},
		{Head: "Lớp tập huấn", Group: h, Kind: paper.Number}, {Head: "Hội nghị", Group: h, Kind: paper.Number},
		{Head: "Tuyên truyền (lần)", Group: h, Kind: paper.Number}, {Head: "Văn bản", Group: h, Kind: paper.Number}}}
	row := func(x *Report, name string) []any {
		a := x.Association
		return []any{name, x.Unit, a.Branches.ByForm["chi_hoi"], a.Branches.ByForm["ban_khuyen_hoc"], a.Members.Total,
			a.Members.Admitted, a.Members.Left, a.Activities.Training.Count, a.Activities.Meetings.Count,
			a.Activities.Publicity.Times, a.Activities.Documents.Count}
	}
	for _, c := range r.Units {
		t.Rows = append(t.Rows, paper.Row{Cells: row(c, c.Name)})
	}
	t.Rows = append(t.Rows, paper.Row{Cells: row(r, "Tổng cộng"), Bold: true})
	return t, true
}
