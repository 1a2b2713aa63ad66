package store

import (
	"encoding/json"
	"fmt"
)

// Version is a logical version: a Lamport counter and the site id of the
// installation that made the change. Versions order by counter, then site
// id, so every installation picks the same winner. The wall clock never
// enters: a PC set to 1980 or 2099 orders nothing.
type Version struct {
	L int64
	S string
}

// IsZero reports the version of a field never written.
func (v Version) IsZero() bool { return v.L == 0 && v.S == "" }

// Less orders versions.
func (v Version) Less(w Version) bool {
	if v.L != w.L {
		return v.L < w.L
	}
	return v.S < w.S
}

func (v Version) String() string { return fmt.Sprintf("%d@%s", v.L, v.S) }

// FieldVersion is the version of one field: the edit that wrote it, the
// version it replaced (its base, which tells a successor from a concurrent
// edit) and, for a person's resolution of a conflict, the losing versions it
// settles.
type FieldVersion struct {
	Ver  Version
	Base Version
	Sup  []Version
}

func (f FieldVersion) plain() bool { return len(f.Sup) == 0 }

func (f FieldVersion) same(g FieldVersion) bool {
	if f.Ver != g.Ver || f.Base != g.Base || len(f.Sup) != len(g.Sup) {
		return false
	}
	for n := range f.Sup {
		if f.Sup[n] != g.Sup[n] {
			return false
		}
	}
	return true
}

func (f FieldVersion) settles(v Version) bool {
	for _, s := range f.Sup {
		if s == v {
			return true
		}
	}
	return false
}

// Compact splits per-field versions into the most common plain one (the
// row's default) and the overrides of the other fields, keyed by column
// index. Ties go to the newest version, so a row just edited keeps its edit
// as the default. Rows written once have no overrides at all.
func Compact(fv []FieldVersion) (def FieldVersion, over map[int]FieldVersion) {
	if allSame(fv) { // most rows: every field written together
		return fv[0], nil
	}
	best, bestN := -1, 0
	for n, f := range fv {
		if !f.plain() {
			continue
		}
		c := 0
		for _, g := range fv {
			if g.plain() && g.Ver == f.Ver && g.Base == f.Base {
				c++
			}
		}
		if c > bestN || c == bestN && fv[best].Ver.Less(f.Ver) {
			best, bestN = n, c
		}
	}
	if best >= 0 {
		def = fv[best]
	}
	for n, f := range fv {
		if !f.same(def) {
			if over == nil {
				over = map[int]FieldVersion{}
			}
			over[n] = f
		}
	}
	return def, over
}

func allSame(fv []FieldVersion) bool {
	if len(fv) == 0 || !fv[0].plain() {
		return false
	}
	for _, f := range fv[1:] {
		if f.Ver != fv[0].Ver || f.Base != fv[0].Base || !f.plain() {
			return false
		}
	}
	return true
}

// Expand is the inverse of Compact for n columns.
func Expand(n int, def FieldVersion, over map[int]FieldVersion) []FieldVersion {
	out := make([]FieldVersion, n)
	for k := range out {
		if f, ok := over[k]; ok {
			out[k] = f
		} else {
			out[k] = def
		}
	}
	return out
}

// The fv column holds overrides as {"col":[l,"s",bl,"bs",[[l,"s"]…]]}.
type fvJSON map[string][]json.RawMessage

func encodeOverrides(s *Schema, over map[int]FieldVersion) (any, error) {
	if len(over) == 0 {
		return nil, nil
	}
	m := map[string][]any{}
	for n, f := range over {
		e := []any{f.Ver.L, f.Ver.S, f.Base.L, f.Base.S}
		if len(f.Sup) > 0 {
			sup := make([][]any, len(f.Sup))
			for k, v := range f.Sup {
				sup[k] = []any{v.L, v.S}
			}
			e = append(e, sup)
		}
		m[s.Cols[n].Name] = e
	}
	b, err := json.Marshal(m)
	return string(b), err
}

func decodeOverrides(s *Schema, raw string) (map[int]FieldVersion, error) {
	if raw == "" {
		return nil, nil
	}
	var m map[string][]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	over := make(map[int]FieldVersion, len(m))
	for name, e := range m {
		n := s.Index(name)
		if n < 0 || len(e) < 4 {
			return nil, fmt.Errorf("store: bad version of %s.%s", s.Kind, name)
		}
		var f FieldVersion
		for k, dst := range []any{&f.Ver.L, &f.Ver.S, &f.Base.L, &f.Base.S} {
			if err := json.Unmarshal(e[k], dst); err != nil {
				return nil, err
			}
		}
		if len(e) > 4 {
			var sup [][2]json.RawMessage
			if err := json.Unmarshal(e[4], &sup); err != nil {
				return nil, err
			}
			for _, p := range sup {
				var v Version
				if json.Unmarshal(p[0], &v.L) != nil || json.Unmarshal(p[1], &v.S) != nil {
					return nil, fmt.Errorf("store: bad settled version of %s.%s", s.Kind, name)
				}
				f.Sup = append(f.Sup, v)
			}
		}
		over[n] = f
	}
	return over, nil
}
