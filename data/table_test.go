package data

import (
	"fmt"
	"reflect"
	"testing"
)

// storedValues gives every column of cols a distinct stored value of its
// type.
func storedValues(cols []Col, n int) []any {
	vals := make([]any, len(cols))
	for i, c := range cols {
		k := 10*n + i
		switch {
		case c.Type == TypeScores:
			vals[i] = EncodeScores([]int{80, 81, 82, 83, 84, 85, 86, 87, 88, 89 + k%10})
		case c.Type == TypeDate:
			vals[i] = fmt.Sprintf("20%02d-%02d-%02d", k%90+10, k%12+1, k%28+1)
		case c.Type.Int():
			vals[i] = int64(1000 + k)
		case c.Enum != nil:
			vals[i] = c.Enum.Options[k%len(c.Enum.Options)].Code
		default:
			vals[i] = fmt.Sprintf("%s %d", c.Name, k)
		}
	}
	return vals
}

// checkTable asserts that a table's setters and getters are inverse for
// every column: Values(Record(v)) == v.
func checkTable[T any](t *testing.T, tb *Table[T], n int) {
	t.Helper()
	v := storedValues(tb.Cols(), n)
	x := tb.Record("id", "2024:12345", v)
	if got := tb.Values(&x); !reflect.DeepEqual(got, v) {
		t.Errorf("%s: Values(Record(v))\n got %v\nwant %v", tb.Name, got, v)
	}
	if id, unit := tb.Key(&x); *id != "id" || *unit != "2024:12345" {
		t.Errorf("%s: key %q %q", tb.Name, *id, *unit)
	}
}

func TestTables_GettersAndSettersAreInverse(t *testing.T) {
	checkTable(t, Villages, 0)
	checkTable(t, Profiles, 1)
	checkTable(t, Citizens, 2)
	checkTable(t, Assessments, 3)
	checkTable(t, Centres, 4)
	checkTable(t, CentreYears, 5)
	checkTable(t, Awards, 6)
	checkTable(t, Funds, 7)
	checkTable(t, ConsentRecords, 8)
	checkTable(t, Families, 9)
	checkTable(t, Clans, 10)
	checkTable(t, Communities, 11)
	checkTable(t, LearningUnits, 12)
	checkTable(t, ModelYears, 13)
	checkTable(t, Members, 14)
	checkTable(t, Branches, 15)
	checkTable(t, MemberCounts, 16)
	checkTable(t, Activities, 17)
	if len(AllKinds) != 18 {
		t.Fatalf("a kind is not checked here: %d kinds", len(AllKinds))
	}
}

// Every column has a label people can read, and every file column of a
// kind is a column of its file.
func TestTables_ColumnsAreNamed(t *testing.T) {
	files := map[string][]string{"village": VillageColumns, "profile": ProfileColumns, "citizen": CitizenColumns,
		"assessment": CitizenColumns, "centre": CentreColumns, "centre_year": CentreColumns,
		"award": AwardColumns, "fund": FundColumns, "consent": ConsentColumns, "family": FamilyColumns, "clan": ClanColumns,
		"community": CommunityColumns, "learning_unit": UnitColumns, "model_year": FamilyColumns, "member": FamilyColumns,
		"branch": BranchColumns, "member_count": BranchColumns, "activity": ActivityColumns}
	for _, k := range AllKinds {
		for _, c := range k.Cols() {
			if c.Label == "" {
				t.Errorf("%s.%s has no label", k.KindName(), c.Name)
			}
			if c.File != "" && !HasColumn(files[k.KindName()], c.File) {
				t.Errorf("%s.%s is written in %q, not a column of its file", k.KindName(), c.Name, c.File)
			}
		}
	}
}
