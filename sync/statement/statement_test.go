package statement_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/statement"
)

var commune = units.Ref{List: "2024", Code: "12694"}

func identity(t *testing.T, unit units.Ref, level string) *keys.Identity {
	t.Helper()
	id, err := keys.Generate(unit, level, "Xã thử", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func submission(id *keys.Identity) statement.Statement {
	tot := data.NewTotals()
	tot.Citizens.Registered, tot.Funds.RaisedVND = 12, 3_000_000
	return statement.Statement{Kind: statement.Submission, Issuer: id.Unit.String(), KeyID: id.Public().KeyIDString(),
		Site: id.Site, N: 3, Issued: "2026-12-01T09:00:00Z", Unit: id.Unit.String(), Period: "2026", RestsOn: 7, Totals: tot}
}

func TestSign_VerifiesAndReadsBack(t *testing.T) {
	id := identity(t, commune, units.Commune)
	file, err := statement.Sign(id, submission(id))
	if err != nil {
		t.Fatal(err)
	}
	got, err := statement.Verify(file, id.Public())
	if err != nil {
		t.Fatal(err)
	}
	if got.Totals.Citizens.Registered != 12 || got.RestsOn != 7 || got.N != 3 || got.Format != statement.Format {
		t.Fatalf("read back %+v", got)
	}
	if p, err := statement.Parse(file); err != nil || p.Period != "2026" {
		t.Fatalf("parse: %+v %v", p, err)
	}
	if n := bytes.Count(file, []byte("\n")); n != 5 {
		t.Fatalf("a statement file is five lines, got %d", n)
	}
}

func TestVerify_Refusals(t *testing.T) {
	id, other := identity(t, commune, units.Commune), identity(t, commune, units.Commune)
	good, err := statement.Sign(id, submission(id))
	if err != nil {
		t.Fatal(err)
	}
	district := identity(t, units.Ref{List: "2024", Code: "340"}, units.District)
	cases := []struct {
		name string
		file []byte
		by   keys.PublicKey
		want error
	}{
		{"totals edited", bytes.Replace(good, []byte(`"registered":12`), []byte(`"registered":13`), 1), id.Public(), statement.ErrBadSignature},
		{"checked with another key", good, other.Public(), statement.ErrWrongKey},
		{"a key of another unit", good, district.Public(), statement.ErrWrongKey},
		{"not canonical", bytes.Replace(good, []byte(`{"format"`), []byte(`{ "format"`), 1), id.Public(), statement.ErrMalformed},
		{"unknown member", bytes.Replace(good, []byte(`{"format"`), []byte(`{"x":1,"format"`), 1), id.Public(), statement.ErrMalformed},
		{"cut short", good[:len(good)-10], id.Public(), statement.ErrMalformed},
		{"empty", nil, id.Public(), statement.ErrMalformed},
	}
	for _, tc := range cases {
		if _, err := statement.Verify(tc.file, tc.by); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestSign_RefusesWhatIsNotAStatement(t *testing.T) {
	id := identity(t, commune, units.Commune)
	edit := func(f func(*statement.Statement)) statement.Statement { s := submission(id); f(&s); return s }
	for name, s := range map[string]statement.Statement{
		"a submission for another unit":  edit(func(s *statement.Statement) { s.Unit = "2024:12700" }),
		"a submission without totals":    edit(func(s *statement.Statement) { s.Totals = nil }),
		"an approval of oneself":         edit(func(s *statement.Statement) { s.Kind, s.Totals, s.RestsOn = statement.Approval, nil, 0 }),
		"an approval with totals":        edit(func(s *statement.Statement) { s.Kind, s.Unit, s.RestsOn = statement.Approval, "2024:12700", 0 }),
		"a period not in its text form":  edit(func(s *statement.Statement) { s.Period = "2026-01-01..2026-12-31" }),
		"no counter":                     edit(func(s *statement.Statement) { s.N = 0 }),
		"a kind this version knows not":  edit(func(s *statement.Statement) { s.Kind = "acceptance" }),
		"a submission naming a approval": edit(func(s *statement.Statement) { s.Approves = 2 }),
	} {
		if _, err := statement.Sign(id, s); !errors.Is(err, statement.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A deadlines statement carries the issuer's own days per level; it
// signs and reads back, and anything else is refused as malformed.
func TestDeadlines_OwnDaysPerLevel(t *testing.T) {
	id := identity(t, units.Ref{List: "2024", Code: "340"}, units.District)
	good := statement.Statement{Kind: statement.Deadlines, Issuer: id.Unit.String(), KeyID: id.Public().KeyIDString(),
		Site: id.Site, N: 1, Issued: "2026-11-20T09:00:00Z", Unit: id.Unit.String(), Period: "2026",
		Due: map[string]string{units.Commune: "2026-12-10", "": "2026-12-15"}}
	file, err := statement.Sign(id, good)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := statement.Verify(file, id.Public()); err != nil || got.Due[units.Commune] != "2026-12-10" || got.Due[""] != "2026-12-15" {
		t.Fatalf("read back %+v, %v", got.Due, err)
	}
	edit := func(f func(*statement.Statement)) statement.Statement {
		s := good
		s.Due = map[string]string{units.Commune: "2026-12-10"}
		f(&s)
		return s
	}
	for name, s := range map[string]statement.Statement{
		"of another unit":          edit(func(s *statement.Statement) { s.Unit = commune.String() }),
		"no day":                   edit(func(s *statement.Statement) { s.Due = nil }),
		"a level not below":        edit(func(s *statement.Statement) { s.Due = map[string]string{units.Province: "2026-12-10"} }),
		"a day not in its form":    edit(func(s *statement.Statement) { s.Due = map[string]string{units.Commune: "10/12/2026"} }),
		"with totals":              edit(func(s *statement.Statement) { s.Totals = data.NewTotals() }),
		"due days in a submission": func() statement.Statement { s := submission(id); s.Due = good.Due; return s }(),
	} {
		if _, err := statement.Sign(id, s); !errors.Is(err, statement.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
