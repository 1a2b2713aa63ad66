package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"sokhuyenhoc/data"
)

// Statement is a signed statement of submission or approval
// (docs/submissions.md), made here or received, as the store keeps it:
// the signed file and the members the status reads. The store does not
// check signatures; the exchange does, before it records one.
type Statement struct {
	Hash       string // lowercase hex SHA-256 of File
	Kind       string // "submission", "approval" or "targets"
	Issuer     string // "list:code" of the unit that signed it
	Site       string // the issuer's installation
	N          int64  // the issuer's counter
	Unit       string // the unit it is about
	Period     string // data.Period's text form
	Approved   bool   // an approval in force, or its undoing
	RestsOn    int64  // a submission: the highest bundle number its totals rest on
	Approves   int64  // an approval: the n of the submission it approves
	Body       string // a submission's totals; the targets and areas handed down (JSON)
	Issued     string // the issuer's clock (informational)
	ReceivedOn string // yyyy-mm-dd: when the level directly above the issuer received it
	File       []byte // the signed statement file
	KHKey      []byte // the issuer's public key file, for the levels further up
	Origin     string // "" for this installation's own; else the unit it came from
	Lseq       int64  // > 0: sent upward in the next bundle
}

// Deadline is the day by which units below report a period.
type Deadline struct {
	Period string `json:"period"`
	Level  string `json:"level,omitempty"` // "" for every level
	Due    string `json:"due"`             // yyyy-mm-dd
	SetBy  string `json:"set_by"`
	SetAt  string `json:"set_at"`
}

const statementCols = `hash, kind, issuer, site, n, unit, period, approved, rests_on, approves, body, issued,
	received_on, file, khkey, origin, lseq`

func statementArgs(s Statement) []any {
	return []any{s.Hash, s.Kind, s.Issuer, s.Site, s.N, s.Unit, s.Period, s.Approved, s.RestsOn, s.Approves, s.Body,
		s.Issued, s.ReceivedOn, s.File, s.KHKey, s.Origin, s.Lseq}
}

func scanStatement(rows interface{ Scan(...any) error }) (Statement, error) {
	var s Statement
	err := rows.Scan(&s.Hash, &s.Kind, &s.Issuer, &s.Site, &s.N, &s.Unit, &s.Period, &s.Approved, &s.RestsOn,
		&s.Approves, &s.Body, &s.Issued, &s.ReceivedOn, &s.File, &s.KHKey, &s.Origin, &s.Lseq)
	return s, err
}

func insertStatement(ctx context.Context, tx *sql.Tx, s Statement) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO statement ("+statementCols+") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		statementArgs(s)...)
	return err
}

// NextStatementN returns the counter of the next statement issuer signs:
// one past every statement of issuer held here.
func (s *Store) NextStatementN(ctx context.Context, issuer string) (int64, error) {
	var n sql.NullInt64
	err := s.r.QueryRowContext(ctx, "SELECT max(n) FROM statement WHERE issuer = ?", issuer).Scan(&n)
	return n.Int64 + 1, err
}

// AddStatement records a statement this installation made, to go upward
// in the next bundle (a targets statement, handed down only, does not). An approval of a whole year (year > 0) also locks
// or unlocks that year of the unit here (Approve, Unapprove), in the same
// transaction.
func (s *Store) AddStatement(ctx context.Context, st Statement, lockYear int, by string) error {
	return s.inTx(ctx, func(t *txn) error {
		_, lseq, err := t.tick()
		if err != nil {
			return err
		}
		st.Lseq = lseq
		if st.Kind == "targets" {
			st.Lseq = 0 // handed down only, never sent upward
		}
		if err := insertStatement(ctx, t.tx, st); err != nil {
			return err
		}
		if st.Kind != "approval" || lockYear == 0 {
			return nil
		}
		if st.Approved {
			_, err = t.tx.ExecContext(ctx, `INSERT INTO approval (unit, year, approved_by, approved_at) VALUES (?, ?, ?, ?)
				ON CONFLICT(unit, year) DO NOTHING`, st.Unit, lockYear, by, s.stamp())
		} else {
			_, err = t.tx.ExecContext(ctx, "DELETE FROM approval WHERE unit = ? AND year = ?", st.Unit, lockYear)
		}
		return err
	})
}

// AddNotices records statements received from the unit above (notices,
// never sent upward again), in one transaction; those held already are
// left as they are. It returns how many were new.
func (s *Store) AddNotices(ctx context.Context, sts []Statement) (int, error) {
	added := 0
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, st := range sts {
			st.Lseq = 0
			res, err := tx.ExecContext(ctx, "INSERT INTO statement ("+statementCols+
				") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(hash) DO NOTHING", statementArgs(st)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
			}
		}
		return nil
	})
	return added, err
}

// HasStatement reports whether the statement named hash is held here.
func (m *Merger) HasStatement(hash string) (bool, error) {
	var n int
	err := m.t.tx.QueryRowContext(m.t.ctx, "SELECT count(*) FROM statement WHERE hash = ?", hash).Scan(&n)
	return n > 0, err
}

// AddStatement records a statement received in the bundle being merged;
// it goes upward in this installation's next bundle.
func (m *Merger) AddStatement(st Statement) error {
	lseq, err := m.Lseq()
	if err != nil {
		return err
	}
	st.Lseq = lseq
	return insertStatement(m.t.ctx, m.t.tx, st)
}

// PeriodStatements returns the statements held of period, in the bundle's
// transaction.
func (m *Merger) PeriodStatements(period string) ([]Statement, error) {
	return queryStatements(m.t.ctx, m.t.tx, "WHERE period = ?", period)
}

// Statements returns every statement held, oldest first.
func (s *Store) Statements(ctx context.Context) ([]Statement, error) {
	return queryStatements(ctx, s.r, "")
}

func queryStatements(ctx context.Context, q querier, where string, args ...any) ([]Statement, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+statementCols+" FROM statement "+where+" ORDER BY lseq, n, hash", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Statement
	for rows.Next() {
		st, err := scanStatement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// InForce keeps, of each issuer's statements of one kind on one unit and
// period, the one with the highest (n, site): the state every
// installation reaches whatever the order the statements arrived in.
func InForce(sts []Statement) []Statement {
	best := map[[4]string]Statement{}
	for _, s := range sts {
		k := [4]string{s.Kind, s.Issuer, s.Unit, s.Period}
		if b, ok := best[k]; !ok || s.N > b.N || s.N == b.N && s.Site > b.Site {
			best[k] = s
		}
	}
	out := make([]Statement, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return strings.Join([]string{a.Unit, a.Period, a.Kind, a.Issuer}, "\x00") <
			strings.Join([]string{b.Unit, b.Period, b.Kind, b.Issuer}, "\x00")
	})
	return out
}

// Statements calls fn for every statement recorded after lseq, in the
// order recorded: the statements an export carries upward.
func (sn *Snapshot) Statements(after int64, fn func(Statement) error) error {
	rows, err := sn.tx.QueryContext(sn.ctx, "SELECT "+statementCols+
		" FROM statement WHERE lseq > ? AND lseq <= ? ORDER BY lseq, n, hash", after, sn.Lseq)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		st, err := scanStatement(rows)
		if err != nil {
			return err
		}
		if err := fn(st); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ErrDeadline reports a deadline that is not a day (yyyy-mm-dd).
var ErrDeadline = errors.New("store: a deadline is a day, yyyy-mm-dd")

// SetDeadline sets the day by which units below (of level, or all when
// level is "") report period.
func (s *Store) SetDeadline(ctx context.Context, d Deadline) error {
	if day, err := data.ParseDate(d.Due); err != nil || day.String() != d.Due {
		return ErrDeadline
	}
	if p, err := data.ParsePeriod(d.Period); err != nil || p.String() != d.Period {
		return data.ErrPeriod
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO deadline (period, level, due, set_by, set_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(period, level) DO UPDATE SET due = excluded.due, set_by = excluded.set_by, set_at = excluded.set_at`,
		d.Period, d.Level, d.Due, d.SetBy, s.stamp())
	return err
}

// Deadlines lists the deadlines set here.
func (s *Store) Deadlines(ctx context.Context) ([]Deadline, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT period, level, due, set_by, set_at FROM deadline ORDER BY period, level")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Deadline
	for rows.Next() {
		var d Deadline
		if err := rows.Scan(&d.Period, &d.Level, &d.Due, &d.SetBy, &d.SetAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
