//go:build unix

package exchange

import (
	"os"
	"syscall"
)

// openFlags open a file without waiting for a writer: a pipe opens at once
// (and is then refused as not regular).
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
