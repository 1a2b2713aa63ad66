//go:build windows

package ui

import (
	"syscall"
	"unsafe"
)

// driveRemovable is GetDriveTypeW's answer for a USB stick or a card.
const driveRemovable = 2

// removableDrives lists the roots of the removable drives ("E:\").
func removableDrives() []string {
	k32 := syscall.NewLazyDLL("kernel32.dll")
	logical, driveType := k32.NewProc("GetLogicalDrives"), k32.NewProc("GetDriveTypeW")
	mask, _, _ := logical.Call()
	var out []string
	for n := 0; n < 26; n++ {
		if mask&(1<<n) == 0 {
			continue
		}
		root := string(rune('A'+n)) + `:\`
		p, err := syscall.UTF16PtrFromString(root)
		if err != nil {
			continue
		}
		if t, _, _ := driveType.Call(uintptr(unsafe.Pointer(p))); t == driveRemovable {
			out = append(out, root)
		}
	}
	return out
}
