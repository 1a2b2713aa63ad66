package ui

import (
	"context"

	"sokhuyenhoc/data/conflict"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// conflictItem is an open conflict described for a person, in the words
// `khuyenhoc-cli conflicts list` uses too (data/conflict).
type conflictItem = conflict.Item

// loadConflicts lists the open conflicts with their names and values in
// words, in the language of the windows.
func loadConflicts(ctx context.Context, st *store.Store, reg *units.Registry) ([]conflictItem, error) {
	return conflict.Describe(ctx, st, reg, current)
}
