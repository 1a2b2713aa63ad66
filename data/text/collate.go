package text

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collator is not safe for concurrent use: each caller borrows one.
var collators = sync.Pool{New: func() any {
	return &keyer{c: collate.New(language.Vietnamese, collate.IgnoreCase), buf: &collate.Buffer{}}
}}

type keyer struct {
	c   *collate.Collator
	buf *collate.Buffer
}

// NameKey returns a byte key that sorts people the Vietnamese way: by tên
// first, then by họ đệm, with Vietnamese collation (a < á < ă < â … d < đ),
// ignoring case (names are capitalised alike; the key is a quarter shorter).
// Keys compare with bytes.Compare and are stored in an indexed column, so
// lists come out of SQLite already in order.
func NameKey(hoDem, ten string) []byte {
	k := collators.Get().(*keyer)
	defer collators.Put(k)
	k.buf.Reset()
	a := k.c.KeyFromString(k.buf, Clean(ten))
	out := make([]byte, 0, 2*len(a)+8)
	out = append(out, a...)
	out = append(out, 0)
	k.buf.Reset()
	out = append(out, k.c.KeyFromString(k.buf, Clean(hoDem))...)
	return out
}

// Key returns the Vietnamese collation key of one string (names of centres,
// villages, units).
func Key(s string) []byte {
	k := collators.Get().(*keyer)
	defer collators.Put(k)
	k.buf.Reset()
	return append([]byte(nil), k.c.KeyFromString(k.buf, Clean(s))...)
}

// Compare compares two strings with Vietnamese collation.
func Compare(a, b string) int {
	k := collators.Get().(*keyer)
	defer collators.Put(k)
	return k.c.CompareString(Clean(a), Clean(b))
}
