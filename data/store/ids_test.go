package store

import (
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestNewID_OrderedAndDistinct(t *testing.T) {
	s := newIDSource()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := 0; i < 10000; i++ { // more than 4096 in one millisecond
		u := s.next(now)
		if u.Version() != 7 || u.Variant() != uuid.RFC4122 {
			t.Fatalf("id %s: version %d variant %v", u, u.Version(), u.Variant())
		}
		id := u.String()
		if seen[id] || id <= prev {
			t.Fatalf("id %d %s after %s: not new and ordered", i, id, prev)
		}
		seen[id], prev = true, id
	}
	if other := newIDSource().next(now); seen[other.String()] {
		t.Fatal("two sources gave the same id")
	}
}

func TestYearlyID(t *testing.T) {
	s := newIDSource()
	now := time.Now()
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		p := s.next(now).String()
		seen[p] = true
		for _, k := range []Kind{Assessment, CentreYear} {
			for _, y := range []int{1990, 2025, 2026, 2100} {
				id := YearlyID(k, p, y)
				if seen[id] {
					t.Fatalf("yearly id %s repeats", id)
				}
				seen[id] = true
				if id != YearlyID(k, p, y) {
					t.Fatal("not deterministic")
				}
				if u := uuid.MustParse(id); u.Version() != 8 || u.Variant() != uuid.RFC4122 {
					t.Fatalf("%s: version %d", id, u.Version())
				}
			}
		}
	}
	if a, b := YearlyID(Profile, "2024:12694", 2026), YearlyID(Profile, "2024:12694", 2025); a == b || uuid.MustParse(a).Version() != 5 {
		t.Fatalf("profile ids %s %s", a, b)
	}
}
