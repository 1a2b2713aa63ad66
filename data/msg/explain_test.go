package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg/msgtest"
)

func TestErr_SystemErrors(t *testing.T) {
	for _, tc := range msgtest.OSErrors(t) {
		for lang, want := range map[string]string{"vi": tc.Vi, "en": tc.En} {
			if got := Err(lang, fmt.Errorf("export: %w", tc.Err)); got != want {
				t.Errorf("%s, %s: %q\nwant %q\n(the error: %v)", tc.Name, lang, got, want, tc.Err)
			}
		}
	}
}

// The Windows error numbers map to the classes errors.Is does not know,
// checked here on any system (errno_windows.go puts them in force).
func TestWindowsCodes(t *testing.T) {
	for _, tc := range []struct {
		code syscall.Errno
		want errnoClass
	}{
		{112, diskFull}, {39, diskFull}, {19, readOnly}, {32, inUse}, {33, inUse},
		{21, deviceGone}, {1167, deviceGone}, {123, badName}, {206, badName},
		{10061, netRefused}, {10048, addrInUse}, {10060, netTimeout}, {10054, netReset}, {10051, netUnreachable},
	} {
		err := &fs.PathError{Op: "open", Path: `E:\x`, Err: tc.code}
		if got := errnoOf(windowsCodes, fmt.Errorf("copy: %w", err)); got != tc.want {
			t.Errorf("windows error %d: class %d, want %d", tc.code, got, tc.want)
		}
	}
}

// An app's sentinel says what failed, a cause why: both, outermost first;
// the wrappers' text is left to the log.
func TestErr_SentinelThenCause(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "/media/usb/x.xlsx", Err: syscall.ENOSPC}
	err := fmt.Errorf("save: %w", fmt.Errorf("%w: %w", data.ErrTooLong, full))
	want := "quá dài: ổ đĩa đã đầy: hãy xóa bớt tệp hoặc chọn ổ khác (/media/usb/x.xlsx)"
	if got := Err("vi", err); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got, want := Sentence("vi", data.ErrRequired), "Chưa nhập (bắt buộc)"; got != want {
		t.Errorf("Sentence: %q, want %q", got, want)
	}
	if Known(errors.New("x")) || !Known(full) || !Known(data.ErrYear) {
		t.Error("Known is wrong")
	}
}

// A sentinel is found by identity, not by its text: an error that merely
// reads the same is not it.
func TestErr_ByIdentityNotText(t *testing.T) {
	look := errors.New(data.ErrRequired.Error())
	if got, want := Err("vi", look), T("vi", Unexpected); got != want {
		t.Errorf("an error with the text of a sentinel reads %q, want %q", got, want)
	}
}

// A criteria set file's fault is said with its place in the file, in both
// languages.
func TestErr_CriteriaSetNamesThePlace(t *testing.T) {
	err := fmt.Errorf("install: %w", &data.SetError{Where: "criteria[1].code", Err: data.ErrSetTwice})
	for lang, want := range map[string]string{"vi": "mã bị trùng (criteria[1].code)", "en": "code given twice (criteria[1].code)"} {
		if got := Err(lang, err); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
