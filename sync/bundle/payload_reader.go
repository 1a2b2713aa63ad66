package bundle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// PayloadReader reads payload NDJSON one line at a time, never holding more
// than one line (at most MaxLineSize bytes) in memory.
type PayloadReader struct {
	sc     *bufio.Scanner
	header Header
	line   int64
	table  *Table
	kinds  map[string]int64
	rows   int64
	clock  Clock
	err    error
	finish func(*PayloadReader) error // end checks added by OpenPayload
	close  func()
}

// errUnterminated reports a last line without its newline.
var errUnterminated = errors.New("last line has no newline")

// NewPayloadReader reads and validates the header line of a payload from r.
// Use Bundle.OpenPayload for a bundle: it also checks the payload against the
// manifest.
func NewPayloadReader(r io.Reader) (*PayloadReader, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineSize)
	sc.Split(splitLines)
	pr := &PayloadReader{sc: sc, kinds: map[string]int64{}}
	b, err := pr.next()
	if err != nil {
		return nil, err
	}
	if err := decodeObject(b, &pr.header); err != nil {
		return nil, pr.malformed("header", err)
	}
	if err := pr.header.validate(); err != nil {
		return nil, pr.malformed("header", err)
	}
	return pr, nil
}

// splitLines is bufio.ScanLines without its leniency: every line must end
// with "\n", and "\r" is not stripped.
func splitLines(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return 0, nil, errUnterminated
	}
	return 0, nil, nil
}

// Header returns the payload's header line.
func (pr *PayloadReader) Header() Header { return pr.header }

// Next returns the next table or row. It returns io.EOF only after the
// trailer was read, nothing follows it, and every end check passed: an
// importer must commit nothing before that. Errors stick.
func (pr *PayloadReader) Next() (Item, error) {
	if pr.err != nil {
		return Item{}, pr.err
	}
	it, err := pr.item()
	if err != nil {
		pr.err = err
		if pr.close != nil {
			pr.close()
		}
	}
	return it, err
}

// Close releases the decompressor. It is safe to call more than once.
func (pr *PayloadReader) Close() error {
	if pr.close != nil {
		pr.close()
		pr.close = nil
	}
	if pr.err == nil {
		pr.err = newErr(ErrInvalid, "payload", "reader is closed")
	}
	return nil
}

func (pr *PayloadReader) item() (Item, error) {
	b, err := pr.next()
	if err != nil {
		return Item{}, err
	}
	if len(b) > 0 && b[0] == '[' {
		return pr.row(b)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return Item{}, pr.malformed("line", err)
	}
	if _, ok := probe["end"]; ok {
		return Item{}, pr.trailer(b)
	}
	return pr.newTable(b)
}

// next returns the next line, checked for UTF-8 and the absence of "\r".
func (pr *PayloadReader) next() ([]byte, error) {
	if !pr.sc.Scan() {
		return nil, pr.readErr(pr.sc.Err())
	}
	pr.line++
	b := pr.sc.Bytes()
	if !utf8.Valid(b) || bytes.IndexByte(b, '\r') >= 0 {
		return nil, pr.malformed("line", errors.New("not valid UTF-8, or holds a carriage return"))
	}
	return b, nil
}

// readErr maps a scanning error to a sentinel error.
func (pr *PayloadReader) readErr(err error) error {
	var e *Error
	part := fmt.Sprintf("payload line %d", pr.line+1)
	switch {
	case errors.As(err, &e):
		return err
	case err == nil, errors.Is(err, errUnterminated), errors.Is(err, io.ErrUnexpectedEOF):
		return wrapErr(ErrTruncated, part, "payload ends without its trailer", err)
	case errors.Is(err, bufio.ErrTooLong):
		return newErr(ErrTooLarge, part, "line over %d bytes", MaxLineSize)
	}
	return wrapErr(ErrMalformed, part, "reading", err)
}

func (pr *PayloadReader) malformed(what string, err error) error {
	return wrapErr(ErrMalformed, fmt.Sprintf("payload line %d", pr.line), what, err)
}

func (pr *PayloadReader) newTable(b []byte) (Item, error) {
	var t Table
	if err := decodeObject(b, &t); err != nil {
		return Item{}, pr.malformed("table", err)
	}
	if err := t.validate(); err != nil {
		return Item{}, pr.malformed("table", err)
	}
	if _, dup := pr.kinds[t.Kind]; dup || len(pr.kinds) == MaxKinds {
		return Item{}, pr.malformed("table", fmt.Errorf("kind %q repeated or over %d kinds", t.Kind, MaxKinds))
	}
	pr.kinds[t.Kind] = 0
	pr.table = &t
	return Item{Table: pr.table}, nil
}

func (pr *PayloadReader) row(b []byte) (Item, error) {
	if pr.table == nil {
		return Item{}, pr.malformed("row", errors.New("row before any table"))
	}
	r, err := decodeRow(b, pr.table)
	if err != nil {
		return Item{}, pr.malformed("row", err)
	}
	if pr.rows == 0 || r.Ver.L < pr.clock.Min {
		pr.clock.Min = r.Ver.L
	}
	pr.clock.Max = max(pr.clock.Max, r.Ver.L)
	pr.rows++
	pr.kinds[pr.table.Kind]++
	return Item{Table: pr.table, Row: &r}, nil
}

// trailer checks the trailer, that nothing follows it, and the end checks.
func (pr *PayloadReader) trailer(b []byte) error {
	var t struct {
		End  bool  `json:"end"`
		Rows int64 `json:"rows"`
	}
	if err := decodeObject(b, &t); err != nil || !t.End {
		return pr.malformed("trailer", fmt.Errorf("want {\"end\":true,\"rows\":N}: %v", err))
	}
	if t.Rows != pr.rows {
		return pr.malformed("trailer", fmt.Errorf("trailer says %d rows, payload has %d", t.Rows, pr.rows))
	}
	if pr.sc.Scan() {
		pr.line++
		return pr.malformed("trailer", errors.New("data after the trailer"))
	}
	if err := pr.sc.Err(); err != nil {
		if errors.Is(err, errUnterminated) {
			return pr.malformed("trailer", errors.New("data after the trailer"))
		}
		return pr.readErr(err)
	}
	if pr.finish != nil {
		if err := pr.finish(pr); err != nil {
			return err
		}
	}
	return io.EOF
}
