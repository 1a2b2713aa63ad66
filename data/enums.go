package data

import (
	"strings"

	"sokhuyenhoc/data/text"
)

// Option is one allowed value of an enumeration: the code stored and written
// in files, and its labels.
type Option struct {
	Code string
	VI   string
	EN   string
}

// Enum is a closed list of options. Parse accepts the code or either label,
// ignoring case, marks, spaces and underscores ("Chưa đạt", "chua_dat").
type Enum struct {
	Name    string
	Options []Option
}

// Parse returns the code matching s; "" gives "" with no error.
func (e Enum) Parse(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	k := enumKey(s)
	for _, o := range e.Options {
		if k == enumKey(o.Code) || k == enumKey(o.VI) || k == enumKey(o.EN) {
			return o.Code, nil
		}
	}
	return "", &FieldError{Value: s, Err: ErrEnum, Want: strings.Join(e.Codes(), "|")}
}

// Codes lists the codes in order.
func (e Enum) Codes() []string {
	out := make([]string, len(e.Options))
	for i, o := range e.Options {
		out[i] = o.Code
	}
	return out
}

// Label returns the label of code in lang ("vi" or "en"), or code itself.
func (e Enum) Label(code, lang string) string {
	for _, o := range e.Options {
		if o.Code == code {
			if lang == "en" {
				return o.EN
			}
			return o.VI
		}
	}
	return code
}

func enumKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, text.Fold(s))
}

// The closed lists of docs/CONTRACT.md. Lists the domain calls editable (subject
// groups, award types, fund sources, programmes) are Suggestions instead.
var (
	Genders = Enum{"gender", []Option{
		{"nam", "Nam", "Male"}, {"nu", "Nữ", "Female"}, {"khac", "Khác", "Other"}}}
	Results = Enum{"result", []Option{
		{"dat", "Đạt", "Passed"}, {"chua_dat", "Chưa đạt", "Not passed"}}}
	AssessmentStatuses = Enum{"status", []Option{
		{"nhap", "Nháp", "Draft"},
		{"tu_danh_gia", "Tự đánh giá", "Self-assessed"},
		{"de_nghi", "Đề nghị", "Proposed"},
		{"cong_nhan", "Công nhận", "Recognised"},
		{"khong_cong_nhan", "Không công nhận", "Not recognised"}}}
	CentreStatuses = Enum{"status", []Option{
		{"hoat_dong", "Hoạt động", "Active"},
		{"sap_nhap", "Sáp nhập", "Merged"},
		{"giai_the", "Giải thể", "Dissolved"}}}
	Ratings = Enum{"rating", []Option{
		{"tot", "Tốt", "Good"}, {"kha", "Khá", "Fair"},
		{"trung_binh", "Trung bình", "Average"}, {"yeu", "Yếu", "Weak"}}}
	Directions = Enum{"direction", []Option{
		{"thu", "Thu", "In"}, {"chi", "Chi", "Out"}}}
	Consents = Enum{"consent", []Option{
		{"co", "Có", "Yes"}, {"khong", "Không", "No"}}}
	Levels = Enum{"level", []Option{
		{"commune", "Xã", "Commune"}, {"district", "Huyện", "District"},
		{"province", "Tỉnh", "Province"}}}
)

// Suggestions are the usual values of the open lists; any other text is kept
// as typed (the domain asks for these lists to stay editable).
var (
	SubjectGroups = []Option{
		{"nong_dan", "Nông dân, lao động nông thôn", "Farmers, rural workers"},
		{"cong_nhan", "Công nhân, lao động thủ công", "Workers, craft workers"},
		{"can_bo", "Cán bộ, công chức, viên chức", "Officials and public employees"},
		{"luc_luong_vu_trang", "Lực lượng vũ trang", "Armed forces"},
		{"doanh_nhan", "Doanh nhân, người lao động trong doanh nghiệp", "Business people and employees"},
		{"khac", "Khác", "Other"},
	}
	AwardTypes = []Option{
		{"hoc_bong_vuot_kho", "Học bổng vượt khó", "Scholarship for hardship"},
		{"hoc_bong_hieu_hoc", "Học bổng hiếu học", "Scholarship for diligence"},
		{"hsg_truong", "Học sinh giỏi cấp trường", "Excellent pupil, school level"},
		{"hsg_xa", "Học sinh giỏi cấp xã", "Excellent pupil, commune level"},
		{"hsg_tinh", "Học sinh giỏi cấp tỉnh", "Excellent pupil, province level"},
		{"hsg_quoc_gia", "Học sinh giỏi quốc gia", "Excellent pupil, national level"},
		{"hsg_quoc_te", "Học sinh giỏi quốc tế", "Excellent pupil, international level"},
		{"do_dai_hoc", "Đỗ đại học", "University admission"},
		{"thu_khoa", "Thủ khoa", "Top of the class"},
		{"qua", "Quà", "Gift"},
		{"khac", "Khác", "Other"},
	}
	FundSources = []Option{
		{"hoi_vien", "Hội viên", "Members"},
		{"ca_nhan", "Cá nhân", "Individuals"},
		{"doanh_nghiep", "Doanh nghiệp", "Businesses"},
		{"dong_ho", "Dòng họ, đồng hương", "Clans and fellow villagers"},
		{"ngan_sach", "Ngân sách", "State budget"},
		{"cap_tren", "Cấp trên", "Higher level"},
		{"khac", "Khác", "Other"},
	}
	Programmes = []Option{
		{"xoa_mu_chu", "Xóa mù chữ", "Literacy"},
		{"giao_duc_tiep_tuc", "Giáo dục tiếp tục", "Continuing education"},
		{"chuyen_giao_ky_thuat", "Chuyển giao kỹ thuật", "Technology transfer"},
		{"phap_luat", "Pháp luật", "Law"},
		{"suc_khoe", "Sức khỏe", "Health"},
		{"van_hoa", "Văn hóa", "Culture"},
		{"ky_nang_so", "Kỹ năng số", "Digital skills"},
		{"ngoai_ngu", "Ngoại ngữ", "Foreign languages"},
		{"khac", "Khác", "Other"},
	}
)

// SuggestionLabel returns the label of code among opts, or code itself when
// it is free text.
func SuggestionLabel(opts []Option, code, lang string) string {
	return Enum{Options: opts}.Label(code, lang)
}
