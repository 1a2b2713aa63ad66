// Package data is the domain of Sổ Khuyến Học: the registers a commune keeps
// (learning citizens with yearly assessments, community learning centres with
// yearly activity, award and scholarship recipients, the learning-promotion
// fund), villages and the commune profile, the recognition workflow
// (workflow.go), the report's figures (Totals), and the validation rules that
// every value passes before it is stored, whichever screen, file or bundle it
// came from.
//
// Each kind of record is described once, by a Table (table.go, kinds.go):
// its fields with their stored column, type, getter and setter, file cell,
// rules and reach upward. The store builds its schema and SQL from the
// tables, the bundles carry their columns, and each kind's text form comes
// from them: a Parse function turns a row of cells (an Input, from a file or
// a form) into records, and the Format beside it writes records back as
// cells, for a file or for people (Style), so that Parse(Format(x)) is x.
//
// The package imports only the standard library, golang.org/x/text and its
// own text rules. Storage lives in data/store, file formats in data/tabular,
// the administrative units in data/units.
package data
