package tabular

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

func TestNeutralise_RoundTripsEveryValue(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{`+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'=1", "''=1"}, // an apostrophe a reader would drop is doubled
		{"''", "'''"},
		{"'abc", "'abc"}, // kept as typed
		{"'", "'"},
		{"", ""},
		{"Nguyễn Văn An", "Nguyễn Văn An"},
		{"0912345678", "0912345678"},
		{"a=b", "a=b"},
	} {
		if got := Neutralise(tc.in); got != tc.out {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if got := Restore(Neutralise(tc.in)); got != tc.in {
			t.Errorf("Restore(Neutralise(%q)) = %q", tc.in, got)
		}
	}
}

func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''", "'", "-", "@", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := Neutralise(s)
		if Restore(w) != s {
			t.Fatalf("%q → %q → %q", s, w, Restore(w))
		}
		if w != "" && strings.IndexByte(formulaStart, w[0]) >= 0 {
			t.Fatalf("%q written as %q starts a formula", s, w)
		}
	})
}

// The exported CSV starts with a BOM, no cell of it starts a formula, and
// importing it gives back the values as stored.
func TestExportCSV_BOMAndNoFormulas(t *testing.T) {
	st := openStore(t)
	hostile := []data.Input{
		// (A source is a label of an open list, which may not begin as a
		// formula does: data.ErrLabel. Free text may.)
		{"date": "01/02/2026", "direction": "thu", "source": "doanh_nghiep", "amount_vnd": "100000",
			"voucher_no": "+cmd|' /C calc'!A0", "note": `=HYPERLINK("http://x.invalid","bấm")`},
		{"date": "02/02/2026", "direction": "chi", "amount_vnd": "5000", "voucher_no": "-2+3", "note": "@SUM(A1:A9)"},
		{"date": "03/02/2026", "direction": "chi", "amount_vnd": "6000", "voucher_no": "x", "note": "'=1"},
	}
	var rows []Row
	for n, in := range hostile {
		rows = append(rows, Row{Line: n + 2, Input: in})
	}
	if _, err := Import(context.Background(), st, Funds, rows, Options{Unit: unit}); err != nil {
		t.Fatal(err)
	}
	before := fundNotes(t, st)
	path := filepath.Join(t.TempDir(), "quy.csv")
	if _, err := Export(context.Background(), st, Funds, "", path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(BOM+"date,")) {
		t.Fatalf("CSV starts %q, want the BOM then the header", b[:min(len(b), 12)])
	}
	for _, f := range bytes.FieldsFunc(b[len(BOM):], func(r rune) bool { return r == ',' || r == '\n' }) {
		f = bytes.TrimPrefix(f, []byte(`"`))
		if len(f) > 0 && strings.IndexByte(formulaStart, f[0]) >= 0 {
			t.Errorf("cell %q starts a formula", f)
		}
	}
	back, err := Read(path, Funds)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), st, Funds, back, Options{Unit: unit})
	if err != nil || res.Unchanged != 3 {
		t.Fatalf("re-import %+v %v", res, err)
	}
	if after := fundNotes(t, st); after != before {
		t.Fatalf("after re-import %q, before %q", after, before)
	}
	if !strings.Contains(before, `=HYPERLINK("http://x.invalid","bấm")|+cmd|' /C calc'!A0|doanh_nghiep`) ||
		!strings.Contains(before, "@SUM(A1:A9)|-2+3|") {
		t.Fatalf("stored %q", before)
	}
}

func fundNotes(t *testing.T, st *store.Store) string {
	t.Helper()
	fs, err := st.FundLines(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Note+"|"+f.VoucherNo+"|"+f.Source)
	}
	return strings.Join(out, "\n")
}
