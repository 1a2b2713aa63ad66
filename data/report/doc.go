package report

import (
	"strings"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/paper"
	"sokhuyenhoc/data/text"
	"sokhuyenhoc/data/units"
)

// Meta is what the printed report needs beyond the figures.
type Meta struct {
	Place    string // "Đông Hòa": the place the report is signed in
	Date     string // "25/11/2026"
	Operator string // who drew it up (NGƯỜI LẬP BIỂU)
	Chairman string // who signs for the association, if known
	Number   string // the document number the office gives, "12" → "Số: 12/BC-HKH"
	// Parent is the parent body's line above the association's name
	// ("HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG"); ParentBody gives the usual one.
	Parent    string
	Receivers []string // "Nơi nhận"; empty gives the parent body and the archive
	Created   time.Time
}

// NumberSuffix is the sign of a report of the association.
const NumberSuffix = "/BC-HKH"

// ParentBody is the line above the association's name: the association of
// the unit above (a commune after 1/7/2025 reports to its province), or
// the central association for a province.
func ParentBody(reg *units.Registry, ref units.Ref) string {
	if p := reg.Parent(ref); p != nil {
		return "HỘI KHUYẾN HỌC " + strings.ToUpper(p.FullName)
	}
	return "TRUNG ƯƠNG HỘI KHUYẾN HỌC VIỆT NAM"
}

// Doc lays the report out as an office sends it.
func (r *Report) Doc(m Meta) *paper.Doc {
	d := &paper.Doc{Sheet: "Báo cáo",
		Props: paper.Props{Title: "Báo cáo công tác khuyến học " + r.span().Label(),
			Subject: r.Name, Unit: "Hội Khuyến học " + r.Name, Created: m.Created},
		Header: paper.Header{Parent: m.Parent, Issuer: "HỘI KHUYẾN HỌC " + strings.ToUpper(r.Name),
			Number: "Số: " + orDots(m.Number) + NumberSuffix, PlaceDate: placeDate(m)},
		Title:  []string{Title(r.span())},
		Lines:  r.periodLines(),
		Tables: []paper.Table{r.mainTable()},
		Signatures: []paper.Signature{
			{Title: []string{"NGƯỜI LẬP BIỂU"}, Note: "(Ký, ghi rõ họ tên)", Name: m.Operator},
			{Title: []string{"TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"}, Note: "(Ký, ghi rõ họ tên, đóng dấu)", Name: m.Chairman},
		},
		Receivers: m.Receivers,
	}
	d.Lines = append(d.Lines, r.consentLines()...) // consent.go
	// The totals by area type and the shares against their targets
	// (targets_files.go), the models' table (models.go) with theirs, then
	// the association's per unit.
	if t, ok := r.byAreaTable(); ok {
		d.Tables = append(d.Tables, t)
	}
	targets := r.targetTables()
	if len(targets) > 0 {
		d.Tables = append(d.Tables, targets[0])
	}
	if t, ok := r.modelsTable(); ok {
		d.Tables = append(d.Tables, t)
	}
	if len(targets) > 1 {
		d.Tables = append(d.Tables, targets[1:]...)
	}
	if t, ok := r.unitsAssociationTable(); ok {
		d.Tables = append(d.Tables, t)
	}
	d.Tables = append(d.Tables, r.sectionTables()...)
	if len(d.Receivers) == 0 {
		if m.Parent != "" {
			d.Receivers = append(d.Receivers, "- "+sentence(m.Parent)+" (để báo cáo);")
		}
		d.Receivers = append(d.Receivers, "- Lưu: VP Hội.")
	}
	return d
}

func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "……"
	}
	return strings.TrimSpace(s)
}

// placeDate is "Đông Hưng, ngày 25 tháng 11 năm 2026".
func placeDate(m Meta) string {
	d, err := data.ParseDate(m.Date)
	if err != nil {
		d = data.Date{}
	}
	place := m.Place
	if place == "" {
		place = "……"
	}
	return place + ", " + paper.VNDate(d)
}

// sentence turns "HỘI KHUYẾN HỌC HUYỆN ĐÔNG HƯNG" into "Hội Khuyến học
// huyện Đông Hưng" for the list of receivers.
func sentence(s string) string {
	if s == "TRUNG ƯƠNG HỘI KHUYẾN HỌC VIỆT NAM" {
		return "Trung ương Hội Khuyến học Việt Nam"
	}
	rest, ok := strings.CutPrefix(s, "HỘI KHUYẾN HỌC ")
	if !ok {
		return s
	}
	words := strings.Fields(strings.ToLower(rest))
	kind := 1 // the words that name the kind of unit stay lower case
	if len(words) > 1 && (words[0] == "thành" || words[0] == "thị") {
		kind = 2
	}
	for i := kind; i < len(words); i++ {
		r := []rune(words[i])
		words[i] = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return "Hội Khuyến học " + strings.Join(words, " ")
}

// reportColumns are the main table's columns, grouped as offices group them.
var reportColumns = []paper.Column{
	{Head: "Đơn vị"}, {Head: "Mã", Kind: paper.Code},
	{Head: "Đăng ký", Group: "Công dân học tập", Kind: paper.Number},
	{Head: "Đã đánh giá", Group: "Công dân học tập", Kind: paper.Number},
	{Head: "Đạt", Group: "Công dân học tập", Kind: paper.Number},
	{Head: "Được công nhận", Group: "Công dân học tập", Kind: paper.Number},
	{Head: "Người trưởng thành", Group: "Công dân học tập", Kind: paper.Number},
	{Head: "Tỷ lệ công nhận (%)", Group: "Công dân học tập", Kind: paper.Percent},
	{Head: "Hoạt động", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Xếp loại Tốt", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Khá", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Trung bình", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Yếu", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Số lớp", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Lượt người học", Group: "Trung tâm học tập cộng đồng", Kind: paper.Number},
	{Head: "Số lượt", Group: "Khen thưởng, học bổng", Kind: paper.Number},
	{Head: "Số tiền (đ)", Group: "Khen thưởng, học bổng", Kind: paper.Number},
	{Head: "Thu (đ)", Group: "Quỹ khuyến học", Kind: paper.Number},
	{Head: "Chi (đ)", Group: "Quỹ khuyến học", Kind: paper.Number},
	{Head: "Tồn (đ)", Group: "Quỹ khuyến học", Kind: paper.Number},
}

func (r *Report) mainTable() paper.Table {
	return paper.Table{Columns: reportColumns, Rows: r.unitRows((*Report).cellsFor)}
}

func (r *Report) cellsFor(name string) []any {
	c, ce, a, f := r.Citizens, r.Centres, r.Awards, r.Funds
	return []any{name, r.Unit, c.Registered, c.Assessed, c.Passed, c.Recognized, c.Adults, r.Share(), ce.Active,
		ce.ByRating["tot"], ce.ByRating["kha"], ce.ByRating["trung_binh"], ce.ByRating["yeu"],
		ce.Classes, ce.LearnerTimes, a.Count, a.AmountVND, f.RaisedVND, f.SpentVND, f.BalanceVND}
}

func (r *Report) byTypeTable() (paper.Table, bool) {
	if len(r.Awards.ByType) == 0 {
		return paper.Table{}, false
	}
	t := paper.Table{Title: "Khen thưởng, học bổng theo loại",
		Columns: []paper.Column{{Head: "Loại khen thưởng"}, {Head: "Số lượt", Kind: paper.Number},
			{Head: "Số tiền (đ)", Kind: paper.Number}}}
	for _, k := range r.awardTypes() {
		x := r.Awards.ByType[k]
		t.Rows = append(t.Rows, paper.Row{Cells: []any{AwardLabel(k), x.Count, x.AmountVND}})
	}
	t.Rows = append(t.Rows, paper.Row{Cells: []any{"Cộng", r.Awards.Count, r.Awards.AmountVND}, Bold: true})
	return t, true
}

// AwardLabel is the Vietnamese name of an award type: the label of a code
// of the list, of a code written with an office's prefix ("khen_hsg_tinh"
// is "hsg_tinh"), or, for free text that looks like a code, its words.
func AwardLabel(code string) string {
	if l := data.SuggestionLabel(data.AwardTypes, code, "vi"); l != code {
		return l
	}
	key := text.Fold(code)
	for _, pre := range []string{"khen_", "khen ", "kt_", "hb_"} {
		key = strings.TrimPrefix(key, pre)
	}
	for _, o := range data.AwardTypes {
		if key == o.Code || strings.ReplaceAll(key, "_", " ") == text.Fold(o.VI) {
			return o.VI
		}
	}
	if strings.ContainsRune(code, '_') && !strings.ContainsRune(code, ' ') {
		s := strings.ReplaceAll(code, "_", " ")
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return code
}
