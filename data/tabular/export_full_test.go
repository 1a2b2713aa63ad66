//go:build linux

package tabular

import (
	"context"
	"fmt"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A CSV export cut midway by the disk (here the file-size limit, which
// fails a write as a full disk does) leaves the earlier export as it was.
func TestExport_CSVCutMidwayKeepsTheEarlierFile(t *testing.T) {
	st := openStore(t)
	var b strings.Builder
	b.WriteString("full_name,gender,birth_year,village,year,result\n")
	for n := range 2000 {
		fmt.Fprintf(&b, "Nguyễn Văn Số %d,nam,1980,Thôn Đông,2026,dat\n", n)
	}
	rows, err := ReadCSVTable([]byte(b.String()), Citizens, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), st, Citizens, rows.Rows, Options{Unit: unit}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "citizens.csv")
	const limit = 16 << 10 // the earlier file is larger: a write past the limit fails with EFBIG
	exportTwice(t, st, path, func() error {
		var old syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatal(err)
		}
		signal.Ignore(syscall.SIGXFSZ)
		defer signal.Reset(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
			t.Fatal(err)
		}
		defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
		_, err := Export(context.Background(), st, Citizens, "", path)
		return err
	}, syscall.EFBIG)
}
