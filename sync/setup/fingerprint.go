package setup

import (
	"fmt"
	"strings"
)

// FingerprintError refuses a key whose fingerprint, read aloud by phone,
// is not the one its file gives. It names which of the three groups of
// four digits differ, so that only those are read again, and never the
// digits the file gives: a clerk who could copy them off the screen would
// make the check by phone prove nothing.
type FingerprintError struct {
	Groups []int // 1, 2, 3: the groups that differ; none when the input is not 12 digits
}

func (e *FingerprintError) Error() string {
	if len(e.Groups) == 0 {
		return ErrFingerprint.Error() + " (a fingerprint has 12 digits)"
	}
	return fmt.Sprintf("%s (group %s differs)", ErrFingerprint, groupList(e.Groups, " and "))
}

// Unwrap makes errors.Is(err, ErrFingerprint) true.
func (e *FingerprintError) Unwrap() error { return ErrFingerprint }

// Describe says it for people (data/msg): Vietnamese, or English.
func (e *FingerprintError) Describe(lang string) string {
	if lang == "en" {
		if len(e.Groups) == 0 {
			return "The fingerprint typed does not have 12 digits. Ask the unit to read its fingerprint again, four digits at a time. The key was not enrolled."
		}
		if len(e.Groups) == 3 {
			return "The fingerprint does not match the key file: all three groups differ. This key file is most likely not the unit's: ask the unit to send its key file again and to read its fingerprint. The key was not enrolled."
		}
		return fmt.Sprintf("The fingerprint does not match the key file: group %s differs. Call the unit again and have it read that group; if it still differs, the file is not theirs. The key was not enrolled.",
			groupList(e.Groups, " and "))
	}
	if len(e.Groups) == 0 {
		return "Dấu vân khóa vừa nhập không đủ 12 chữ số. Đề nghị đơn vị đọc lại dấu vân khóa, từng nhóm 4 chữ số. Khóa chưa được ghi danh."
	}
	if len(e.Groups) == 3 {
		return "Dấu vân khóa không khớp với tệp khóa: cả ba nhóm đều khác. Nhiều khả năng tệp khóa này không phải của đơn vị đó: đề nghị đơn vị gửi lại tệp khóa và đọc lại dấu vân khóa. Khóa chưa được ghi danh."
	}
	return fmt.Sprintf("Dấu vân khóa không khớp với tệp khóa: nhóm thứ %s khác. Hãy gọi lại cho đơn vị và đề nghị đọc lại nhóm đó; nếu vẫn khác thì tệp khóa không phải của họ. Khóa chưa được ghi danh.",
		groupList(e.Groups, " và "))
}

// checkFingerprint compares the fingerprint typed with the key's.
func checkFingerprint(typed, want string) error {
	d := digits(typed)
	if len(d) != 12 {
		return &FingerprintError{}
	}
	w := digits(want)
	var groups []int
	for g := 0; g < 3; g++ {
		if d[4*g:4*g+4] != w[4*g:4*g+4] {
			groups = append(groups, g+1)
		}
	}
	if len(groups) == 0 {
		return nil
	}
	return &FingerprintError{Groups: groups}
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func groupList(gs []int, and string) string {
	parts := make([]string, len(gs))
	for n, g := range gs {
		parts[n] = fmt.Sprint(g)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + and + parts[len(parts)-1]
}
