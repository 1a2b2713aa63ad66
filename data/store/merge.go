package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrIDTaken reports a received row whose id the store holds for another
// unit: a record's unit never changes.
var ErrIDTaken = errors.New("store: the record's id is held for another unit")

// Merger applies rows received in a bundle inside one transaction: the
// bundle is wholly in or wholly out.
type Merger struct {
	t        *txn
	s        *Store
	lseq     int64 // 0 until the first change
	clock    int64 // highest Lamport counter seen
	locks    map[string]bool
	force    bool   // a person accepted a held change: approvals do not apply
	pending  []*Row // received rows waiting for a batch insert (batch.go)
	heldRows bool   // a batch met rows already held here (batch.go)
	purged   bool   // purge instructions were carried out (purge.go)
	Stats    MergeStats
}

// MergeStats counts what a bundle did. Purged counts the records erased on
// the instructions it carried, Erased the rows of purged records it
// brought, dropped.
type MergeStats struct {
	Inserted, Updated, Unchanged, Conflicts, Purged, Erased int
}

// Merge runs fn in one transaction. When fn returns nil the Lamport clock
// moves past every version received and the transaction commits.
func (s *Store) Merge(ctx context.Context, fn func(*Merger) error) error {
	return s.inTx(ctx, func(t *txn) error {
		m := &Merger{t: t, s: s}
		if err := fn(m); err != nil {
			return err
		}
		return m.finish()
	})
}

func (m *Merger) finish() error {
	if err := m.Flush(); err != nil {
		return err
	}
	cur, err := metaInt(m.t.ctx, m.t.tx, MetaClock)
	if err != nil || m.clock <= cur {
		return err
	}
	return setMeta(m.t.ctx, m.t.tx, MetaClock, fmt.Sprint(m.clock))
}

// Lseq returns the local change sequence this merge writes under (ticking it
// on first use).
func (m *Merger) Lseq() (int64, error) {
	if m.lseq != 0 {
		return m.lseq, nil
	}
	v, err := metaInt(m.t.ctx, m.t.tx, MetaLseq)
	if err != nil {
		return 0, err
	}
	m.lseq = v + 1
	return m.lseq, setMeta(m.t.ctx, m.t.tx, MetaLseq, fmt.Sprint(m.lseq))
}

// Merge applies one received row field by field: the version with the
// higher (Lamport, site) wins on every installation whatever the order of
// arrival; a losing value the winner's author had not seen is kept as a
// conflict for a person to resolve.
func (m *Merger) Merge(r *Row) error {
	s := schemas[r.Kind]
	if s == nil {
		return fmt.Errorf("%w: unknown kind %q", ErrBadRow, r.Kind)
	}
	if err := checkIncoming(s, r); err != nil {
		return err
	}
	locked, err := m.locked(r)
	if err != nil {
		return err
	}
	if !locked || m.force {
		// Most rows of a bundle are new here: they go in by batches.
		return m.queue(s, r)
	}
	if err := m.Flush(); err != nil {
		return err
	}
	old, err := m.t.load(s, r.ID)
	if err != nil && err != ErrNotFound {
		return err
	}
	m.seeAll(r.FV)
	return m.hold(s, old, r)
}

// mergeExisting merges a received row whose id the store already holds.
func (m *Merger) mergeExisting(s *Schema, r *Row) error {
	old, err := m.t.load(s, r.ID)
	if err != nil {
		return fmt.Errorf("%w: %s %s: %v", ErrBadRow, r.Kind, r.ID, err)
	}
	return m.update(s, old, r)
}

// update merges r into the stored row old.
func (m *Merger) update(s *Schema, old, r *Row) error {
	if old.Unit != r.Unit {
		return m.claimedTwice(s, old, r)
	}
	if old.Purged() { // no version brings a purged record back (purge.go)
		m.Stats.Erased++
		return nil
	}
	changed, wasDeleted := false, old.Deleted()
	for n := range s.Cols {
		c, err := m.mergeField(s, old, r, n)
		if err != nil {
			return err
		}
		changed = changed || c
	}
	if !changed {
		m.Stats.Unchanged++
		return nil
	}
	m.Stats.Updated++
	var err error
	if old.Lseq, err = m.Lseq(); err != nil {
		return err
	}
	if err := m.t.write(s, old, false); err != nil {
		return err
	}
	if wasDeleted || old.Deleted() {
		return m.checkDeleteRace(s, old)
	}
	return nil
}

func checkIncoming(s *Schema, r *Row) error {
	if err := s.check(r.Vals); err != nil {
		return err
	}
	if len(r.FV) != len(s.Cols) || r.ID == "" || r.Unit == "" {
		return fmt.Errorf("%w: %s %q incomplete", ErrBadRow, r.Kind, r.ID)
	}
	for _, f := range r.FV {
		if f.Ver.L <= 0 || f.Ver.S == "" {
			return fmt.Errorf("%w: %s %s has no version", ErrBadRow, r.Kind, r.ID)
		}
	}
	return nil
}

func (m *Merger) seeAll(fv []FieldVersion) {
	for _, f := range fv {
		if f.Ver.L > m.clock {
			m.clock = f.Ver.L
		}
	}
}

// mergeField merges column n of the received row r into cur.
func (m *Merger) mergeField(s *Schema, cur, r *Row, n int) (bool, error) {
	in, have := r.FV[n], cur.FV[n]
	m.seeAll([]FieldVersion{in})
	if in.Ver == have.Ver {
		// One version is one edit; two contents under one version come only
		// from a broken or hostile sender. Still, every order must end alike.
		if tieWins(r.Vals[n], in, cur.Vals[n], have) {
			cur.Vals[n], cur.FV[n] = r.Vals[n], in
			return true, nil
		}
		return false, nil
	}
	field := s.Cols[n].Name
	if have.Ver.Less(in.Ver) { // the received value wins
		if !seen(in, have.Ver) && cur.Vals[n] != r.Vals[n] && !have.Ver.IsZero() {
			if err := m.keepLoser(s, cur, field, cur.Vals[n], have.Ver); err != nil {
				return false, err
			}
		}
		if err := m.settle(s, cur, field, in); err != nil {
			return false, err
		}
		cur.Vals[n], cur.FV[n] = r.Vals[n], in
		return true, nil
	}
	if seen(have, in.Ver) || cur.Vals[n] == r.Vals[n] {
		return false, nil // stale: the current value was built on it
	}
	return false, m.keepLoser(s, cur, field, r.Vals[n], in.Ver)
}

// seen reports whether the author of f had seen version v: an installation's
// own versions follow one another, and a base or a settled version names
// what it was built on.
func seen(f FieldVersion, v Version) bool {
	after := func(w Version) bool { return w.S == v.S && !w.Less(v) }
	if after(f.Ver) || after(f.Base) {
		return true
	}
	for _, s := range f.Sup {
		if after(s) {
			return true
		}
	}
	return false
}

// keepLoser records a losing value unless a newer loser from the same site
// is already kept.
func (m *Merger) keepLoser(s *Schema, cur *Row, field string, val any, ver Version) error {
	var have Version
	err := m.t.tx.QueryRowContext(m.t.ctx, `SELECT ver_l, ver_s FROM conflict
		WHERE kind = ? AND rec_id = ? AND field = ? AND loser_site = ?`,
		string(s.Kind), cur.ID, field, ver.S).Scan(&have.L, &have.S)
	if err == nil && !have.Less(ver) {
		return nil
	}
	b, err := json.Marshal(val)
	if err != nil {
		return err
	}
	m.Stats.Conflicts++
	_, err = m.t.tx.ExecContext(m.t.ctx, `INSERT INTO conflict
		(kind, rec_id, field, loser_site, unit, value, ver_l, ver_s, reason, detected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'concurrent', ?)
		ON CONFLICT(kind, rec_id, field, loser_site) DO UPDATE SET
		value = excluded.value, ver_l = excluded.ver_l, ver_s = excluded.ver_s`,
		string(s.Kind), cur.ID, field, ver.S, cur.Unit, string(b), ver.L, ver.S, m.s.stamp())
	return err
}

// settle drops the kept losers that the winning version in had seen.
func (m *Merger) settle(s *Schema, cur *Row, field string, in FieldVersion) error {
	return settleConflicts(m.t, s.Kind, cur.ID, field, in)
}

func settleConflicts(t *txn, kind Kind, id, field string, in FieldVersion) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT loser_site, ver_l FROM conflict
		WHERE kind = ? AND rec_id = ? AND field = ?`, string(kind), id, field)
	if err != nil {
		return err
	}
	var drop []string
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.S, &v.L); err != nil {
			rows.Close()
			return err
		}
		if seen(in, v) {
			drop = append(drop, v.S)
		}
	}
	rows.Close()
	for _, site := range drop {
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM conflict
			WHERE kind = ? AND rec_id = ? AND field = ? AND loser_site = ?`, string(kind), id, field, site); err != nil {
			return err
		}
	}
	return rows.Err()
}

// checkDeleteRace keeps a conflict while a tombstone covers an edit made
// elsewhere that the deleter had not seen (newer than anything it had).
func (m *Merger) checkDeleteRace(s *Schema, r *Row) error {
	return deleteRace(m.t, s, r, m.s.stamp())
}

func deleteRace(t *txn, s *Schema, r *Row, stamp string) error {
	del := r.FV[s.deleted()]
	var racer *Version
	if r.Vals[s.deleted()].(int64) == 1 {
		for n, f := range r.FV[:s.deleted()] {
			if f.Ver.S != del.Ver.S && del.Base.Less(f.Ver) && !seen(del, f.Ver) {
				v := r.FV[n].Ver
				racer = &v
			}
		}
	}
	if racer == nil {
		_, err := t.tx.ExecContext(t.ctx, `DELETE FROM conflict WHERE kind = ? AND rec_id = ? AND field = '_deleted'`,
			string(s.Kind), r.ID)
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO conflict
		(kind, rec_id, field, loser_site, unit, value, ver_l, ver_s, reason, detected_at)
		VALUES (?, ?, '_deleted', ?, ?, '0', ?, ?, 'delete_edit', ?)
		ON CONFLICT(kind, rec_id, field, loser_site) DO NOTHING`,
		string(s.Kind), r.ID, racer.S, r.Unit, racer.L, racer.S, stamp)
	return err
}

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }

// tieWins orders two contents under the same version by their encoding.
func tieWins(v any, f FieldVersion, w any, g FieldVersion) bool {
	a, _ := json.Marshal([]any{v, f.Base, f.Sup})
	b, _ := json.Marshal([]any{w, g.Base, g.Sup})
	return string(a) > string(b)
}
