package msg_test

import (
	"errors"
	"fmt"
	"sokhuyenhoc/data/msg"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/tabular"
)

// Every column has a name in Vietnamese (the sentinels: walk_test.go).
func TestEveryColumnIsNamed(t *testing.T) {
	for _, k := range data.AllKinds {
		for _, c := range k.Cols() {
			if _, ok := msg.Catalog("vi")[c.Label]; !ok {
				t.Errorf("no Vietnamese name for %s.%s (%q)", k.KindName(), c.Name, c.Label)
			}
		}
	}
	for _, col := range append(append(append(data.CitizenColumns, data.CentreColumns...), data.AwardColumns...), data.FundColumns...) {
		if _, ok := msg.Catalog("vi")["field "+col]; !ok {
			t.Errorf("no Vietnamese name for column %q", col)
		}
	}
}

func TestErr(t *testing.T) {
	_, err := data.ParseCitizen(data.Input{"full_name": "A", "phone": "123", "year": "2026", "result": "dat"}, nil)
	for lang, want := range map[string]string{
		"vi": "Số điện thoại «123»: không phải số điện thoại Việt Nam (10 số, bắt đầu 03/05/07/08/09)",
		"en": "phone «123»: not a Vietnamese phone number",
	} {
		if got := msg.Err(lang, err); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	wrapped := fmt.Errorf("import: %w", &tabular.ColumnError{Column: "nickname", Err: tabular.ErrUnknownColumn})
	if got, want := msg.Err("vi", wrapped), "cột không hợp lệ «nickname»"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for lang, want := range map[string]string{"vi": "đã có lỗi ngoài dự kiến; chi tiết đã được ghi vào nhật ký",
		"en": "an unexpected error; the details are in the log"} {
		if got := msg.Err(lang, errors.New("plain")); got != want {
			t.Errorf("%s: an error of no known kind reads %q, want %q", lang, got, want)
		}
	}
	if got := msg.T("vi", "no such string %d", 3); got != "no such string 3" {
		t.Errorf("fallback: %q", got)
	}
}
