package exchange

import (
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// toBundle turns a stored row into the row a payload carries: the row's
// default version and the columns whose versions differ.
func toBundle(r *store.Row, cols []string) bundle.Row {
	def, over := store.Compact(r.FV)
	out := bundle.Row{ID: r.ID, Unit: r.Unit, Ver: bver(def.Ver), Base: bver(def.Base), Values: r.Vals}
	if len(over) > 0 {
		out.Overrides = make(map[string]bundle.FieldVersion, len(over))
		for n, f := range over {
			out.Overrides[cols[n]] = bundle.FieldVersion{Ver: bver(f.Ver), Base: bver(f.Base), Sup: bvers(f.Sup)}
		}
	}
	return out
}

// fromBundle is the inverse; the payload table's columns are the
// schema's, or (at non-nil) an earlier release's, whose values are widened.
func fromBundle(sc *store.Schema, at []int, r *bundle.Row) *store.Row {
	def := store.FieldVersion{Ver: sver(r.Ver), Base: sver(r.Base)}
	var over map[int]store.FieldVersion
	for name, f := range r.Overrides {
		if over == nil {
			over = map[int]store.FieldVersion{}
		}
		over[sc.Index(name)] = store.FieldVersion{Ver: sver(f.Ver), Base: sver(f.Base), Sup: svers(f.Sup)}
	}
	vals := r.Values
	if at != nil {
		vals = sc.Widen(at, vals)
	}
	out := &store.Row{Kind: sc.Kind, ID: r.ID, Unit: r.Unit, Vals: vals, FV: store.Expand(len(sc.Cols), def, over)}
	keepHome(out, sc) // projection.go
	return out
}

func bver(v store.Version) bundle.Version { return bundle.Version{L: v.L, S: v.S} }
func sver(v bundle.Version) store.Version { return store.Version{L: v.L, S: v.S} }

func bvers(vs []store.Version) []bundle.Version {
	var out []bundle.Version
	for _, v := range vs {
		out = append(out, bver(v))
	}
	return out
}

func svers(vs []bundle.Version) []store.Version {
	var out []store.Version
	for _, v := range vs {
		out = append(out, sver(v))
	}
	return out
}
