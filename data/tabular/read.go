package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// MaxFileSize bounds what Read accepts (a commune register is far smaller).
const MaxFileSize = 256 << 20

// Row is one data row of a file: its line (the header is line 1) and its
// cells keyed by column name.
type Row struct {
	Line  int
	Input data.Input
}

// Read reads a CSV or XLSX file of kind k. The header must name only
// columns of k; rows with every cell empty are skipped.
func Read(path string, k Kind) ([]Row, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return readCSVFile(path, k)
	case ".xlsx":
		return readXLSX(path, k)
	}
	return nil, fmt.Errorf("%w: %s", ErrFormat, filepath.Base(path))
}

func readCSVFile(path string, k Kind) ([]Row, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, ErrTooBig
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ReadCSV(b, k)
}

// ReadCSV reads CSV bytes: UTF-8 (NFC or NFD, with or without a BOM),
// comma- or semicolon-separated. A file in TCVN3 or VNI is refused with a
// text.EncodingError that names the likely encoding.
func ReadCSV(b []byte, k Kind) ([]Row, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if err := text.CheckUTF8(b); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.Comma = sniffComma(b)
	head, err := r.Read()
	if err == io.EOF {
		return nil, ErrEmpty
	}
	if err != nil {
		return nil, err
	}
	cols, err := checkHeader(k, head)
	if err != nil {
		return nil, err
	}
	var out []Row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		for n := range rec {
			rec[n] = Restore(rec[n])
		}
		row, err := makeRow(k, cols, rec, line, false)
		if err != nil {
			return nil, err
		}
		if row != nil {
			out = append(out, *row)
		}
	}
}

// sniffComma picks ';' when the header has semicolons and no commas (Excel
// in a Vietnamese locale saves CSV that way).
func sniffComma(b []byte) rune {
	head, _, _ := bytes.Cut(b, []byte("\n"))
	if bytes.IndexByte(head, ',') < 0 && bytes.IndexByte(head, ';') >= 0 {
		return ';'
	}
	return ','
}

func makeRow(k Kind, cols, rec []string, line int, xlsx bool) (*Row, error) {
	if len(rec) > len(cols) && strings.Join(rec[len(cols):], "") != "" {
		return nil, fmt.Errorf("%w: line %d", ErrRowLength, line)
	}
	in := data.Input{}
	empty := true
	for n, c := range cols {
		if n >= len(rec) || c == "" {
			continue
		}
		v := fixCell(c, rec[n], xlsx)
		if strings.TrimSpace(v) != "" {
			empty = false
		}
		in[c] = v
	}
	if empty {
		return nil, nil
	}
	return &Row{Line: line, Input: in}, nil
}

var dateColumns = map[string]bool{"birth_date": true, "decision_date": true, "established_on": true,
	"awarded_on": true, "date": true}

// fixCell mends what spreadsheets do to cells: a CCCD or a phone number
// typed as a number loses its leading zero, and an XLSX date is a serial
// number of days.
func fixCell(col, v string, xlsx bool) string {
	t := strings.TrimSpace(v)
	switch {
	case col == "id_number" && len(t) == 11 && allDigits(t):
		return "0" + t
	case col == "phone" && len(t) == 9 && allDigits(t) && strings.ContainsRune("35789", rune(t[0])):
		return "0" + t
	case xlsx && dateColumns[col] && t != "" && !strings.ContainsAny(t, "/-."):
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			if tm, err := excelize.ExcelDateToTime(f, false); err == nil {
				return tm.Format("2006-01-02")
			}
		}
	}
	return v
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func readXLSX(path string, k Kind) (out []Row, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, ErrTooBig
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for line := 1; rows.Next(); line++ {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if cols == nil {
			if strings.TrimSpace(strings.Join(rec, "")) == "" {
				continue // blank lines above the header
			}
			if cols, err = checkHeader(k, rec); err != nil {
				return nil, err
			}
			continue
		}
		row, err := makeRow(k, cols, rec, line, true)
		if err != nil {
			return nil, err
		}
		if row != nil {
			out = append(out, *row)
		}
	}
	if cols == nil {
		return nil, ErrEmpty
	}
	return out, errors.Join(rows.Error())
}
