package msg_test

import (
	"errors"
	"fmt"
	"sokhuyenhoc/data/msg"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/tabular"
)

func TestEverySentinelIsTranslated(t *testing.T) {
	for _, err := range []error{
		data.ErrRequired, data.ErrDate, data.ErrNoSuchDay, data.ErrYear, data.ErrNumber,
		data.ErrNegative, data.ErrMoney, data.ErrScore, data.ErrScoresPartial,
		data.ErrResultMismatch, data.ErrEnum, data.ErrCCCDLength, data.ErrCCCDGender,
		data.ErrCCCDYear, data.ErrPhone, data.ErrBirthDateYear, data.ErrTooLong, data.ErrAfterYear,
		data.ErrNotPassed, data.ErrTooBig, data.ErrText, data.ErrNotNormal, data.ErrLabel,
		data.ErrPeriod, data.ErrPeriodOrder, data.ErrPeriodYears, data.ErrMemberPeriod,
		data.ErrDissolvedBefore, data.ErrMembersAdmitted, data.ErrProgrammeSum, tabular.ErrAmbiguous, tabular.ErrNoSuchCentre,
		tabular.ErrUnknownColumn, tabular.ErrRejected, tabular.ErrFormat, tabular.ErrMissingColumn, tabular.ErrListFormat,
		store.ErrNotSetUp, store.ErrAlreadySet,
	} {
		if _, ok := msg.Catalog("vi")[err.Error()]; !ok {
			t.Errorf("no Vietnamese for %q", err)
		}
	}
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
	_, err := data.ParseCitizen(data.Input{"full_name": "A", "phone": "123", "year": "2026", "result": "dat"}, data.DefaultPassRule)
	for lang, want := range map[string]string{
		"vi": "Số điện thoại «123»: không phải số điện thoại Việt Nam (10 số, bắt đầu 03/05/07/08/09)",
		"en": "phone «123»: not a Vietnamese phone number",
	} {
		if got := msg.Err(lang, err); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	wrapped := fmt.Errorf("import: %w", &tabular.ColumnError{Column: "nickname", Err: tabular.ErrUnknownColumn})
	if got, want := msg.Err("vi", wrapped), `cột không hợp lệ ("nickname")`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := msg.Err("vi", errors.New("plain")); got != "plain" {
		t.Errorf("untranslated error: %q", got)
	}
	if got := msg.T("vi", "no such string %d", 3); got != "no such string 3" {
		t.Errorf("fallback: %q", got)
	}
}
