package bundle

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
)

// PayloadWriter writes payload NDJSON to an io.Writer, one line per call:
// Header once, then Table and its Rows for each kind, then Close, which
// writes the trailer. It validates what it writes (ErrInvalid, ErrTooLarge
// for a line over MaxLineSize) and keeps the counts and clock range that
// Seal puts in the manifest. The first error sticks.
type PayloadWriter struct {
	w      *bufio.Writer
	header bool
	table  *Table
	kinds  map[string]int64
	rows   int64
	clock  Clock
	closed bool
	err    error
	buf    []byte
}

// NewPayloadWriter returns a writer of payload lines to w.
func NewPayloadWriter(w io.Writer) *PayloadWriter {
	return &PayloadWriter{w: bufio.NewWriterSize(w, 64<<10), kinds: map[string]int64{}}
}

// Header writes the header line; it must be the first call.
func (pw *PayloadWriter) Header(h Header) error {
	if err := pw.usable(!pw.header, "Header must come first and once"); err != nil {
		return err
	}
	if err := h.validate(); err != nil {
		return pw.fail(wrapErr(ErrInvalid, "payload header", "invalid", err))
	}
	pw.header = true
	b, _ := json.Marshal(h)
	return pw.line(b)
}

// Table starts a group of rows of t.Kind. Each kind may appear once.
func (pw *PayloadWriter) Table(t Table) error {
	if err := pw.usable(pw.header, "Table before Header"); err != nil {
		return err
	}
	if err := t.validate(); err != nil {
		return pw.fail(wrapErr(ErrInvalid, "payload table", "invalid", err))
	}
	if _, dup := pw.kinds[t.Kind]; dup || len(pw.kinds) == MaxKinds {
		return pw.fail(newErr(ErrInvalid, "payload table", "kind %q repeated or more than %d kinds", t.Kind, MaxKinds))
	}
	t.Cols = slices.Clone(t.Cols)
	pw.table, pw.kinds[t.Kind] = &t, 0
	b, _ := json.Marshal(t)
	return pw.line(b)
}

// Row writes one row of the current table. Values may be string, int, int64
// or nil; strings must be valid UTF-8.
func (pw *PayloadWriter) Row(r Row) error {
	if err := pw.usable(pw.table != nil, "Row before Table"); err != nil {
		return err
	}
	r.Values = normalizeValues(r.Values)
	if err := r.validate(pw.table); err != nil {
		return pw.fail(wrapErr(ErrInvalid, "payload row", "invalid", err))
	}
	if pw.rows == 0 || r.Ver.L < pw.clock.Min {
		pw.clock.Min = r.Ver.L
	}
	pw.clock.Max = max(pw.clock.Max, r.Ver.L)
	pw.rows++
	pw.kinds[pw.table.Kind]++
	return pw.line(appendRow(pw.buf[:0], r))
}

// Close writes the trailer line and flushes. It does not close the
// underlying writer.
func (pw *PayloadWriter) Close() error {
	if err := pw.usable(pw.header, "Close before Header"); err != nil {
		return err
	}
	pw.closed = true
	b := strconv.AppendInt([]byte(`{"end":true,"rows":`), pw.rows, 10)
	if err := pw.line(append(b, '}')); err != nil {
		return err
	}
	if err := pw.w.Flush(); err != nil {
		return pw.fail(err)
	}
	return nil
}

// Counts returns the rows written per kind (every table, even empty).
func (pw *PayloadWriter) Counts() map[string]int64 {
	out := make(map[string]int64, len(pw.kinds))
	for k, n := range pw.kinds {
		out[k] = n
	}
	return out
}

// Rows returns the number of rows written.
func (pw *PayloadWriter) Rows() int64 { return pw.rows }

// Clock returns the range of the rows' Lamport times ({0, 0} without rows).
func (pw *PayloadWriter) Clock() Clock { return pw.clock }

func (pw *PayloadWriter) usable(ok bool, misuse string) error {
	switch {
	case pw.err != nil:
		return pw.err
	case pw.closed:
		return pw.fail(newErr(ErrInvalid, "payload", "writer is closed"))
	case !ok:
		return pw.fail(newErr(ErrInvalid, "payload", "%s", misuse))
	}
	return nil
}

func (pw *PayloadWriter) fail(err error) error {
	pw.err = err
	return err
}

// line writes b and a newline, keeping b's buffer for reuse.
func (pw *PayloadWriter) line(b []byte) error {
	if len(b)+1 > MaxLineSize {
		return pw.fail(newErr(ErrTooLarge, "payload", "line of %d bytes, cap %d", len(b)+1, MaxLineSize))
	}
	if _, err := pw.w.Write(append(b, '\n')); err != nil {
		return pw.fail(err)
	}
	pw.buf = b[:0]
	return nil
}

// normalizeValues turns int into int64, leaving other types for validation.
func normalizeValues(vs []any) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		if n, ok := v.(int); ok {
			v = int64(n)
		}
		out[i] = v
	}
	return out
}

// appendRow encodes [id, unit, ver, base, values(, overrides)].
func appendRow(b []byte, r Row) []byte {
	b = append(b, '[')
	b = appendString(b, r.ID)
	b = appendString(append(b, ','), r.Unit)
	b = appendVersion(append(b, ','), r.Ver)
	b = appendVersion(append(b, ','), r.Base)
	b = append(b, ",["...)
	for i, v := range r.Values {
		if i > 0 {
			b = append(b, ',')
		}
		switch v := v.(type) {
		case string:
			b = appendString(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		default:
			b = append(b, "null"...)
		}
	}
	b = append(b, ']')
	if len(r.Overrides) > 0 {
		b = appendOverrides(append(b, ','), r.Overrides)
	}
	return append(b, ']')
}

// appendVersion encodes [L,"S"], or null for the zero Version.
func appendVersion(b []byte, v Version) []byte {
	if v.IsZero() {
		return append(b, "null"...)
	}
	b = strconv.AppendInt(append(b, '['), v.L, 10)
	return append(appendString(append(b, ','), v.S), ']')
}

// appendOverrides encodes {"col":[l,"s",bl|null,"bs"|null,[[l,"s"],…]]}
// with columns in sorted order.
func appendOverrides(b []byte, o map[string]FieldVersion) []byte {
	cols := make([]string, 0, len(o))
	for c := range o {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	b = append(b, '{')
	for i, c := range cols {
		fv := o[c]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, c), ':', '[')
		b = append(strconv.AppendInt(b, fv.Ver.L, 10), ',')
		b = append(appendString(b, fv.Ver.S), ',')
		if fv.Base.IsZero() {
			b = append(b, "null,null"...)
		} else {
			b = append(strconv.AppendInt(b, fv.Base.L, 10), ',')
			b = appendString(b, fv.Base.S)
		}
		b = append(b, ",["...)
		for j, s := range fv.Sup {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendVersion(b, s)
		}
		b = append(b, "]]"...)
	}
	return append(b, '}')
}

// appendString encodes a valid UTF-8 string as a JSON string, escaping only
// what JSON requires plus U+2028 and U+2029.
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '\u2028' || r == '\u2029' {
				b = append(b, `\u202`...)
				b = append(b, hexDigits[r&0xf])
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		i++
	}
	return append(b, '"')
}
