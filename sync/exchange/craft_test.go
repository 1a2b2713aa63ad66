package exchange

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
)

// Hostile bundles, crafted as a sender's own script would make them: the
// format is right and the signature is an enrolled key's, the content is
// whatever the attacker chose.

// ctable is one table of a crafted payload: a kind, its columns (the
// store's when nil) and its rows.
type ctable struct {
	kind string
	cols []string
	rows []bundle.Row
}

// crafted is what a crafted bundle is made of, beside its tables.
type crafted struct {
	seq     int64
	prev    string
	sources []bundle.Source
}

// craft seals a bundle signed by id (an enrolled unit's identity, or a
// copy of it under another site) and addressed to the receiver to.
func craft(t testing.TB, id *keys.Identity, to *install, c crafted, tables ...ctable) []byte {
	t.Helper()
	tmp, err := os.CreateTemp(t.TempDir(), "payload-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer tmp.Close()
	if c.seq == 0 {
		c.seq = 1
	}
	if c.seq > 1 && c.prev == "" {
		c.prev = repeat64() // a bundle whose predecessor never arrived
	}
	m := bundle.Manifest{Created: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC), To: to.id.Unit, Seq: c.seq,
		Prev: c.prev, Sources: c.sources}
	var out bytes.Buffer
	_, err = bundle.Seal(&out, tmp, m, id, []age.Recipient{to.id.AgeRecipient()}, func(pw *bundle.PayloadWriter) error {
		for _, tb := range tables {
			cols := tb.cols
			if cols == nil {
				cols = store.SchemaOf(store.Kind(tb.kind)).ColNames()
			}
			if err := pw.Table(bundle.Table{Kind: tb.kind, Cols: cols}); err != nil {
				return err
			}
			for _, r := range tb.rows {
				if err := pw.Row(r); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// row is a payload row of one version (lamport l at site) for all fields.
func row(id, unit string, l int64, site string, vals []any) bundle.Row {
	return bundle.Row{ID: id, Unit: unit, Ver: bundle.Version{L: l, S: site}, Values: vals}
}

// Stored values of valid records (the tombstone last).
func citizenVals(unit, ten string) []any {
	c := data.Citizen{Unit: unit, Person: data.Person{HoDem: "Trần Văn", Ten: ten, Gender: "nam", BirthYear: 1980}}
	return append(data.Citizens.Values(&c), int64(0))
}

func assessmentVals(citizenID string, year int) []any {
	a := data.Assessment{CitizenID: citizenID, Year: year, Result: "dat", Status: "de_nghi"}
	return append(data.Assessments.Values(&a), int64(0))
}

func familyVals(ten string) []any {
	f := data.Family{HoDem: "Lê Văn", Ten: ten, Village: "Thôn Đông", Members: 4, Adults: 2}
	return append(data.Families.Values(&f), int64(0))
}

func modelYearVals(recordID, model string, year int) []any {
	y := data.ModelYear{RecordID: recordID, Model: model, Year: year, Registered: "co", Result: "dat", Status: "de_nghi"}
	return append(data.ModelYears.Values(&y), int64(0))
}

func memberVals(recordID, citizenID string) []any {
	m := data.Member{RecordID: recordID, CitizenID: citizenID}
	return append(data.Members.Values(&m), int64(0))
}

func profileVals(year int, adults int64) []any {
	p := data.Profile{Year: year, Adults: adults}
	return append(data.Profiles.Values(&p), int64(0))
}

func awardVals(amount int64) []any {
	a := data.Award{Person: data.Person{HoDem: "Lê", Ten: "Em"}, AwardType: "qua", AmountVND: amount,
		AwardedOn: data.Date{Y: 2026, M: 9, D: 5}}
	return append(data.Awards.Values(&a), int64(0))
}

func fundVals(date string, amount int64) []any {
	d, _ := data.ParseDate(date)
	f := data.FundLine{Date: d, Direction: "thu", AmountVND: amount}
	vals := append(data.Funds.Values(&f), int64(0))
	if d.IsZero() {
		vals[0] = date // a date no parser accepts, as an attacker writes it
	}
	return vals
}

func centreVals(name string) []any {
	c := data.Centre{Name: name, Status: "hoat_dong"}
	return append(data.Centres.Values(&c), int64(0))
}

func centreYearVals(centreID string, year int) []any {
	y := data.CentreYear{CentreID: centreID, Year: year, Classes: 3, Status: "hoat_dong"}
	return append(data.CentreYears.Values(&y), int64(0))
}

func branchVals(name string) []any {
	b := data.Branch{Name: name, Form: "chi_hoi", Type: "thon"}
	return append(data.Branches.Values(&b), int64(0))
}

func memberCountVals(branchID, period string, total int64) []any {
	m := data.MemberCount{BranchID: branchID, Period: period, Total: total}
	return append(data.MemberCounts.Values(&m), int64(0))
}

// set returns vals with column col of kind set to v.
func set(kind store.Kind, vals []any, col string, v any) []any {
	out := append([]any(nil), vals...)
	out[store.SchemaOf(kind).Index(col)] = v
	return out
}

// importBytes writes b to a file named name and imports it.
func (in *install) importBytes(t *testing.T, name string, b []byte) Outcome {
	t.Helper()
	f := filepath.Join(t.TempDir(), name+".khb")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return in.importFiles(f)[0]
}

// lastOut is the installation's newest bundle made (its number and hash).
func (in *install) lastOut() store.OutBundle {
	in.t.Helper()
	b, err := in.c.Store.LastOut(context.Background())
	if err != nil {
		in.t.Fatal(err)
	}
	return b
}

// recordsOf keeps the records of one unit from a snapshot.
func recordsOfUnit(snapshot []string, unit string) []string {
	var out []string
	for _, s := range snapshot {
		if f := strings.Fields(s); len(f) > 2 && f[2] == unit && f[0] != "ledger" && f[0] != "conflict" {
			out = append(out, s)
		}
	}
	return out
}

// withSite is a copy of an identity that sends under another site id: the
// same keys restored on a second PC.
func withSite(id *keys.Identity, site string) *keys.Identity {
	c := *id
	c.Site = site
	return &c
}
