package msg

import (
	"archive/zip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"os"
	"syscall"
)

// The causes from the system and the network, narrowest first. Each is
// tested by what the error is (errors.Is with the os and io/fs sentinels,
// the error types of net, tls and x509, the system's error numbers of
// errno.go), never by its text.
func init() {
	Cause("context.Canceled", func(e error) bool { return errors.Is(e, context.Canceled) }, nil)
	Cause("net.NotHTTPS", isType[tls.RecordHeaderError], host)
	Cause("net.TLS", isTLS, host)
	Cause("net.DNS", isDNS, host)
	Cause("net.Refused", isErrno(netRefused), host)
	Cause("net.AddrInUse", isErrno(addrInUse), host)
	Cause("net.Unreachable", isErrno(netUnreachable), host)
	Cause("net.Reset", isErrno(netReset), host)
	Cause("net.Timeout", isTimeout, host)
	Cause("os.DiskFull", isErrno(diskFull), path)
	Cause("os.ReadOnly", isErrno(readOnly), path)
	Cause("os.InUse", isErrno(inUse), path)
	Cause("os.DeviceGone", isErrno(deviceGone), path)
	Cause("os.NotExist", func(e error) bool { return errors.Is(e, fs.ErrNotExist) }, path)
	Cause("os.Permission", func(e error) bool { return errors.Is(e, fs.ErrPermission) }, path)
	Cause("os.Exist", func(e error) bool { return errors.Is(e, fs.ErrExist) }, path)
	Cause("os.BadName", isErrno(badName), path)
	Cause("zip.Format", func(e error) bool {
		return errors.Is(e, zip.ErrFormat) || errors.Is(e, zip.ErrChecksum) || errors.Is(e, zip.ErrAlgorithm)
	}, nil)
}

// isType tests for an error of type T (a value type) in the chain.
func isType[T error](e error) bool {
	var t T
	return errors.As(e, &t)
}

func isTLS(e error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
		alert    tls.AlertError
	)
	return errors.As(e, &unknown) || errors.As(e, &hostname) || errors.As(e, &invalid) ||
		errors.As(e, &verify) || errors.As(e, &alert)
}

// isDNS is a name the resolver does not know (a DNS timeout is a timeout).
func isDNS(e error) bool {
	var d *net.DNSError
	return errors.As(e, &d) && !d.IsTimeout
}

// isTimeout is an error of the chain that says it is a timeout (net, os,
// url and the system's error numbers do), or a deadline passed.
func isTimeout(e error) bool {
	if errors.Is(e, context.DeadlineExceeded) || errors.Is(e, os.ErrDeadlineExceeded) || isErrno(netTimeout)(e) {
		return true
	}
	return find(e, func(x error) bool {
		t, ok := x.(interface{ Timeout() bool })
		return ok && t.Timeout()
	}) != nil
}

// isErrno tests for a system error number of class k in the chain.
func isErrno(k errnoClass) func(error) bool {
	return func(e error) bool { return errnoOf(osCodes, e) == k }
}

// errnoOf is the class of the first system error number in e's chain.
func errnoOf(codes map[syscall.Errno]errnoClass, e error) errnoClass {
	var n syscall.Errno
	if !errors.As(e, &n) {
		return 0
	}
	return codes[n]
}

// path is the file a file-system error names.
func path(e error) string {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(e, &pe):
		return pe.Path
	case errors.As(e, &le):
		return le.New
	}
	return ""
}

// host is the server a network error names: the host of a URL, the name
// looked up, or the address dialled.
func host(e error) string {
	var ue *url.Error
	var de *net.DNSError
	var oe *net.OpError
	switch {
	case errors.As(e, &ue):
		if u, err := url.Parse(ue.URL); err == nil && u.Host != "" {
			return u.Host
		}
	case errors.As(e, &de):
		return de.Name
	case errors.As(e, &oe) && oe.Addr != nil:
		return oe.Addr.String()
	}
	return ""
}
