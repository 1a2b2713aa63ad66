package tabular

import (
	"errors"
	"fmt"
	"io/fs"

	"sokhuyenhoc/data/msg"
)

// Errors of reading a file, beside those of tabular.go. Each reaches people
// through msg.Err, which asks an error for its own Describe sentence first:
// the sentence never carries a library's text (that stays in Error, for logs).
var (
	ErrReadFormat  = errors.New("tabular: not a .csv, .xlsx or .ods file")
	ErrXLS         = errors.New("tabular: an .xls workbook (Excel 97-2003) cannot be read")
	ErrEncrypted   = errors.New("tabular: the workbook is password-protected")
	ErrBroken      = errors.New("tabular: the workbook is damaged or not a spreadsheet")
	ErrFormula     = errors.New("tabular: formula without a stored value")
	ErrTooManyRows = errors.New("tabular: more rows than one import takes")
	ErrTooWide     = errors.New("tabular: more columns than one import takes")
)

// FileError is a file refused as a whole: the reason and, for logs, what
// the library said.
type FileError struct {
	Err    error
	Detail string
}

func (e *FileError) Error() string {
	if e.Detail == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Detail
}

// Unwrap returns the reason.
func (e *FileError) Unwrap() error { return e.Err }

// Describe is the sentence for people, without the library's detail.
func (e *FileError) Describe(lang string) string { return msg.Err(lang, e.Err) }

func fileErr(err error, detail error) error {
	if detail == nil {
		return err
	}
	var pe *fs.PathError
	if errors.As(detail, &pe) { // the file could not be read at all: say why (not found, in use …)
		return detail
	}
	return &FileError{Err: err, Detail: detail.Error()}
}

// CellError names the cell of a sheet that makes the file unreadable.
type CellError struct {
	Sheet string // "" for a CSV file
	Cell  string // "D2"
	Err   error
}

func (e *CellError) Error() string {
	return fmt.Sprintf("%v: %s!%s", e.Err, e.Sheet, e.Cell)
}

// Unwrap returns the reason.
func (e *CellError) Unwrap() error { return e.Err }

// Describe: "ô D2 là công thức chưa có giá trị: mở tệp bằng Excel, lưu lại
// rồi nhập".
func (e *CellError) Describe(lang string) string {
	if errors.Is(e.Err, ErrFormula) {
		return msg.T(lang, "cell %s is a formula without a stored value: open the file in Excel, save it, then import", e.Cell)
	}
	return msg.Err(lang, e.Err) + " (" + e.Cell + ")"
}

// HeaderError is a header row that names a column wrongly: the sheet and
// line it is on, and the column's error.
type HeaderError struct {
	Sheet string
	Line  int
	Err   error // a *ColumnError
}

func (e *HeaderError) Error() string {
	return fmt.Sprintf("%s line %d: %v", e.Sheet, e.Line, e.Err)
}

// Unwrap returns the column's error.
func (e *HeaderError) Unwrap() error { return e.Err }

// Describe names the line and the column.
func (e *HeaderError) Describe(lang string) string {
	var ce *ColumnError
	if !errors.As(e.Err, &ce) {
		return msg.Err(lang, e.Err)
	}
	where := msg.T(lang, "header row %d", e.Line)
	if e.Sheet != "" {
		where = msg.T(lang, "sheet “%s”, header row %d", e.Sheet, e.Line)
	}
	return where + ": " + ce.Describe(lang)
}

// LineError is a row that makes the file unreadable (more cells than the
// header names).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%v: line %d", e.Err, e.Line) }

// Unwrap returns the reason.
func (e *LineError) Unwrap() error { return e.Err }

// Describe: "dòng 7: dòng có nhiều ô hơn dòng tiêu đề".
func (e *LineError) Describe(lang string) string {
	return msg.T(lang, "line %d", e.Line) + ": " + msg.Err(lang, e.Err)
}
