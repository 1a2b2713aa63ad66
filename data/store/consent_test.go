package store

import (
	"context"
	"errors"
	"testing"

	"sokhuyenhoc/data"
)

func saveConsent(t *testing.T, s *Store, c *data.Consent) {
	t.Helper()
	if err := s.Edit(context.Background(), "test", func(e *Editor) error { _, err := e.SaveConsent(c); return err }); err != nil {
		t.Fatal(err)
	}
}

// A consent decision takes its record's unit and gives the record's
// identifying fields a new version, so that the next bundle carries them
// under the new decision; the other fields keep theirs.
func TestSaveConsent_ReversionsTheIdentifyingFields(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	a := &data.Award{Unit: testUnit, Person: data.Person{HoDem: "Lê", Ten: "Bình"}, AwardType: "qua", AmountVND: 500000}
	if err := s.Edit(ctx, "test", func(e *Editor) error { _, err := e.SaveAward(a); return err }); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(ctx, Award, a.ID)
	c := &data.Consent{Subject: a.ID, SubjectKind: "award", GivenBy: data.Guardian, Name: "Lê Văn Ba",
		GivenOn: data.Date{Y: 2026, M: 1, D: 5}, Upward: "co", Publish: "khong"}
	saveConsent(t, s, c)
	after, _ := s.Get(ctx, Award, a.ID)
	sc := SchemaOf(Award)
	for n, col := range sc.Cols {
		moved := before.FV[n].Ver != after.FV[n].Ver
		if moved != (col.Field != nil && col.Field.Ident) {
			t.Errorf("%s: version moved %v", col.Name, moved)
		}
	}
	if after.Lseq <= before.Lseq {
		t.Error("the award is not picked up by the next bundle")
	}
	got, err := s.Consents(ctx, a.ID)
	if err != nil || len(got) != 1 || got[0].Unit != testUnit || got[0].Name != "Lê Văn Ba" {
		t.Fatalf("consents %+v %v", got, err)
	}
	book, err := s.ConsentBook(ctx, testUnit, data.Date{Y: 2026, M: 6, D: 1})
	if err != nil {
		t.Fatal(err)
	}
	aw := AwardOf(after)
	if book.MayPublish(aw) || !book.Allows(data.Awards, a.ID, data.SubjectOf(data.Awards, after.Vals), data.Upward) {
		t.Error("book decisions")
	}
	err = s.Edit(ctx, "test", func(e *Editor) error {
		_, err := e.SaveConsent(&data.Consent{Subject: "0190f3a2-7c4e-7d8a-9b1c-2d3e4f5a6b7c", SubjectKind: "award", GivenBy: data.Guardian, Upward: "co"})
		return err
	})
	if !errors.Is(err, ErrNoSubject) {
		t.Errorf("consent about nothing: %v", err)
	}
}

// Changing an award's older yes/no answer re-sends its details too.
func TestLegacyConsentChange_ReversionsTheIdentifyingFields(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t, "a")
	a := &data.Award{Unit: testUnit, Person: data.Person{HoDem: "Lê", Ten: "Bình"}, AwardType: "qua", Consent: "co"}
	save := func() {
		if err := s.Edit(ctx, "test", func(e *Editor) error { _, err := e.SaveAward(a); return err }); err != nil {
			t.Fatal(err)
		}
	}
	save()
	before, _ := s.Get(ctx, Award, a.ID)
	a.Consent = "khong"
	save()
	after, _ := s.Get(ctx, Award, a.ID)
	n := SchemaOf(Award).Index("ten")
	if before.FV[n].Ver == after.FV[n].Ver {
		t.Error("the name keeps its version: the district would keep it")
	}
}
