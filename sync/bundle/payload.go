package bundle

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"

	"sokhuyenhoc/sync/keys"
)

// Header is the first line of a payload; it repeats the manifest's bundle id,
// origin and seq so that a payload cannot be paired with another manifest.
type Header struct {
	Format   string `json:"format"`
	BundleID string `json:"bundle_id"`
	Origin   Origin `json:"origin"`
	Seq      int64  `json:"seq"`
}

// headerOf returns the header a payload of m must start with.
func headerOf(m Manifest) Header {
	return Header{Format: Format, BundleID: m.BundleID, Origin: m.Origin, Seq: m.Seq}
}

// Table starts a group of rows of one record kind.
type Table struct {
	Kind string   `json:"kind"` // [a-z][a-z0-9_]{0,31}, at most once per payload
	Cols []string `json:"cols"` // 1 to MaxCols distinct names [a-z][a-z0-9_]{0,63}
}

// Version is a Lamport time and the site that made it. The zero Version
// stands for null (no version).
type Version struct {
	L int64  // Lamport time, ≥ 1
	S string // site id, 16 lowercase hex digits
}

// IsZero reports whether v is the zero Version (null on the wire).
func (v Version) IsZero() bool { return v == Version{} }

// FieldVersion is the version of one column of a row, when it differs from
// the row's.
type FieldVersion struct {
	Ver  Version   // the column's version
	Base Version   // the version it was edited from, or zero
	Sup  []Version // versions it supersedes (may be empty)
}

// Row is one record: its id, unit, versions and values aligned with the
// current table's columns.
type Row struct {
	ID        string                  // UUID, lowercase canonical form
	Unit      string                  // "list:code"
	Ver       Version                 // the record's version
	Base      Version                 // the version it was edited from, or zero
	Values    []any                   // string, int64 or nil, one per column
	Overrides map[string]FieldVersion // per-column versions, keyed by column name; may be nil
}

// Item is what PayloadReader.Next returns: Table is the current table, and
// Row is nil for a table line or the row read.
type Item struct {
	Table *Table
	Row   *Row
}

func (h Header) validate() error {
	if h.Format != Format {
		return fmt.Errorf("format %q", h.Format)
	}
	m := Manifest{BundleID: h.BundleID, Origin: h.Origin, Seq: h.Seq}
	if err := checkUUIDv7(m.BundleID, "bundle_id"); err != nil {
		return err
	}
	if err := m.Origin.validate("origin"); err != nil {
		return err
	}
	if h.Seq < 1 || h.Seq > maxSafeInt {
		return fmt.Errorf("seq %d out of range", h.Seq)
	}
	return nil
}

func (t Table) validate() error {
	if !isIdent(t.Kind, 32) {
		return fmt.Errorf("kind %q is not [a-z][a-z0-9_]{0,31}", t.Kind)
	}
	if len(t.Cols) < 1 || len(t.Cols) > MaxCols {
		return fmt.Errorf("table %s has %d columns, want 1 to %d", t.Kind, len(t.Cols), MaxCols)
	}
	seen := map[string]bool{}
	for _, c := range t.Cols {
		if !isIdent(c, 64) || seen[c] {
			return fmt.Errorf("column %q is not a distinct [a-z][a-z0-9_]{0,63} name", c)
		}
		seen[c] = true
	}
	return nil
}

// validate checks v; zero is allowed only when nullable.
func (v Version) validate(nullable bool) error {
	if v.IsZero() && nullable {
		return nil
	}
	if v.L < 1 || v.L > maxSafeInt || keys.ValidateSite(v.S) != nil {
		return fmt.Errorf("version [%d, %q] is not [lamport ≥ 1, site]", v.L, v.S)
	}
	return nil
}

// validate checks r against its table t.
func (r Row) validate(t *Table) error {
	if u, err := uuid.Parse(r.ID); err != nil || u.String() != r.ID || u == uuid.Nil {
		return fmt.Errorf("id %q is not a lowercase UUID", r.ID)
	}
	if u, err := keys.ParseUnit(r.Unit); err != nil || u.String() != r.Unit {
		return fmt.Errorf("unit %q is not list:code", r.Unit)
	}
	if err := errors.Join(r.Ver.validate(false), r.Base.validate(true)); err != nil {
		return err
	}
	if len(r.Values) != len(t.Cols) {
		return fmt.Errorf("%d values for %d columns", len(r.Values), len(t.Cols))
	}
	for i, v := range r.Values {
		if err := checkValue(v); err != nil {
			return fmt.Errorf("column %s: %v", t.Cols[i], err)
		}
	}
	return checkOverrides(r.Overrides, t)
}

func checkValue(v any) error {
	switch v := v.(type) {
	case nil, int64:
		return nil
	case string:
		if !utf8.ValidString(v) {
			return errors.New("string is not valid UTF-8")
		}
		return nil
	}
	return fmt.Errorf("value of type %T, want string, int64 or nil", v)
}

func checkOverrides(o map[string]FieldVersion, t *Table) error {
	for col, fv := range o {
		if !contains(t.Cols, col) {
			return fmt.Errorf("override of unknown column %q", col)
		}
		if err := errors.Join(fv.Ver.validate(false), fv.Base.validate(true)); err != nil {
			return fmt.Errorf("override %s: %v", col, err)
		}
		for _, s := range fv.Sup {
			if err := s.validate(false); err != nil {
				return fmt.Errorf("override %s: supersedes %v", col, err)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
