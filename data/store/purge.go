package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sokhuyenhoc/data"
)

// Purging erases a person's record on their request (Law 91/2025: the
// right to have one's data deleted), where a delete only leaves a
// tombstone that still holds every value. The record's row keeps only its
// id and unit, with deleted = 2; its values, its audit rows and its kept
// conflicts go, and so do the records that depend on it (a citizen's
// assessments, the consents about it). A purge mark (table purge) remains:
// it blocks every later copy of the record, whatever its version, and it
// travels upward as an instruction that the levels above carry out on
// their copies (Merger.Purge). The writer connection runs with
// secure_delete, and a purge ends by rewriting the search index and
// checkpointing the log, so the erased values are no longer anywhere in
// the database file or its WAL.

// Errors of purging.
var (
	ErrPurged    = errors.New("store: the record was erased (purged) on the person's request")
	ErrNotPerson = errors.New("store: only a person's record can be purged")
)

// purgedMark is the tombstone value of a purged row.
const purgedMark = 2

// Purged reports a purged row.
func (r *Row) Purged() bool { return r.Vals[schemas[r.Kind].deleted()].(int64) == purgedMark }

// PurgeMark is what remains of a purged record, and the instruction sent
// upward: the record's kind, id and unit, the version of the purge, when it
// was made here (informational), and where it came from ("" for this
// installation, else the unit that sent it).
type PurgeMark struct {
	Kind   Kind
	ID     string
	Unit   string
	Ver    Version
	At     string
	Origin string
}

// Purge erases the record id of kind (a kind about a person) and every
// record depending on it, and returns the marks left. Purging a purged
// record again changes nothing.
func (s *Store) Purge(ctx context.Context, kind Kind, id string) ([]PurgeMark, error) {
	sc := schemas[kind]
	if sc == nil || about(kind) == nil || !about(kind).Person {
		return nil, fmt.Errorf("%w: %s", ErrNotPerson, kind)
	}
	var marks []PurgeMark
	err := s.Edit(ctx, "purge", func(e *Editor) error {
		r, err := e.t.load(sc, id)
		if err != nil {
			return err
		}
		if r.Purged() {
			return nil
		}
		if err := e.ensureTick(); err != nil {
			return err
		}
		p := &purger{t: e.t, s: s, ver: Version{L: e.clock, S: e.site}, lseq: e.lseq}
		if err := p.erase(kind, id, r.Unit); err != nil {
			return err
		}
		marks = p.marks
		return e.audit(kind, id, false, "purge", map[string][2]any{})
	})
	if err != nil || len(marks) == 0 {
		return marks, err
	}
	return marks, s.wipe(ctx)
}

// Purge carries out a purge instruction received from below: the record
// and what depends on it here are erased with the instruction's version,
// and the marks go on upward with the next bundle. Rows of the record that
// arrive later, in this bundle or any other, change nothing.
func (m *Merger) Purge(mark PurgeMark) error {
	a := about(mark.Kind)
	if a == nil || (!a.Person && a.Through == "") || mark.ID == "" || mark.Unit == "" || mark.Ver.L <= 0 || mark.Ver.S == "" {
		return fmt.Errorf("%w: purge of %s %q", ErrBadRow, mark.Kind, mark.ID)
	}
	if err := m.Flush(); err != nil {
		return err
	}
	m.seeAll([]FieldVersion{{Ver: mark.Ver}})
	var had string
	err := m.t.tx.QueryRowContext(m.t.ctx, "SELECT unit FROM purge WHERE kind = ? AND id = ?", string(mark.Kind), mark.ID).Scan(&had)
	if err == nil {
		return nil // carried out before
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	lseq, err := m.Lseq()
	if err != nil {
		return err
	}
	p := &purger{t: m.t, s: m.s, ver: mark.Ver, lseq: lseq, origin: mark.Origin}
	if err := p.erase(mark.Kind, mark.ID, mark.Unit); err != nil {
		return err
	}
	m.Stats.Purged += len(p.marks)
	m.purged = true
	return nil
}

// purger erases records inside one transaction.
type purger struct {
	t      *txn
	s      *Store
	ver    Version
	lseq   int64
	origin string
	marks  []PurgeMark
}

// erase makes the row of kind id a purged stub (inserting one when this
// installation holds no copy: later copies are blocked all the same),
// erases its audit rows and conflicts, leaves a mark, and does the same
// for the records that depend on it.
func (p *purger) erase(kind Kind, id, unit string) error {
	sc := schemas[kind]
	old, err := p.t.load(sc, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if old != nil && old.Unit != unit {
		return fmt.Errorf("%w: %s %s belongs to %s, not %s", ErrBadRow, kind, id, old.Unit, unit)
	}
	stub := &Row{Kind: kind, ID: id, Unit: unit, Vals: make([]any, len(sc.Cols)), FV: make([]FieldVersion, len(sc.Cols)), Lseq: p.lseq}
	for n, c := range sc.Cols {
		stub.Vals[n] = map[bool]any{true: int64(0), false: ""}[c.Int]
		stub.FV[n] = FieldVersion{Ver: p.ver}
	}
	stub.Vals[sc.deleted()] = int64(purgedMark)
	if err := p.t.write(sc, stub, old == nil); err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM audit WHERE kind = ? AND rec_id = ?",
		"DELETE FROM conflict WHERE kind = ? AND rec_id = ?"} {
		if _, err := p.t.tx.ExecContext(p.t.ctx, q, string(kind), id); err != nil {
			return err
		}
	}
	mark := PurgeMark{Kind: kind, ID: id, Unit: unit, Ver: p.ver, At: p.s.stamp(), Origin: p.origin}
	if _, err := p.t.tx.ExecContext(p.t.ctx, `INSERT INTO purge (kind, id, unit, ver_l, ver_s, purged_at, origin, lseq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(kind, id) DO NOTHING`,
		string(kind), id, unit, p.ver.L, p.ver.S, mark.At, p.origin, p.lseq); err != nil {
		return err
	}
	p.marks = append(p.marks, mark)
	return p.dependents(kind, id, unit)
}

func (p *purger) dependents(kind Kind, id, unit string) error {
	for _, k := range Kinds {
		a := about(k)
		if a == nil || a.Through == "" {
			continue
		}
		ids, err := p.t.ids("SELECT id FROM "+string(k)+" WHERE "+a.Through+" = ? AND deleted <> ? AND unit = ?",
			id, purgedMark, unit)
		if err != nil {
			return err
		}
		for _, dep := range ids {
			if err := p.erase(k, dep, unit); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *txn) ids(query string, args ...any) ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
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

// about returns what a kind declared about its person, or nil.
func about(k Kind) *data.About {
	if s := schemas[k]; s != nil {
		return s.about
	}
	return nil
}

// wipe rewrites what a purge leaves behind outside the rows: the search
// index's old segments (FTS5 only marks entries deleted until its segments
// are merged) and the WAL, checkpointed and truncated so that no old page
// image stays in it. Freed pages were zeroed as they were freed
// (secure_delete).
func (s *Store) wipe(ctx context.Context) error {
	for _, sc := range schemas {
		if sc.fts == "" {
			continue
		}
		if _, err := s.w.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s(%s) VALUES ('optimize')", sc.fts, sc.fts)); err != nil {
			return err
		}
	}
	_, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// Wipe does what a purge does after its transaction: a program that
// carried out purge instructions from below calls it once the bundle is in.
func (s *Store) Wipe(ctx context.Context) error { return s.wipe(ctx) }

// PurgeMarks returns the purge marks made or received after lseq (0 for
// all), in the order they were made: what the next bundle carries upward.
func (sn *Snapshot) PurgeMarks(after int64) ([]PurgeMark, error) {
	return purgeMarks(sn.ctx, sn.tx, "lseq > ? AND lseq <= ? ORDER BY lseq, kind, id", after, sn.Lseq)
}

// PurgeMarks lists every purge mark held.
func (s *Store) PurgeMarks(ctx context.Context) ([]PurgeMark, error) {
	return purgeMarks(ctx, s.r, "1 ORDER BY lseq, kind, id")
}

// IsPurged reports whether the record id of kind was purged here.
func (s *Store) IsPurged(ctx context.Context, kind Kind, id string) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM purge WHERE kind = ? AND id = ?", string(kind), id).Scan(&n)
	return n > 0, err
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func purgeMarks(ctx context.Context, q querier, cond string, args ...any) ([]PurgeMark, error) {
	rows, err := q.QueryContext(ctx, "SELECT kind, id, unit, ver_l, ver_s, purged_at, origin FROM purge WHERE "+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PurgeMark
	for rows.Next() {
		var m PurgeMark
		var k string
		if err := rows.Scan(&k, &m.ID, &m.Unit, &m.Ver.L, &m.Ver.S, &m.At, &m.Origin); err != nil {
			return nil, err
		}
		m.Kind = Kind(k)
		out = append(out, m)
	}
	return out, rows.Err()
}
