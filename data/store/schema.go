package store

import (
	"fmt"
	"strings"
	"sync"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// Kind names a synced table. Bundles carry the same names.
type Kind string

// The synced kinds, in the order bundles carry them (parents before children).
const (
	Village    Kind = "village"
	Profile    Kind = "profile"
	Citizen    Kind = "citizen"
	Assessment Kind = "assessment"
	Centre     Kind = "centre"
	CentreYear Kind = "centre_year"
	Award      Kind = "award"
	Fund       Kind = "fund"
	Consent    Kind = "consent"

	// The four learning models of QĐ 387 (models.go).
	Family       Kind = "family"
	Clan         Kind = "clan"
	Community    Kind = "community"
	LearningUnit Kind = "learning_unit"
	ModelYear    Kind = "model_year"
	Member       Kind = "member"
)

// Col is a synced column: a text or an integer, as its field is declared in
// package data (Field, Nil for the tombstone).
type Col struct {
	Name  string
	Int   bool
	Field *data.Col // nil for the tombstone "deleted"
}

// Schema describes a synced table: its versioned columns, those of its
// data.Table followed by the tombstone "deleted", and the derived columns
// the store computes from them for searching and sorting, which never
// travel.
type Schema struct {
	Kind    Kind
	Cols    []Col
	Derived []string
	derive  func(v []any) []any
	fts     string // the full-text index of the derived "skey" column, if any
	index   map[string]int
	wcols   []string
	about   *data.About // whose personal data the rows are (data.Table.About)
	table   data.Kind   // the kind's data table: the rules of its fields (rules.go)
}

// derivation is a derived column: its name and how it comes from a record.
type derivation[T any] struct {
	name string
	fn   func(*T) any
}

func derived[T any](name string, fn func(*T) any) derivation[T] { return derivation[T]{name, fn} }

// schemaOf builds the schema of a data table. Derived columns are computed
// from the typed record, decoded into a pooled value (a bundle of a million
// rows makes no garbage for it).
func schemaOf[T any](t *data.Table[T], fts string, ds ...derivation[T]) *Schema {
	s := &Schema{Kind: Kind(t.Name), fts: fts, index: map[string]int{}, about: t.Subject(), table: t}
	for n := range t.Cols() {
		c := &t.Cols()[n]
		s.Cols = append(s.Cols, Col{Name: c.Name, Int: c.Type.Int(), Field: c})
	}
	s.Cols = append(s.Cols, Col{Name: "deleted", Int: true})
	for n, c := range s.Cols {
		s.index[c.Name] = n
	}
	for _, d := range ds {
		s.Derived = append(s.Derived, d.name)
	}
	if len(ds) > 0 {
		pool := sync.Pool{New: func() any { return new(T) }}
		s.derive = func(v []any) []any {
			x := pool.Get().(*T)
			var zero T
			*x = zero
			t.Load(x, v)
			out := make([]any, len(ds))
			for n, d := range ds {
				out[n] = d.fn(x)
			}
			pool.Put(x)
			return out
		}
	}
	s.wcols = append(append(s.ColNames(), s.Derived...), "v_l", "v_s", "b_l", "b_s", "fv", "lseq")
	return s
}

// schemas, and Kinds, the synced kinds in bundle order: each kind's data
// table and the derived columns of its search and sort indexes.
var schemas, Kinds = register(
	schemaOf(data.Villages, "", derived("skey", func(v *data.Village) any { return text.Fold(v.Name) })),
	schemaOf(data.Profiles, ""),
	schemaOf(data.Citizens, "citizen_fts",
		derived("skey", func(c *data.Citizen) any { return c.SearchKey() }),
		derived("nkey", func(c *data.Citizen) any { return text.NameKey(c.HoDem, c.Ten) }),
		derived("vkey", func(c *data.Citizen) any { return text.Fold(c.Village) })),
	schemaOf(data.Assessments, ""),
	schemaOf(data.Centres, "",
		derived("skey", func(c *data.Centre) any { return text.Fold(c.Name) }),
		derived("nkey", func(c *data.Centre) any { return text.Key(c.Name) })),
	schemaOf(data.CentreYears, ""),
	schemaOf(data.Awards, "",
		derived("skey", func(a *data.Award) any { return text.Fold(a.FullName()) }),
		derived("nkey", func(a *data.Award) any { return text.NameKey(a.HoDem, a.Ten) }),
		derived("year", func(a *data.Award) any { return int64(a.Year()) })),
	schemaOf(data.Funds, ""),
	schemaOf(data.ConsentRecords, ""),
	schemaOf(data.Families, "",
		derived("skey", func(f *data.Family) any { return text.Fold(f.Head() + " " + f.Village) }),
		derived("nkey", func(f *data.Family) any { return text.NameKey(f.HoDem, f.Ten) }),
		derived("vkey", func(f *data.Family) any { return text.Fold(f.Village) })),
	schemaOf(data.Clans, "",
		derived("skey", func(c *data.Clan) any { return text.Fold(c.Name + " " + c.Branch + " " + c.Villages) }),
		derived("nkey", func(c *data.Clan) any { return text.Key(text.JoinName(c.Name, c.Branch)) })),
	schemaOf(data.Communities, "",
		derived("skey", func(c *data.Community) any { return text.Fold(c.Village) }),
		derived("nkey", func(c *data.Community) any { return text.Key(c.Village) }),
		derived("vkey", func(c *data.Community) any { return text.Fold(c.Village) })),
	schemaOf(data.LearningUnits, "",
		derived("skey", func(u *data.LearningUnit) any { return text.Fold(u.Name) }),
		derived("nkey", func(u *data.LearningUnit) any { return text.Key(u.Name) })),
	schemaOf(data.ModelYears, ""),
	schemaOf(data.Members, ""),
	// The association itself (association.go).
	schemaOf(data.Branches, "",
		derived("skey", func(b *data.Branch) any { return text.Fold(b.Name) }),
		derived("nkey", func(b *data.Branch) any { return text.Key(b.Name) })),
	schemaOf(data.MemberCounts, ""),
	schemaOf(data.Activities, "",
		derived("skey", func(a *data.Activity) any { return text.Fold(a.Title + " " + a.DocumentNo) })),
)

func register(ss ...*Schema) (map[Kind]*Schema, []Kind) {
	m, kinds := map[Kind]*Schema{}, []Kind{}
	for n, s := range ss {
		if s.Kind != Kind(data.AllKinds[n].KindName()) {
			panic(fmt.Sprintf("store: kind %s registered out of bundle order", s.Kind))
		}
		m[s.Kind] = s
		kinds = append(kinds, s.Kind)
	}
	return m, kinds
}

// SchemaOf returns the schema of a kind, or nil for an unknown kind.
func SchemaOf(k Kind) *Schema { return schemas[k] }

// ColNames lists the versioned column names in order.
func (s *Schema) ColNames() []string {
	out := make([]string, len(s.Cols))
	for n, c := range s.Cols {
		out[n] = c.Name
	}
	return out
}

// Index returns the position of a column, or -1.
func (s *Schema) Index(name string) int {
	if n, ok := s.index[name]; ok {
		return n
	}
	return -1
}

func (s *Schema) deleted() int { return len(s.Cols) - 1 }

// check verifies that values have the column types: what a bundle carries
// is typed before it reaches SQLite.
func (s *Schema) check(v []any) error {
	if len(v) != len(s.Cols) {
		return fmt.Errorf("%w: %s has %d values, want %d", ErrBadRow, s.Kind, len(v), len(s.Cols))
	}
	for n, c := range s.Cols {
		switch x := v[n].(type) {
		case int64:
			if !c.Int {
				return fmt.Errorf("%w: %s.%s must be text", ErrBadRow, s.Kind, c.Name)
			}
		case string:
			if c.Int {
				return fmt.Errorf("%w: %s.%s must be a number", ErrBadRow, s.Kind, c.Name)
			}
			if len(x) > maxText {
				return fmt.Errorf("%w: %s.%s too long", ErrBadRow, s.Kind, c.Name)
			}
		default:
			return fmt.Errorf("%w: %s.%s has type %T", ErrBadRow, s.Kind, c.Name, x)
		}
	}
	if d := v[s.deleted()].(int64); d != 0 && d != 1 {
		return fmt.Errorf("%w: %s.deleted must be 0 or 1", ErrBadRow, s.Kind)
	}
	return nil
}

const maxText = 4000

// writeCols lists the columns written besides id and unit.
func (s *Schema) writeCols() []string { return s.wcols }

// skeyOf is the search key (the first derived column) among the values
// rowArgs made, for kinds with a search index.
func (s *Schema) skeyOf(args []any) string {
	if s.fts == "" {
		return ""
	}
	return args[len(s.Cols)].(string)
}

// selectCols returns "id, unit, c1, c2 …, v_l, v_s, b_l, b_s, fv, lseq".
func (s *Schema) selectCols() string {
	return "id, unit, " + strings.Join(s.ColNames(), ", ") + ", v_l, v_s, b_l, b_s, fv, lseq"
}
