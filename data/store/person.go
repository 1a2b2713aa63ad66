package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"sokhuyenhoc/data"
)

// A person's data, on their request (Law 91/2025): the records the officer
// picked as the person's, everything that depends on them, their audit
// trail and the values kept in conflicts (SubjectFile), and the log of
// requests with the day each came and was answered.

// SubjectRef names one record of a person.
type SubjectRef struct {
	Kind Kind
	ID   string
}

// SubjectFile gathers everything held about the records refs, labelled in
// lang. Each must be a record about a person (a citizen, an award).
func (s *Store) SubjectFile(ctx context.Context, refs []SubjectRef, lang string) (*data.SubjectFile, error) {
	in, err := s.Installation(ctx)
	if err != nil {
		return nil, err
	}
	f := &data.SubjectFile{Made: s.now().UTC(), Unit: in.Unit, Records: []data.SubjectRecord{}}
	for _, ref := range refs {
		if a := about(ref.Kind); a == nil || !a.Person {
			return nil, fmt.Errorf("%w: %s", ErrNotPerson, ref.Kind)
		}
		rec, err := s.subjectRecord(ctx, ref.Kind, ref.ID, lang)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", ref.Kind, ref.ID, err)
		}
		f.Records = append(f.Records, rec)
	}
	return f, nil
}

func (s *Store) subjectRecord(ctx context.Context, kind Kind, id, lang string) (data.SubjectRecord, error) {
	sc := schemas[kind]
	r, err := loadRow(ctx, s.r, sc, id)
	if err != nil {
		return data.SubjectRecord{}, err
	}
	rec := data.SubjectRecord{Kind: string(kind), ID: id, Unit: r.Unit, State: "live", Audit: []data.AuditEntry{}}
	if rec.Audit, err = s.auditOf(ctx, kind, id); err != nil {
		return rec, err
	}
	switch {
	case r.Purged():
		rec.State = "purged"
		return rec, nil
	case r.Deleted():
		rec.State = "deleted"
	}
	dk := data.KindNamed(string(kind))
	rec.Fields = data.SubjectFields(dk, r.Vals, lang)
	if rec.Conflicts, err = s.conflictValues(ctx, dk, kind, id, lang); err != nil {
		return rec, err
	}
	for _, k := range Kinds {
		a := about(k)
		if a == nil || a.Through == "" {
			continue
		}
		ids, err := s.idsWhere(ctx, "SELECT id FROM "+string(k)+" WHERE "+a.Through+" = ? AND deleted <> ? ORDER BY id", id, purgedMark)
		if err != nil {
			return rec, err
		}
		for _, dep := range ids {
			d, err := s.subjectRecord(ctx, k, dep, lang)
			if err != nil {
				return rec, err
			}
			rec.Records = append(rec.Records, d)
		}
	}
	return rec, nil
}

func (s *Store) idsWhere(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// auditOf returns the audit trail of a record, oldest first.
func (s *Store) auditOf(ctx context.Context, kind Kind, id string) ([]data.AuditEntry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT at, operator, site, action, detail FROM audit
		WHERE kind = ? AND rec_id = ? ORDER BY id`, string(kind), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []data.AuditEntry{}
	for rows.Next() {
		var a data.AuditEntry
		if err := rows.Scan(&a.At, &a.Operator, &a.Site, &a.Action, &a.Detail); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// conflictValues returns the values of other installations kept for the
// record (a whole held row for a locked year is shown as its JSON).
func (s *Store) conflictValues(ctx context.Context, dk data.Kind, kind Kind, id, lang string) ([]data.SubjectField, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT field, value FROM conflict WHERE kind = ? AND rec_id = ? ORDER BY field, loser_site",
		string(kind), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.SubjectField
	for rows.Next() {
		var field, raw string
		if err := rows.Scan(&field, &raw); err != nil {
			return nil, err
		}
		var v any
		if json.Unmarshal([]byte(raw), &v) != nil {
			v = raw
		}
		f := data.SubjectField{Name: field, Label: "field " + field, Value: v, Text: raw}
		for n, c := range dk.Cols() {
			if c.Name == field {
				f.Label = c.Label
				if x, ok := v.(float64); ok && c.Type.Int() {
					v = int64(x)
				}
				f.Value, f.Text = v, dk.Cols()[n].Text(v, data.PeopleStyle(lang))
			}
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// PersonMatch is a record a search found that may be about the person
// asked for: the officer decides which are.
type PersonMatch struct {
	Kind    Kind
	ID      string
	Unit    string
	Name    string
	Born    string // birth date or year as people read it
	Village string
	What    string // what the record is: the subject group, or the award and its year
}

// FindPeople searches the live citizens, awards and families (by the head
// of household) of unit ("" for all) by name, CCCD or phone, ignoring
// marks and case.
func (s *Store) FindPeople(ctx context.Context, unit, search, lang string, limit int) ([]PersonMatch, error) {
	if strings.TrimSpace(search) == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	var out []PersonMatch
	cs, err := s.Citizens(ctx, CitizenQuery{Unit: unit, Search: search, Limit: limit})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out = append(out, PersonMatch{Kind: Citizen, ID: c.ID, Unit: c.Unit, Name: c.FullName(), Born: born(c.Person),
			Village: c.Village, What: data.SuggestionLabel(data.SubjectGroups, c.Group, lang)})
	}
	as, err := s.Awards(ctx, AwardQuery{Unit: unit, Search: search, Limit: limit})
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		what := data.SuggestionLabel(data.AwardTypes, a.AwardType, lang)
		if y := a.Year(); y > 0 {
			what += fmt.Sprintf(" (%d)", y)
		}
		out = append(out, PersonMatch{Kind: Award, ID: a.ID, Unit: a.Unit, Name: a.FullName(), Born: born(a.Person),
			Village: a.Village, What: what})
	}
	fs, err := ModelRecords(ctx, s, data.Families, ModelQuery{Unit: unit, Search: search, Limit: limit})
	if err != nil {
		return nil, err
	}
	for _, f := range fs { // a family is about its head of household
		out = append(out, PersonMatch{Kind: Family, ID: f.Record.ID, Unit: f.Record.Unit, Name: f.Record.Head(),
			Village: f.Record.Village}) // its kind says what it is
	}
	return out, nil
}

func born(p data.Person) string {
	switch {
	case !p.BirthDate.IsZero():
		return p.BirthDate.VN()
	case p.BirthYear > 0:
		return fmt.Sprint(p.BirthYear)
	}
	return ""
}

// SubjectRequest is a person's request about their data, as logged.
type SubjectRequest struct {
	ID         int64
	Kind       string // "access" (see, obtain), "erase", "correct", "object"
	Records    []SubjectRef
	Requester  string // who asked (the person, or a child's parent)
	ReceivedOn data.Date
	DueOn      data.Date // two working days later
	AnsweredAt string    // when it was answered ("" while open)
	Operator   string
	Detail     string // what was done: the file written, the records purged
}

// Request kinds.
var RequestKinds = []string{"access", "erase", "correct", "object"}

// ErrRequestKind reports an unknown kind of request.
var ErrRequestKind = errors.New("store: a request is access, erase, correct or object")

// LogRequest records a request and returns its number; answered requests
// (answered true) are stamped now. The due day is two working days after
// the day received.
func (s *Store) LogRequest(ctx context.Context, r SubjectRequest, answered bool) (int64, error) {
	known := false
	for _, k := range RequestKinds {
		known = known || k == r.Kind
	}
	if !known {
		return 0, ErrRequestKind
	}
	if r.ReceivedOn.IsZero() {
		r.ReceivedOn = s.Today()
	}
	r.DueOn = data.AddWorkingDays(r.ReceivedOn, 2)
	if answered {
		r.AnsweredAt = s.stamp()
	}
	op, err := s.Meta(ctx, MetaOperator)
	if err != nil {
		return 0, err
	}
	var ids []string
	for _, ref := range r.Records {
		ids = append(ids, string(ref.Kind)+":"+ref.ID)
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO subject_request (kind, records, requester, received_on, due_on,
		answered_at, operator, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.Kind, strings.Join(ids, ","), r.Requester,
		r.ReceivedOn.String(), r.DueOn.String(), r.AnsweredAt, op, r.Detail)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AnswerRequest stamps an open request answered, with what was done.
func (s *Store) AnswerRequest(ctx context.Context, id int64, detail string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE subject_request SET answered_at = ?, detail = ? WHERE id = ? AND answered_at = ''`,
		s.stamp(), detail, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("%w: open request %d", ErrNotFound, id)
	}
	return nil
}

// Requests lists the requests, newest first.
func (s *Store) Requests(ctx context.Context) ([]SubjectRequest, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, kind, records, requester, received_on, due_on, answered_at,
		operator, detail FROM subject_request ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SubjectRequest
	for rows.Next() {
		var r SubjectRequest
		var recs, recv, due string
		if err := rows.Scan(&r.ID, &r.Kind, &recs, &r.Requester, &recv, &due, &r.AnsweredAt, &r.Operator, &r.Detail); err != nil {
			return nil, err
		}
		for _, x := range strings.Split(recs, ",") {
			if k, id, ok := strings.Cut(x, ":"); ok {
				r.Records = append(r.Records, SubjectRef{Kind: Kind(k), ID: id})
			}
		}
		r.ReceivedOn, _ = data.ParseDate(recv)
		r.DueOn, _ = data.ParseDate(due)
		out = append(out, r)
	}
	return out, rows.Err()
}
