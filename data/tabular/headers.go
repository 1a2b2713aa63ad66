package tabular

import (
	"strings"
	"unicode"

	"sokhuyenhoc/data/msg"
	"sokhuyenhoc/data/text"
)

// Officers' own workbooks name their columns in Vietnamese ("Họ và tên",
// "Số CCCD", "SĐT") as often as with the machine names of CONTRACT.md. A
// header cell is matched by its key: folded (no marks, đ→d, lower case) with
// everything but letters and digits dropped, so "Họ và tên", "HỌ VÀ TÊN" and
// "Ho va ten" are one name. The Vietnamese and English field labels of the
// catalogue (assets/i18n, "field full_name" → "Họ và tên") are names of
// their column; synonyms below add what offices also write.

// headerKey is the matching key of a header cell.
func headerKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, text.Fold(s))
}

// ignoredHeaders are columns offices add that carry nothing to import: the
// row number, and the total of the ten scores (the app adds them up itself).
var ignoredHeaders = map[string]bool{"stt": true, "tt": true, "sothutu": true, "no": true,
	"tongdiem": true, "diemtong": true, "tongcong": true, "tongsodiem": true}

// synonyms maps header keys to columns, per kind, beyond the labels.
var synonyms = map[Kind]map[string]string{
	Citizens: {"hoten": "full_name", "hovatendaydu": "full_name",
		"gt": "gender", "phai": "gender", "namnu": "gender",
		"ns": "birth_year", "ngaythangnamsinh": "birth_date",
		"cccd": "id_number", "socccd": "id_number", "socancuoc": "id_number", "cancuoccongdan": "id_number",
		"socancuoccongdan": "id_number", "cmndcccd": "id_number", "socmndcccd": "id_number", "sodinhdanh": "id_number",
		"sodinhdanhcanhan": "id_number", "cccdcmnd": "id_number", "socccdcmnd": "id_number",
		"sdt": "phone", "dienthoai": "phone", "sodt": "phone", "didong": "phone", "sodienthoaididong": "phone",
		"gioi": "gender", "hotendaydu": "full_name", "ngaysinhddmmyyyy": "birth_date",
		"thon": "village", "thonto": "village", "thontodanpho": "village", "todanpho": "village",
		"doituong": "group", "namdanhgia": "year", "namcongnhan": "year",
		"soqd": "decision_no", "soquyetdinhcongnhan": "decision_no",
		"ngayqd": "decision_date", "ngayquyetdinhcongnhan": "decision_date",
		"ketquadanhgia": "result", "xeploai": "result"},
	Centres: {"tentrungtam": "name", "tentthtcd": "name", "trungtam": "name", "soqd": "decision_no",
		"soquyetdinhthanhlap": "decision_no", "ngayqd": "established_on", "tinhtrang": "status",
		"lop": "classes", "luotnguoi": "learner_times", "ngansach": "budget_vnd",
		"xahoihoa": "social_vnd", "danhgia": "rating"},
	Awards: {"hoten": "full_name", "tenhocsinh": "full_name", "gt": "gender", "truonghoc": "school",
		"lophoc": "grade", "thon": "village", "thonto": "village", "phuhuynh": "guardian",
		"chame": "guardian", "loai": "award_type", "hinhthuc": "award_type", "hinhthuckhenthuong": "award_type",
		"sotien": "amount_vnd", "tien": "amount_vnd", "hienvat": "in_kind_vnd", "nguonkinhphi": "funding_source",
		"donvitaitro": "sponsor", "soqd": "decision_no", "ngayqd": "decision_date", "ngaynhan": "awarded_on",
		"dongy": "consent"},
	Funds: {"ngaythang": "date", "thuchi": "direction", "loai": "direction", "nguonthu": "source",
		"sotien": "amount_vnd", "tien": "amount_vnd", "hienvat": "in_kind_vnd", "sophieu": "voucher_no",
		"sochungtu": "voucher_no", "noidung": "note", "diengiai": "note"},
}

// fieldKey is the catalogue key naming file column c of kind k: the
// kind's own where it names the column otherwise than the other kinds'
// column of that name (a branch's "members" are hội viên, a family's
// thành viên: "field branch members"), else "field members".
func fieldKey(k Kind, c string) string {
	if key := "field " + string(k) + " " + c; msg.Catalog("vi")[key] != "" {
		return key
	}
	return "field " + c
}

// headerNames returns the key → column map of a kind.
func headerNames(k Kind) map[string]string {
	out := map[string]string{}
	for _, c := range k.Columns() {
		out[headerKey(c)] = c
		for _, lang := range msg.Languages {
			if l, ok := msg.Catalog(lang)[fieldKey(k, c)]; ok {
				out[headerKey(l)] = c
			}
		}
	}
	for key, c := range synonyms[k] {
		if _, taken := out[key]; !taken {
			out[key] = c
		}
	}
	return out
}

// groupHeaders are upper-row labels that group the indicator columns: a
// lower row of plain numbers under one of them names i1 … i10.
var groupHeaders = map[string]bool{"tieuchi": true, "chiso": true, "cacchiso": true, "cactieuchi": true,
	"diem": true, "diemcacchiso": true, "diemtieuchi": true, "diemcactieuchi": true}
