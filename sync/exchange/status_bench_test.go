package exchange

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// BenchmarkStatus500 reports on a province of the list before 1/7/2025
// (Thanh Hóa: 27 districts, 559 communes) where every commune is enrolled,
// has sent bundles with a gap, and holds records.
func BenchmarkStatus500(b *testing.B) {
	ctx := context.Background()
	area := units.Ref{List: "2024", Code: "38"}
	p := newInstall(b, "province", area)
	communes := below(units.Default(), area, true)
	n := 0
	err := p.c.Store.Merge(ctx, func(m *store.Merger) error {
		for i, u := range communes {
			if u.Level != units.Commune {
				continue
			}
			n++
			if err := m.TrustKey(store.PeerKey{Fingerprint: fmt.Sprintf("%04d 0000 0000", i), Unit: u.Ref.String(),
				Level: "commune", Name: u.FullName, Site: fmt.Sprintf("%016x", i), KeyID: fmt.Sprintf("%016X", i), KHKey: []byte("-")}, "", 0); err != nil {
				return err
			}
			for _, seq := range []int64{1, 2, 4} {
				if err := m.RecordIn(store.InBundle{Origin: u.Ref.String(), OriginLevel: "commune", Site: fmt.Sprintf("%016x", i),
					Seq: seq, ManifestSHA256: fmt.Sprintf("%d-%d", i, seq), BundleID: "-", Created: "2026-11-01T00:00:00Z"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	unit := ""
	err = p.c.Store.Edit(ctx, "bench", func(e *store.Editor) error {
		for i, u := range communes {
			if u.Level != units.Commune || i%2 == 1 {
				continue
			}
			unit = u.Ref.String()
			for k := 0; k < 20; k++ {
				if _, err := e.SaveCitizen(&data.Citizen{Unit: unit, Person: data.Person{Ten: fmt.Sprint(k)}}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := UnitsStatus(ctx, p.c, StatusOptions{Overdue: 30 * 24 * time.Hour, All: true})
		if err != nil || len(rep.Units) < 500 {
			b.Fatalf("%d units, %v", len(rep.Units), err)
		}
	}
	b.ReportMetric(float64(n), "communes")
}
