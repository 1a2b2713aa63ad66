package tabular

import (
	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/text"
)

// citizenIndex finds, in memory, the citizens of the unit a row may name
// by its name: an index, not a scan per row, so that an import is
// near-linear in its rows however many of them share a name (a query per
// row walked every namesake, which made 20,000 rows sharing a few names
// take seconds and 200,000 take minutes). It is read from the store once,
// at the file's first row that needs it, and kept up to date with what the
// import itself writes.
//
// A row's match is a group: the citizens with the row's name key and,
// for the citizenIDs cells the row gives, the same values (the birth year,
// the village, and no CCCD when the row has one). Within a group, the
// citizens are in buckets by their citizenIDs values: the row cannot tell
// two buckets apart, so a match is ambiguous exactly when two buckets
// still hold a citizen not yet claimed for the row's year. Claims only
// ever grow during an import, so each group and bucket keeps, per year, a
// cursor past what is claimed: finding the first free citizen, and
// whether a second bucket has one, costs nothing per row once paid.
type citizenIndex struct {
	groups  map[groupKey]*group
	members map[string]*member
}

// member is a citizen as the index knows it; gen counts its changes, so
// that the slots of its earlier values are skipped.
type member struct {
	id   string
	nkey string
	ids  citizenIDs
	gen  int
}

// citizenIDs is what tells citizens of one name apart: their identity cells.
type citizenIDs struct {
	birthYear int64
	vkey      string // folded village
	idNumber  string
}

// groupKey is a name key and the citizenIDs cells a row gives.
type groupKey struct {
	nkey            string
	givesYear       bool
	birthYear       int64
	givesVillage    bool
	vkey            string
	needsNoIDNumber bool // the row has a CCCD: only citizens without one
}

type group struct {
	buckets []*bucket // in the order their first citizen came (by id, then as made)
	by      map[citizenIDs]*bucket
	next    map[int]int // year → the first bucket that may hold a free citizen
}

type bucket struct {
	pos   int // its index in the group
	slots []slot
	next  map[int]int // year → the first slot that may be free
}

type slot struct {
	m   *member
	gen int
}

// loadCitizenIndex reads the unit's live citizens.
func loadCitizenIndex(e *store.Editor, unit string) (*citizenIndex, error) {
	ms, err := e.Matches(store.Citizen, unit, nil, []string{"nkey", "birth_year", "vkey", "id_number"})
	if err != nil {
		return nil, err
	}
	ix := &citizenIndex{groups: map[groupKey]*group{}, members: map[string]*member{}}
	for _, m := range ms {
		ix.put(m.ID, str(m.Vals[0]), citizenIDs{birthYear: num(m.Vals[1]), vkey: str(m.Vals[2]), idNumber: str(m.Vals[3])})
	}
	return ix, nil
}

func str(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	}
	return ""
}

func num(v any) int64 {
	n, _ := v.(int64)
	return n
}

// saved records what the import wrote for a citizen: new, or changed.
func (ix *citizenIndex) saved(c data.Citizen) {
	ix.put(c.ID, string(text.NameKey(c.HoDem, c.Ten)),
		citizenIDs{birthYear: int64(c.BirthYear), vkey: text.Fold(c.Village), idNumber: c.IDNumber})
}

func (ix *citizenIndex) put(id, nkey string, ids citizenIDs) {
	m := ix.members[id]
	if m != nil && m.ids == ids && m.nkey == nkey {
		return
	}
	if m == nil {
		m = &member{id: id}
		ix.members[id] = m
	}
	m.gen++ // its slots under earlier values are skipped from now on
	m.ids, m.nkey = ids, nkey
	for _, k := range keysOf(nkey, ids) {
		g := ix.groups[k]
		if g == nil {
			g = &group{by: map[citizenIDs]*bucket{}, next: map[int]int{}}
			ix.groups[k] = g
		}
		b := g.by[ids]
		if b == nil {
			b = &bucket{pos: len(g.buckets), next: map[int]int{}}
			g.by[ids] = b
			g.buckets = append(g.buckets, b)
		}
		g.insert(b, slot{m: m, gen: m.gen})
	}
}

// insert puts an slot in its bucket in id order (the order the store's
// matches come in): new citizens' ids come last, a changed one's goes back
// to its place. The cursors step back over it.
func (g *group) insert(b *bucket, e slot) {
	i := len(b.slots)
	for i > 0 && b.slots[i-1].m.id > e.m.id {
		i--
	}
	b.slots = append(b.slots, slot{})
	copy(b.slots[i+1:], b.slots[i:])
	b.slots[i] = e
	for y, at := range b.next {
		if at > i {
			b.next[y] = i
		}
	}
	for y, at := range g.next {
		if at > b.pos {
			g.next[y] = b.pos
		}
	}
}

// keysOf lists the groups a citizen belongs to: one for each choice of
// citizenIDs cells a row may give.
func keysOf(nkey string, ids citizenIDs) []groupKey {
	var out []groupKey
	for _, y := range []bool{false, true} {
		for _, v := range []bool{false, true} {
			for _, noID := range []bool{false, true} {
				if noID && ids.idNumber != "" {
					continue
				}
				k := groupKey{nkey: nkey, givesYear: y, givesVillage: v, needsNoIDNumber: noID}
				if y {
					k.birthYear = ids.birthYear
				}
				if v {
					k.vkey = ids.vkey
				}
				out = append(out, k)
			}
		}
	}
	return out
}

// pick returns the free citizen of group k for year, "" when none, or an
// AmbiguousError when two buckets of it hold free citizens: the row
// leaves open the cell that tells them apart.
func (ix *citizenIndex) pick(k groupKey, year int, claimed func(id string, year int) bool) (string, error) {
	g := ix.groups[k]
	if g == nil {
		return "", nil
	}
	first, at := g.firstFree(g.next[year], year, claimed)
	g.next[year] = at
	if first == nil {
		return "", nil
	}
	if other, _ := g.firstFree(at+1, year, claimed); other != nil {
		return "", rowError{&AmbiguousError{Candidates: g.countFree(year, claimed),
			Column: differing(k, first.firstFree(year, claimed).ids, other.firstFree(year, claimed).ids)}}
	}
	return first.firstFree(year, claimed).id, nil
}

// firstFree returns the first bucket from index i on that holds a free
// citizen, and its index.
func (g *group) firstFree(i, year int, claimed func(string, int) bool) (*bucket, int) {
	for ; i < len(g.buckets); i++ {
		if b := g.buckets[i]; b.firstFree(year, claimed) != nil {
			return b, i
		}
	}
	return nil, i
}

// firstFree returns the bucket's first citizen still there (not changed
// since) and not claimed for year, moving its cursor past the others.
func (b *bucket) firstFree(year int, claimed func(string, int) bool) *member {
	i := b.next[year]
	for ; i < len(b.slots); i++ {
		e := b.slots[i]
		if e.gen == e.m.gen && !claimed(e.m.id, year) {
			break
		}
	}
	b.next[year] = i
	if i == len(b.slots) {
		return nil
	}
	return b.slots[i].m
}

// countFree counts the free citizens of the group (for the message of an
// ambiguous row only).
func (g *group) countFree(year int, claimed func(string, int) bool) int {
	n := 0
	for _, b := range g.buckets {
		for _, e := range b.slots[b.next[year]:] {
			if e.gen == e.m.gen && !claimed(e.m.id, year) {
				n++
			}
		}
	}
	return n
}

// differing names the first citizenIDs cell the row leaves open in which
// two buckets differ.
func differing(k groupKey, a, b citizenIDs) string {
	switch {
	case !k.givesYear && a.birthYear != b.birthYear:
		return "birth_year"
	case !k.givesVillage && a.vkey != b.vkey:
		return "village"
	}
	return "id_number"
}
