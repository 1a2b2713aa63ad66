// Package data is the domain of Sổ Khuyến Học: the registers a commune keeps
// (learning citizens with yearly assessments, community learning centres with
// yearly activity, award and scholarship recipients, the learning-promotion
// fund), villages and the commune profile, and the validation rules that every
// value passes before it is stored, whichever screen, file or bundle it came
// from.
//
// The package imports only the standard library, golang.org/x/text and its own
// text rules. Storage lives in data/store, file formats in data/tabular, the
// administrative units in data/units.
package data
