package store

import (
	"errors"
	"fmt"

	"sokhuyenhoc/data"
)

// CheckRules checks a record's values as every door must: their types
// (text or integer as each column says), then the rules of each field in
// the kind's data table (data.CheckValues: closed lists, dates, ceilings,
// lengths, required fields), and the tombstone. Local edits (Editor.Put)
// and received rows (Merger, through the exchange) pass through it alike.
func (s *Schema) CheckRules(vals []any) error {
	if err := s.check(vals); err != nil {
		return err
	}
	if err := data.CheckValues(s.table, vals); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrRule, s.Kind, err)
	}
	return nil
}

// ErrRule reports values that break the rules of their fields; the
// data.Errors it wraps name each field and reason.
var ErrRule = errors.New("store: a value breaks the rules of its field")
