// Package printtest opens the files the printing tests write the way their
// readers do: LibreOffice converts a workbook, poppler reads a PDF's pages
// and text, openpyxl runs a script, and a workbook's parts are read as XML.
// A check whose tool is missing skips the test, saying which package
// `make test` installs. Only tests import it.
package printtest

import (
	"archive/zip"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Workbook opens the workbook at path with excelize, closed when the test
// ends.
func Workbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// -out DIR keeps the files the print tests write, to look at.
var outDir = flag.String("out", "", "keep the printed files in this folder")

// KeepDir is the folder a test writes its files to: -out, or a temporary one.
func KeepDir(t *testing.T) string {
	t.Helper()
	if *outDir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return *outDir
}

// Soffice runs LibreOffice headless with its own profile in dir.
func Soffice(t *testing.T, dir string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice is not installed (make test installs libreoffice-calc)")
	}
	args = append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless"}, args...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// PDFPages returns the text of each page of a PDF (pdftotext -layout).
func PDFPages(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils is not installed (make test installs it)")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// PDFInfo returns pdfinfo's "Pages" and "Page size" lines.
func PDFInfo(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("poppler-utils is not installed (make test installs it)")
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Pages:") || strings.HasPrefix(l, "Page size:") {
			keep = append(keep, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(keep, "; ")
}

// Part returns one part of a workbook ("xl/worksheets/sheet1.xml").
func Part(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// Openpyxl returns a Python with openpyxl: Debian's python3-openpyxl at
// /usr/bin/python3 before one on the PATH.
func Openpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	t.Skip("python3-openpyxl is not installed (make test installs it)")
	return ""
}
