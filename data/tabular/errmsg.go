package tabular

import (
	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data/msg"
)

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too. The
// Excel library's own refusals that reach people (writing a workbook, or
// opening one excelize cannot read) are causes.
func init() {
	msg.Sentinels("data/tabular", map[string]error{
		"ErrReadFormat": ErrReadFormat, "ErrXLS": ErrXLS, "ErrEncrypted": ErrEncrypted, "ErrBroken": ErrBroken,
		"ErrFormula": ErrFormula, "ErrTooManyRows": ErrTooManyRows, "ErrTooWide": ErrTooWide, "ErrKind": ErrKind,
		"ErrFormat": ErrFormat, "ErrEmpty": ErrEmpty, "ErrUnknownColumn": ErrUnknownColumn,
		"ErrMissingColumn": ErrMissingColumn, "ErrDupColumn": ErrDupColumn, "ErrRejected": ErrRejected,
		"ErrTooBig": ErrTooBig, "ErrRowLength": ErrRowLength, "ErrAmbiguous": ErrAmbiguous,
		"ErrNoSuchCentre": ErrNoSuchCentre, "ErrListFormat": ErrListFormat,
	})
	msg.Library("excelize", map[string]error{
		"ErrWorkbookFileFormat": excelize.ErrWorkbookFileFormat, "ErrWorkbookPassword": excelize.ErrWorkbookPassword,
		"ErrMaxFilePathLength": excelize.ErrMaxFilePathLength, "ErrMaxRows": excelize.ErrMaxRows,
		"ErrCellCharsLength": excelize.ErrCellCharsLength, "ErrSheetNameInvalid": excelize.ErrSheetNameInvalid,
	})
}
