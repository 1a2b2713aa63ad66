package msg

import "syscall"

// errnoClass groups the system's error numbers that say the same thing to
// a person. os and io/fs already map "not found", "no permission" and
// "exists" (errors.Is with fs.ErrNotExist …, on every system); the classes
// here are those they do not.
type errnoClass int

const (
	_              errnoClass = iota
	diskFull                  // no space left, quota used up
	readOnly                  // a read-only file system, a write-protected stick
	inUse                     // the file is open or locked by another program
	deviceGone                // the drive failed or is gone (a stick pulled out)
	badName                   // a name or path the system does not take
	netRefused                // nothing listens at the address
	netUnreachable            // no route to the network or the host
	netReset                  // the connection was cut
	netTimeout                // the other side did not answer in time
	addrInUse                 // another program listens on the port already
)

// windowsCodes are the Windows error numbers (winerror.h) of each class.
// They are data on every system, so that tests on Linux check them too;
// errno_windows.go makes them the ones in force.
var windowsCodes = map[syscall.Errno]errnoClass{
	19:    readOnly,       // ERROR_WRITE_PROTECT
	21:    deviceGone,     // ERROR_NOT_READY: no medium, a stick pulled out
	23:    deviceGone,     // ERROR_CRC: a data error on the medium
	31:    deviceGone,     // ERROR_GEN_FAILURE: a device attached to the system is not functioning
	32:    inUse,          // ERROR_SHARING_VIOLATION: Excel has the file open
	33:    inUse,          // ERROR_LOCK_VIOLATION
	39:    diskFull,       // ERROR_HANDLE_DISK_FULL
	55:    deviceGone,     // ERROR_DEV_NOT_EXIST
	112:   diskFull,       // ERROR_DISK_FULL
	123:   badName,        // ERROR_INVALID_NAME: a character Windows does not take
	206:   badName,        // ERROR_FILENAME_EXCED_RANGE: a path over 260 characters
	1167:  deviceGone,     // ERROR_DEVICE_NOT_CONNECTED
	1224:  inUse,          // ERROR_USER_MAPPED_FILE
	1295:  diskFull,       // ERROR_DISK_QUOTA_EXCEEDED
	10050: netUnreachable, // WSAENETDOWN
	10051: netUnreachable, // WSAENETUNREACH
	10048: addrInUse,      // WSAEADDRINUSE
	10053: netReset,       // WSAECONNABORTED
	10054: netReset,       // WSAECONNRESET
	10060: netTimeout,     // WSAETIMEDOUT
	10061: netRefused,     // WSAECONNREFUSED
	10065: netUnreachable, // WSAEHOSTUNREACH
}
