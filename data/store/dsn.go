package store

import (
	"net/url"
	"strings"
)

// DSNOptions say how a connection pool opened with DSN behaves.
type DSNOptions struct {
	TxLock   string   // "immediate" for the single writer, "deferred" for readers
	ReadOnly bool     // the pool may only read (query_only)
	Pragmas  []string // more pragmas, e.g. "cache_size(-32000)"
}

// DSN is the one way this program names an SQLite file to modernc.org/sqlite
// (the store and the hub's index both use it). Every pooled connection gets
// WAL, synchronous=FULL (a power cut loses nothing committed), foreign keys
// and a busy timeout for another program sharing the file, then the
// options' pragmas. The path is escaped for SQLite's file: URI, so that a
// folder named "Sổ #2", "a?b" or "100%" opens that folder's file and no
// other.
func DSN(path string, o DSNOptions) string {
	q := url.Values{}
	for _, p := range append([]string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)",
		"foreign_keys(1)"}, o.Pragmas...) {
		q.Add("_pragma", p)
	}
	if o.ReadOnly {
		q.Add("_pragma", "query_only(1)")
	}
	if o.TxLock != "" {
		q.Set("_txlock", o.TxLock)
	}
	return "file:" + uriPath.Replace(path) + "?" + q.Encode()
}

// uriPath escapes what a file: URI would otherwise cut a path at or decode.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")
