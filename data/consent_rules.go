package data

import "sort"

// About says whose personal data the records of a kind are, so that
// consent (consent.go) can govern them. A kind about a person holds one
// named person per record (an award's recipient, a citizen); a dependent
// kind points at such a record through a column (an assessment through
// citizen_id, a consent through subject), goes where that record goes and
// is purged with it. A new kind declares it once, beside its columns
// (Table.About), and marks its identifying columns (Identifying): the
// upward projection and the publish filter follow.
type About struct {
	Person   bool   // each record is about one person, its id the consent's subject
	Through  string // a dependent kind: the column naming the person's record
	Minor    bool   // a person of unknown age is taken to be a child (award recipients are mostly pupils)
	Required bool   // silence is refusal; otherwise silence follows ConsentPolicy.SilenceRefuses
	Legacy   string // the column of an older single yes/no answer ("consent" of awards)
}

// About declares whose personal data the kind's records are.
func (t *Table[T]) About(a About) *Table[T] {
	t.about = &a
	return t
}

// Subject returns what the kind declared with About, or nil.
func (t *Table[T]) Subject() *About { return t.about }

// Subject is what the consent rules need to know of the person a record is
// about: enough to tell a child from an adult, and an older answer.
type Subject struct {
	BirthDate Date
	BirthYear int
	Legacy    string // "co", "khong" or "": the older single answer, read as the guardian's
}

// SubjectOf reads a person record's Subject from its stored values (in the
// kind's column order): the birth_date and birth_year columns, and the
// kind's Legacy column.
func SubjectOf(k Kind, vals []any) Subject {
	var s Subject
	a := k.Subject()
	for n, c := range k.Cols() {
		if n >= len(vals) {
			break
		}
		switch v := vals[n].(type) {
		case string:
			switch {
			case c.Name == "birth_date":
				s.BirthDate = storedDate(v)
			case a != nil && c.Name == a.Legacy:
				s.Legacy = v
			}
		case int64:
			if c.Name == "birth_year" {
				s.BirthYear = int(v)
			}
		}
	}
	if s.BirthYear == 0 {
		s.BirthYear = s.BirthDate.Y
	}
	return s
}

// Decision is the state of a consent for one purpose.
type Decision uint8

// Decisions.
const (
	Undecided Decision = iota // nobody answered: silence is not consent
	Given                     // every party whose consent is needed said yes
	Refused                   // a party said no
	Withdrawn                 // a party's yes was withdrawn
)

// Codes of the decisions, as files and the command line write them.
func (d Decision) String() string {
	return [...]string{"undecided", "given", "refused", "withdrawn"}[d]
}

// ConsentPolicy is the unit's choice for the kinds whose consent the law
// does not require in every case (citizens): with SilenceRefuses, a record
// without a decision is treated as refused, as award recipients always are.
type ConsentPolicy struct {
	SilenceRefuses bool
}

// Parties returns who must consent for p to a record about s, on day asOf:
// the person themself when surely an adult; otherwise the guardian, and
// for publishing also the child unless surely under 7 (Law 91/2025: a
// child's rights are exercised by the legal representative; disclosing a
// child's information from age 7 needs the child's consent too).
func (a *About) Parties(s Subject, p Purpose, asOf Date) []string {
	lo, hi, known := ageBounds(s, asOf)
	adult := known && lo >= 18 || !known && !a.Minor
	switch {
	case adult:
		return []string{Self}
	case p == Publish && (!known || hi >= 7):
		return []string{Guardian, Child}
	}
	return []string{Guardian}
}

// ageBounds gives the least and greatest age the person can have on asOf.
func ageBounds(s Subject, asOf Date) (lo, hi int, known bool) {
	switch {
	case !s.BirthDate.IsZero():
		age := asOf.Y - s.BirthDate.Y
		if asOf.M < s.BirthDate.M || asOf.M == s.BirthDate.M && asOf.D < s.BirthDate.D {
			age--
		}
		return age, age, true
	case s.BirthYear > 0:
		return asOf.Y - s.BirthYear - 1, asOf.Y - s.BirthYear, true
	}
	return 0, 0, false
}

// Decide returns the state of the consent for p to a record about s, from
// its consent records, on day asOf. Each party's newest act for p counts (a
// yes, a no, or the withdrawal of a yes; on one day a no or a withdrawal
// outweighs a yes); every party needed must have said yes. A record's
// older Legacy answer stands for the guardian's (or the person's) when
// that party has no record of its own: "co" as yes to every purpose,
// "khong" as no to sending upward and publishing.
func (a *About) Decide(s Subject, recs []Consent, p Purpose, asOf Date) Decision {
	out := Given
	for _, party := range a.Parties(s, p, asOf) {
		d := latest(recs, party, p, asOf)
		if d == Undecided && party != Child && !hasParty(recs, party) {
			d = legacy(s.Legacy, p)
		}
		switch {
		case d == Refused || d == Withdrawn && out != Refused:
			out = d
		case d == Undecided && out == Given:
			out = Undecided
		}
	}
	return out
}

type act struct {
	day  Date
	id   string
	what Decision
}

// latest returns the newest act of party for p up to asOf.
func latest(recs []Consent, party string, p Purpose, asOf Date) Decision {
	var acts []act
	for _, c := range recs {
		if c.GivenBy != party || !c.GivenOn.IsZero() && dayBefore(asOf, c.GivenOn) {
			continue
		}
		switch c.Answer(p) {
		case "co":
			acts = append(acts, act{c.GivenOn, c.ID, Given})
			if !c.WithdrawnOn.IsZero() && !dayBefore(asOf, c.WithdrawnOn) {
				acts = append(acts, act{c.WithdrawnOn, c.ID, Withdrawn})
			}
		case "khong":
			acts = append(acts, act{c.GivenOn, c.ID, Refused})
		}
	}
	if len(acts) == 0 {
		return Undecided
	}
	sort.SliceStable(acts, func(i, j int) bool {
		x, y := acts[i], acts[j]
		switch {
		case x.day != y.day:
			return dayBefore(x.day, y.day)
		case (x.what == Given) != (y.what == Given):
			return x.what == Given // on one day, a yes comes before a no
		}
		return x.id < y.id // ids are time-ordered
	})
	return acts[len(acts)-1].what
}

func hasParty(recs []Consent, party string) bool {
	for _, c := range recs {
		if c.GivenBy == party {
			return true
		}
	}
	return false
}

func legacy(v string, p Purpose) Decision {
	switch {
	case v == "co":
		return Given
	case v == "khong" && p != Keep:
		return Refused
	}
	return Undecided
}

// Allows reports whether the record may be used for p: consent given, or
// no decision where silence does not refuse (a kind whose consent is not
// required, under a policy that does not ask for it). A kind about nobody
// is always allowed.
func (a *About) Allows(d Decision, pol ConsentPolicy) bool {
	switch {
	case a == nil || d == Given:
		return true
	case d == Undecided:
		return !a.Required && !pol.SilenceRefuses
	}
	return false
}
