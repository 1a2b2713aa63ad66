package applog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"sokhuyenhoc/data"
)

func TestWriter_RotatesAtTheCapKeepingAFewFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.log")
	w, err := OpenWriter(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("a", 39) + "\n") // 40 bytes: two fit in 100, three do not
	for i := 0; i < 9; i++ {
		line[0] = byte('0' + i)
		if _, err := w.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(line); !errors.Is(err, os.ErrClosed) {
		t.Errorf("write after Close: %v, want os.ErrClosed", err)
	}
	// Lines 0–8, two per file: x.log holds 8, x.log.1 6–7, x.log.2 4–5; 0–3 are gone.
	for name, first := range map[string]string{"x.log": "8", "x.log.1": "67", "x.log.2": "45"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			got += l[:1]
		}
		if got != first {
			t.Errorf("%s holds lines %q, want %q", name, got, first)
		}
		if fi, _ := os.Stat(filepath.Join(dir, name)); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files, want 3 (the cap, two older)", len(ents))
	}
}

func TestWriter_ReopensAppending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.log")
	for i := 0; i < 2; i++ {
		w, err := OpenWriter(path, 1000, 3)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "run %d\n", i)
		w.Close()
	}
	if b, _ := os.ReadFile(path); string(b) != "run 0\nrun 1\n" {
		t.Fatalf("file %q", b)
	}
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`id_number: "034185001234": CCCD must have 12 digits`, `id_number: "…": CCCD must have 12 digits`},
		{`phone: "+84 98 765 4321": not a phone`, `phone: "…": not a phone`},
		{`Số CCCD «0341850012»: phải có 12 chữ số`, `Số CCCD «…»: phải có 12 chữ số`},
		{`want a string, got ["Nguyễn Thị Hò`, `want a string, got ["…"`},
		{`unknown kind "nick\"name"`, `unknown kind "…"`},
		{"citizen 034185001234 and 0912.345.678 or +84 98 765 4321", "citizen ######### and ######### or #########"},
		{`open C:\Users\can bo\Báo cáo\xa-12457-000003-ab12cd34.khb: Path not found.`,
			`open C:\Users\can bo\Báo cáo\xa-12457-000003-ab12cd34.khb: Path not found.`},
		{"backups/khuyenhoc-2026-12-01.db, 12 rows, 4096 bytes, seq 12345678", "backups/khuyenhoc-2026-12-01.db, 12 rows, 4096 bytes, seq 12345678"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// An error that carries what a person typed is logged in full but for the
// values: the field, the reason and the line stay.
func TestLogger_MasksValuesInErrorsAndText(t *testing.T) {
	_, err := data.ParseCitizen(data.Input{"full_name": "Nguyễn Thị Hòa", "id_number": "0341850012",
		"phone": "0912 34", "year": "2026", "birth_year": "1985", "gender": "nu"}, nil)
	if err == nil {
		t.Fatal("want a validation error")
	}
	var buf bytes.Buffer
	l := New(&buf)
	l.Error("row rejected", "line", 3, "err", fmt.Errorf("import: %w", err))
	l.Info("typed «Nguyễn Thị Hòa» 0912345678", "note", `"Hòa"`, "who", stringer("CCCD 034185001234"))
	out := buf.String()
	for _, secret := range []string{"0341850012", "0912 34", "0912345678", "Hòa", "034185001234"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	for _, kept := range []string{"row rejected", "line=3", "id_number", "CCCD must have 12 digits", "phone",
		"not a Vietnamese phone number", "who=\"CCCD #########\""} {
		if !strings.Contains(out, kept) {
			t.Errorf("the log lost %q:\n%s", kept, out)
		}
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

func TestOpen_PrivateFolderAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	l, err := Open(dir, "khuyenhoc-cli")
	if err != nil {
		t.Fatal(err)
	}
	l.Info("start", "version", "1.2.3")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "khuyenhoc-cli.log"))
	if err != nil || !strings.Contains(string(b), `level=INFO msg=start version=1.2.3`) {
		t.Fatalf("log %q, %v", b, err)
	}
	if fi, _ := os.Stat(dir); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", fi.Mode().Perm())
	}
}

func TestLineWriter_OneRecordPerLineMasked(t *testing.T) {
	var buf bytes.Buffer
	w := LineWriter(New(&buf), "fyne")
	fmt.Fprint(w, "Fyne error:  window creation error\n  Cause: APIUnavailable: WGL: The driver does not appear to support OpenGL\n")
	fmt.Fprint(w, `typed "Nguyễn Văn An"`+"\n")
	got := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{`msg=fyne text="Fyne error:  window creation error"`,
		`msg=fyne text="  Cause: APIUnavailable: WGL: The driver does not appear to support OpenGL"`,
		`msg=fyne text="typed \"…\""`}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i := range want {
		if !strings.HasSuffix(got[i], want[i]) {
			t.Errorf("line %d = %q, want …%q", i, got[i], want[i])
		}
	}
}
