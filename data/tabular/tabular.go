// Package tabular reads and writes the registers as CSV and XLSX files with
// the header names of CONTRACT.md, and imports them into the store all or
// nothing: every bad row is named with its line and reason before anything
// is written.
package tabular

import (
	"errors"
	"fmt"

	"sokhuyenhoc/data"
)

// Kind is a file kind: one register.
type Kind string

// The file kinds of CONTRACT.md.
const (
	Citizens Kind = "citizen"
	Centres  Kind = "centre"
	Awards   Kind = "award"
	Funds    Kind = "fund"
)

// Kinds lists the file kinds.
var Kinds = []Kind{Citizens, Centres, Awards, Funds}

// ParseKind accepts a kind's name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: %q (citizen|centre|award|fund)", ErrKind, s)
}

// Columns returns the columns of a kind, in CONTRACT.md order.
func (k Kind) Columns() []string {
	switch k {
	case Citizens:
		return data.CitizenColumns
	case Centres:
		return data.CentreColumns
	case Awards:
		return data.AwardColumns
	}
	return data.FundColumns
}

// required lists the columns a file must have.
func (k Kind) required() []string {
	switch k {
	case Citizens, Awards:
		return []string{"full_name"}
	case Centres:
		return []string{"name"}
	}
	return []string{"date", "direction"}
}

// Errors of this package.
var (
	ErrKind          = errors.New("tabular: unknown kind")
	ErrFormat        = errors.New("tabular: not a .csv or .xlsx file")
	ErrEmpty         = errors.New("tabular: the file has no header row")
	ErrUnknownColumn = errors.New("tabular: unknown column")
	ErrMissingColumn = errors.New("tabular: missing column")
	ErrDupColumn     = errors.New("tabular: column given twice")
	ErrRejected      = errors.New("tabular: some rows were rejected")
	ErrTooBig        = errors.New("tabular: file too large")
	ErrRowLength     = errors.New("tabular: row has more cells than the header")
)

// ColumnError names the offending column of a header.
type ColumnError struct {
	Column string
	Err    error
}

func (e *ColumnError) Error() string { return fmt.Sprintf("%v: %q", e.Err, e.Column) }

// Unwrap returns the sentinel.
func (e *ColumnError) Unwrap() error { return e.Err }
