package exchange

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
)

// hostileCase is one bundle from an enrolled commune's key that must be
// held back, with the reason it must be held for.
type hostileCase struct {
	name   string
	bundle []byte
	status Status  // Quarantined unless said
	want   []error // every one must match (errors.Is)
}

// A district with two enrolled communes: A, whose data is the victim's,
// and B, whose genuine key sends what an attacker chose. Every hostile
// bundle is held with its exact reason and leaves the district's records,
// conflicts and ledger as they were; A's genuine bundles, before and after
// them, go in whole.
func TestImport_HostileSenderWithGenuineKey(t *testing.T) {
	ctx := context.Background()
	d, a, b := newInstall(t, "district", district), newInstall(t, "commune", communeA), newInstall(t, "commune", communeB)
	link(t, d, a)
	link(t, d, b)
	aIDs := a.addCitizens(3, "Nạn")
	a1 := a.export(t.TempDir())[0].Path
	// B's genuine first bundle is in: B's hostile bundles follow it.
	b.addCitizens(1, "Gốc")
	if o := d.importFiles(b.export(t.TempDir())[0].Path)[0]; o.Status != Imported {
		t.Fatalf("B's genuine bundle: %+v", o)
	}
	next := crafted{seq: 2, prev: b.lastOut().ManifestSHA256}
	A, B := communeA.String(), communeB.String()
	bs, as, ds := b.id.Site, a.id.Site, d.id.Site
	bCitizen, bFamily := store.NewID(), store.NewID()
	victimProfile := store.YearlyID(store.Profile, A, 2026)
	victimAssessment := store.YearlyID(store.Assessment, aIDs[0], 2026)
	victimCentre := store.NewID()

	before := []hostileCase{
		{"squatting A's profile id under B's unit", craft(t, b.id, d, next, ctable{kind: "profile",
			rows: []bundle.Row{row(victimProfile, B, 5, bs, profileVals(2026, 900))}}), Quarantined,
			[]error{ErrDerivedID, store.ErrDerivedID}},
		{"squatting A's profile under A's unit", craft(t, b.id, d, next, ctable{kind: "profile",
			rows: []bundle.Row{row(victimProfile, A, 5, bs, profileVals(2026, 900))}}), Quarantined,
			[]error{ErrRowOutOfScope}},
		{"squatting A's assessment id, naming A's citizen", craft(t, b.id, d, next, ctable{kind: "assessment",
			rows: []bundle.Row{row(victimAssessment, B, 5, bs, assessmentVals(aIDs[0], 2026))}}), Quarantined,
			[]error{ErrNoParent}},
		{"B's family counting A's citizen among its members", craft(t, b.id, d, next,
			ctable{kind: "family", rows: []bundle.Row{row(bFamily, B, 5, bs, familyVals("Hộ B"))}},
			ctable{kind: "member", rows: []bundle.Row{row(store.MemberID(bFamily, aIDs[0]), B, 5, bs, memberVals(bFamily, aIDs[0]))}}),
			Quarantined, []error{ErrNoParent}},
		{"a year of B's learning unit, named by A's citizen's id", craft(t, b.id, d, next, ctable{kind: "model_year",
			rows: []bundle.Row{row(store.YearlyID(store.ModelYear, aIDs[1], 2026), B, 5, bs, modelYearVals(aIDs[1], "unit", 2026))}}),
			Quarantined, []error{ErrNoParent}},
		{"squatting A's assessment id on B's own citizen", craft(t, b.id, d, next,
			ctable{kind: "citizen", rows: []bundle.Row{row(bCitizen, B, 5, bs, citizenVals(B, "Giả"))}},
			ctable{kind: "assessment", rows: []bundle.Row{row(victimAssessment, B, 5, bs, assessmentVals(bCitizen, 2026))}}),
			Quarantined, []error{ErrDerivedID}},
		{"a centre's year under another centre's id", craft(t, b.id, d, next,
			ctable{kind: "centre", rows: []bundle.Row{row(victimCentre, B, 5, bs, centreVals("TT B"))}},
			ctable{kind: "centre_year", rows: []bundle.Row{row(store.YearlyID(store.CentreYear, store.NewID(), 2026), B, 5, bs,
				centreYearVals(victimCentre, 2026))}}), Quarantined, []error{ErrDerivedID}},
		{"a yearly row without a year", craft(t, b.id, d, next, ctable{kind: "profile",
			rows: []bundle.Row{row(store.YearlyID(store.Profile, B, 0), B, 5, bs, profileVals(0, 9))}}), Quarantined,
			[]error{ErrInvalidRow, data.ErrRequired}},
		{"seq 2^53-1", craft(t, b.id, d, crafted{seq: 1<<53 - 1, prev: next.prev}, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, bs, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrSeqJump}},
		{"lamport 2^53-1", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 1<<53-1, bs, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrClockAhead}},
		{"lamport just past the lead", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, MaxClockLead+1000, bs, citizenVals(B, "Xa"))}}), Quarantined,
			[]error{ErrClockAhead}},
		{"versions stamped with the district's own site", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, ds, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrForeignSite}},
		{"versions stamped with A's site", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, as, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrForeignSite}},
		{"a base from the district's site", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{{ID: store.NewID(), Unit: B, Ver: bundle.Version{L: 9, S: bs}, Base: bundle.Version{L: 3, S: ds},
				Values: citizenVals(B, "Xa")}}}), Quarantined, []error{ErrForeignSite}},
		{"a base newer than its version", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{{ID: store.NewID(), Unit: B, Ver: bundle.Version{L: 9, S: bs}, Base: bundle.Version{L: 90, S: bs},
				Values: citizenVals(B, "Xa")}}}), Quarantined, []error{ErrBadVersion}},
		{"a field settling a thousand versions", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{{ID: store.NewID(), Unit: B, Ver: bundle.Version{L: 2000, S: bs}, Values: citizenVals(B, "Xa"),
				Overrides: map[string]bundle.FieldVersion{"note": {Ver: bundle.Version{L: 1999, S: bs}, Sup: manyVersions(bs, 1000)}}}}}),
			Quarantined, []error{ErrBadVersion}},
		{"two awards of int64 max", craft(t, b.id, d, next, ctable{kind: "award", rows: []bundle.Row{
			row(store.NewID(), B, 5, bs, awardVals(1<<63-1)), row(store.NewID(), B, 5, bs, awardVals(1<<63-1))}}),
			Quarantined, []error{ErrInvalidRow, data.ErrTooBig}},
		{"negative money", craft(t, b.id, d, next, ctable{kind: "award",
			rows: []bundle.Row{row(store.NewID(), B, 5, bs, awardVals(-500000))}}), Quarantined, []error{ErrInvalidRow, data.ErrNegative}},
		{"10^15 đ in the fund", craft(t, b.id, d, next, ctable{kind: "fund",
			rows: []bundle.Row{row(store.NewID(), B, 5, bs, fundVals("2026-01-05", 1_000_000_000_000_000))}}), Quarantined,
			[]error{ErrInvalidRow, data.ErrTooBig}},
		{"fund date 2025-13-45", craft(t, b.id, d, next, ctable{kind: "fund",
			rows: []bundle.Row{row(store.NewID(), B, 5, bs, fundVals("2025-13-45", 1000))}}), Quarantined,
			[]error{ErrInvalidRow, data.ErrNoSuchDay}},
		{"an invalid gender", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "gender", `=HYPERLINK("http://x.invalid")`))}}), Quarantined,
			[]error{ErrInvalidRow, data.ErrEnum}},
		{"an award type written as a formula", craft(t, b.id, d, next, ctable{kind: "award", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Award, awardVals(1000), "award_type", `=HYPERLINK("http://x.invalid","Học bổng")`))}}), Quarantined,
			[]error{ErrInvalidRow, data.ErrLabel}},
		{"a CCCD of 11 digits", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "id_number", "03418500123"))}}), Quarantined, []error{ErrInvalidRow, data.ErrCCCDLength}},
		{"a note of 600 letters", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "note", longText(600)))}}), Quarantined, []error{ErrInvalidRow, data.ErrTooLong}},
		{"a name of 10,000 letters", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "ten", longText(10000)))}}), Quarantined, []error{ErrInvalidRow, store.ErrBadRow}},
		{"a citizen without a name", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "ten", ""))}}), Quarantined, []error{ErrInvalidRow, data.ErrRequired}},
		{"a null where text goes", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{row(store.NewID(), B, 5, bs,
			set(store.Citizen, citizenVals(B, "Xa"), "note", nil))}}), Quarantined, []error{ErrInvalidRow, store.ErrBadRow}},
		{"an assessment of a citizen that does not exist", craft(t, b.id, d, next, ctable{kind: "assessment",
			rows: []bundle.Row{row(store.YearlyID(store.Assessment, bCitizen, 2026), B, 5, bs, assessmentVals(bCitizen, 2026))}}),
			Quarantined, []error{ErrNoParent}},
		{"an assessment before its citizen", craft(t, b.id, d, next,
			ctable{kind: "assessment", rows: []bundle.Row{row(store.YearlyID(store.Assessment, bCitizen, 2026), B, 5, bs, assessmentVals(bCitizen, 2026))}},
			ctable{kind: "citizen", rows: []bundle.Row{row(bCitizen, B, 5, bs, citizenVals(B, "Giả"))}}), Quarantined, []error{ErrNoParent}},
		{"the same record twice", craft(t, b.id, d, next, ctable{kind: "citizen", rows: []bundle.Row{
			row(bCitizen, B, 5, bs, citizenVals(B, "Một")), row(bCitizen, B, 6, bs, citizenVals(B, "Hai"))}}), Quarantined,
			[]error{ErrDuplicateRow}},
		{"a row of the district's own unit", craft(t, b.id, d, next, ctable{kind: "fund",
			rows: []bundle.Row{row(store.NewID(), district.String(), 5, bs, fundVals("2026-01-05", 1000))}}), Quarantined,
			[]error{ErrRowOutOfScope}},
		{"a row of another district's commune", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), outsider.String(), 5, bs, citizenVals(outsider.String(), "Xa"))}}), Quarantined,
			[]error{ErrRowOutOfScope}},
		{"a table with a column more", craft(t, b.id, d, next, ctable{kind: "village", cols: []string{"name", "note", "deleted", "owner"},
			rows: []bundle.Row{row(store.NewID(), B, 5, bs, []any{"Thôn", "", int64(0), "x"})}}), Quarantined, []error{ErrUnknownTable}},
		{"a key rotation announcing a key of A", craft(t, b.id, d, next, ctable{kind: rotationKind, cols: rotationCols,
			rows: []bundle.Row{row(store.NewID(), B, 1, bs, []any{string(a.key), "forged announcement"})}}), Quarantined,
			[]error{ErrBadRotation}},
		{"a key rotation after rows", craft(t, b.id, d, next,
			ctable{kind: "village", rows: []bundle.Row{row(store.NewID(), B, 5, bs, []any{"Thôn", "", int64(0)})}},
			ctable{kind: rotationKind, cols: rotationCols, rows: []bundle.Row{row(store.NewID(), B, 1, bs, []any{"x", "y"})}}),
			Quarantined, []error{ErrBadRotation}},
		{"a second installation under B's key", craft(t, withSite(b.id, "00000000000000b2"), d, crafted{}, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, "00000000000000b2", citizenVals(B, "Xa"))}}), Quarantined, []error{ErrSecondSite}},
		{"sending as the district's own installation", craft(t, withSite(b.id, ds), d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, ds, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrSiteTaken}},
		{"sources of a commune outside", craft(t, b.id, d, crafted{seq: 2, prev: next.prev, sources: []bundle.Source{{
			Origin: bundle.Origin{Ref: communeA, Level: "commune", Site: as}, Seq: 1, ManifestSHA256: next.prev}}},
			ctable{kind: "village", rows: []bundle.Row{row(store.NewID(), B, 5, bs, []any{"Thôn", "", int64(0)})}}),
			Quarantined, []error{ErrBadSources}},
	}
	runHostile(t, d, before)

	// A's first bundle still goes in whole, and the district holds exactly
	// A's records.
	if o := d.importFiles(a1)[0]; o.Status != Imported {
		t.Fatalf("A's genuine bundle after the attacks: %+v", o)
	}
	if got, want := recordsOfUnit(d.snapshot(), A), recordsOfUnit(a.snapshot(), A); !reflect.DeepEqual(got, want) || len(got) != 6 {
		t.Fatalf("A's records at the district\n%v\nwant\n%v", got, want)
	}

	// A's records are at the district now: B may not touch them, nor may A
	// itself (a compromised PC) write versions of sites it never sent from.
	aNext := crafted{seq: 2, prev: a.lastOut().ManifestSHA256}
	tombstone := set(store.Citizen, citizenVals(B, "Nạn0"), "deleted", int64(1))
	after := []hostileCase{
		{"a tombstone of A's citizen from B", craft(t, b.id, d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(aIDs[0], B, 50, bs, tombstone)}}), Quarantined, []error{ErrIDTaken, store.ErrIDTaken}},
		{"B's assessment of A's citizen", craft(t, b.id, d, next, ctable{kind: "assessment",
			rows: []bundle.Row{row(store.YearlyID(store.Assessment, aIDs[1], 2025), B, 50, bs, assessmentVals(aIDs[1], 2025))}}),
			Quarantined, []error{ErrNoParent}},
		{"B sending as A's installation", craft(t, withSite(b.id, as), d, next, ctable{kind: "citizen",
			rows: []bundle.Row{row(store.NewID(), B, 5, as, citizenVals(B, "Xa"))}}), Quarantined, []error{ErrSiteTaken}},
		{"A's rows stamped with the district's site", craft(t, a.id, d, aNext, ctable{kind: "citizen",
			rows: []bundle.Row{row(aIDs[2], A, 1_000, ds, set(store.Citizen, citizenVals(A, "Nạn2"), "note", "ghi đè"))}}),
			Quarantined, []error{ErrForeignSite}},
		{"A's rows stamped with B's site", craft(t, a.id, d, aNext, ctable{kind: "citizen",
			rows: []bundle.Row{row(aIDs[2], A, 1_000, bs, citizenVals(A, "Nạn2"))}}), Quarantined, []error{ErrForeignSite}},
	}
	runHostile(t, d, after)

	// A's next genuine bundle goes in after them all.
	if err := a.c.Store.Edit(ctx, "test", func(e *store.Editor) error { return e.Delete(store.Citizen, aIDs[2]) }); err != nil {
		t.Fatal(err)
	}
	if o := d.importFiles(a.export(t.TempDir())[0].Path)[0]; o.Status != Imported || o.Stats.Updated != 2 {
		t.Fatalf("A's second genuine bundle: %+v", o)
	}
	if got, want := recordsOfUnit(d.snapshot(), A), recordsOfUnit(a.snapshot(), A); !reflect.DeepEqual(got, want) {
		t.Fatalf("A's records at the district after the second bundle\n%v\nwant\n%v", got, want)
	}
	held, _ := d.c.Store.QuarantineList(ctx)
	if len(held) != len(before)+len(after) {
		t.Fatalf("%d bundles held, want %d", len(held), len(before)+len(after))
	}
}

// runHostile imports each case and checks its outcome and that the
// district's records, conflicts and ledger did not move.
func runHostile(t *testing.T, d *install, cases []hostileCase) {
	t.Helper()
	for _, tc := range cases {
		before := d.snapshot()
		clock, _ := d.c.Store.Clock(context.Background())
		o := d.importBytes(t, "hostile", tc.bundle)
		if o.Status != tc.status {
			t.Errorf("%s: %s (%v), want %s", tc.name, o.Status, o.Err, tc.status)
		}
		for _, want := range tc.want {
			if !errors.Is(o.Err, want) {
				t.Errorf("%s: %v, want %v", tc.name, o.Err, want)
			}
		}
		if tc.status == Quarantined {
			q, err := d.c.Store.Held(context.Background(), hashOf(t, tc.bundle))
			if err != nil || q.Reason == "other" || q.Reason == "" || q.Detail != o.Err.Error() {
				t.Errorf("%s: held as %+v (%v)", tc.name, q, err)
			}
		}
		if after := d.snapshot(); !reflect.DeepEqual(after, before) {
			t.Errorf("%s changed the district's store", tc.name)
		}
		if now, _ := d.c.Store.Clock(context.Background()); now != clock {
			t.Errorf("%s moved the clock from %d to %d", tc.name, clock, now)
		}
	}
}

func manyVersions(site string, n int) []bundle.Version {
	out := make([]bundle.Version, n)
	for i := range out {
		out[i] = bundle.Version{L: int64(i + 1), S: site}
	}
	return out
}

func longText(n int) string {
	b := make([]rune, n)
	for i := range b {
		b[i] = 'ư'
	}
	return string(b)
}

func hashOf(t *testing.T, b []byte) string {
	t.Helper()
	bb, err := bundle.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return bundle.ManifestHashHex(bb.ManifestBytes())
}
