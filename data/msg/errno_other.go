//go:build !windows

package msg

import "syscall"

// osCodes are the error numbers of the system the program runs on: POSIX
// (Linux, the BSDs, macOS).
var osCodes = map[syscall.Errno]errnoClass{
	syscall.ENOSPC:       diskFull,
	syscall.EDQUOT:       diskFull,
	syscall.EROFS:        readOnly,
	syscall.ETXTBSY:      inUse,
	syscall.EBUSY:        inUse,
	syscall.EIO:          deviceGone,
	syscall.ENODEV:       deviceGone,
	syscall.ENXIO:        deviceGone,
	syscall.ESTALE:       deviceGone,
	syscall.ENAMETOOLONG: badName,
	syscall.EILSEQ:       badName,
	syscall.ECONNREFUSED: netRefused,
	syscall.ENETUNREACH:  netUnreachable,
	syscall.ENETDOWN:     netUnreachable,
	syscall.EHOSTUNREACH: netUnreachable,
	syscall.ECONNRESET:   netReset,
	syscall.ECONNABORTED: netReset,
	syscall.EPIPE:        netReset,
	syscall.ETIMEDOUT:    netTimeout,
	syscall.EADDRINUSE:   addrInUse,
}
