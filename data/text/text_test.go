package text

import (
	"bytes"
	"errors"
	"sort"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	nfd := norm.NFD.String
	for _, tc := range []struct{ in, want string }{
		{"Hòa", "hoa"},
		{"Hoà", "hoa"},      // old-style tone placement
		{nfd("Hòa"), "hoa"}, // combining marks (Windows keyboard, macOS)
		{"HOÀ", "hoa"},
		{"Đào", "dao"},
		{nfd("Đào"), "dao"},
		{"đặng thị Ánh", "dang thi anh"},
		{"  Nguyễn   Văn\tAn ", "nguyen van an"},
		{"Ưng Ơn Ỳ", "ung on y"},
		{"", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{norm.NFD.String("Nguyễn Thị Hòa"), "Nguyễn Thị Hòa"},
		{"  Lê   Văn\u00a0Tám ", "Lê Văn Tám"},
		{"Trần\tBình", "Trần Bình"},
		{"An", "An"},
		{"", ""},
	} {
		got := Clean(tc.in)
		if got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("Clean(%q) is not NFC", tc.in)
		}
	}
}

func TestSplitName(t *testing.T) {
	for _, tc := range []struct{ in, hoDem, ten string }{
		{"Nguyễn Thị Hoà", "Nguyễn Thị", "Hoà"},
		{" Lê  Văn   Tám ", "Lê Văn", "Tám"},
		{"Thoa", "", "Thoa"},
		{norm.NFD.String("Đào Duy Anh"), "Đào Duy", "Anh"},
	} {
		h, n := SplitName(tc.in)
		if h != tc.hoDem || n != tc.ten {
			t.Errorf("SplitName(%q) = (%q, %q), want (%q, %q)", tc.in, h, n, tc.hoDem, tc.ten)
		}
		if got := JoinName(h, n); got != Clean(tc.in) {
			t.Errorf("JoinName(SplitName(%q)) = %q", tc.in, got)
		}
	}
}

func TestCompareVietnameseAlphabet(t *testing.T) {
	want := []string{"Anh", "Ánh", "Ăn", "Âu", "Dung", "Đào", "Hòa", "Ôn", "Ơn", "Uyên", "Ưng"}
	got := append([]string(nil), want...)
	sort.Slice(got, func(i, j int) bool { return Compare(got[i], got[j]) < 0 })
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	}
	if Compare("D", "Đ") >= 0 {
		t.Error("D must sort before Đ")
	}
}

func TestNameKeySortsByTenThenHoDem(t *testing.T) {
	type name struct{ hoDem, ten string }
	want := []name{
		{"Trần Văn", "An"},
		{"Nguyễn Thị", "Ánh"},
		{"Lê Văn", "Bình"},
		{"Nguyễn Văn", "Bình"},
		{"Phạm", "Bình"},
		{"Vũ Thị", "Dung"},
		{"An Văn", "Đào"},
		{"Đỗ Thị", "Hoà"}, // NFC of old-style placement
		{norm.NFD.String("Hà Thị"), norm.NFD.String("Hương")},
	}
	got := append([]name(nil), want...)
	sort.Slice(got, func(i, j int) bool {
		return bytes.Compare(NameKey(got[i].hoDem, got[i].ten), NameKey(got[j].hoDem, got[j].ten)) < 0
	})
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	}
	if !bytes.Equal(NameKey("Hà Thị", "Hương"), NameKey(norm.NFD.String("Hà Thị"), norm.NFD.String("Hương"))) {
		t.Error("NFC and NFD spellings of one name must have one key")
	}
}

func TestCheckUTF8(t *testing.T) {
	if err := CheckUTF8([]byte("họ tên\nNguyễn Văn An\n")); err != nil {
		t.Fatalf("valid UTF-8: %v", err)
	}
	for _, tc := range []struct {
		name  string
		in    []byte
		guess string
		line  int
	}{
		// VNI: base vowel followed by a mark byte ("Nguyeãn" = Nguye + 0xE3 + n).
		{"VNI", []byte("ho ten\nNguye\xe3n Va\xean An\n"), "VNI", 2},
		// TCVN3: precomposed single bytes ("Ng\xadêi" style: ư = 0xAD, ê = 0xD5).
		{"TCVN3", []byte("ho ten\n\nNg\xad\xd5i d\xa9n\n"), "TCVN3", 3},
	} {
		err := CheckUTF8(tc.in)
		var e *EncodingError
		if !errors.Is(err, ErrLegacyEncoding) || !errors.As(err, &e) {
			t.Fatalf("%s: err = %v, want ErrLegacyEncoding", tc.name, err)
		}
		if e.Guess != tc.guess || e.Line != tc.line {
			t.Errorf("%s: guess %q line %d, want %q line %d", tc.name, e.Guess, e.Line, tc.guess, tc.line)
		}
	}
}
