// Package tabular reads and writes the registers as CSV and XLSX files with
// the header names of docs/CONTRACT.md, and imports them into the store all
// or nothing: every bad row is named with its line and reason before
// anything is written, and a row that names a record already held changes
// only the cells it gives. Rows are turned into records by package data's
// Parse functions and records into rows by the Format beside each.
package tabular

import (
	"errors"
	"fmt"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/msg"
)

// Kind is a file kind: one register.
type Kind string

// The file kinds of docs/CONTRACT.md.
const (
	Citizens Kind = "citizen"
	Centres  Kind = "centre"
	Awards   Kind = "award"
	Funds    Kind = "fund"

	// The learning models of QĐ 387 (importer_models.go).
	Families    Kind = "family"
	Clans       Kind = "clan"
	Communities Kind = "community"
	Units       Kind = "unit"

	// The association's own records (importer_assoc.go).
	Branches   Kind = "branch"   // a branch, with its members in a period when the row names one
	Activities Kind = "activity" // an entry of the association's log
)

// Kinds lists the file kinds.
var Kinds = []Kind{Citizens, Centres, Awards, Funds, Families, Clans, Communities, Units, Branches, Activities}

// ParseKind accepts a kind's name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: %q (citizen|centre|award|fund|family|clan|community|unit|branch|activity)", ErrKind, s)
}

// Columns returns the columns of a kind, in docs/CONTRACT.md order.
func (k Kind) Columns() []string {
	switch k {
	case Citizens:
		return data.CitizenColumns
	case Centres:
		return data.CentreColumns
	case Awards:
		return data.AwardColumns
	case Families:
		return data.FamilyColumns
	case Clans:
		return data.ClanColumns
	case Communities:
		return data.CommunityColumns
	case Units:
		return data.UnitColumns
	case Branches:
		return data.BranchColumns
	case Activities:
		return data.ActivityColumns
	}
	return data.FundColumns
}

// tables lists the record tables whose fields a row of k carries (the
// record, then its yearly row), from which the printed list takes each
// column's type and rules.
func (k Kind) tables() []data.Kind {
	switch k {
	case Citizens:
		return []data.Kind{data.Citizens, data.Assessments}
	case Centres:
		return []data.Kind{data.Centres, data.CentreYears}
	case Awards:
		return []data.Kind{data.Awards}
	case Funds:
		return []data.Kind{data.Funds}
	case Families:
		return []data.Kind{data.Families, data.ModelYears, data.Members}
	case Clans:
		return []data.Kind{data.Clans, data.ModelYears}
	case Communities:
		return []data.Kind{data.Communities, data.ModelYears}
	case Units:
		return []data.Kind{data.LearningUnits, data.ModelYears, data.Members}
	case Branches:
		return []data.Kind{data.Branches, data.MemberCounts}
	case Activities:
		return []data.Kind{data.Activities}
	}
	return nil
}

// required lists the columns a file must have.
func (k Kind) required() []string {
	switch k {
	case Citizens, Awards:
		return []string{"full_name"}
	case Centres, Clans, Units, Branches:
		return []string{"name"}
	case Families:
		return []string{"head"}
	case Communities:
		return []string{"village"}
	case Activities:
		return []string{"kind", "date"}
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
	ErrAmbiguous     = errors.New("tabular: the row matches several records; fill in the column that tells them apart")
	ErrNoSuchCentre  = errors.New("tabular: no centre of this unit has that id or name")
)

// AmbiguousError is a row that matches several records which differ in a
// column the row leaves empty: the cell that would tell them apart.
type AmbiguousError struct {
	Candidates int
	Column     string // the file column to fill in ("birth_year", "village" …)
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%v: %s", ErrAmbiguous, e.Column)
}

// Unwrap returns ErrAmbiguous.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// Describe names the column to fill in.
func (e *AmbiguousError) Describe(lang string) string {
	return msg.Err(lang, ErrAmbiguous) + " (" + msg.T(lang, "field "+e.Column) + ")"
}

// ColumnError names the offending column of a header.
type ColumnError struct {
	Column string
	Err    error
}

func (e *ColumnError) Error() string { return fmt.Sprintf("%v: %q", e.Err, e.Column) }

// Unwrap returns the sentinel.
func (e *ColumnError) Unwrap() error { return e.Err }

// Describe names the column as the file has it: "cột không hợp lệ «nickname»".
func (e *ColumnError) Describe(lang string) string {
	return msg.Err(lang, e.Err) + " «" + e.Column + "»"
}
