package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// Units of the tests: two communes of Huyện Đông Hưng (Thái Bình, list 2024)
// and a commune of another district.
var (
	district   = units.Ref{List: "2024", Code: "340"}
	communeA   = units.Ref{List: "2024", Code: "12694"}
	communeB   = units.Ref{List: "2024", Code: "12700"}
	outsider   = units.Ref{List: "2024", Code: "12832"} // Thái Thụy
	provinceTB = units.Ref{List: "2024", Code: "34"}
)

type install struct {
	t   testing.TB
	c   *Config
	id  *keys.Identity
	key []byte // .khkey file
	dir string
}

func newInstall(t testing.TB, level string, unit units.Ref) *install {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "k.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := setup.Init(context.Background(), st, units.Default(),
		setup.Params{Level: level, Unit: unit, Operator: "test", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	key, err := keys.MarshalPublic(id)
	if err != nil {
		t.Fatal(err)
	}
	c := &Config{Store: st, Units: units.Default(), Outbox: filepath.Join(dir, "outbox"), Held: filepath.Join(dir, "held")}
	return &install{t: t, c: c, id: id, key: key, dir: dir}
}

// link makes up the unit above of down and enrols down there.
func link(t testing.TB, up, down *install) {
	t.Helper()
	ctx := context.Background()
	if _, err := setup.SetUpstream(ctx, down.c.Store, units.Default(), up.key); err != nil {
		t.Fatal(err)
	}
	if _, err := setup.Trust(ctx, up.c.Store, units.Default(), down.key, ""); err != nil {
		t.Fatal(err)
	}
}

func (in *install) unit() string {
	i, _ := in.c.Store.Installation(context.Background())
	return i.Unit
}

// addCitizens writes n citizens with a 2026 assessment.
func (in *install) addCitizens(n int, prefix string) []string {
	in.t.Helper()
	var ids []string
	unit := in.unit()
	err := in.c.Store.Edit(context.Background(), "test", func(e *store.Editor) error {
		for k := 0; k < n; k++ {
			c := &data.Citizen{Unit: unit, Person: data.Person{HoDem: "Nguyễn Thị", Ten: fmt.Sprintf("%s%d", prefix, k),
				Gender: "nu", BirthYear: 1980 + k%20, IDNumber: fmt.Sprintf("0341%02d%06d", (80+k%20)%100, k), Phone: "0912345678"}}
			if _, err := e.SaveCitizen(c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
			if _, err := e.SaveAssessment(&data.Assessment{CitizenID: c.ID, Unit: unit, Year: 2026, Result: "dat", Status: "cong_nhan"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		in.t.Fatal(err)
	}
	return ids
}

func (in *install) export(dir string) []Written {
	in.t.Helper()
	w, err := Export(context.Background(), in.c, dir)
	if err != nil {
		in.t.Fatal(err)
	}
	return w
}

func (in *install) importFiles(paths ...string) []Outcome {
	in.t.Helper()
	o, err := Import(context.Background(), in.c, paths, nil)
	if err != nil {
		in.t.Fatal(err)
	}
	return o
}

// snapshot is every record (values and versions), conflict and ledger row.
func (in *install) snapshot() []string {
	in.t.Helper()
	ctx := context.Background()
	snap, err := in.c.Store.Snapshot(ctx)
	if err != nil {
		in.t.Fatal(err)
	}
	defer snap.Close()
	var out []string
	for _, k := range store.Kinds {
		snap.Rows(k, 0, func(r *store.Row) error {
			out = append(out, fmt.Sprintf("%s %s %s %v %v", k, r.ID, r.Unit, r.Vals, r.FV))
			return nil
		})
	}
	cs, _ := in.c.Store.Conflicts(ctx, "")
	for _, c := range cs {
		out = append(out, fmt.Sprintf("conflict %s %s %s %s %v %v %s", c.Kind, c.RecID, c.Field, c.Site, c.Value, c.Current, c.Reason))
	}
	led, _ := in.c.Store.Ledger(ctx, "")
	for _, b := range led {
		out = append(out, fmt.Sprintf("ledger %s %s %d %s", b.Origin, b.Site, b.Seq, b.ManifestSHA256))
	}
	sort.Strings(out)
	return out
}

func (in *install) recordsOnly() []string {
	var out []string
	for _, s := range in.snapshot() {
		if len(s) > 6 && s[:6] != "ledger" && s[:8] != "conflict" {
			out = append(out, s)
		}
	}
	return out
}

func newInstallB(b *testing.B, level string, unit units.Ref) *install {
	return newInstall(b, level, unit)
}
func linkB(b *testing.B, up, down *install)            { link(b, up, down) }
func (in *install) addCitizensB(b *testing.B, n int)   { in.addCitizens(n, "Bench") }
func cloneInstallB(b *testing.B, in *install) *install { return cloneInstall(b, in) }
