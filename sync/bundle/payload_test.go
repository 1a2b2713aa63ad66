package bundle

import (
	"bytes"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"sokhuyenhoc/data/units"
)

const (
	testHeader = `{"format":"khb/1","bundle_id":"0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c","origin":{"list":"2025","code":"00004","level":"commune","site":"0123456789abcdef"},"seq":3}`
	testTable  = `{"kind":"citizen","cols":["ten","nam"]}`
	testID     = `"0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7d"`
	testVer    = `[5,"0123456789abcdef"]`
)

// testRow builds a row line with the given values and optional extra
// elements.
func testRow(values string, extra ...string) string {
	els := append([]string{testID, `"2025:00004"`, testVer, "null", values}, extra...)
	return "[" + strings.Join(els, ",") + "]"
}

// readPayload reads an NDJSON payload to the end; it returns the items and
// the first error other than io.EOF.
func readPayload(in string) ([]Item, error) {
	pr, err := NewPayloadReader(strings.NewReader(in))
	if err != nil {
		return nil, err
	}
	var items []Item
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return items, err
		}
		items = append(items, it)
	}
}

func TestPayloadReader(t *testing.T) {
	lines := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	end := func(n int) string { return `{"end":true,"rows":` + itoa(int64(n)) + `}` }
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"OK header and trailer", lines(testHeader, end(0)), nil},
		{"OK a table and rows", lines(testHeader, testTable, testRow(`["An",1990]`), testRow(`[null,-7]`), end(2)), nil},
		{"OK overrides", lines(testHeader, testTable, testRow(`["An",1990]`, `{"nam":[6,"0123456789abcdef",4,"fedcba9876543210",[[3,"0123456789abcdef"]]]}`), end(1)), nil},
		{"OK whitespace inside lines", lines(testHeader, `{ "kind" : "citizen", "cols" : ["ten","nam"] }`, `[ `+testID+` , "2025:00004" , `+testVer+` , null , ["An", 1990] ]`, end(1)), nil},
		{"ErrTruncated empty", "", ErrTruncated},
		{"ErrTruncated no trailer", lines(testHeader, testTable, testRow(`["An",1990]`)), ErrTruncated},
		{"ErrTruncated no final newline", strings.TrimSuffix(lines(testHeader, end(0)), "\n"), ErrTruncated},
		{"ErrMalformed header of another format", lines(strings.Replace(testHeader, "khb/1", "khb/2", 1), end(0)), ErrMalformed},
		{"ErrMalformed header duplicate key", lines(strings.Replace(testHeader, `"seq":3`, `"seq":3,"seq":4`, 1), end(0)), ErrMalformed},
		{"ErrMalformed header unknown member", lines(strings.Replace(testHeader, `"seq":3`, `"seq":3,"x":1`, 1), end(0)), ErrMalformed},
		{"ErrMalformed header seq 0", lines(strings.Replace(testHeader, `"seq":3`, `"seq":0`, 1), end(0)), ErrMalformed},
		{"ErrMalformed empty line", lines(testHeader, "", end(0)), ErrMalformed},
		{"ErrMalformed CRLF", strings.ReplaceAll(lines(testHeader, end(0)), "\n", "\r\n"), ErrMalformed},
		{"ErrMalformed row before table", lines(testHeader, testRow(`["An",1990]`), end(1)), ErrMalformed},
		{"ErrMalformed kind twice", lines(testHeader, testTable, testTable, end(0)), ErrMalformed},
		{"ErrMalformed table without columns", lines(testHeader, `{"kind":"citizen","cols":[]}`, end(0)), ErrMalformed},
		{"ErrMalformed table duplicate column", lines(testHeader, `{"kind":"citizen","cols":["a","a"]}`, end(0)), ErrMalformed},
		{"ErrMalformed table null", lines(testHeader, `{"kind":"citizen","cols":null}`, end(0)), ErrMalformed},
		{"ErrMalformed table unknown member", lines(testHeader, `{"kind":"citizen","cols":["a"],"x":1}`, end(0)), ErrMalformed},
		{"ErrMalformed too few values", lines(testHeader, testTable, testRow(`["An"]`), end(1)), ErrMalformed},
		{"ErrMalformed float value", lines(testHeader, testTable, testRow(`["An",1990.5]`), end(1)), ErrMalformed},
		{"ErrMalformed exponent value", lines(testHeader, testTable, testRow(`["An",1e3]`), end(1)), ErrMalformed},
		{"ErrMalformed integer over int64", lines(testHeader, testTable, testRow(`["An",9223372036854775808]`), end(1)), ErrMalformed},
		{"ErrMalformed bool value", lines(testHeader, testTable, testRow(`["An",true]`), end(1)), ErrMalformed},
		{"ErrMalformed object value", lines(testHeader, testTable, testRow(`["An",{}]`), end(1)), ErrMalformed},
		{"ErrMalformed values not an array", lines(testHeader, testTable, testRow(`null`), end(1)), ErrMalformed},
		{"ErrMalformed row of 4 elements", lines(testHeader, testTable, `[`+testID+`,"2025:00004",`+testVer+`,null]`, end(1)), ErrMalformed},
		{"ErrMalformed row of 7 elements", lines(testHeader, testTable, testRow(`["An",1]`, `{}`, `1`), end(1)), ErrMalformed},
		{"ErrMalformed uppercase id", lines(testHeader, testTable, strings.Replace(testRow(`["An",1]`), "f3a2", "F3A2", 1), end(1)), ErrMalformed},
		{"ErrMalformed bad unit", lines(testHeader, testTable, strings.Replace(testRow(`["An",1]`), "2025:00004", "00004", 1), end(1)), ErrMalformed},
		{"ErrMalformed lamport 0", lines(testHeader, testTable, strings.Replace(testRow(`["An",1]`), testVer, `[0,"0123456789abcdef"]`, 1), end(1)), ErrMalformed},
		{"ErrMalformed version of 3", lines(testHeader, testTable, strings.Replace(testRow(`["An",1]`), testVer, `[1,"0123456789abcdef",2]`, 1), end(1)), ErrMalformed},
		{"ErrMalformed null ver", lines(testHeader, testTable, strings.Replace(testRow(`["An",1]`), testVer, `null`, 1), end(1)), ErrMalformed},
		{"ErrMalformed override of unknown column", lines(testHeader, testTable, testRow(`["An",1]`, `{"x":[6,"0123456789abcdef",null,null,[]]}`), end(1)), ErrMalformed},
		{"ErrMalformed override duplicate column", lines(testHeader, testTable, testRow(`["An",1]`, `{"nam":[6,"0123456789abcdef",null,null,[]],"nam":[6,"0123456789abcdef",null,null,[]]}`), end(1)), ErrMalformed},
		{"ErrMalformed override half a base", lines(testHeader, testTable, testRow(`["An",1]`, `{"nam":[6,"0123456789abcdef",4,null,[]]}`), end(1)), ErrMalformed},
		{"ErrMalformed override without supersedes", lines(testHeader, testTable, testRow(`["An",1]`, `{"nam":[6,"0123456789abcdef",null,null]}`), end(1)), ErrMalformed},
		{"ErrMalformed trailer with a wrong count", lines(testHeader, testTable, testRow(`["An",1]`), end(2)), ErrMalformed},
		{"ErrMalformed trailer end false", lines(testHeader, `{"end":false,"rows":0}`), ErrMalformed},
		{"ErrMalformed trailer unknown member", lines(testHeader, `{"end":true,"rows":0,"x":1}`), ErrMalformed},
		{"ErrMalformed line after the trailer", lines(testHeader, end(0), end(0)), ErrMalformed},
		{"ErrMalformed bytes after the trailer", lines(testHeader, end(0)) + " ", ErrMalformed},
		{"ErrMalformed not JSON", lines(testHeader, "hello", end(0)), ErrMalformed},
		{"ErrTooLarge line over 1 MiB", lines(testHeader, testTable, testRow(`["`+strings.Repeat("a", MaxLineSize)+`",1]`), end(1)), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := readPayload(tt.in); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestPayloadWriter_RoundTrip(t *testing.T) {
	h := Header{Format: Format, BundleID: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c",
		Origin: Origin{Ref: units.Ref{List: "2025", Code: "00004"}, Level: "commune", Site: "0123456789abcdef"}, Seq: 3}
	tbl := Table{Kind: "citizen", Cols: []string{"ho_dem", "ten", "so"}}
	tricky := []string{"", `"quoted" \back\slash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f", "\u2028\u2029",
		"<b>&amp;</b>", "Nguyễn Thị Ánh Tuyết", "Hoà / Hòa", "😀", strings.Repeat("ă", 1000)}
	var rows []Row
	for i, s := range tricky {
		rows = append(rows, Row{ID: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7d", Unit: "2024:001",
			Ver: Version{L: int64(i + 1), S: "0123456789abcdef"}, Values: []any{s, nil, []int64{math.MinInt64, math.MaxInt64, 0}[i%3]}})
	}
	rows[0].Base = Version{L: 1, S: "fedcba9876543210"}
	rows[1].Overrides = map[string]FieldVersion{
		"ten": {Ver: Version{L: 9, S: "0123456789abcdef"}, Base: Version{L: 8, S: "fedcba9876543210"},
			Sup: []Version{{L: 7, S: "0123456789abcdef"}, {L: 6, S: "fedcba9876543210"}}},
		"so": {Ver: Version{L: 10, S: "0123456789abcdef"}, Sup: []Version{}},
	}
	var buf bytes.Buffer
	pw := NewPayloadWriter(&buf)
	if err := errors.Join(pw.Header(h), pw.Table(tbl)); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := pw.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	items, err := readPayload(buf.String())
	if err != nil {
		t.Fatalf("reading back: %v\n%s", err, buf.String())
	}
	for i, r := range rows {
		if got := *items[i+1].Row; !reflect.DeepEqual(got, r) {
			t.Errorf("row %d = %#v, want %#v", i, got, r)
		}
	}
	if got, want := pw.Clock(), (Clock{Min: 1, Max: int64(len(tricky))}); got != want {
		t.Errorf("Clock() = %v, want %v", got, want)
	}
}

func TestPayloadWriter_Invalid(t *testing.T) {
	h := Header{Format: Format, BundleID: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c",
		Origin: Origin{Ref: units.Ref{List: "2025", Code: "00004"}, Level: "commune", Site: "0123456789abcdef"}, Seq: 3}
	tbl := Table{Kind: "citizen", Cols: []string{"ten", "nam"}}
	row := func(values ...any) Row {
		return Row{ID: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7d", Unit: "2025:00004", Ver: Version{L: 1, S: "0123456789abcdef"}, Values: values}
	}
	tests := []struct {
		name string
		do   func(pw *PayloadWriter) error
		want error
	}{
		{"OK", func(pw *PayloadWriter) error {
			return errors.Join(pw.Header(h), pw.Table(tbl), pw.Row(row("An", 1990)), pw.Row(row(nil, int64(1))), pw.Close())
		}, nil},
		{"ErrInvalid Table before Header", func(pw *PayloadWriter) error { return pw.Table(tbl) }, ErrInvalid},
		{"ErrInvalid Close before Header", func(pw *PayloadWriter) error { return pw.Close() }, ErrInvalid},
		{"ErrInvalid Header twice", func(pw *PayloadWriter) error { pw.Header(h); return pw.Header(h) }, ErrInvalid},
		{"ErrInvalid bad header", func(pw *PayloadWriter) error { h := h; h.Seq = 0; return pw.Header(h) }, ErrInvalid},
		{"ErrInvalid Row before Table", func(pw *PayloadWriter) error { pw.Header(h); return pw.Row(row("An", 1)) }, ErrInvalid},
		{"ErrInvalid kind twice", func(pw *PayloadWriter) error { pw.Header(h); pw.Table(tbl); return pw.Table(tbl) }, ErrInvalid},
		{"ErrInvalid bad kind", func(pw *PayloadWriter) error {
			pw.Header(h)
			return pw.Table(Table{Kind: "Công dân", Cols: []string{"a"}})
		}, ErrInvalid},
		{"ErrInvalid float value", func(pw *PayloadWriter) error { pw.Header(h); pw.Table(tbl); return pw.Row(row("An", 1.5)) }, ErrInvalid},
		{"ErrInvalid bool value", func(pw *PayloadWriter) error { pw.Header(h); pw.Table(tbl); return pw.Row(row("An", true)) }, ErrInvalid},
		{"ErrInvalid invalid UTF-8", func(pw *PayloadWriter) error { pw.Header(h); pw.Table(tbl); return pw.Row(row("\xff", 1)) }, ErrInvalid},
		{"ErrInvalid value count", func(pw *PayloadWriter) error { pw.Header(h); pw.Table(tbl); return pw.Row(row("An")) }, ErrInvalid},
		{"ErrInvalid zero version", func(pw *PayloadWriter) error {
			pw.Header(h)
			pw.Table(tbl)
			r := row("An", 1)
			r.Ver = Version{}
			return pw.Row(r)
		}, ErrInvalid},
		{"ErrInvalid override of unknown column", func(pw *PayloadWriter) error {
			pw.Header(h)
			pw.Table(tbl)
			r := row("An", 1)
			r.Overrides = map[string]FieldVersion{"x": {Ver: r.Ver}}
			return pw.Row(r)
		}, ErrInvalid},
		{"ErrInvalid after Close", func(pw *PayloadWriter) error { pw.Header(h); pw.Close(); return pw.Table(tbl) }, ErrInvalid},
		{"ErrInvalid sticks", func(pw *PayloadWriter) error { pw.Table(tbl); return pw.Header(h) }, ErrInvalid},
		{"ErrTooLarge line", func(pw *PayloadWriter) error {
			pw.Header(h)
			pw.Table(tbl)
			return pw.Row(row(strings.Repeat("a", MaxLineSize), 1))
		}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(NewPayloadWriter(io.Discard)); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
