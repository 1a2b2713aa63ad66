package exchange

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			out = append(out, append(append(append([]int{}, p[:i]...), n-1), p[i:]...))
		}
	}
	return out
}

// Two communes' bundles, with edits and deletes, reach districts in all 24
// orders; every district ends in the same state.
func TestImport_EveryOrderGivesOneState(t *testing.T) {
	ctx := context.Background()
	a, b := newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	d0 := newInstall(t, "district", district)
	link(t, d0, a)
	link(t, d0, b)
	var files []string
	ida := a.addCitizens(3, "A")
	files = append(files, a.export(t.TempDir())[0].Path)
	b.addCitizens(2, "B")
	files = append(files, b.export(t.TempDir())[0].Path)
	edit := func(in *install, id string, fn func(*data.Citizen)) {
		c, _, err := in.c.Store.GetCitizen(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		fn(&c)
		if err := in.c.Store.Edit(ctx, "t", func(e *store.Editor) error { _, err := e.SaveCitizen(&c); return err }); err != nil {
			t.Fatal(err)
		}
	}
	edit(a, ida[0], func(c *data.Citizen) { c.Village = "Thôn Mới" })
	if err := a.c.Store.Edit(ctx, "t", func(e *store.Editor) error { return e.Delete(store.Citizen, ida[1]) }); err != nil {
		t.Fatal(err)
	}
	files = append(files, a.export(t.TempDir())[0].Path)
	b.addCitizens(1, "B2")
	files = append(files, b.export(t.TempDir())[0].Path)

	var want []string
	for _, order := range permutations(len(files)) {
		d := cloneInstall(t, d0) // the same district, before any import
		for _, i := range order {
			if o := d.importFiles(files[i])[0]; o.Status != Imported {
				t.Fatalf("order %v: %+v", order, o)
			}
		}
		got := d.snapshot()
		if want == nil {
			want = got
		} else if !reflect.DeepEqual(got, want) {
			t.Fatalf("order %v gives another state", order)
		}
	}
}

// The stick is pulled out after some bytes: nothing counts as sent, and
// the next export sends the same bundle, byte for byte, and no new one.
func TestExport_InterruptedAfterNBytes(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(50, "Rút")
	for _, n := range []int64{0, 1, 100, 1000, 4000} {
		stick := t.TempDir()
		copyData = func(dst io.Writer, src io.Reader) (int64, error) {
			k, _ := io.CopyN(dst, src, n)
			return k, errors.New("device removed")
		}
		_, err := Export(ctx, a.c, stick)
		copyData = io.Copy
		if err == nil {
			t.Fatalf("n=%d: export reported success", n)
		}
		if left, _ := filepath.Glob(filepath.Join(stick, "*")); len(left) != 0 {
			t.Fatalf("n=%d: left %v on the stick", n, left)
		}
		if un, _ := a.c.Store.Unsent(ctx); len(un) != 1 || un[0].Seq != 1 {
			t.Fatalf("n=%d: unsent %+v", n, un)
		}
	}
	stick := t.TempDir()
	w := a.export(stick)
	if len(w) != 1 || w[0].Seq != 1 || !w[0].Resent {
		t.Fatalf("after the interruptions: %+v", w)
	}
	kept, _ := a.c.Store.OutBundles(ctx, 1)
	orig, _ := os.ReadFile(kept[0].File)
	sent, _ := os.ReadFile(w[0].Path)
	if string(orig) != string(sent) {
		t.Fatal("the bundle sent again differs from the one made")
	}
	if o := d.importFiles(w[0].Path)[0]; o.Status != Imported || o.Stats.Inserted != 100 {
		t.Fatalf("import %+v", o)
	}
	if un, _ := a.c.Store.Unsent(ctx); len(un) != 0 {
		t.Fatalf("still unsent %+v", un)
	}
}

func TestExport_SplitsAndResendsFromASeq(t *testing.T) {
	ctx := context.Background()
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.c.MaxRows = 7
	a.addCitizens(10, "Chia") // 20 rows: 3 bundles
	w := a.export(t.TempDir())
	if len(w) != 3 || w[0].Rows != 7 || w[2].Rows != 6 || w[2].Seq != 3 {
		t.Fatalf("split %+v", w)
	}
	// The stick is lost: send again from number 2.
	again, err := Resend(ctx, a.c, t.TempDir(), 2)
	if err != nil || len(again) != 2 || again[0].Seq != 2 {
		t.Fatalf("resend %+v %v", again, err)
	}
	if _, err := Resend(ctx, a.c, t.TempDir(), 9); !errors.Is(err, ErrNoSuchSeq) {
		t.Fatalf("resend from 9: %v", err)
	}
	o := d.importFiles(w[0].Path, again[0].Path, again[1].Path)
	for _, x := range o {
		if x.Status != Imported {
			t.Fatalf("%+v", x)
		}
	}
	if got, want := d.recordsOnly(), a.recordsOnly(); !reflect.DeepEqual(got, want) {
		t.Fatal("split bundles do not add up to the register")
	}
}
