package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// A district receives damaged and hostile bundles: each is refused with
// its own error and leaves the district's store exactly as it was.
func TestImport_DamageLeavesStoreUnchanged(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	a.addCitizens(20, "Gốc")
	good, err := os.ReadFile(a.export(t.TempDir())[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	// Hostile sources: a commune enrolled here that writes a row of another
	// commune, and a commune addressing the province instead of this district.
	b := newInstall(t, "commune", communeB)
	link(t, d, b)
	foreignRow := b.bundleWithForeignRow(t)
	p := newInstall(t, "province", provinceTB)
	a2 := cloneInstall(t, a)
	if _, err := setupUpstream(a2, p); err != nil {
		t.Fatal(err)
	}
	a2.addCitizens(1, "Khác")
	toProvince, _ := os.ReadFile(a2.export(t.TempDir())[0].Path)

	cases := []struct {
		name   string
		data   []byte
		status Status
		want   error
	}{
		{"empty", nil, Rejected, bundle.ErrNotBundle},
		{"random", bytes.Repeat([]byte{0x5a, 0xc3, 0x11}, 700), Rejected, bundle.ErrNotBundle},
		{"text", []byte("Nguyễn Văn An,nam,1980\n"), Rejected, bundle.ErrNotBundle},
		{"garbage before", append([]byte("MZ\x90\x00garbage"), good...), Rejected, bundle.ErrNotBundle},
		{"garbage after", append(bytes.Clone(good), "trailing"...), Rejected, bundle.ErrMalformed},
		{"foreign row", foreignRow, Quarantined, ErrRowOutOfScope},
		{"addressed to the province", toProvince, Quarantined, ErrNotAddressed},
	}
	for _, n := range []int{1, 4, 30, 100, 400, len(good) / 2, len(good) - 200, len(good) - 23, len(good) - 1} {
		cases = append(cases, struct {
			name   string
			data   []byte
			status Status
			want   error
		}{fmt.Sprintf("truncated to %d", n), good[:n], Rejected, nil})
	}
	for _, off := range []int{0, 8, 26, 30, 45, 120, 400, 700, 900, len(good) / 2, len(good) - 300, len(good) - 100, len(good) - 60, len(good) - 20, len(good) - 5} {
		d := bytes.Clone(good)
		d[off] ^= 0x04
		cases = append(cases, struct {
			name   string
			data   []byte
			status Status
			want   error
		}{fmt.Sprintf("bit flipped at %d", off), d, Rejected, nil})
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	before := d.snapshot()
	dir := t.TempDir()
	for n, tc := range cases {
		f := filepath.Join(dir, fmt.Sprintf("case-%02d.khb", n))
		if err := os.WriteFile(f, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		o := d.importFiles(f)[0]
		if o.Status != tc.status || o.Err == nil || tc.want != nil && !errors.Is(o.Err, tc.want) {
			t.Errorf("%s: %s %v, want %s %v", tc.name, o.Status, o.Err, tc.status, tc.want)
		}
		if got := d.recordsOnly(); !reflect.DeepEqual(got, recordsOf(before)) {
			t.Fatalf("%s changed the district's records", tc.name)
		}
	}
	if after := d.snapshot(); !reflect.DeepEqual(after, before) {
		t.Fatal("the store changed")
	}
	// The good bundle still goes in afterwards.
	f := filepath.Join(dir, "good.khb")
	os.WriteFile(f, good, 0o644)
	if o := d.importFiles(f)[0]; o.Status != Imported {
		t.Fatalf("good bundle after the damage: %+v", o)
	}
	// The misaddressed bundle and the foreign row are held for review,
	// records untouched.
	q, _ := d.c.Store.QuarantineList(context.Background())
	reasons := map[string]bool{}
	for _, h := range q {
		reasons[h.Reason] = true
	}
	if len(q) != 2 || !reasons["not_addressed"] || !reasons["out_of_scope"] {
		t.Fatalf("quarantine %+v", q)
	}
}

func recordsOf(snapshot []string) []string {
	var out []string
	for _, s := range snapshot {
		if len(s) > 8 && s[:6] != "ledger" && s[:8] != "conflict" {
			out = append(out, s)
		}
	}
	return out
}

// bundleWithForeignRow makes this commune's next bundle carry a row that
// claims to belong to commune A.
func (in *install) bundleWithForeignRow(t *testing.T) []byte {
	t.Helper()
	c := data.Citizen{Unit: communeA.String(), Person: data.Person{HoDem: "Giả", Ten: "Mạo"}}
	err := in.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		_, err := e.Put(store.Citizen, store.NewID(), communeA.String(), append(data.Citizens.Values(&c), int64(0)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(in.export(t.TempDir())[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
