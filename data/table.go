package data

import (
	"fmt"
	"strconv"
)

// A record kind is described once, by a Table: its fields in stored order,
// each with its column name and type, the getter and setter that bind it
// to the Go type, the cell it is written in (files, forms), its rules, and
// how far upward it travels. The store takes its columns, SQL and derived
// keys from the table, the bundles their columns, the files their cells,
// and the conflict screen its labels: a new kind of record is a new table.

// Type is how a field's value is held, stored and written.
type Type uint8

// The types of fields.
const (
	TypeText   Type = iota // free text, cleaned (NFC, single spaces)
	TypeCode               // a code of a closed list (Col.Enum)
	TypeRef                // the id of another record
	TypeDate               // a calendar day, stored yyyy-mm-dd
	TypeYear               // a year, 0 for none
	TypeCount              // a whole non-negative number
	TypeVND                // whole đồng
	TypeScores             // the ten scores of an assessment, in tenths, stored "80,85,…"
)

// Int reports whether values of t are stored as integers (int64); the
// others are text.
func (t Type) Int() bool { return t == TypeYear || t == TypeCount || t == TypeVND }

// Reach says how far up the hierarchy a field's value travels in bundles.
// The level above the commune (the district, or the province where there
// is no district) reviews records and needs to reach people; the levels
// above it report counts and trace figures. With Col.Ident, the reach and
// the person's consent to sending upward make a kind's upward projection
// (projection.go).
type Reach uint8

// Reaches.
const (
	Everywhere Reach = iota // names, results, figures: every level
	OneUp                   // contact and identity details: blanked in bundles made above the commune
	Home                    // never leaves the installation where it was entered
)

// SentBy reports whether an installation at level (commune, district,
// province) puts the value in the bundles it sends upward.
func (r Reach) SentBy(level string) bool {
	switch r {
	case OneUp:
		return level == "commune"
	case Home:
		return false
	}
	return true
}

// Col describes one field of a record kind: its stored (and bundle)
// column, the file and form column it is written in, its type and rules,
// how far it travels, and its name for people.
type Col struct {
	Name     string   // stored and bundle column ("ho_dem", "grp")
	File     string   // file and form column ("group"); "" when the kind's own code writes it
	Type     Type     // how the value is held
	Max      int      // TypeText, TypeRef: the longest value, in characters
	Enum     *Enum    // TypeCode: the closed list
	Open     []Option // TypeText: the usual values of an open list (a label typed becomes its code)
	Required bool     // an empty cell is an error
	Reach    Reach    // how far up it travels
	Ident    bool     // names or points at the person: blanked upward without consent to send (projection.go)
	Label    string   // English source string naming the field for people
	norm     func(string) (string, error)
	form     func(string) error // the stored form's own rule, beyond norm (CheckStored)
}

// Opt sets a property of a column.
type Opt func(*Col)

// File names the file and form column ("" for none: the kind writes it).
func File(name string) Opt { return func(c *Col) { c.File = name } }

// Of makes a text column a code of a closed list.
func Of(e *Enum) Opt { return func(c *Col) { c.Type, c.Enum = TypeCode, e } }

// Suggest gives a text column its usual values.
func Suggest(opts []Option) Opt { return func(c *Col) { c.Open = opts } }

// Required refuses an empty cell.
func Required() Opt { return func(c *Col) { c.Required = true } }

// Reaching sets how far up the column travels.
func Reaching(r Reach) Opt { return func(c *Col) { c.Reach = r } }

// Identifying marks a column that names or points at the person the record
// is about: without the person's consent to sending upward it goes up blank.
func Identifying() Opt { return func(c *Col) { c.Ident = true } }

// Normalize cleans a text value before it is checked (a phone, a CCCD).
func Normalize(fn func(string) (string, error)) Opt { return func(c *Col) { c.norm = fn } }

// Form gives a text column a rule its stored values must meet (a CCCD
// has 12 digits), checked by CheckStored; Parse checks it with the
// record's other rules.
func Form(fn func(string) error) Opt { return func(c *Col) { c.form = fn } }

// Label names the column for people (an English source string); the
// default is "field " and the file column (or the stored name).
func Label(s string) Opt { return func(c *Col) { c.Label = s } }

// Field binds a column to the field of a record of type T that holds it.
type Field[T any] struct {
	Col
	b binding[T]
}

// binding moves one field between a record, its stored value and its cell.
type binding[T any] interface {
	get(x *T) any    // the stored value: string or int64
	set(x *T, v any) // from a stored value of the column's type
	cell(x *T, c *Col, st Style) string
	read(x *T, c *Col, p *parser)
}

func newField[T any](name string, t Type, max int, b binding[T], opts []Opt) Field[T] {
	c := Col{Name: name, File: name, Type: t, Max: max}
	for _, o := range opts {
		o(&c)
	}
	if c.Label == "" {
		c.Label = "field " + c.Name
		if c.File != "" {
			c.Label = "field " + c.File
		}
	}
	return Field[T]{Col: c, b: b}
}

// Text binds a text field of at most max characters.
func Text[T any](name string, max int, p func(*T) *string, opts ...Opt) Field[T] {
	return newField(name, TypeText, max, strBinding[T]{p}, opts)
}

// Ref binds the id of another record.
func Ref[T any](name string, p func(*T) *string, opts ...Opt) Field[T] {
	return newField(name, TypeRef, 60, strBinding[T]{p}, opts)
}

// Day binds a date.
func Day[T any](name string, p func(*T) *Date, opts ...Opt) Field[T] {
	return newField(name, TypeDate, 0, dateBinding[T]{p}, opts)
}

// Year binds a year (0 for none).
func Year[T any](name string, p func(*T) *int, opts ...Opt) Field[T] {
	return newField(name, TypeYear, 0, yearBinding[T]{p}, opts)
}

// Count binds a whole number.
func Count[T any](name string, p func(*T) *int64, opts ...Opt) Field[T] {
	return newField(name, TypeCount, 0, numBinding[T]{p}, opts)
}

// Money binds an amount in đồng.
func Money[T any](name string, p func(*T) *int64, opts ...Opt) Field[T] {
	return newField(name, TypeVND, 0, numBinding[T]{p}, opts)
}

// ScoreList binds the ten scores of an assessment.
func ScoreList[T any](name string, p func(*T) *[]int, opts ...Opt) Field[T] {
	return newField(name, TypeScores, 0, scoresBinding[T]{p}, append([]Opt{File("")}, opts...))
}

// Table describes a record kind T: its name, as stores and bundles know it,
// and its fields in stored order.
type Table[T any] struct {
	Name   string
	fields []Field[T]
	cols   []Col
	key    func(*T) (id, unit *string)
	loaded func(*T) // fills what is derived from stored fields
	about  *About   // whose personal data a record is (consent_rules.go); nil for none
}

// NewTable describes a kind; key gives a record's id and unit.
func NewTable[T any](name string, key func(*T) (id, unit *string), fields ...Field[T]) *Table[T] {
	t := &Table[T]{Name: name, fields: fields, key: key}
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.Name] {
			panic(fmt.Sprintf("data: %s: column %s twice", name, f.Name))
		}
		seen[f.Name] = true
		t.cols = append(t.cols, f.Col)
	}
	return t
}

// OnLoad sets what Load derives from the stored fields (an award's birth
// year from its birth date).
func (t *Table[T]) OnLoad(fn func(*T)) *Table[T] {
	t.loaded = fn
	return t
}

// Cols lists the columns in stored order.
func (t *Table[T]) Cols() []Col { return t.cols }

// Key returns the record's id and unit.
func (t *Table[T]) Key(x *T) (id, unit *string) { return t.key(x) }

// Values returns the stored values of x, in column order: a string or an
// int64 per column.
func (t *Table[T]) Values(x *T) []any {
	out := make([]any, len(t.fields))
	for n, f := range t.fields {
		out[n] = f.b.get(x)
	}
	return out
}

// Load sets the fields of x from stored values in column order (extra
// values, such as the store's tombstone, are ignored). The values must have
// the columns' types, as the store checks them.
func (t *Table[T]) Load(x *T, vals []any) {
	for n, f := range t.fields {
		f.b.set(x, vals[n])
	}
	if t.loaded != nil {
		t.loaded(x)
	}
}

// Record returns the record of id and unit with stored values vals.
func (t *Table[T]) Record(id, unit string, vals []any) T {
	var x T
	t.Load(&x, vals)
	i, u := t.key(&x)
	*i, *u = id, unit
	return x
}

// read reads every field with a cell of its own from p's input.
func (t *Table[T]) read(x *T, p *parser) {
	for n := range t.fields {
		f := &t.fields[n]
		if f.File != "" {
			f.b.read(x, &f.Col, p)
		}
	}
}

// write writes every field with a cell of its own into in.
func (t *Table[T]) write(x *T, st Style, in Input) {
	for n := range t.fields {
		f := &t.fields[n]
		if f.File != "" {
			in[f.File] = f.b.cell(x, &f.Col, st)
		}
	}
}

// parseTable turns the cells of a kind whose every field has a cell of its
// own into a record: the Parse of a plain kind.
func parseTable[T any](t *Table[T], in Input) (T, error) {
	p := &parser{in: in}
	var x T
	t.read(&x, p)
	return x, p.es.err()
}

// formatTable writes a record of a plain kind as its cells: the inverse of
// parseTable.
func formatTable[T any](t *Table[T], x T, st Style) Input {
	in := Input{}
	t.write(&x, st, in)
	return in
}

// The bindings of each type.

type strBinding[T any] struct{ p func(*T) *string }

func (b strBinding[T]) get(x *T) any    { return *b.p(x) }
func (b strBinding[T]) set(x *T, v any) { *b.p(x) = v.(string) }
func (b strBinding[T]) cell(x *T, c *Col, st Style) string {
	return c.text(*b.p(x), st)
}
func (b strBinding[T]) read(x *T, c *Col, p *parser) { *b.p(x) = p.field(c) }

type dateBinding[T any] struct{ p func(*T) *Date }

func (b dateBinding[T]) get(x *T) any    { return b.p(x).String() }
func (b dateBinding[T]) set(x *T, v any) { *b.p(x) = storedDate(v.(string)) }
func (b dateBinding[T]) cell(x *T, c *Col, st Style) string {
	return st.date(*b.p(x))
}
func (b dateBinding[T]) read(x *T, c *Col, p *parser) {
	*b.p(x) = p.date(c.File)
	p.require(c)
}

type yearBinding[T any] struct{ p func(*T) *int }

func (b yearBinding[T]) get(x *T) any    { return int64(*b.p(x)) }
func (b yearBinding[T]) set(x *T, v any) { *b.p(x) = int(v.(int64)) }
func (b yearBinding[T]) cell(x *T, c *Col, st Style) string {
	if *b.p(x) == 0 {
		return ""
	}
	return strconv.Itoa(*b.p(x))
}
func (b yearBinding[T]) read(x *T, c *Col, p *parser) {
	*b.p(x) = p.year(c.File)
	p.require(c)
}

type numBinding[T any] struct{ p func(*T) *int64 }

func (b numBinding[T]) get(x *T) any    { return *b.p(x) }
func (b numBinding[T]) set(x *T, v any) { *b.p(x) = v.(int64) }
func (b numBinding[T]) cell(x *T, c *Col, st Style) string {
	return st.number(*b.p(x))
}
func (b numBinding[T]) read(x *T, c *Col, p *parser) {
	if c.Type == TypeVND {
		*b.p(x) = p.vnd(c.File)
	} else {
		*b.p(x) = p.count(c.File)
	}
}

type scoresBinding[T any] struct{ p func(*T) *[]int }

func (b scoresBinding[T]) get(x *T) any    { return EncodeScores(*b.p(x)) }
func (b scoresBinding[T]) set(x *T, v any) { *b.p(x) = DecodeScores(v.(string)) }
func (b scoresBinding[T]) cell(x *T, c *Col, st Style) string {
	return st.scores(*b.p(x))
}
func (b scoresBinding[T]) read(x *T, c *Col, p *parser) {}

// EncodeScores writes scores in tenths as their stored form "80,85,90,…".
func EncodeScores(s []int) string {
	b := make([]byte, 0, 4*len(s))
	for n, x := range s {
		if n > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return string(b)
}

// DecodeScores reads the stored form of scores (nil for "").
func DecodeScores(s string) []int {
	if s == "" {
		return nil
	}
	out := make([]int, 0, Indicators)
	v := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, v)
			v = 0
		} else if c := s[i]; c >= '0' && c <= '9' {
			v = v*10 + int(c-'0')
		}
	}
	return out
}

// storedDate reads a stored date (yyyy-mm-dd, or "") without allocating:
// the store reads millions of them.
func storedDate(s string) Date {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		if s == "" {
			return Date{}
		}
		d, _ := ParseDate(s)
		return d
	}
	n := func(a, b int) int {
		v := 0
		for _, c := range s[a:b] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	return Date{Y: n(0, 4), M: n(5, 7), D: n(8, 10)}
}
