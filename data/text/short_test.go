package text

import (
	"strings"
	"testing"
)

func TestShort(t *testing.T) {
	forty := strings.Repeat("Đ", 39) + "a" // 40 letters, 79 bytes
	for in, want := range map[string]string{
		"":             "",
		"Thôn Đông":    "Thôn Đông",
		forty:          forty,
		forty + "ệ":    forty + "…",
		forty + "ệxyz": forty + "…",
	} {
		if got := Short(in); got != want {
			t.Errorf("Short(%q) = %q, want %q", in, got, want)
		}
	}
}
