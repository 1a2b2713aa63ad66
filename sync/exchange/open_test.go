//go:build unix

package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Only regular files are opened: a FIFO named *.khb (which would block an
// import for ever), a device, and links out of the folder are refused by
// name while the genuine bundle beside them goes in; a link inside the
// folder is followed.
func TestImport_OnlyRegularFiles(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(2, "Thật")
	stick := t.TempDir()
	good := a.export(stick)[0].Path
	outside := filepath.Join(t.TempDir(), "outside.khb")
	if err := os.WriteFile(outside, []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(stick, "a-fifo.khb"), 0o644))
	must(os.Symlink("/dev/zero", filepath.Join(stick, "b-device.khb")))
	must(os.Symlink(outside, filepath.Join(stick, "c-out.khb")))
	must(os.Symlink(filepath.Base(good), filepath.Join(stick, "zz-link.khb")))
	must(os.Mkdir(filepath.Join(stick, "d-folder.khb"), 0o755))

	o := d.importFiles(stick)
	got := map[string]Outcome{}
	for _, x := range o {
		got[filepath.Base(x.File)] = x
	}
	for _, name := range []string{"a-fifo.khb", "b-device.khb", "c-out.khb", "d-folder.khb"} {
		if x := got[name]; x.Status != Rejected || !errors.Is(x.Err, ErrNotRegular) {
			t.Errorf("%s: %+v, want refused as not regular", name, x)
		}
	}
	if x := got[filepath.Base(good)]; x.Status != Imported {
		t.Errorf("the genuine bundle: %+v", x)
	}
	if x := got["zz-link.khb"]; x.Status != Duplicate {
		t.Errorf("a link inside the folder: %+v, want read (a duplicate)", x)
	}
	// Named one by one, a FIFO and a device are refused too.
	for _, p := range []string{filepath.Join(stick, "a-fifo.khb"), "/dev/zero"} {
		if x := d.importFiles(p)[0]; x.Status != Rejected || !errors.Is(x.Err, ErrNotRegular) {
			t.Errorf("%s named: %+v", p, x)
		}
	}
}

// A read past the file's deadline stops with ErrTimeout.
func TestDeadlineReader(t *testing.T) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	r := deadlineReader{ctx: ctx, r: strings.NewReader("bundle")}
	if _, err := r.ReadAt(make([]byte, 3), 0); !errors.Is(err, ErrTimeout) {
		t.Fatalf("past the deadline: %v", err)
	}
	ok := deadlineReader{ctx: context.Background(), r: strings.NewReader("bundle")}
	if n, err := ok.ReadAt(make([]byte, 3), 0); n != 3 || err != nil {
		t.Fatalf("within: %d %v", n, err)
	}
}
