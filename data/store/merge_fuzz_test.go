package store

import (
	"context"
	"fmt"
	"reflect"
	"sokhuyenhoc/data"
	"testing"
)

// rowsFromBytes turns fuzz input into received rows: a few records, each
// field written by one of three sites with a version and a base drawn from
// the input.
func rowsFromBytes(b []byte) []*Row {
	sites := []string{"a", "b", "c"}
	sc := SchemaOf(Village)
	name, deleted := sc.Index("name"), sc.deleted()
	var out []*Row
	for len(b) >= 6 && len(out) < 24 {
		rec, site, l, bl, val, del := b[0]%3, sites[b[1]%3], int64(b[2]%16)+1, int64(b[3]%16), b[4]%4, b[5]%5 == 0
		b = b[6:]
		fv := Expand(len(sc.Cols), FieldVersion{Ver: Version{l, site}}, nil)
		if bl > 0 {
			fv[name].Base = Version{bl, sites[(int(bl))%3]}
		}
		vals := valuesOf(data.Villages, &data.Village{Name: fmt.Sprintf("thôn %d", val)})
		if del {
			vals[deleted] = int64(1)
			fv[deleted].Base = Version{bl, sites[int(bl)%3]}
		}
		out = append(out, &Row{Kind: Village, ID: fmt.Sprintf("0190f3a0-0000-7000-8000-00000000000%d", rec),
			Unit: testUnit, Vals: vals, FV: fv})
	}
	return out
}

// FuzzMerge: whatever rows arrive, in whatever order, every installation
// ends with the same records.
func FuzzMerge(f *testing.F) {
	f.Add([]byte("\x00\x00\x05\x00\x01\x01\x00\x01\x05\x00\x02\x01\x01\x02\x07\x03\x03\x00"))
	f.Add([]byte("\x02\x01\x0f\x02\x00\x00\x02\x02\x0f\x02\x01\x00\x02\x00\x01\x00\x02\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows := rowsFromBytes(b)
		if len(rows) == 0 {
			return
		}
		var want []string
		for _, order := range [][]int{forward(len(rows)), backward(len(rows)), evensFirst(len(rows))} {
			s := MustOpen(t, "z")
			err := s.Merge(context.Background(), func(m *Merger) error {
				for _, i := range order {
					r := *rows[i]
					r.Vals = append([]any(nil), rows[i].Vals...)
					r.FV = append([]FieldVersion(nil), rows[i].FV...)
					if err := m.Merge(&r); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			checkLive(t, s)
			got := stateRecords(t, s)
			if want == nil {
				want = got
			} else if !reflect.DeepEqual(got, want) {
				t.Fatalf("order %v gives\n%v\nwant\n%v", order, got, want)
			}
		}
	})
}

func forward(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func backward(n int) []int {
	out := forward(n)
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func evensFirst(n int) []int {
	var out []int
	for i := 0; i < n; i += 2 {
		out = append(out, i)
	}
	for i := 1; i < n; i += 2 {
		out = append(out, i)
	}
	return out
}
