package data

import (
	"errors"
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func scores(vals ...string) Input {
	in := Input{}
	for i, v := range vals {
		in["i"+itoa(i+1)] = v
	}
	return in
}

func with(in Input, kv ...string) Input {
	out := Input{}
	for k, v := range in {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func TestParseCitizenOK(t *testing.T) {
	in := with(scores("9", "8", "8", "8", "8", "8", "8", "8", "8", "7,5"),
		"full_name", norm.NFD.String("  Nguyễn Thị   Hoà "), "gender", "Nữ", "birth_year", "1985",
		"birth_date", "12/03/1985", "id_number", "034 185 001234", "phone", "+84 912 345 678",
		"ethnicity", "Kinh", "village", "Thôn Đông", "group", "nong_dan", "year", "2026")
	e, err := ParseCitizen(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, a := e.Citizen, e.Assessment
	if c.HoDem != "Nguyễn Thị" || c.Ten != "Hoà" || !norm.NFC.IsNormalString(c.Ten) {
		t.Errorf("name = %q / %q", c.HoDem, c.Ten)
	}
	if c.Gender != "nu" || c.IDNumber != "034185001234" || c.Phone != "0912345678" {
		t.Errorf("person = %+v", c.Person)
	}
	// The row names no step: Parse leaves it empty (FileStep decides for files).
	if a == nil || a.Year != 2026 || a.Total() != 805 || a.Result != "dat" || a.Status != "" {
		t.Errorf("assessment = %+v", a)
	}
}

func TestParseCitizenPassRule(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scores []string
		want   string
	}{
		{"all eight", []string{"8", "8", "8", "8", "8", "8", "8", "8", "8", "8"}, "dat"},
		{"total 79.5", []string{"8", "8", "8", "8", "8", "8", "8", "8", "8", "7,5"}, "chua_dat"},
		{"one below five", []string{"10", "10", "10", "10", "10", "10", "10", "10", "10", "4,5"}, "chua_dat"},
		{"one exactly five", []string{"10", "10", "10", "10", "10", "10", "10", "10", "5", "5"}, "dat"},
	} {
		e, err := ParseCitizen(with(scores(tc.scores...), "full_name", "Lê An", "year", "2026"), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if e.Assessment.Result != tc.want {
			t.Errorf("%s: result %q, want %q", tc.name, e.Assessment.Result, tc.want)
		}
	}
}

func TestParseCitizenErrors(t *testing.T) {
	ten := scores("8", "8", "8", "8", "8", "8", "8", "8", "8", "8")
	base := Input{"full_name": "Trần Văn Bình", "year": "2026", "result": "dat"}
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		err   error
	}{
		{"no name", with(base, "full_name", " "), "full_name", ErrRequired},
		{"bad gender", with(base, "gender", "x"), "gender", ErrEnum},
		{"bad year", with(base, "birth_year", "1850"), "birth_year", ErrYear},
		{"born after year", with(base, "birth_year", "2027"), "birth_year", ErrAfterYear},
		{"31 February", with(base, "birth_date", "31/02/1990"), "birth_date", ErrNoSuchDay},
		{"date and year differ", with(base, "birth_date", "01/01/1990", "birth_year", "1991"), "birth_date", ErrBirthDateYear},
		{"short CCCD", with(base, "id_number", "03408500123"), "id_number", ErrCCCDLength},
		{"CCCD gender", with(base, "id_number", "034085001234", "gender", "nu", "birth_year", "1985"), "id_number", ErrCCCDGender},
		{"CCCD year", with(base, "id_number", "034085001234", "gender", "nam", "birth_year", "1986"), "id_number", ErrCCCDYear},
		{"CCCD year from birth date", with(base, "id_number", "034085001234", "birth_date", "02/02/1986"), "id_number", ErrCCCDYear},
		{"phone", with(base, "phone", "0612345678"), "phone", ErrPhone},
		{"no result", with(base, "result", ""), "result", ErrRequired},
		{"bad result", with(base, "result", "tốt"), "result", ErrEnum},
		{"score 11", with(with(ten, "i3", "11"), "full_name", "A B", "year", "2026"), "i3", ErrScore},
		{"nine scores", with(with(ten, "i10", ""), "full_name", "A B", "year", "2026"), "i1", ErrScoresPartial},
		{"contradicting result", with(with(ten, "result", "chua_dat"), "full_name", "A B", "year", "2026"), "result", ErrResultMismatch},
		{"result without year", with(base, "year", ""), "year", ErrRequired},
		{"year text", with(base, "year", "năm nay"), "year", ErrNumber},
		{"decision date", with(base, "decision_date", "2026-13-01"), "decision_date", ErrNoSuchDay},
		{"recognised without passing", with(base, "result", "chua_dat", "status", "cong_nhan"), "status", ErrNotPassed},
		{"decision without year", Input{"full_name": "A B", "decision_no": "12/QĐ"}, "year", ErrRequired},
		{"bad step", with(base, "status", "xong"), "status", ErrEnum},
	} {
		_, err := ParseCitizen(tc.in, nil)
		var fe *FieldError
		if !errors.Is(err, tc.err) || !errors.As(err, &fe) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.err)
			continue
		}
		if fe.Field != tc.field {
			t.Errorf("%s: field %q, want %q", tc.name, fe.Field, tc.field)
		}
	}
}

func TestParseCitizenCollectsEveryError(t *testing.T) {
	_, err := ParseCitizen(Input{"full_name": "", "gender": "?", "phone": "1", "year": "2026", "result": "dat"}, nil)
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("err = %T %v", err, err)
	}
	var fields []string
	for _, e := range es {
		fields = append(fields, e.Field)
	}
	if want := []string{"gender", "phone", "full_name"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("fields = %v, want %v", fields, want)
	}
}

func TestParseCitizenWithoutYear(t *testing.T) {
	e, err := ParseCitizen(Input{"full_name": "Đào Duy Anh"}, nil)
	if err != nil || e.Assessment != nil {
		t.Fatalf("entry = %+v, %v", e, err)
	}
}

func TestParseCentre(t *testing.T) {
	e, err := ParseCentre(Input{"name": "TTHTCĐ xã Đông Hòa", "status": "hoat_dong", "year": "2026",
		"classes": "12", "learner_times": "1.250", "budget_vnd": "15.000.000", "social_vnd": "3000000", "rating": "Tốt"})
	if err != nil {
		t.Fatal(err)
	}
	if y := e.Year; y == nil || y.Classes != 12 || y.LearnerTimes != 1250 || y.BudgetVND != 15000000 || y.Rating != "tot" || y.Status != "hoat_dong" {
		t.Errorf("year = %+v", e.Year)
	}
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		err   error
	}{
		{"no name", Input{"name": ""}, "name", ErrRequired},
		{"status", Input{"name": "A", "status": "dong_cua"}, "status", ErrEnum},
		{"rating", Input{"name": "A", "year": "2026", "rating": "xuat_sac"}, "rating", ErrEnum},
		{"negative classes", Input{"name": "A", "year": "2026", "classes": "-2"}, "classes", ErrNegative},
		{"money decimals", Input{"name": "A", "year": "2026", "budget_vnd": "1,5"}, "budget_vnd", ErrMoney},
		{"activity without year", Input{"name": "A", "classes": "3"}, "year", ErrRequired},
		{"established", Input{"name": "A", "established_on": "30/02/2010"}, "established_on", ErrNoSuchDay},
	} {
		_, err := ParseCentre(tc.in)
		var fe *FieldError
		if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: err = %v, want %s %v", tc.name, err, tc.field, tc.err)
		}
	}
}

func TestParseAward(t *testing.T) {
	a, err := ParseAward(Input{"full_name": "Phạm Minh Đức", "gender": "nam", "birth_date": "2012-05-04",
		"school": "THCS Đông Hòa", "grade": "8A", "school_year": "2025-2026", "award_type": "hoc_bong_vuot_kho",
		"amount_vnd": "1.000.000", "consent": "có"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Ten != "Đức" || a.BirthYear != 2012 || a.AmountVND != 1000000 || a.Consent != "co" || a.Year() != 2026 {
		t.Errorf("award = %+v year %d", a, a.Year())
	}
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		err   error
	}{
		{"no type", Input{"full_name": "A B"}, "award_type", ErrRequired},
		{"consent", Input{"full_name": "A B", "award_type": "qua", "consent": "maybe"}, "consent", ErrEnum},
		{"amount", Input{"full_name": "A B", "award_type": "qua", "amount_vnd": "-1"}, "amount_vnd", ErrNegative},
		{"awarded_on", Input{"full_name": "A B", "award_type": "qua", "awarded_on": "31/11/2025"}, "awarded_on", ErrNoSuchDay},
	} {
		_, err := ParseAward(tc.in)
		var fe *FieldError
		if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: err = %v, want %s %v", tc.name, err, tc.field, tc.err)
		}
	}
}

func TestParseFund(t *testing.T) {
	f, err := ParseFund(Input{"date": "01/03/2026", "direction": "thu", "source": "doanh_nghiep", "amount_vnd": "50.000.000"})
	if err != nil || f.AmountVND != 50000000 || f.Direction != "thu" {
		t.Fatalf("fund = %+v, %v", f, err)
	}
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		err   error
	}{
		{"no date", Input{"direction": "thu"}, "date", ErrRequired},
		{"no direction", Input{"date": "01/01/2026"}, "direction", ErrRequired},
		{"direction", Input{"date": "01/01/2026", "direction": "vay"}, "direction", ErrEnum},
		{"amount", Input{"date": "01/01/2026", "direction": "chi", "amount_vnd": "abc"}, "amount_vnd", ErrMoney},
	} {
		_, err := ParseFund(tc.in)
		var fe *FieldError
		if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: err = %v, want %s %v", tc.name, err, tc.field, tc.err)
		}
	}
}
