package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrNoConflict reports a resolve of a conflict that does not exist.
var ErrNoConflict = errors.New("store: no such conflict")

// Conflict is a losing value kept for a person to decide.
type Conflict struct {
	Kind     Kind
	RecID    string
	Field    string // a column, or "_deleted" for a delete that raced an edit
	Site     string // where the losing value was made
	Unit     string
	Value    any // the losing value (for "_deleted": the record was edited)
	Current  any // the value that won
	Reason   string
	Detected string
}

// Conflicts lists the open conflicts of a unit ("" for all).
func (s *Store) Conflicts(ctx context.Context, unit string) ([]Conflict, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT kind, rec_id, field, loser_site, unit, value, reason, detected_at
		FROM conflict WHERE ? = '' OR unit = ? ORDER BY unit, kind, rec_id, field, loser_site`, unit, unit)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for rows.Next() {
		var c Conflict
		var val string
		if err := rows.Scan(&c.Kind, &c.RecID, &c.Field, &c.Site, &c.Unit, &val, &c.Reason, &c.Detected); err != nil {
			rows.Close()
			return nil, err
		}
		if c.Value, err = conflictValue(c.Kind, c.Field, val); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for n := range out {
		if err := s.fillCurrent(ctx, &out[n]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) fillCurrent(ctx context.Context, c *Conflict) error {
	r, err := s.Get(ctx, c.Kind, c.RecID)
	if errors.Is(err, ErrNotFound) && c.Field == "_locked" {
		return nil // a new record for a locked year: nothing current
	}
	if err != nil {
		return err
	}
	switch c.Field {
	case "_locked":
		c.Current = r.Vals
		return nil
	case "_deleted":
		c.Current = r.Deleted()
		return nil
	}
	c.Current = r.Vals[schemas[c.Kind].Index(c.Field)]
	return nil
}

// Resolution says which value a person chose.
type Resolution int

// Choices when resolving.
const (
	KeepCurrent Resolution = iota // the winning value stays (for a delete: stays deleted)
	TakeLoser                     // the losing value replaces it (for a delete: the record comes back)
)

// Resolve settles the conflict on (kind, id, field) kept from site. The
// choice becomes a new local edit that names the settled versions, so every
// installation that receives it settles the same conflict.
func (s *Store) Resolve(ctx context.Context, kind Kind, id, field, site string, choice Resolution) error {
	return s.Edit(ctx, "resolve", func(e *Editor) error { return e.resolve(kind, id, field, site, choice) })
}

func (e *Editor) resolve(kind Kind, id, field, site string, choice Resolution) error {
	sc := schemas[kind]
	if sc == nil {
		return ErrNoConflict
	}
	var val, unit string
	var loser Version
	err := e.t.tx.QueryRowContext(e.t.ctx, `SELECT value, unit, ver_l, ver_s FROM conflict
		WHERE kind = ? AND rec_id = ? AND field = ? AND loser_site = ?`, string(kind), id, field, site).
		Scan(&val, &unit, &loser.L, &loser.S)
	if err != nil {
		return fmt.Errorf("%w: %s %s %s from %s", ErrNoConflict, kind, id, field, site)
	}
	if field == "_locked" {
		return e.resolveLocked(sc, id, unit, site, val, choice)
	}
	cur, err := e.t.load(sc, id)
	if err != nil {
		return err
	}
	if field == "_deleted" {
		return e.resolveDelete(sc, cur, choice)
	}
	n := sc.Index(field)
	next := *cur
	next.Vals = append([]any(nil), cur.Vals...)
	if choice == TakeLoser {
		if next.Vals[n], err = decodeValue(sc.Cols[n], val); err != nil {
			return err
		}
	}
	if err := e.ensureTick(); err != nil {
		return err
	}
	next.FV = append([]FieldVersion(nil), cur.FV...)
	next.FV[n] = FieldVersion{Ver: Version{e.clock, e.site}, Base: baseFor(cur.FV[n], e.site),
		Sup: []Version{cur.FV[n].Ver, loser}}
	next.Lseq = e.lseq
	if err := e.t.write(sc, &next, false); err != nil {
		return err
	}
	if err := settleConflicts(e.t, kind, id, field, next.FV[n]); err != nil {
		return err
	}
	e.changed++
	return e.audit(kind, id, false, "resolve", map[string][2]any{field: {cur.Vals[n], next.Vals[n]}})
}

// resolveDelete confirms a delete (a new tombstone that has seen the racing
// edit) or brings the record back.
func (e *Editor) resolveDelete(sc *Schema, cur *Row, choice Resolution) error {
	vals := append([]any(nil), cur.Vals...)
	if choice == TakeLoser {
		vals[sc.deleted()] = int64(0)
		if _, err := e.apply(sc, cur, &Row{Kind: sc.Kind, ID: cur.ID, Unit: cur.Unit, Vals: vals}, "restore"); err != nil {
			return err
		}
		return e.restoreChildren(sc.Kind, cur.ID, cur.FV[sc.deleted()].Ver)
	}
	if err := e.ensureTick(); err != nil {
		return err
	}
	next := *cur
	next.FV = append([]FieldVersion(nil), cur.FV...)
	next.FV[sc.deleted()] = FieldVersion{Ver: Version{e.clock, e.site}, Base: newest(cur.FV)}
	next.Lseq = e.lseq
	if err := e.t.write(sc, &next, false); err != nil {
		return err
	}
	e.changed++
	if err := deleteRace(e.t, sc, &next, e.s.stamp()); err != nil {
		return err
	}
	return e.audit(sc.Kind, cur.ID, false, "delete", nil)
}

// restoreChildren brings back the yearly rows that the delete of record id
// took with it: Editor.Delete deletes them in the same transaction, so their
// tombstones carry the record's own version ver. Rows deleted on their own
// stay deleted.
func (e *Editor) restoreChildren(kind Kind, id string, ver Version) error {
	for _, ch := range children(kind) {
		if err := e.restoreChild(ch, id, ver); err != nil {
			return err
		}
	}
	return nil
}

func (e *Editor) restoreChild(ch child, id string, ver Version) error {
	child, cs := ch.kind, schemas[ch.kind]
	ids, err := e.all("SELECT id FROM "+string(child)+" WHERE "+ch.col+" = ? AND deleted = 1", id)
	if err != nil {
		return err
	}
	for _, cid := range ids {
		old, err := e.t.load(cs, cid)
		if err != nil {
			return err
		}
		if old.FV[cs.deleted()].Ver != ver {
			continue
		}
		vals := append([]any(nil), old.Vals...)
		vals[cs.deleted()] = int64(0)
		if _, err := e.apply(cs, old, &Row{Kind: child, ID: cid, Unit: old.Unit, Vals: vals}, "restore"); err != nil {
			return err
		}
	}
	return nil
}

func conflictValue(kind Kind, field, raw string) (any, error) {
	sc := schemas[kind]
	if sc == nil || sc.Index(field) < 0 {
		return raw, nil
	}
	return decodeValue(sc.Cols[sc.Index(field)], raw)
}

func decodeValue(c Col, raw string) (any, error) {
	if c.Int {
		var v int64
		err := json.Unmarshal([]byte(raw), &v)
		return v, err
	}
	var v string
	err := json.Unmarshal([]byte(raw), &v)
	return v, err
}

// resolveLocked accepts a change held back by an approval (merging it as
// received, with its own versions) or refuses it.
func (e *Editor) resolveLocked(sc *Schema, id, unit, site, val string, choice Resolution) error {
	if _, err := e.t.tx.ExecContext(e.t.ctx, `DELETE FROM conflict WHERE kind = ? AND rec_id = ?
		AND field = '_locked' AND loser_site = ?`, string(sc.Kind), id, site); err != nil {
		return err
	}
	if choice == KeepCurrent {
		return e.audit(sc.Kind, id, false, "refuse", nil)
	}
	var h heldRow
	if err := json.Unmarshal([]byte(val), &h); err != nil {
		return err
	}
	r := &Row{Kind: sc.Kind, ID: id, Unit: unit, Vals: fixInts(sc, h.Vals), FV: h.FV}
	m := &Merger{t: e.t, s: e.s, force: true}
	if err := m.Merge(r); err != nil {
		return err
	}
	e.changed++
	if err := m.finish(); err != nil {
		return err
	}
	return e.audit(sc.Kind, id, false, "accept", nil)
}

// fixInts restores the integer columns JSON decoded as float64.
func fixInts(sc *Schema, vals []any) []any {
	for n, c := range sc.Cols {
		if f, ok := vals[n].(float64); ok && c.Int {
			vals[n] = int64(f)
		}
	}
	return vals
}
