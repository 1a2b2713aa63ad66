package store

import (
	"fmt"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// Kind names a synced table. Bundles carry the same names.
type Kind string

// The synced kinds, in the order bundles carry them (parents before children).
const (
	Village    Kind = "village"
	Profile    Kind = "profile"
	Citizen    Kind = "citizen"
	Assessment Kind = "assessment"
	Centre     Kind = "centre"
	CentreYear Kind = "centre_year"
	Award      Kind = "award"
	Fund       Kind = "fund"
)

// Kinds lists every synced kind in bundle order.
var Kinds = []Kind{Village, Profile, Citizen, Assessment, Centre, CentreYear, Award, Fund}

// Col is a synced column: a text or an integer.
type Col struct {
	Name string
	Int  bool
}

// Schema describes a synced table: its versioned columns (the last is always
// "deleted") and the derived columns the store computes from them for
// searching and sorting, which never travel.
type Schema struct {
	Kind    Kind
	Cols    []Col
	Derived []string
	derive  func(v []any) []any
	fts     string // the full-text index of the derived "skey" column, if any
	index   map[string]int
	wcols   []string
}

func t(n string) Col { return Col{Name: n} }
func i(n string) Col { return Col{Name: n, Int: true} }

var schemas = map[Kind]*Schema{
	Village: {Cols: []Col{t("name"), t("note"), i("deleted")},
		Derived: []string{"skey"},
		derive:  func(v []any) []any { return []any{text.Fold(v[0].(string))} }},
	Profile: {Cols: []Col{i("year"), i("adults"), i("deleted")}},
	Citizen: {Cols: []Col{t("ho_dem"), t("ten"), t("gender"), i("birth_year"), t("birth_date"),
		t("id_number"), t("phone"), t("ethnicity"), t("village"), t("grp"), t("note"), i("deleted")},
		Derived: []string{"skey", "nkey", "vkey"}, derive: derivePerson, fts: "citizen_fts"},
	Assessment: {Cols: []Col{t("citizen_id"), i("year"), t("scores"), t("result"), t("status"),
		t("decision_no"), t("decision_date"), i("deleted")}},
	Centre: {Cols: []Col{t("name"), t("decision_no"), t("established_on"), t("status"),
		t("merged_into"), t("director"), t("deputies"), i("deleted")},
		Derived: []string{"skey", "nkey"},
		derive: func(v []any) []any {
			return []any{text.Fold(v[0].(string)), text.Key(v[0].(string))}
		}},
	CentreYear: {Cols: []Col{t("centre_id"), i("year"), i("classes"), i("learner_times"),
		i("budget_vnd"), i("social_vnd"), t("rating"), t("status"), i("deleted")}},
	Award: {Cols: []Col{t("ho_dem"), t("ten"), t("gender"), t("birth_date"), t("village"),
		t("school"), t("grade"), t("school_year"), t("guardian"), t("award_type"),
		t("achievement"), i("amount_vnd"), i("in_kind_vnd"), t("funding_source"), t("sponsor"),
		t("decision_no"), t("decision_date"), t("deciding_level"), t("awarded_on"),
		t("consent"), t("fund_id"), i("deleted")},
		Derived: []string{"skey", "nkey", "year"}, derive: deriveAward},
	Fund: {Cols: []Col{t("date"), t("direction"), t("source"), i("amount_vnd"),
		i("in_kind_vnd"), t("voucher_no"), t("note"), i("deleted")}},
}

func init() {
	for k, s := range schemas {
		s.Kind = k
		s.index = map[string]int{}
		for n, c := range s.Cols {
			s.index[c.Name] = n
		}
		s.wcols = append(append(s.ColNames(), s.Derived...), "v_l", "v_s", "b_l", "b_s", "fv", "lseq")
		if s.Cols[len(s.Cols)-1].Name != "deleted" {
			panic(fmt.Sprintf("store: %s: last column must be deleted", k))
		}
	}
}

// SchemaOf returns the schema of a kind, or nil for an unknown kind.
func SchemaOf(k Kind) *Schema { return schemas[k] }

// ColNames lists the versioned column names in order.
func (s *Schema) ColNames() []string {
	out := make([]string, len(s.Cols))
	for n, c := range s.Cols {
		out[n] = c.Name
	}
	return out
}

// Index returns the position of a column, or -1.
func (s *Schema) Index(name string) int {
	if n, ok := s.index[name]; ok {
		return n
	}
	return -1
}

func (s *Schema) deleted() int { return len(s.Cols) - 1 }

// zero returns the zero value of every column.
func (s *Schema) zero() []any {
	v := make([]any, len(s.Cols))
	for n, c := range s.Cols {
		if c.Int {
			v[n] = int64(0)
		} else {
			v[n] = ""
		}
	}
	return v
}

// check verifies that values have the column types: what a bundle carries
// is typed before it reaches SQLite.
func (s *Schema) check(v []any) error {
	if len(v) != len(s.Cols) {
		return fmt.Errorf("%w: %s has %d values, want %d", ErrBadRow, s.Kind, len(v), len(s.Cols))
	}
	for n, c := range s.Cols {
		switch x := v[n].(type) {
		case int64:
			if !c.Int {
				return fmt.Errorf("%w: %s.%s must be text", ErrBadRow, s.Kind, c.Name)
			}
		case string:
			if c.Int {
				return fmt.Errorf("%w: %s.%s must be a number", ErrBadRow, s.Kind, c.Name)
			}
			if len(x) > maxText {
				return fmt.Errorf("%w: %s.%s too long", ErrBadRow, s.Kind, c.Name)
			}
		default:
			return fmt.Errorf("%w: %s.%s has type %T", ErrBadRow, s.Kind, c.Name, x)
		}
	}
	if d := v[s.deleted()].(int64); d != 0 && d != 1 {
		return fmt.Errorf("%w: %s.deleted must be 0 or 1", ErrBadRow, s.Kind)
	}
	return nil
}

const maxText = 4000

func derivePerson(v []any) []any {
	hoDem, ten := v[0].(string), v[1].(string)
	p := data.Person{HoDem: hoDem, Ten: ten, IDNumber: v[5].(string), Phone: v[6].(string)}
	return []any{p.SearchKey(), text.NameKey(hoDem, ten), text.Fold(v[8].(string))}
}

func deriveAward(v []any) []any {
	hoDem, ten := v[0].(string), v[1].(string)
	a := data.Award{SchoolYear: v[7].(string)}
	a.DecisionDate, _ = data.ParseDate(v[16].(string))
	a.AwardedOn, _ = data.ParseDate(v[18].(string))
	return []any{text.Fold(text.JoinName(hoDem, ten)), text.NameKey(hoDem, ten), int64(a.Year())}
}

// writeCols lists the columns written besides id and unit.
func (s *Schema) writeCols() []string { return s.wcols }

// searchKey is the derived skey of values (for kinds with a search index).
func (s *Schema) searchKey(v []any) string {
	if s.derive == nil {
		return ""
	}
	return s.derive(v)[0].(string)
}

// selectCols returns "id, unit, c1, c2 …, v_l, v_s, b_l, b_s, fv, lseq".
func (s *Schema) selectCols() string {
	return "id, unit, " + strings.Join(s.ColNames(), ", ") + ", v_l, v_s, b_l, b_s, fv, lseq"
}
