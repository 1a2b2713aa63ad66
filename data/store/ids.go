package store

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Record ids are UUIDv7 (RFC 9562, method 3: a counter in rand_a with a
// fixed random tail): 48 bits of Unix milliseconds, a 12-bit sequence that
// keeps ids made in the same millisecond ordered, and 62 bits drawn once
// per process. Ids made together are ordered in every index and differ in a
// few hex digits, so a bundle of new records compresses to a few bytes an
// id; the 62 random bits keep installations apart.
type idSource struct {
	mu   sync.Mutex
	tail [8]byte // bytes 8–15, variant bits set
	ms   int64   // last millisecond used
	seq  uint16  // 12-bit sequence within ms
}

var ids = newIDSource()

func newIDSource() *idSource {
	s := &idSource{}
	if _, err := rand.Read(s.tail[:]); err != nil {
		panic(err)
	}
	s.tail[0] = s.tail[0]&0x3f | 0x80 // RFC 9562 variant
	return s
}

func (s *idSource) next(now time.Time) uuid.UUID {
	s.mu.Lock()
	ms := now.UnixMilli()
	switch {
	case ms > s.ms:
		s.ms, s.seq = ms, 0
	case s.seq < 0xfff:
		s.seq++
	default: // 4096 ids in one millisecond: borrow the next one
		s.ms, s.seq = s.ms+1, 0
	}
	ms, seq := s.ms, s.seq
	s.mu.Unlock()
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[0:8], uint64(ms)<<16|0x7000|uint64(seq))
	copy(u[8:], s.tail[:])
	return u
}

// NewID returns a fresh record id.
func NewID() string { return ids.next(time.Now()).String() }

// Yearly rows (an assessment, a centre's year, a commune's profile) have an
// id derived from their parent and the year, so two installations that enter
// the same year for the same parent write the same record and merge it field
// by field instead of creating a duplicate. For a parent with a UUID id the
// yearly id keeps the parent's bytes (it sorts and compresses with it), turns
// the version to 8 (RFC 9562, custom) and marks kind and year into bytes 8–9
// by exclusive or, which keeps ids of different parents different.
var yearlyNS = uuid.MustParse("6f1c3a52-94a7-4e0b-9d36-1b8f7f6c2d10")

var yearlyKind = map[Kind]int{Assessment: 1, CentreYear: 2, Profile: 3, ModelYear: 4}

// YearlyID returns the id of the row of kind for parent in year.
func YearlyID(kind Kind, parent string, year int) string {
	p, err := uuid.Parse(parent)
	if err != nil || p.Version() == 8 || year < 1900 || year-1900 > 0xff {
		return uuid.NewSHA1(yearlyNS, fmt.Appendf(nil, "%s/%s/%d", kind, parent, year)).String()
	}
	mark := yearlyKind[kind]<<8 | (year - 1900) // 4 bits kind, 8 bits year
	p[6] = p[6]&0x0f | 0x80
	p[8] ^= byte(mark>>8) & 0x0f
	p[9] ^= byte(mark)
	return p.String()
}
