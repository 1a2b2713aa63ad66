package data

import (
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		err  error
	}{
		{"25/11/2026", Date{2026, 11, 25}, nil},
		{"2026-11-25", Date{2026, 11, 25}, nil},
		{"5/1/2000", Date{2000, 1, 5}, nil},
		{"05.01.2000", Date{2000, 1, 5}, nil},
		{"29/02/2024", Date{2024, 2, 29}, nil},
		{"", Date{}, nil},
		{"31/02/2024", Date{}, ErrNoSuchDay},
		{"29/02/2023", Date{}, ErrNoSuchDay},
		{"2024-02-30", Date{}, ErrNoSuchDay},
		{"31/04/2020", Date{}, ErrNoSuchDay},
		{"00/01/2020", Date{}, ErrNoSuchDay},
		{"01/13/2020", Date{}, ErrNoSuchDay},
		{"01/01/1899", Date{}, ErrYear},
		{"01/01/20", Date{}, ErrDate},
		{"hôm qua", Date{}, ErrDate},
		{"0-00-00-00", Date{}, ErrDate}, // four parts that pass the yyyy-mm-dd shape test: once a panic
		{"2020/01/01", Date{}, ErrDate},
		{"1/1/2020/1", Date{}, ErrDate},
	} {
		got, err := ParseDate(tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
			t.Errorf("ParseDate(%q) error = %v, want %v", tc.in, err, tc.err)
		}
		if got != tc.want {
			t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := (Date{2026, 2, 3}).VN(); got != "03/02/2026" {
		t.Errorf("VN() = %q", got)
	}
}

func TestParseVND(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  error
	}{
		{"1.234.567", 1234567, nil},
		{"1,234,567", 1234567, nil},
		{"1 234 567", 1234567, nil},
		{"1234567", 1234567, nil},
		{"500.000 ₫", 500000, nil},
		{"500.000đ", 500000, nil},
		{"2.000.000 VND", 2000000, nil},
		{"0", 0, nil},
		{"", 0, nil},
		{"-5.000", 0, ErrNegative},
		{"1,5", 0, ErrMoney},
		{"1.234,5", 0, ErrMoney},
		{"12.34.567", 0, ErrMoney},
		{"1234.567", 0, ErrMoney},
		{"năm trăm", 0, ErrMoney},
		{"1e6", 0, ErrMoney},
	} {
		got, err := ParseVND(tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
			t.Errorf("ParseVND(%q) error = %v, want %v", tc.in, err, tc.err)
		}
		if got != tc.want {
			t.Errorf("ParseVND(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := FormatVND(1234567); got != "1.234.567 ₫" {
		t.Errorf("FormatVND = %q", got)
	}
	if got := GroupDigits(999); got != "999" {
		t.Errorf("GroupDigits(999) = %q", got)
	}
}

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		err  error
	}{
		{"0", 0, nil}, {"10", 100, nil}, {"8", 80, nil}, {"8,5", 85, nil}, {"7.5", 75, nil},
		{"10.1", 0, ErrScore}, {"11", 0, ErrScore}, {"-1", 0, ErrScore},
		{"8.25", 0, ErrScore}, {"tám", 0, ErrScore}, {"100", 0, ErrScore},
	} {
		got, err := ParseScore(tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) || got != tc.want {
			t.Errorf("ParseScore(%q) = %d, %v; want %d, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		{"0912345678", "0912345678", nil},
		{"091 234 5678", "0912345678", nil},
		{"0912.345.678", "0912345678", nil},
		{"+84912345678", "0912345678", nil},
		{"+84 91 234 5678", "0912345678", nil},
		{"84912345678", "0912345678", nil},
		{"01662345678", "0362345678", nil},
		{"01692345678", "0392345678", nil},
		{"01202345678", "0702345678", nil},
		{"01212345678", "0792345678", nil},
		{"01232345678", "0832345678", nil},
		{"01272345678", "0812345678", nil},
		{"01862345678", "0562345678", nil},
		{"01992345678", "0592345678", nil},
		{"02273812345", "02273812345", nil}, // landline, Thái Bình
		{"0112345678", "", ErrPhone},
		{"0612345678", "", ErrPhone},
		{"091234567", "", ErrPhone},
		{"09123456789", "", ErrPhone},
		{"01302345678", "", ErrPhone},
		{"abc", "", ErrPhone},
	} {
		got, err := NormalizePhone(tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) || got != tc.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestCheckCCCD(t *testing.T) {
	for _, tc := range []struct {
		id, gender string
		year       int
		err        error
	}{
		{"034085001234", "nam", 1985, nil},
		{"034185001234", "nu", 1985, nil},
		{"001203001234", "nam", 2003, nil},
		{"001303001234", "nu", 2003, nil},
		{"034085001234", "", 0, nil},
		{"034085001234", "khac", 1985, nil},
		{"034185001234", "nam", 1985, ErrCCCDGender},
		{"034085001234", "nu", 1985, ErrCCCDGender},
		{"034085001234", "nam", 1986, ErrCCCDYear},
		{"034285001234", "nam", 1985, ErrCCCDYear}, // 2085, not 1985
		{"03408500123", "nam", 1985, ErrCCCDLength},
		{"0340850012345", "nam", 1985, ErrCCCDLength},
		{"034O85001234", "nam", 1985, ErrCCCDLength},
		{"123456789", "", 0, ErrCCCDLength}, // old 9-digit CMND
	} {
		if err := CheckCCCD(tc.id, tc.gender, tc.year); !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
			t.Errorf("CheckCCCD(%q, %q, %d) = %v, want %v", tc.id, tc.gender, tc.year, err, tc.err)
		}
	}
}

func TestEnumParse(t *testing.T) {
	for _, tc := range []struct {
		e        Enum
		in, want string
		err      error
	}{
		{Genders, "nam", "nam", nil},
		{Genders, "Nữ", "nu", nil},
		{Genders, "NU", "nu", nil},
		{Genders, "Female", "nu", nil},
		{Results, "Chưa đạt", "chua_dat", nil},
		{Results, "chua_dat", "chua_dat", nil},
		{Results, "Đạt", "dat", nil},
		{CentreStatuses, "Hoạt động", "hoat_dong", nil},
		{Ratings, "Trung bình", "trung_binh", nil},
		{Directions, "THU", "thu", nil},
		{Consents, "không", "khong", nil},
		{Genders, "", "", nil},
		{Genders, "male?", "", ErrEnum},
		{Results, "pass", "", ErrEnum},
		{Ratings, "xuất sắc", "", ErrEnum},
	} {
		got, err := tc.e.Parse(tc.in)
		if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) || got != tc.want {
			t.Errorf("%s.Parse(%q) = %q, %v; want %q, %v", tc.e.Name, tc.in, got, err, tc.want, tc.err)
		}
	}
	_, err := Ratings.Parse("xuất sắc")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Want != "tot|kha|trung_binh|yeu" {
		t.Errorf("enum error does not list the allowed values: %v", err)
	}
}
