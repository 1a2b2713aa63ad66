package units

import (
	"slices"
	"strings"
	"sync"

	"sokhuyenhoc/data/text"
)

// Match is a unit a search found. Former is set when the unit was found
// through the name of a province that no longer exists (the list from
// 1/7/2025): the former province, whose territory the unit's province took
// over.
type Match struct {
	*Unit
	Former *Unit
}

// How well a unit's names match the words typed, best first.
const (
	byCode      = iota // the query is the start of its code
	byName             // its name is the words typed ("dong phuong": Đông Phương)
	byNameWords        // every word typed is a whole word of its name
	byFullWords        // … or of its full name ("phuong", "xa" included)
	byWordStart        // every word starts a word of its full name
	byPart             // every word is inside its full name
	byPathWords        // every word is a whole word of its names up to the province
	byPath             // every word is inside those names
	noMatch
)

// Find returns up to max units of list matching what a person typed,
// marks and case ignored, best first: units of level (when given) before
// the others, then by how well they match (see the ranks above), then in
// the list's order. So "dong phuong" puts Xã Đông Phương before the
// dozens of Phường Đồng… that hold both words. On the list from 1/7/2025
// the name of a province of the list before stands for the province that
// took its territory over: "dong hoa thai binh" finds the units called
// Đông Hòa in Hưng Yên, marked with their former province.
func (r *Registry) Find(list, level, query string, max int) []Match {
	words := strings.Fields(text.Fold(query))
	if len(words) == 0 || max <= 0 {
		return nil
	}
	typed := strings.ToLower(strings.Join(strings.Fields(query), " "))
	hits := r.hits(list, level, words, strings.TrimSpace(query), typed, nil)
	if list == List2025 {
		if f, rest := r.formerProvince(words); f != nil {
			hits = append(hits, r.hits(list, level, rest, "", "", f)...)
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.rank - b.rank })
	seen := map[Ref]bool{}
	var out []Match
	for _, h := range hits {
		if len(out) == max {
			break
		}
		if !seen[h.Ref] {
			seen[h.Ref] = true
			out = append(out, h.Match)
		}
	}
	return out
}

// hit is a unit found with its rank (lower is better).
type hit struct {
	Match
	rank int
}

// hits lists the units of list matching words (or whose code starts with
// code), ranked; with former set, only the units of former's successor,
// its own name standing for the province when no other word was typed.
func (r *Registry) hits(list, level string, words []string, code, typed string, former *Unit) []hit {
	var within *Unit
	if former != nil {
		if within = r.successor(former); within == nil {
			return nil
		}
	}
	var out []hit
	for _, u := range r.all[list] {
		rank := noMatch
		switch {
		case within != nil && !r.Within(u.Ref, within.Ref):
			continue
		case within != nil && len(words) == 0:
			if u == within {
				rank = byName
			}
		case code != "" && strings.HasPrefix(u.Code, code):
			rank = byCode
		default:
			rank = r.rank(u, words)
		}
		if rank == noMatch {
			continue
		}
		rank *= 2 // between equals, the name typed with its marks first
		if typed == "" || strings.ToLower(u.Name) != typed {
			rank++
		}
		if level != "" && u.Level != level {
			rank += 2 * noMatch // other levels after
		}
		out = append(out, hit{Match{Unit: u, Former: former}, rank})
	}
	return out
}

// rank says how well u's names match words (noMatch when they do not).
func (r *Registry) rank(u *Unit, words []string) int {
	name := strings.Fields(text.Fold(u.Name))
	full := strings.Fields(u.fold)
	switch {
	case slices.Equal(name, words):
		return byName
	case allIn(words, name, whole):
		return byNameWords
	case allIn(words, full, whole):
		return byFullWords
	case allIn(words, full, strings.HasPrefix):
		return byWordStart
	case allIn(words, []string{u.fold}, strings.Contains):
		return byPart
	}
	path := r.Path(u.Ref)
	switch {
	case allIn(words, strings.Fields(path), whole):
		return byPathWords
	case allIn(words, []string{path}, strings.Contains):
		return byPath
	}
	return noMatch
}

func whole(a, b string) bool { return a == b }

// allIn reports whether every word w has a name n with match(n, w).
func allIn(words, names []string, match func(n, w string) bool) bool {
	for _, w := range words {
		if !slices.ContainsFunc(names, func(n string) bool { return match(n, w) }) {
			return false
		}
	}
	return true
}

// formerProvince finds in words the name of a province of the list before
// 1/7/2025 that the list from then no longer has (Thái Bình), and returns
// it with the other words.
func (r *Registry) formerProvince(words []string) (*Unit, []string) {
	for _, p := range r.provinces(List2024) {
		name := strings.Fields(text.Fold(p.Name))
		for i := 0; i+len(name) <= len(words); i++ {
			if !slices.Equal(words[i:i+len(name)], name) || r.hasProvince(List2025, p.Name) {
				continue
			}
			rest := append(slices.Clone(words[:i]), words[i+len(name):]...)
			return p, rest
		}
	}
	return nil, words
}

func (r *Registry) provinces(list string) []*Unit {
	var out []*Unit
	for _, u := range r.all[list] {
		if u.Level == Province {
			out = append(out, u)
		}
	}
	return out
}

func (r *Registry) hasProvince(list, name string) bool {
	f := text.Fold(name)
	for _, p := range r.provinces(list) {
		if text.Fold(p.Name) == f {
			return true
		}
	}
	return false
}

// Successor returns the province of the list from 1/7/2025 that took over
// the territory of a province of the list before (Tỉnh Thái Bình → Tỉnh
// Hưng Yên; a province that was kept is its own successor), nil when the
// lists do not tell.
//
// The lists tell it without a table: a commune of the new list mostly
// keeps the code of one of the communes merged into it, so the new
// province holding the communes that carry a former province's commune
// codes is its successor (the two lists agree on every one of the 63).
func (r *Registry) Successor(former *Unit) *Unit {
	if former == nil || former.List != List2024 || former.Level != Province {
		return nil
	}
	return r.successor(former)
}

func (r *Registry) successor(former *Unit) *Unit {
	succMu.Lock()
	defer succMu.Unlock()
	t, ok := succ[r]
	if !ok {
		t = r.findSuccessors()
		succ[r] = t
	}
	return t[former.Code]
}

// succ holds each registry's successors, worked out on first use (the
// registry is read once and never changes).
var (
	succMu sync.Mutex
	succ   = map[*Registry]map[string]*Unit{}
)

// findSuccessors counts, for each province of the list before, the new
// provinces its commune codes went to, and keeps the most frequent.
func (r *Registry) findSuccessors() map[string]*Unit {
	votes := map[string]map[string]int{} // old province code → new province code → communes
	for _, u := range r.all[List2025] {
		if u.Level != Commune {
			continue
		}
		old := r.byRef[Ref{List2024, u.Code}]
		if old == nil || old.Level != Commune {
			continue
		}
		p := r.provinceOf(old)
		if p == nil {
			continue
		}
		if votes[p.Code] == nil {
			votes[p.Code] = map[string]int{}
		}
		votes[p.Code][u.Parent]++
	}
	out := map[string]*Unit{}
	for code, vs := range votes {
		best, n := "", 0
		for c, k := range vs {
			if k > n || k == n && c < best {
				best, n = c, k
			}
		}
		out[code] = r.byRef[Ref{List2025, best}]
	}
	return out
}

func (r *Registry) provinceOf(u *Unit) *Unit {
	for u != nil && u.Level != Province {
		u = r.Parent(u.Ref)
	}
	return u
}
