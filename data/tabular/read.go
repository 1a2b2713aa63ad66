package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// MaxFileSize bounds what Read accepts (a commune register is far smaller).
const MaxFileSize = 256 << 20

// Limits bound what Read takes from one file, so that a small file that
// expands hugely (a zip bomb) is refused with bounded memory and disk.
type Limits struct {
	FileSize    int64  // bytes of the file itself
	Unzipped    int64  // bytes of an .xlsx or .ods once unzipped (excelize's UnzipSizeLimit)
	XMLInMemory int64  // a worksheet above this streams from a temporary file (UnzipXMLSizeLimit)
	Rows        int    // data rows
	Columns     int    // cells of a row
	TempDir     string // where excelize streams a large worksheet; "" is the system's
}

// DefaultLimits take a register of 200,000 rows, far above a commune's.
var DefaultLimits = Limits{FileSize: MaxFileSize, Unzipped: 256 << 20, XMLInMemory: 16 << 20,
	Rows: 200_000, Columns: 512}

// Row is one data row of a file: its line (as the spreadsheet numbers it;
// the first line of a CSV file is 1) and its cells keyed by column name.
type Row struct {
	Line  int
	Input data.Input
	// Typed holds, for cells Read mended (a CCCD or phone given back its
	// leading zero, a date serial turned into a date), the cell as the
	// officer typed it, which messages quote.
	Typed map[string]string
}

// Table is what Read found in a file: the rows, and where they were.
type Table struct {
	Rows        []Row
	Sheet       string // the sheet read; "" for CSV
	SheetIndex  int    // 0 for the first sheet
	Sheets      int    // sheets in the file
	HeaderLine  int    // the line of the header (the lower row of a two-row header)
	HeaderLines int    // 1, or 2 for a header whose upper row groups columns
	FootLine    int    // the first line of the signature block below the table (foot.go); 0 for none
}

// Read reads a CSV, XLSX or ODS file of kind k with DefaultLimits.
func Read(path string, k Kind) ([]Row, error) {
	t, err := ReadWith(path, k, DefaultLimits)
	if err != nil {
		return nil, err
	}
	return t.Rows, nil
}

// ReadWith reads a CSV, XLSX or ODS file of kind k. The header is found
// among the first rows of the first sheet that has one (a title, blank rows
// or a cover sheet may come first); it must name only columns of k, by
// their CONTRACT.md names or Vietnamese labels. Rows with every cell empty
// are skipped. An .xls file is refused with a sentence saying how to save
// it as .xlsx.
func ReadWith(path string, k Kind, lim Limits) (*Table, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fileErr(ErrReadFormat, fmt.Errorf("%s is not a regular file", filepath.Base(path)))
	}
	if st.Size() > lim.FileSize {
		return nil, fileErr(ErrTooBig, fmt.Errorf("%d bytes", st.Size()))
	}
	ext := strings.ToLower(filepath.Ext(path))
	if err := sniff(path, ext); err != nil {
		return nil, err
	}
	var b book
	switch ext {
	case ".csv":
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return ReadCSVTable(raw, k, lim)
	case ".xlsx", ".xlsm":
		b, err = openXLSX(path, lim)
	case ".ods":
		b, err = openODS(path, lim)
	default:
		return nil, fileErr(ErrReadFormat, errors.New(filepath.Base(path)))
	}
	if err != nil {
		return nil, err
	}
	defer b.close()
	return readBook(b, k, lim)
}

// oleMagic starts every OLE2 compound file: .xls workbooks and encrypted
// (password-protected) .xlsx files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff refuses .xls and encrypted workbooks by their first bytes.
func sniff(path, ext string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	ole := bytes.Equal(head[:n], oleMagic)
	switch {
	case ext == ".xls":
		return ErrXLS
	case ole && (ext == ".xlsx" || ext == ".xlsm"):
		return ErrEncrypted
	case ole:
		return ErrXLS
	}
	return nil
}

// ReadCSV reads CSV bytes with DefaultLimits.
func ReadCSV(b []byte, k Kind) ([]Row, error) {
	t, err := ReadCSVTable(b, k, DefaultLimits)
	if err != nil {
		return nil, err
	}
	return t.Rows, nil
}

// ReadCSVTable reads CSV bytes: UTF-8 (NFC or NFD, with or without a BOM),
// comma- or semicolon-separated, a cell the app neutralised (a leading
// apostrophe before a formula character) given back as it was. A file in
// TCVN3 or VNI is refused with a text.EncodingError that names the likely
// encoding.
func ReadCSVTable(b []byte, k Kind, lim Limits) (*Table, error) {
	b = bytes.TrimPrefix(b, []byte(BOM))
	if err := text.CheckUTF8(b); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.Comma = sniffComma(b)
	t, err := readBook(&csvBook{r: r}, k, lim)
	if t != nil {
		t.Sheet, t.Sheets = "", 1
	}
	return t, err
}

// sniffComma picks ';' when the first line has semicolons and no commas
// (Excel in a Vietnamese locale saves CSV that way).
func sniffComma(b []byte) rune {
	head, _, _ := bytes.Cut(b, []byte("\n"))
	if bytes.IndexByte(head, ',') < 0 && bytes.IndexByte(head, ';') >= 0 {
		return ';'
	}
	return ','
}

// csvBook is a CSV file: one sheet.
type csvBook struct{ r *csv.Reader }

func (c *csvBook) sheets() []string            { return []string{""} }
func (c *csvBook) open(int) (rowSource, error) { return c, nil }
func (c *csvBook) date1904() bool              { return false }
func (c *csvBook) close() error                { return nil }
func (c *csvBook) next() (int, []cell, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, &LineError{Line: pe.Line, Err: ErrBroken}
		}
		return 0, nil, err
	}
	line, _ := c.r.FieldPos(0)
	cells := make([]cell, len(rec))
	for n, v := range rec {
		cells[n] = cell{v: Restore(v)}
	}
	return line, cells, nil
}

// dateColumns are the file columns of every date field of the record
// tables: a number there is a date cell's serial.
var dateColumns = func() map[string]bool {
	out := map[string]bool{}
	for _, k := range data.AllKinds {
		for _, c := range k.Cols() {
			if c.Type == data.TypeDate && c.File != "" {
				out[c.File] = true
			}
		}
	}
	return out
}()

// fixCell mends what spreadsheets do to cells and returns the value to
// parse and the cell as shown to the officer: a CCCD typed as a number
// loses its leading zero, so does a phone number (an old 11-digit mobile
// number becomes 10 digits starting with 1), a long number may come in
// exponent form, and a date is a serial number of days, with the time of
// day as its fraction.
func fixCell(col, v string, date1904 bool) (string, string) {
	t := strings.TrimSpace(v)
	switch col {
	case "id_number", "phone":
		d := integral(t)
		switch {
		case col == "id_number" && len(d) == 11:
			return "0" + d, v
		case col == "phone" && len(d) == 9 && strings.ContainsRune("35789", rune(d[0])):
			return "0" + d, v
		case col == "phone" && len(d) == 10 && oldMobile("0"+d):
			return "0" + d, v
		case d != "":
			return d, v
		}
	}
	if dateColumns[col] && t != "" {
		if m := textDateTime.FindStringSubmatch(t); m != nil {
			return m[1] + m[2], v // a date typed with its time of day
		}
		if f, err := strconv.ParseFloat(t, 64); err == nil && f >= 1 && f < 2958466 {
			if tm, err := excelize.ExcelDateToTime(f, date1904); err == nil {
				shown := tm.Format("02/01/2006")
				if f != math.Trunc(f) {
					shown = tm.Format("02/01/2006 15:04")
				}
				return tm.Format("2006-01-02"), shown
			}
		}
	}
	return v, v
}

// textDateTime is a date written with a time after it: "01/10/2025 09:30".
// An ISO date-time ("2025-10-01T09:30:00Z", a date cell of type "d") too.
var textDateTime = regexp.MustCompile(`^(\S+)\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$|^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$`)

// integral returns the digits of a whole number written plainly or in
// exponent form ("3.4062009999E10"), or "".
func integral(s string) string {
	if allDigits(s) {
		return s
	}
	if !strings.ContainsAny(s, "eE") {
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f >= 1e15 || f != math.Trunc(f) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', 0, 64)
}

// oldMobile reports an 11-digit mobile number of the prefixes retired in
// 2018 (DOMAIN.md): 0162–0169, 0120–0129, 0186, 0188, 0199.
func oldMobile(s string) bool {
	if len(s) != 11 || !allDigits(s) {
		return false
	}
	p := s[:4]
	return (p >= "0162" && p <= "0169") || (p >= "0120" && p <= "0129") ||
		p == "0186" || p == "0188" || p == "0199"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// explain makes the errors of a row quote its values as typed, and at most
// a short prefix of each.
func (r Row) explain(err error) error {
	var es data.Errors
	if errors.As(err, &es) {
		for _, fe := range es {
			r.quote(fe)
		}
		return err
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		r.quote(fe)
	}
	return err
}

func (r Row) quote(fe *data.FieldError) {
	if t, ok := r.Typed[fe.Field]; ok && fe.Value != "" {
		fe.Value = strings.TrimSpace(t)
	}
	fe.Value = text.Short(fe.Value)
}
