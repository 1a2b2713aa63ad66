package tabular

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bombFile is a 1 MB workbook whose sheet unzips to 1 GiB.
var bombFile = filepath.Join("..", "..", "testdata", "records", "bomb.xlsx")

// writeWorkbook writes a minimal .xlsx whose first sheet is head, then
// body repeated n times, then tail.
func writeWorkbook(w io.Writer, head, body, tail string, n int) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate})
	if err != nil {
		return err
	}
	chunk := strings.Repeat(body, max(1, (1<<16)/max(1, len(body))))
	per := max(1, (1<<16)/max(1, len(body)))
	io.WriteString(f, head)
	for left := n; left > 0; left -= per {
		if left < per {
			chunk = strings.Repeat(body, left)
		}
		if _, err := io.WriteString(f, chunk); err != nil {
			return err
		}
	}
	io.WriteString(f, tail)
	return zw.Close()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>full_name</t></is></c></row>`
const sheetTail = `</sheetData></worksheet>`

func TestGenerateBomb(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/records/bomb.xlsx")
	}
	f, err := os.Create(bombFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// 1 GiB of rows without row numbers: each names a citizen "A…A".
	row := `<row><c t="inlineStr"><is><t>` + strings.Repeat("A", 32000) + `</t></is></c></row>`
	if err := writeWorkbook(f, sheetHead, row, sheetTail, (1<<30)/len(row)); err != nil {
		t.Fatal(err)
	}
}

// allocDuring returns the bytes allocated while fn ran.
func allocDuring(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// The 1 MB workbook that unzips to 1 GiB is refused from the zip's
// directory: nothing is inflated, no temporary file is written.
func TestRead_XLSXBombRefused(t *testing.T) {
	st, err := os.Stat(bombFile)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 2<<20 {
		t.Fatalf("the bomb is %d bytes, want about 1 MB", st.Size())
	}
	lim := DefaultLimits
	lim.TempDir = t.TempDir()
	var rerr error
	alloc := allocDuring(func() { _, rerr = ReadWith(bombFile, Citizens, lim) })
	if !errors.Is(rerr, ErrTooBig) {
		t.Fatalf("err = %v, want ErrTooBig", rerr)
	}
	t.Logf("refused with %d bytes allocated", alloc)
	if alloc > 8<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", alloc)
	}
	if left := tempFiles(t, lim.TempDir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A sheet within the unzip limit but of more rows than an import takes is
// streamed from a temporary file, refused at the row limit with bounded
// memory, and its temporary file removed.
func TestRead_XLSXManyRowsStreamedAndRefused(t *testing.T) {
	var buf bytes.Buffer
	row := `<row><c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row>`
	if err := writeWorkbook(&buf, sheetHead, row, sheetTail, 400_000); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "many.xlsx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits
	lim.XMLInMemory, lim.Rows, lim.TempDir = 1<<20, 10_000, t.TempDir()
	var rerr error
	alloc := allocDuring(func() { _, rerr = ReadWith(p, Citizens, lim) })
	if !errors.Is(rerr, ErrTooManyRows) {
		t.Fatalf("err = %v, want ErrTooManyRows", rerr)
	}
	t.Logf("refused at row %d with %d bytes allocated", lim.Rows, alloc)
	if alloc > 64<<20 {
		t.Errorf("reading %d bytes of sheet allocated %d bytes", 400_000*len(row), alloc)
	}
	if left := tempFiles(t, lim.TempDir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
