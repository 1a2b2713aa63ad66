package store

import (
	"context"
	"encoding/json"
	"fmt"

	"sokhuyenhoc/data/units"
)

// Approval is a unit's year approved and locked after review.
type Approval struct {
	Unit       string
	Year       int
	ApprovedBy string
	ApprovedAt string
}

// Approve locks a unit's year: from now on, received changes to records of
// that year are held as conflicts for a person to accept or refuse.
func (s *Store) Approve(ctx context.Context, unit string, year int, by string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO approval (unit, year, approved_by, approved_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(unit, year) DO NOTHING`, unit, year, by, s.stamp())
	return err
}

// Unapprove unlocks a unit's year.
func (s *Store) Unapprove(ctx context.Context, unit string, year int) error {
	_, err := s.w.ExecContext(ctx, "DELETE FROM approval WHERE unit = ? AND year = ?", unit, year)
	return err
}

// Approvals lists the locked years.
func (s *Store) Approvals(ctx context.Context) ([]Approval, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT unit, year, approved_by, approved_at FROM approval ORDER BY unit, year")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Approval
	for rows.Next() {
		var a Approval
		if err := rows.Scan(&a.Unit, &a.Year, &a.ApprovedBy, &a.ApprovedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// yearOf returns the year a row counts in, or 0 for rows not bound to a year.
func yearOf(r *Row) int {
	switch r.Kind {
	case Assessment, CentreYear, Profile, ModelYear:
		return int(r.GetInt("year"))
	case Fund:
		return FundOf(r).Date.Y
	case Award:
		return AwardOf(r).Year()
	case MemberCount:
		return MemberCountOf(r).Span().Year()
	case Activity:
		return ActivityOf(r).Date.Y
	}
	return 0
}

// locked reports whether r falls in an approved year (cached per merge).
func (m *Merger) locked(r *Row) (bool, error) {
	if m.locks == nil {
		m.locks = map[string]bool{}
		rows, err := m.t.tx.QueryContext(m.t.ctx, "SELECT unit, year FROM approval")
		if err != nil {
			return false, err
		}
		for rows.Next() {
			var u string
			var y int
			if err := rows.Scan(&u, &y); err != nil {
				rows.Close()
				return false, err
			}
			m.locks[fmt.Sprintf("%s/%d", u, y)] = true
		}
		rows.Close()
	}
	if len(m.locks) == 0 {
		return false, nil
	}
	y := yearOf(r)
	if y == 0 {
		return false, nil
	}
	// An approval covers the unit and every unit inside it (a province
	// approving a district locks its communes' rows too).
	ref, err := units.ParseRef(r.Unit)
	if err != nil {
		return m.locks[fmt.Sprintf("%s/%d", r.Unit, y)], nil
	}
	reg := units.Default()
	for u, _ := reg.Get(ref); u != nil; u = reg.Parent(u.Ref) {
		if m.locks[fmt.Sprintf("%s/%d", u.Ref, y)] {
			return true, nil
		}
	}
	return m.locks[fmt.Sprintf("%s/%d", r.Unit, y)], nil
}

// heldRow is a received row kept back because its year is locked.
type heldRow struct {
	Vals []any          `json:"vals"`
	FV   []FieldVersion `json:"fv"`
}

// hold keeps a received change to a locked year as a conflict ("_locked"),
// unless the store already has every version it carries.
func (m *Merger) hold(s *Schema, old, r *Row) error {
	if old != nil && old.Purged() {
		m.Stats.Erased++
		return nil
	}
	if old != nil && !newerThan(r.FV, old.FV) {
		m.Stats.Unchanged++
		return nil
	}
	v := newest(r.FV)
	var have Version
	err := m.t.tx.QueryRowContext(m.t.ctx, `SELECT ver_l, ver_s FROM conflict WHERE kind = ? AND rec_id = ?
		AND field = '_locked' AND loser_site = ?`, string(s.Kind), r.ID, v.S).Scan(&have.L, &have.S)
	if err == nil && !have.Less(v) {
		m.Stats.Unchanged++ // already held
		return nil
	}
	b, err := json.Marshal(heldRow{Vals: r.Vals, FV: r.FV})
	if err != nil {
		return err
	}
	m.Stats.Conflicts++
	_, err = m.t.tx.ExecContext(m.t.ctx, `INSERT INTO conflict
		(kind, rec_id, field, loser_site, unit, value, ver_l, ver_s, reason, detected_at)
		VALUES (?, ?, '_locked', ?, ?, ?, ?, ?, 'locked', ?)
		ON CONFLICT(kind, rec_id, field, loser_site) DO UPDATE SET
		value = excluded.value, ver_l = excluded.ver_l, ver_s = excluded.ver_s
		WHERE excluded.ver_l > conflict.ver_l`,
		string(s.Kind), r.ID, v.S, r.Unit, string(b), v.L, v.S, m.s.stamp())
	return err
}

func newerThan(in, have []FieldVersion) bool {
	for n := range in {
		if have[n].Ver.Less(in[n].Ver) {
			return true
		}
	}
	return false
}
