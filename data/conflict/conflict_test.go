package conflict

import (
	"testing"

	"sokhuyenhoc/data/store"
)

func TestValueText_InWords(t *testing.T) {
	for _, c := range []struct {
		kind store.Kind
		col  string
		v    any
		want string
	}{
		{store.Citizen, "gender", "nu", "Nữ"},
		{store.Award, "amount_vnd", int64(1500000), "1.500.000 ₫"},
		{store.Award, "awarded_on", "2026-09-05", "05/09/2026"},
		{store.Assessment, "status", "cong_nhan", "Công nhận"},
		{store.Centre, "status", "hoat_dong", "Hoạt động"},
		{store.CentreYear, "status", "sap_nhap", "Sáp nhập"},
		{store.Citizen, "note", "", "(để trống)"},
		{store.Citizen, "birth_year", int64(1980), "1980"},
		{store.Citizen, "grp", "nong_dan", "Nông dân, lao động nông thôn"},
		{store.Citizen, "grp", "Thợ may", "Thợ may"},
		{store.Assessment, "scores", "80,85,90,80,80,80,80,80,80,100", "8; 8,5; 9; 8; 8; 8; 8; 8; 8; 10"},
		{store.Citizen, "deleted", int64(1), "đã xóa"},
	} {
		if got := ValueText(c.kind, c.col, c.v, "vi"); got != c.want {
			t.Errorf("%s.%s %v: %q, want %q", c.kind, c.col, c.v, got, c.want)
		}
	}
	if got := ValueText(store.Assessment, "status", "cong_nhan", "en"); got != "Recognised" {
		t.Errorf("English: %q", got)
	}
	for _, c := range []struct {
		kind      store.Kind
		col, want string
	}{
		{store.Citizen, "grp", "Nhóm đối tượng"},
		{store.CentreYear, "status", "Trạng thái trong năm"},
		{store.Centre, "status", "Trạng thái"},
		{store.Citizen, "ho_dem", "Họ đệm"},
	} {
		if got := FieldName(c.kind, c.col, "vi"); got != c.want {
			t.Errorf("%s.%s is %q, want %q", c.kind, c.col, got, c.want)
		}
	}
}
