package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sokhuyenhoc/data"
)

// Consent decisions are records of the kind consent (data.ConsentRecords),
// one per decision, about an award or a citizen of the same unit.

// ErrNoSubject reports a consent about no live record of its kind.
var ErrNoSubject = errors.New("store: the consent is about no record held here")

// MetaConsentPolicy holds the unit's consent policy: "required" when
// silence refuses for citizens too (data.ConsentPolicy).
const MetaConsentPolicy = "consent_policy"

// SaveConsent records a consent decision (a new one when c.ID is empty; an
// existing one to record its withdrawal). The record it is about must be a
// live award or citizen; the consent takes its unit. The identifying
// fields of that record get a new version, unchanged, so that the next
// bundle carries them again under the new decision: with the person's
// details when it allows sending upward, blanked when it does not (a
// withdrawal blanks them at the levels above too).
func (e *Editor) SaveConsent(c *data.Consent) (bool, error) {
	kind := Kind(c.SubjectKind)
	sc := schemas[kind]
	if sc == nil || sc.about == nil || !sc.about.Person {
		return false, fmt.Errorf("%w: %s %s", ErrNoSubject, c.SubjectKind, c.Subject)
	}
	r, err := e.t.load(sc, c.Subject)
	if errors.Is(err, ErrNotFound) || err == nil && r.Deleted() {
		return false, fmt.Errorf("%w: %s %s", ErrNoSubject, kind, c.Subject)
	}
	if err != nil {
		return false, err
	}
	c.Unit = r.Unit
	changed, err := saveRecord(e, data.ConsentRecords, c)
	if err != nil || !changed {
		return changed, err
	}
	return true, e.reversion(sc, r, identifying(sc))
}

// touchIdentifying gives the identifying fields of a record a new version
// when its older consent answer (data.About.Legacy) changed: Put calls it.
func (e *Editor) touchIdentifying(s *Schema, old *Row, vals []any) error {
	if old == nil || s.about == nil || s.about.Legacy == "" {
		return nil
	}
	n := s.Index(s.about.Legacy)
	if n < 0 || old.Vals[n] == vals[n] {
		return nil
	}
	r, err := e.t.load(s, old.ID)
	if err != nil {
		return err
	}
	return e.reversion(s, r, identifying(s))
}

func identifying(s *Schema) []int {
	var out []int
	for n, c := range s.Cols {
		if c.Field != nil && c.Field.Ident {
			out = append(out, n)
		}
	}
	return out
}

// reversion writes new versions of the columns cols of r, values unchanged.
func (e *Editor) reversion(s *Schema, r *Row, cols []int) error {
	if len(cols) == 0 {
		return nil
	}
	if err := e.ensureTick(); err != nil {
		return err
	}
	ver := Version{L: e.clock, S: e.site}
	for _, n := range cols {
		if r.FV[n].Ver != ver {
			r.FV[n] = FieldVersion{Ver: ver, Base: baseFor(r.FV[n], e.site)}
		}
	}
	r.Lseq = e.lseq
	return e.t.write(s, r, false)
}

// Consents returns the consent decisions about a record, oldest first,
// withdrawn ones included.
func (s *Store) Consents(ctx context.Context, subject string) ([]data.Consent, error) {
	return queryRows(ctx, s, Consent, ConsentOf, "subject = ? AND deleted = 0 ORDER BY given_on, id", subject)
}

// ConsentOf converts a generic row.
func ConsentOf(r *Row) data.Consent { return As(data.ConsentRecords, r) }

// ConsentPolicy returns the unit's consent policy.
func (s *Store) ConsentPolicy(ctx context.Context) (data.ConsentPolicy, error) {
	v, err := s.Meta(ctx, MetaConsentPolicy)
	return data.ConsentPolicy{SilenceRefuses: v == "required"}, err
}

// SetConsentPolicy sets it.
func (s *Store) SetConsentPolicy(ctx context.Context, p data.ConsentPolicy) error {
	v := ""
	if p.SilenceRefuses {
		v = "required"
	}
	return s.SetMeta(ctx, MetaConsentPolicy, v)
}

// ConsentBook returns the consent records of a unit ("" for every unit
// held) with the unit's policy, for decisions taken on day asOf.
func (s *Store) ConsentBook(ctx context.Context, unit string, asOf data.Date) (*data.ConsentBook, error) {
	pol, err := s.ConsentPolicy(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := queryRows(ctx, s, Consent, ConsentOf, "deleted = 0 AND (? = '' OR unit = ?)", unit, unit)
	if err != nil {
		return nil, err
	}
	return data.NewConsentBook(cs, pol, asOf), nil
}

// ConsentBook is the store's consent book as of the snapshot: what an
// export decides with.
func (sn *Snapshot) ConsentBook(asOf data.Date) (*data.ConsentBook, error) {
	var pol string
	err := sn.tx.QueryRowContext(sn.ctx, "SELECT value FROM meta WHERE key = ?", MetaConsentPolicy).Scan(&pol)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	sc := schemas[Consent]
	rows, err := sn.tx.QueryContext(sn.ctx, "SELECT "+sc.selectCols()+" FROM consent WHERE deleted = 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []data.Consent
	for rows.Next() {
		r, err := scanRow(sc, rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, ConsentOf(r))
	}
	return data.NewConsentBook(cs, data.ConsentPolicy{SilenceRefuses: pol == "required"}, asOf), rows.Err()
}

// Get loads any record by kind and id in the snapshot.
func (sn *Snapshot) Get(kind Kind, id string) (*Row, error) {
	return loadRow(sn.ctx, sn.tx, schemas[kind], id)
}

// Today is the store's clock as a calendar day.
func (s *Store) Today() data.Date { return DayOf(s.now()) }

// DayOf returns the calendar day of t in Vietnam (UTC+7).
func DayOf(t time.Time) data.Date {
	t = t.In(time.FixedZone("ICT", 7*3600))
	return data.Date{Y: t.Year(), M: int(t.Month()), D: t.Day()}
}

// ConsentGaps counts the records of unit ("" for all) without a consent
// decision, per purpose, on day asOf: every award, and the citizens when
// the unit's policy asks for their consent or they have a consent record.
func (s *Store) ConsentGaps(ctx context.Context, unit string, asOf data.Date) ([]data.ConsentGaps, error) {
	book, err := s.ConsentBook(ctx, unit, asOf)
	if err != nil {
		return nil, err
	}
	var aw, ci data.ConsentGaps
	as, err := queryRows(ctx, s, Award, AwardOf, "deleted = 0 AND (? = '' OR unit = ?)", unit, unit)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		book.Tally(&aw, data.Awards, a.ID, data.SubjectOf(data.Awards, data.Awards.Values(&a)))
	}
	out := []data.ConsentGaps{aw}
	if aw.Undecided == nil {
		out[0] = data.ConsentGaps{Kind: "award", Undecided: map[data.Purpose]int{}, Refused: map[data.Purpose]int{}}
	}
	cond := "deleted = 0 AND (? = '' OR unit = ?)"
	if !book.Policy.SilenceRefuses {
		cond += " AND id IN (SELECT subject FROM consent WHERE deleted = 0)"
	}
	err = s.eachRow(ctx, Citizen, cond, func(r *Row) error {
		book.Tally(&ci, data.Citizens, r.ID, data.SubjectOf(data.Citizens, r.Vals))
		return nil
	}, unit, unit)
	if err != nil {
		return nil, err
	}
	if ci.Records > 0 {
		out = append(out, ci)
	}
	return out, nil
}

// eachRow calls fn for every row of kind meeting cond, one at a time.
func (s *Store) eachRow(ctx context.Context, k Kind, cond string, fn func(*Row) error, args ...any) error {
	sc := schemas[k]
	rows, err := s.r.QueryContext(ctx, "SELECT "+sc.selectCols()+" FROM "+string(k)+" WHERE "+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRow(sc, rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
