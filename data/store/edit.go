package store

import (
	"context"
	"encoding/json"
	"fmt"

	"golang.org/x/text/unicode/norm"
)

// Editor makes local edits inside one transaction: a form saved, a file
// imported, a conflict resolved. All its changes share one Lamport tick and
// one local change sequence, and each changed record leaves an audit row.
type Editor struct {
	t        *txn
	s        *Store
	action   string
	site     string
	operator string
	clock    int64 // 0 until the first change ticks the clock
	lseq     int64
	changed  int
	onChange func(Change)
}

// Change is one record an editor wrote: its kind and id, whether it was
// created, and for an update the columns that changed (in schema order)
// with their old and new values.
type Change struct {
	Kind     Kind
	ID       string
	Created  bool
	Cols     []string
	Old, New []any
}

// OnChange calls fn for every record the editor writes from now on: what
// an import preview lists before anything is committed.
func (e *Editor) OnChange(fn func(Change)) { e.onChange = fn }

// Edit runs fn in one transaction. action names the change in the audit
// trail ("form", "import", "resolve" …). If fn fails nothing is written.
func (s *Store) Edit(ctx context.Context, action string, fn func(*Editor) error) error {
	if s.site == "" {
		return ErrNotSetUp
	}
	op, err := s.Meta(ctx, MetaOperator)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(t *txn) error {
		return fn(&Editor{t: t, s: s, action: action, site: s.site, operator: op})
	})
}

// Changed returns the number of records this editor changed so far.
func (e *Editor) Changed() int { return e.changed }

// Load reads a record in the editor's transaction.
func (e *Editor) Load(kind Kind, id string) (*Row, error) { return e.t.load(schemas[kind], id) }

func (e *Editor) ensureTick() error {
	if e.clock != 0 {
		return nil
	}
	var err error
	e.clock, e.lseq, err = e.t.tick()
	return err
}

// Put writes the full values of a record (deleted must be 0). A new id
// creates it; an existing one gets a new version on every field whose value
// differs, with the old version as base. It returns whether anything changed.
func (e *Editor) Put(kind Kind, id, unit string, vals []any) (bool, error) {
	s := schemas[kind]
	if s == nil {
		return false, fmt.Errorf("%w: unknown kind %q", ErrBadRow, kind)
	}
	if err := s.check(vals); err != nil {
		return false, err
	}
	for n, v := range vals {
		if str, ok := v.(string); ok && !norm.NFC.IsNormalString(str) {
			vals[n] = norm.NFC.String(str)
		}
	}
	if err := s.CheckRules(vals); err != nil {
		return false, err
	}
	old, err := e.t.load(s, id)
	if err != nil && err != ErrNotFound {
		return false, err
	}
	if old != nil && old.Purged() {
		return false, fmt.Errorf("%w: %s %s", ErrPurged, kind, id)
	}
	changed, err := e.apply(s, old, &Row{Kind: kind, ID: id, Unit: unit, Vals: vals}, "")
	if err == nil && changed {
		err = e.touchIdentifying(s, old, vals) // consent.go
	}
	return changed, err
}

// Delete leaves a tombstone: the row stays, marked deleted, so the delete
// travels to the level above like any other edit. The rows that belong to
// the record (children: a citizen's assessments, a centre's years, a
// model's years, member links, a branch's member counts) are deleted with it.
func (e *Editor) Delete(kind Kind, id string) error {
	for _, ch := range children(kind) {
		ids, err := e.all("SELECT id FROM "+string(ch.kind)+" WHERE "+ch.col+" = ? AND deleted = 0", id)
		if err != nil {
			return err
		}
		for _, cid := range ids {
			if err := e.Delete(ch.kind, cid); err != nil {
				return err
			}
		}
	}
	s := schemas[kind]
	old, err := e.t.load(s, id)
	if err != nil {
		return err
	}
	if old.Purged() {
		return fmt.Errorf("%w: %s %s", ErrPurged, kind, id)
	}
	vals := append([]any(nil), old.Vals...)
	vals[s.deleted()] = int64(1)
	_, err = e.apply(s, old, &Row{Kind: kind, ID: id, Unit: old.Unit, Vals: vals}, "delete")
	return err
}

// apply versions the fields of next that differ from old and writes it.
func (e *Editor) apply(s *Schema, old, next *Row, action string) (bool, error) {
	diff := map[string][2]any{}
	if old != nil {
		for n, c := range s.Cols {
			if old.Vals[n] != next.Vals[n] {
				diff[c.Name] = [2]any{old.Vals[n], next.Vals[n]}
			}
		}
		if len(diff) == 0 {
			return false, nil
		}
		next.Unit = old.Unit
	}
	if err := e.ensureTick(); err != nil {
		return false, err
	}
	ver := Version{L: e.clock, S: e.site}
	next.FV = make([]FieldVersion, len(s.Cols))
	for n, c := range s.Cols {
		switch {
		case old == nil:
			next.FV[n] = FieldVersion{Ver: ver}
		case diff[c.Name] != [2]any{}:
			next.FV[n] = FieldVersion{Ver: ver, Base: baseFor(old.FV[n], e.site)}
		default:
			next.FV[n] = old.FV[n]
		}
	}
	if old != nil && action == "delete" {
		// The tombstone's base is the newest version the deleter saw of any
		// field: an edit newer than that, made elsewhere, races the delete.
		// A field this very edit wrote (a record made and deleted in one
		// transaction) gives its own base: a base is older than its version.
		next.FV[s.deleted()].Base = newestBefore(old.FV, ver)
	}
	next.Lseq = e.lseq
	if err := e.t.write(s, next, old == nil); err != nil {
		return false, err
	}
	e.changed++
	if e.onChange != nil {
		e.onChange(changeOf(s, old, next))
	}
	if next.Deleted() || old != nil && old.Deleted() {
		if err := deleteRace(e.t, s, next, e.s.stamp()); err != nil {
			return false, err
		}
	}
	return true, e.audit(s.Kind, next.ID, old == nil, action, diff)
}

func changeOf(s *Schema, old, next *Row) Change {
	c := Change{Kind: s.Kind, ID: next.ID, Created: old == nil}
	if old == nil {
		return c
	}
	for n, col := range s.Cols {
		if old.Vals[n] != next.Vals[n] {
			c.Cols, c.Old, c.New = append(c.Cols, col.Name), append(c.Old, old.Vals[n]), append(c.New, next.Vals[n])
		}
	}
	return c
}

// baseFor is the base of a new edit at site over a field at version cur:
// the newest version from elsewhere the editor had seen. An installation's
// own earlier edits pass their base on, so a chain of local corrections
// still says which upstream value it was built on, even when the level above
// only ever receives the last of them.
func baseFor(cur FieldVersion, site string) Version {
	if cur.Ver.S == site {
		return cur.Base
	}
	return cur.Ver
}

// newestBefore is the newest version of fv older than ver: a field at ver
// counts by its base.
func newestBefore(fv []FieldVersion, ver Version) Version {
	var v Version
	for _, f := range fv {
		x := f.Ver
		if x == ver {
			x = f.Base
		}
		if v.Less(x) {
			v = x
		}
	}
	return v
}

func newest(fv []FieldVersion) Version {
	var v Version
	for _, f := range fv {
		if v.Less(f.Ver) {
			v = f.Ver
		}
	}
	return v
}

func (e *Editor) audit(kind Kind, id string, created bool, action string, diff map[string][2]any) error {
	switch {
	case action != "":
	case created:
		action = "create"
	default:
		action = "update"
	}
	detail := "{}"
	if !created {
		b, err := json.Marshal(diff)
		if err != nil {
			return err
		}
		detail = string(b)
	}
	st, err := e.t.stmt("audit", `INSERT INTO audit(at, operator, site, lamport, action, kind, rec_id, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(e.t.ctx, e.s.now().UTC().Format(timeFormat), e.operator, e.site, e.clock,
		e.action+":"+action, string(kind), id, detail)
	return err
}
