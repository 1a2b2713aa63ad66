package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
)

// National header lines every government report carries.
const (
	NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	NationalMotto = "Độc lập - Tự do - Hạnh phúc"
)

var xlsxHeads = []string{"Đơn vị", "Mã", "CDHT đăng ký", "Đã đánh giá", "Đạt", "Được công nhận",
	"Người trưởng thành", "Tỷ lệ công nhận (%)", "TTHTCĐ hoạt động", "Xếp loại Tốt", "Khá",
	"Trung bình", "Yếu", "Số lớp", "Lượt người học", "Khen thưởng (lượt)", "Tiền khen thưởng (đ)",
	"Quỹ: thu (đ)", "Quỹ: chi (đ)", "Quỹ: tồn (đ)"}

// xlsxWriter lays the report out on one sheet.
type xlsxWriter struct {
	f      *excelize.File
	sheet  string
	styles map[string]int
	row    int
}

func writeXLSX(r *Report, path string, m Meta) error {
	w := &xlsxWriter{f: excelize.NewFile(), sheet: "Báo cáo", styles: map[string]int{}}
	defer w.f.Close()
	if err := w.f.SetSheetName("Sheet1", w.sheet); err != nil {
		return err
	}
	steps := []func() error{
		w.makeStyles,
		func() error { return w.header(r, m) },
		func() error { return w.table(r) },
		func() error { return w.byType(r) },
		func() error { return w.signatures(m) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return w.f.SaveAs(path)
}

func (w *xlsxWriter) makeStyles() error {
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	border := []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1},
		{Type: "top", Style: 1}, {Type: "bottom", Style: 1}}
	for name, st := range map[string]*excelize.Style{
		"title":  {Font: font(true, false, 13), Alignment: center},
		"motto":  {Font: font(true, false, 13), Alignment: center},
		"date":   {Font: font(false, true, 13), Alignment: center},
		"big":    {Font: font(true, false, 14), Alignment: center},
		"plain":  {Font: font(false, false, 12)},
		"head":   {Font: font(true, false, 11), Alignment: center, Border: border},
		"cell":   {Font: font(false, false, 11), Border: border, NumFmt: 3},
		"bold":   {Font: font(true, false, 11), Border: border, NumFmt: 3},
		"text":   {Font: font(false, false, 11), Border: border},
		"btext":  {Font: font(true, false, 11), Border: border},
		"pct":    {Font: font(false, false, 11), Border: border, NumFmt: 2},
		"sign":   {Font: font(true, false, 12), Alignment: center},
		"signsm": {Font: font(false, true, 11), Alignment: center},
	} {
		id, err := w.f.NewStyle(st)
		if err != nil {
			return err
		}
		w.styles[name] = id
	}
	return w.f.SetColWidth(w.sheet, "A", "A", 34)
}

// put writes v in (col, row) with a style, merging to lastCol when given.
func (w *xlsxWriter) put(col, row int, v any, style string, lastCol int) error {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if err := w.f.SetCellValue(w.sheet, cell, v); err != nil {
		return err
	}
	end := cell
	if lastCol > col {
		end, _ = excelize.CoordinatesToCellName(lastCol, row)
		if err := w.f.MergeCell(w.sheet, cell, end); err != nil {
			return err
		}
	}
	return w.f.SetCellStyle(w.sheet, cell, end, w.styles[style])
}

func (w *xlsxWriter) header(r *Report, m Meta) error {
	last := len(xlsxHeads)
	lines := []struct {
		col  int
		row  int
		v    string
		st   string
		last int
	}{
		{1, 1, "HỘI KHUYẾN HỌC", "title", 4},
		{1, 2, strings.ToUpper(r.Name), "title", 4},
		{8, 1, NationalTitle, "title", last},
		{8, 2, NationalMotto, "motto", last},
		{8, 3, fmt.Sprintf("%s, %s", m.Place, vnDate(m.Date)), "date", last},
		{1, 5, fmt.Sprintf("BÁO CÁO CÔNG TÁC KHUYẾN HỌC NĂM %d", r.Year), "big", last},
		{1, 6, "Đơn vị báo cáo: " + r.Name, "plain", last},
	}
	for _, l := range lines {
		if err := w.put(l.col, l.row, l.v, l.st, l.last); err != nil {
			return err
		}
	}
	w.row = 8
	return nil
}

// vnDate turns "25/11/2026" into "ngày 25 tháng 11 năm 2026".
func vnDate(s string) string {
	d, err := data.ParseDate(s)
	if err != nil || d.IsZero() {
		return s
	}
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", d.D, d.M, d.Y)
}

func (w *xlsxWriter) table(r *Report) error {
	for n, h := range xlsxHeads {
		if err := w.put(n+1, w.row, h, "head", 0); err != nil {
			return err
		}
	}
	if err := w.f.SetRowHeight(w.sheet, w.row, 45); err != nil {
		return err
	}
	w.row++
	if err := w.line(r, true); err != nil {
		return err
	}
	for _, c := range r.Units {
		if err := w.line(c, false); err != nil {
			return err
		}
	}
	w.row++
	return nil
}

func (w *xlsxWriter) line(r *Report, total bool) error {
	num, txt := "cell", "text"
	name := r.Name
	if total {
		num, txt, name = "bold", "btext", "Tổng: "+r.Name
	}
	c, ce, a, f := r.Citizens, r.Centres, r.Awards, r.Funds
	vals := []any{c.Registered, c.Assessed, c.Passed, c.Recognized, c.Adults, r.Share(), ce.Active,
		ce.ByRating["tot"], ce.ByRating["kha"], ce.ByRating["trung_binh"], ce.ByRating["yeu"],
		ce.Classes, ce.LearnerTimes, a.Count, a.AmountVND, f.RaisedVND, f.SpentVND, f.BalanceVND}
	if err := w.put(1, w.row, name, txt, 0); err != nil {
		return err
	}
	if err := w.put(2, w.row, r.Unit, txt, 0); err != nil {
		return err
	}
	for n, v := range vals {
		st := num
		if n == 5 { // the share
			st = "pct"
		}
		if err := w.put(n+3, w.row, v, st, 0); err != nil {
			return err
		}
	}
	w.row++
	return nil
}

func (w *xlsxWriter) byType(r *Report) error {
	if len(r.Awards.ByType) == 0 {
		return nil
	}
	if err := w.put(1, w.row, "Khen thưởng, học bổng theo loại", "btext", 3); err != nil {
		return err
	}
	w.row++
	for n, h := range []string{"Loại", "Số lượt", "Số tiền (đ)"} {
		if err := w.put(n+1, w.row, h, "head", 0); err != nil {
			return err
		}
	}
	w.row++
	for _, k := range r.awardTypes() {
		t := r.Awards.ByType[k]
		label := data.SuggestionLabel(data.AwardTypes, k, "vi")
		for n, v := range []any{label, t.Count, t.AmountVND} {
			st := "cell"
			if n == 0 {
				st = "text"
			}
			if err := w.put(n+1, w.row, v, st, 0); err != nil {
				return err
			}
		}
		w.row++
	}
	w.row++
	return nil
}

func (w *xlsxWriter) signatures(m Meta) error {
	w.row++
	last := len(xlsxHeads)
	for _, l := range []struct {
		col, last int
		v, st     string
		dy        int
	}{
		{1, 4, "NGƯỜI LẬP BIỂU", "sign", 0},
		{10, last, "TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC", "sign", 0},
		{10, last, "CHỦ TỊCH", "sign", 1},
		{1, 4, "(Ký, ghi rõ họ tên)", "signsm", 1},
		{10, last, "(Ký, ghi rõ họ tên, đóng dấu)", "signsm", 2},
		{1, 4, m.Operator, "sign", 6},
	} {
		if err := w.put(l.col, w.row+l.dy, l.v, l.st, l.last); err != nil {
			return err
		}
	}
	return nil
}
