package exchange

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
)

// distinctValues fills every column of a kind with a value of its own
// type that no other column has (the tombstone 0).
func distinctValues(sc *store.Schema, n int) []any {
	vals := make([]any, len(sc.Cols))
	for i, c := range sc.Cols {
		k := 10*n + i
		switch {
		case c.Field == nil: // deleted
			vals[i] = int64(0)
		case c.Field.Type == data.TypeScores:
			vals[i] = data.EncodeScores([]int{80, 81, 82, 83, 84, 85, 86, 87, 88, 89 + k%10})
		case c.Field.Type == data.TypeDate:
			vals[i] = fmt.Sprintf("20%02d-%02d-%02d", k%90+10, k%12+1, k%28+1)
		case c.Field.Type == data.TypeYear:
			vals[i] = int64(1950 + k)
		case c.Int:
			vals[i] = int64(1000 + k)
		case c.Field.Enum != nil:
			opts := c.Field.Enum.Options
			vals[i] = opts[k%len(opts)].Code
		case c.Name == "id_number": // the stored forms of a CCCD and a phone
			vals[i] = fmt.Sprintf("0341850012%02d", k%100)
		case c.Name == "phone":
			vals[i] = fmt.Sprintf("09123456%02d", k%100)
		case c.Name == "period": // a branch's members: a half-year
			vals[i] = fmt.Sprintf("%d-H%d", 2000+k%50, k%2+1)
		case c.Name == "criteria": // a criteria set's version
			vals[i] = fmt.Sprintf("criteria-%d", k)
		default:
			vals[i] = fmt.Sprintf("%s %d", c.Name, k)
		}
	}
	return vals
}

// Every column of every kind, set to a distinct value, goes into the
// store, into a bundle, and out at the district and the province exactly
// as the upward projection lets it (data.Project): what reaches no further
// than the district is blank at the province, ethnicity is blank
// everywhere above the commune, and the identifying columns of a record
// whose person did not consent to sending upward are blank above it. Once
// without consent (the award's legacy answer is "khong", the consent is
// about no record held), once with the guardian's yes for the award.
func TestRoundTrip_EveryColumnOfEveryKind(t *testing.T) {
	for _, consented := range []bool{false, true} {
		t.Run(map[bool]string{false: "without consent", true: "with consent"}[consented], func(t *testing.T) {
			roundTrip(t, consented)
		})
	}
}

func roundTrip(t *testing.T, consented bool) {
	ctx := context.Background()
	p, d, a := newInstall(t, "province", provinceTB), newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, p, d)
	link(t, d, a)
	want := map[store.Kind][]any{}
	ids := map[store.Kind]string{}
	for n, k := range store.Kinds {
		sc := store.SchemaOf(k)
		ids[k], want[k] = store.NewID(), distinctValues(sc, n)
		// A yearly row refers to its parent, and its id is derived
		// from the parent and the year, as a receiver checks (a member
		// count's from its branch and period).
		// A model's year, its model's record; a member link's id comes
		// from its record and citizen.
		parent := map[store.Kind]string{store.Assessment: ids[store.Citizen], store.CentreYear: ids[store.Centre],
			store.Profile: communeA.String(), store.MemberCount: ids[store.Branch]}[k]
		if k == store.ModelYear {
			model := want[k][sc.Index("model")].(string)
			parent = ids[map[string]store.Kind{"family": store.Family, "clan": store.Clan, "community": store.Community,
				"unit": store.LearningUnit}[model]]
		}
		if parent != "" {
			if col := map[store.Kind]string{store.Assessment: "citizen_id", store.CentreYear: "centre_id",
				store.ModelYear: "record_id", store.MemberCount: "branch_id"}[k]; col != "" {
				want[k][sc.Index(col)] = parent
			}
			if k == store.MemberCount {
				ids[k] = store.PeriodID(k, parent, want[k][sc.Index("period")].(string))
				continue
			}
			ids[k] = store.YearlyID(k, parent, int(want[k][sc.Index("year")].(int64)))
		}
		if k == store.Member {
			want[k][sc.Index("record_id")], want[k][sc.Index("citizen_id")] = ids[store.Family], ids[store.Citizen]
			ids[k] = store.MemberID(ids[store.Family], ids[store.Citizen])
		}
	}
	// No record, and a citizen's (a head of household's) consent is not
	// required.
	upward := map[store.Kind]bool{store.Citizen: true, store.Family: true}
	if consented {
		c := store.SchemaOf(store.Consent)
		set := func(col string, v any) { want[store.Consent][c.Index(col)] = v }
		set("subject", ids[store.Award])
		set("subject_kind", "award")
		set("given_by", data.Guardian)
		set("upward", "co")
		set("given_on", "2020-01-01")
		set("withdrawn_on", "")
		upward[store.Award], upward[store.Consent] = true, true
	}
	err := a.c.Store.Edit(ctx, "test", func(e *store.Editor) error {
		for _, k := range store.Kinds {
			if _, err := e.Put(k, ids[k], communeA.String(), append([]any(nil), want[k]...)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range store.Kinds {
		if r, err := a.c.Store.Get(ctx, k, ids[k]); err != nil || !reflect.DeepEqual(r.Vals, want[k]) {
			t.Fatalf("%s in the store: %v %v, want %v", k, r, err, want[k])
		}
	}
	if o := d.importFiles(a.export(t.TempDir())[0].Path); !o[0].OK() {
		t.Fatalf("district import %+v", o[0])
	}
	if o := p.importFiles(d.export(t.TempDir())[0].Path); !o[0].OK() {
		t.Fatalf("province import %+v", o[0])
	}
	for _, k := range store.Kinds {
		var dk data.Kind
		for _, x := range data.AllKinds {
			if x.KindName() == string(k) {
				dk = x
			}
		}
		atDistrict := append([]any(nil), want[k]...)
		data.Project(dk.Cols(), atDistrict, "commune", upward[k] || !hasIdent(dk))
		atProvince := append([]any(nil), atDistrict...)
		data.Project(dk.Cols(), atProvince, "district", upward[k] || !hasIdent(dk))
		for _, tc := range []struct {
			in   *install
			want []any
		}{{d, atDistrict}, {p, atProvince}} {
			r, err := tc.in.c.Store.Get(ctx, k, ids[k])
			if err != nil || !reflect.DeepEqual(r.Vals, tc.want) {
				t.Errorf("%s at the %s: %v %v\nwant %v", k, tc.in.id.Level, r, err, tc.want)
			}
		}
	}
}

func hasIdent(k data.Kind) bool {
	for _, c := range k.Cols() {
		if c.Ident {
			return true
		}
	}
	return false
}
