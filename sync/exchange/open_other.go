//go:build !unix

package exchange

import "os"

// openFlags open a file for reading (Windows has no named pipes in the
// file system's folders).
const openFlags = os.O_RDONLY
