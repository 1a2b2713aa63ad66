package data

// ConsentBook holds the consent records of many people, so that an export,
// a printed list or a bundle can ask about each record in turn: the
// predicate every writer of lists calls (MayPublish) and the one the
// upward projection calls (MaySend).
type ConsentBook struct {
	Policy ConsentPolicy
	AsOf   Date // the day the decisions are taken on
	recs   map[string][]Consent
}

// NewConsentBook files recs by the record they are about.
func NewConsentBook(recs []Consent, pol ConsentPolicy, asOf Date) *ConsentBook {
	b := &ConsentBook{Policy: pol, AsOf: asOf, recs: map[string][]Consent{}}
	for _, c := range recs {
		b.recs[c.Subject] = append(b.recs[c.Subject], c)
	}
	return b
}

// Records returns the consent records about the record id.
func (b *ConsentBook) Records(id string) []Consent { return b.recs[id] }

// Has reports whether any consent record is about the record id.
func (b *ConsentBook) Has(id string) bool { return len(b.recs[id]) > 0 }

// Decide returns the decision for p about the record id of kind k, whose
// person is s.
func (b *ConsentBook) Decide(k Kind, id string, s Subject, p Purpose) Decision {
	a := k.Subject()
	if a == nil || !a.Person {
		return Given
	}
	return a.Decide(s, b.recs[id], p, b.AsOf)
}

// Allows reports whether the record id of kind k, about s, may be used
// for p.
func (b *ConsentBook) Allows(k Kind, id string, s Subject, p Purpose) bool {
	a := k.Subject()
	if a == nil || !a.Person {
		return true
	}
	return a.Allows(b.Decide(k, id, s, p), b.Policy)
}

// MayPublish reports whether an award's recipient may be named on a printed
// or exported list or a certificate.
func (b *ConsentBook) MayPublish(a Award) bool {
	return b.Allows(Awards, a.ID, a.subject(), Publish)
}

// MayPublishCitizen is MayPublish for a learning citizen.
func (b *ConsentBook) MayPublishCitizen(c Citizen) bool {
	return b.Allows(Citizens, c.ID, c.subject(), Publish)
}

// MaySend reports whether the record id of kind k, with stored values vals,
// may go upward with the person's identifying details. For a dependent
// record (a consent) the person's own record decides, read by person.
func (b *ConsentBook) MaySend(k Kind, id string, vals []any, person func(id string) (Kind, []any, bool)) bool {
	a := k.Subject()
	switch {
	case a == nil:
		return true
	case a.Person:
		return b.Allows(k, id, SubjectOf(k, vals), Upward)
	case a.Through == "":
		return true
	}
	for n, c := range k.Cols() {
		if c.Name == a.Through && n < len(vals) {
			pid, _ := vals[n].(string)
			pk, pv, ok := person(pid)
			if !ok {
				return false // a person no longer held here: nothing identifying goes
			}
			return b.MaySend(pk, pid, pv, person)
		}
	}
	return true
}

func (a Award) subject() Subject {
	return Subject{BirthDate: a.BirthDate, BirthYear: a.BirthYear, Legacy: a.Consent}
}

func (c Citizen) subject() Subject {
	return Subject{BirthDate: c.BirthDate, BirthYear: c.BirthYear}
}
