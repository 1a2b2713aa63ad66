package data

import (
	"errors"
	"testing"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestDecide(t *testing.T) {
	award, citizen := Awards.Subject(), Citizens.Subject()
	asOf := day("01/06/2026")
	child10 := Subject{BirthDate: day("02/03/2016")}
	child5 := Subject{BirthDate: day("02/03/2021")}
	adult := Subject{BirthYear: 1980}
	g := func(id, on, keep, up, pub, withdrawn string) Consent {
		c := Consent{ID: id, GivenBy: Guardian, GivenOn: day(on), Keep: keep, Upward: up, Publish: pub}
		if withdrawn != "" {
			c.WithdrawnOn = day(withdrawn)
		}
		return c
	}
	childSays := func(id, on, pub string) Consent {
		return Consent{ID: id, GivenBy: Child, GivenOn: day(on), Publish: pub}
	}
	type want [3]Decision // keep, upward, publish
	U, G, R, W := Undecided, Given, Refused, Withdrawn
	for _, tc := range []struct {
		name string
		a    *About
		s    Subject
		recs []Consent
		want want
	}{
		{"silence", award, child10, nil, want{U, U, U}},
		{"guardian yes: a child of 10 must agree to publishing too", award, child10,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "")}, want{G, G, U}},
		{"guardian and child yes", award, child10,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", ""), childSays("2", "01/01/2026", "co")}, want{G, G, G}},
		{"the child says no", award, child10,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", ""), childSays("2", "01/01/2026", "khong")}, want{G, G, R}},
		{"a child under 7: the guardian alone", award, child5,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "")}, want{G, G, G}},
		{"withdrawn", award, child5,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "01/05/2026")}, want{W, W, W}},
		{"withdrawn after the day asked about", award, child5,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "01/07/2026")}, want{G, G, G}},
		{"given again after a withdrawal", award, child5,
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "01/03/2026"), g("2", "01/04/2026", "co", "", "co", "")}, want{G, W, G}},
		{"a no, then a yes", award, child5,
			[]Consent{g("1", "01/01/2026", "", "khong", "", ""), g("2", "01/02/2026", "", "co", "", "")}, want{U, G, U}},
		{"a yes and a no on one day: the no", award, child5,
			[]Consent{g("2", "01/02/2026", "", "khong", "", ""), g("1", "01/02/2026", "", "co", "", "")}, want{U, R, U}},
		{"a record dated later than the day asked about", award, child5,
			[]Consent{g("1", "01/01/2027", "co", "co", "co", "")}, want{U, U, U}},
		{"age unknown: a child who must agree to publishing", award, Subject{},
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "")}, want{G, G, U}},
		{"only the birth year: possibly 7 already", award, Subject{BirthYear: 2019},
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "")}, want{G, G, U}},
		{"old yes: the guardian's", award, Subject{BirthDate: child5.BirthDate, Legacy: "co"}, nil, want{G, G, G}},
		{"old yes: not the child's", award, Subject{BirthDate: child10.BirthDate, Legacy: "co"}, nil, want{G, G, U}},
		{"old no: not upward, not published, keeping not answered", award, Subject{Legacy: "khong"}, nil, want{U, R, R}},
		{"a guardian's record outweighs the old answer", award, Subject{BirthDate: child5.BirthDate, Legacy: "co"},
			[]Consent{g("1", "01/01/2026", "", "", "khong", "")}, want{U, U, R}},
		{"an adult answers for themself", award, Subject{BirthDate: day("01/01/2005")},
			[]Consent{{ID: "1", GivenBy: Self, GivenOn: day("01/01/2026"), Keep: "co", Upward: "co", Publish: "co"}}, want{G, G, G}},
		{"an adult's guardian does not", award, Subject{BirthDate: day("01/01/2005")},
			[]Consent{g("1", "01/01/2026", "co", "co", "co", "")}, want{U, U, U}},
		{"a citizen of unknown age is an adult", citizen, Subject{},
			[]Consent{{ID: "1", GivenBy: Self, Publish: "khong"}}, want{U, U, R}},
		{"a citizen", citizen, adult, nil, want{U, U, U}},
	} {
		for n, p := range Purposes {
			if got := tc.a.Decide(tc.s, tc.recs, p, asOf); got != tc.want[n] {
				t.Errorf("%s: %s: %v, want %v", tc.name, p, got, tc.want[n])
			}
		}
	}
}

func TestAllows_SilenceIsNotConsent(t *testing.T) {
	award, citizen := Awards.Subject(), Citizens.Subject()
	strict := ConsentPolicy{SilenceRefuses: true}
	for _, tc := range []struct {
		a    *About
		d    Decision
		pol  ConsentPolicy
		want bool
	}{
		{award, Undecided, ConsentPolicy{}, false},
		{award, Given, ConsentPolicy{}, true},
		{citizen, Undecided, ConsentPolicy{}, true},
		{citizen, Undecided, strict, false},
		{citizen, Refused, ConsentPolicy{}, false},
		{citizen, Withdrawn, ConsentPolicy{}, false},
		{nil, Undecided, strict, true},
	} {
		if got := tc.a.Allows(tc.d, tc.pol); got != tc.want {
			t.Errorf("%+v %v %+v: %v", tc.a, tc.d, tc.pol, got)
		}
	}
}

func TestConsentBook_MaySendFollowsThePerson(t *testing.T) {
	a := Award{ID: "a1", Person: Person{HoDem: "Lê", Ten: "Bình", BirthDate: day("01/01/2020")}, AwardType: "qua"}
	book := NewConsentBook([]Consent{{ID: "c1", Subject: "a1", SubjectKind: "award", GivenBy: Guardian,
		GivenOn: day("01/01/2026"), Upward: "co"}}, ConsentPolicy{}, day("01/06/2026"))
	person := func(id string) (Kind, []any, bool) {
		if id == "a1" {
			return Awards, Awards.Values(&a), true
		}
		return nil, nil, false
	}
	cvals := ConsentRecords.Values(&book.Records("a1")[0])
	if !book.MaySend(Awards, "a1", Awards.Values(&a), person) || !book.MaySend(ConsentRecords, "c1", cvals, person) {
		t.Error("consented award or its consent not sent")
	}
	if book.MayPublish(a) {
		t.Error("published without a consent to publish")
	}
	orphan := ConsentRecords.Values(&Consent{Subject: "gone", GivenBy: Guardian})
	if book.MaySend(ConsentRecords, "c2", orphan, person) {
		t.Error("a consent about a record not held here sends its identifying details")
	}
	other := Award{ID: "a2", Person: Person{Ten: "Chi"}}
	if book.MaySend(Awards, "a2", Awards.Values(&other), person) {
		t.Error("an award without consent sent with its details")
	}
}

func TestParseConsent(t *testing.T) {
	c, err := ParseConsent(Input{"given_by": "Cha, mẹ hoặc người giám hộ", "by_name": "Lê Văn Ba",
		"given_on": "01/02/2026", "upward": "có", "publish": "không"})
	if err != nil || c.GivenBy != Guardian || c.Upward != "co" || c.Publish != "khong" || c.Keep != "" {
		t.Fatalf("%+v %v", c, err)
	}
	if back, err := ParseConsent(FormatConsent(c, FileStyle)); err != nil || back != c {
		t.Errorf("format and parse again: %+v %v", back, err)
	}
	if _, err := ParseConsent(Input{"given_by": "tre_em"}); !errors.Is(err, ErrNoAnswer) {
		t.Errorf("no answer: %v", err)
	}
	if _, err := ParseConsent(Input{"given_by": "tre_em", "publish": "co", "given_on": "02/02/2026",
		"withdrawn_on": "01/02/2026"}); !errors.Is(err, ErrWithdrawnBefore) {
		t.Errorf("withdrawn before: %v", err)
	}
	if _, err := ParseConsent(Input{"publish": "co"}); !errors.Is(err, ErrRequired) {
		t.Errorf("no party: %v", err)
	}
}
