package data

import (
	"errors"
	"fmt"
	"strings"
)

// Validation errors. Each is wrapped in a *FieldError naming the field; the
// sentinels let callers and tests match the reason with errors.Is, and
// data/msg turns them into Vietnamese or English sentences.
var (
	ErrRequired        = errors.New("data: value required")
	ErrDate            = errors.New("data: not a date (dd/mm/yyyy or yyyy-mm-dd)")
	ErrNoSuchDay       = errors.New("data: no such day")
	ErrYear            = errors.New("data: year out of range")
	ErrNumber          = errors.New("data: not a whole number")
	ErrNegative        = errors.New("data: must not be negative")
	ErrMoney           = errors.New("data: not a whole amount of VND")
	ErrScore           = errors.New("data: score must be 0 to 10")
	ErrScoresPartial   = errors.New("data: all ten scores or none")
	ErrResultMismatch  = errors.New("data: result contradicts the scores")
	ErrEnum            = errors.New("data: not one of the allowed values")
	ErrCCCDLength      = errors.New("data: CCCD must have 12 digits")
	ErrCCCDGender      = errors.New("data: CCCD does not match the gender")
	ErrCCCDYear        = errors.New("data: CCCD does not match the birth year")
	ErrPhone           = errors.New("data: not a Vietnamese phone number")
	ErrBirthDateYear   = errors.New("data: birth date and birth year differ")
	ErrTooLong         = errors.New("data: text too long")
	ErrAfterYear       = errors.New("data: born after the year of the record")
	ErrTooBig          = errors.New("data: number above the ceiling")
	ErrText            = errors.New("data: text with control characters, stray spaces or not in NFC")
	ErrNotNormal       = errors.New("data: not in its standard form")
	ErrLabel           = errors.New("data: a label may not begin with = + - or @")
	ErrNoAnswer        = errors.New("data: a consent answers at least one purpose")
	ErrWithdrawnBefore = errors.New("data: withdrawn before it was given")
)

// FieldError is a validation failure of one field.
type FieldError struct {
	Field string // column name as in docs/CONTRACT.md, e.g. "id_number"
	Value string // the offending input, as given
	Err   error  // one of the sentinels above
	Want  string // for ErrEnum: the allowed values, separated by "|"
}

func (e *FieldError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "data: ")
	if e.Want != "" {
		msg += " (" + e.Want + ")"
	}
	if e.Value == "" {
		return fmt.Sprintf("%s: %s", e.Field, msg)
	}
	return fmt.Sprintf("%s: %q: %s", e.Field, e.Value, msg)
}

// Unwrap lets errors.Is match the sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// Errors collects every failure of one record, in field order.
type Errors []*FieldError

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes every field error to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// add records err against field unless err is nil.
func (es *Errors) add(field, value string, err error) {
	if err == nil {
		return
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		fe.Field = field
		if fe.Value == "" {
			fe.Value = value
		}
		*es = append(*es, fe)
		return
	}
	*es = append(*es, &FieldError{Field: field, Value: value, Err: err})
}

// err returns nil when nothing was recorded.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
