package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Row is one synced record in its generic form: what the store versions and
// what a bundle carries. Vals and FV are aligned with the schema's columns.
type Row struct {
	Kind Kind
	ID   string
	Unit string
	Vals []any // string or int64 per column
	FV   []FieldVersion
	Lseq int64 // local change sequence (not carried in bundles)

	derived []any // the derived columns, when Prepare made them
}

// Prepare computes the row's derived columns (search and sort keys) ahead
// of its merge, so that the goroutine reading a bundle does this work while
// the writer writes. Vals must not change afterwards. A row that would fail
// the merge's checks is left as it is, for the merge to name its fault.
func (r *Row) Prepare() {
	s := schemas[r.Kind]
	if s == nil || s.derive == nil || s.check(r.Vals) != nil {
		return
	}
	r.derived = s.derive(r.Vals)
}

// Deleted reports a tombstone (a purged row's too).
func (r *Row) Deleted() bool {
	s := schemas[r.Kind]
	return r.Vals[s.deleted()].(int64) != 0
}

// Get returns a string column by name ("" when absent).
func (r *Row) Get(col string) string {
	n := schemas[r.Kind].Index(col)
	if n < 0 {
		return ""
	}
	v, _ := r.Vals[n].(string)
	return v
}

// GetInt returns an integer column by name (0 when absent).
func (r *Row) GetInt(col string) int64 {
	n := schemas[r.Kind].Index(col)
	if n < 0 {
		return 0
	}
	v, _ := r.Vals[n].(int64)
	return v
}

// txn is one write transaction with its prepared statements.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	fts   []ftsEntry // search-index entries written at the end
	ftsAt map[int64]int
	live  map[liveKey]int64 // changes to live_count, written at the end
}

func (t *txn) stmt(key, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[key]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[key] = st
	return st, nil
}

func (t *txn) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// inTx runs fn in one write transaction with statement caching.
func (s *Store) inTx(ctx context.Context, fn func(*txn) error) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		t := &txn{ctx: ctx, tx: tx}
		defer t.close()
		if err := fn(t); err != nil {
			return err
		}
		if err := t.flushIndex(); err != nil {
			return err
		}
		return t.flushLive()
	})
}

type sqlNullString = sql.NullString

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// load reads a row by id; ErrNotFound when absent.
func (t *txn) load(s *Schema, id string) (*Row, error) {
	st, err := t.stmt("load:"+string(s.Kind), "SELECT "+s.selectCols()+" FROM "+string(s.Kind)+" WHERE id = ?")
	if err != nil {
		return nil, err
	}
	return scanRow(s, st.QueryRowContext(t.ctx, id))
}

func loadRow(ctx context.Context, q queryer, s *Schema, id string) (*Row, error) {
	return scanRow(s, q.QueryRowContext(ctx, "SELECT "+s.selectCols()+" FROM "+string(s.Kind)+" WHERE id = ?", id))
}

type scanner interface{ Scan(dest ...any) error }

// scanRow scans the columns of selectCols (and extra destinations after
// them) into a row.
func scanRow(s *Schema, sc scanner, extra ...any) (*Row, error) {
	r := &Row{Kind: s.Kind, Vals: make([]any, len(s.Cols))}
	ints := make([]int64, len(s.Cols))
	strs := make([]string, len(s.Cols))
	dest := []any{&r.ID, &r.Unit}
	for n, c := range s.Cols {
		if c.Int {
			dest = append(dest, &ints[n])
		} else {
			dest = append(dest, &strs[n])
		}
	}
	var def FieldVersion
	var fv sql.NullString
	dest = append(dest, &def.Ver.L, &def.Ver.S, &def.Base.L, &def.Base.S, &fv, &r.Lseq)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	for n, c := range s.Cols {
		if c.Int {
			r.Vals[n] = ints[n]
		} else {
			r.Vals[n] = strs[n]
		}
	}
	over, err := decodeOverrides(s, fv.String)
	if err != nil {
		return nil, err
	}
	r.FV = Expand(len(s.Cols), def, over)
	return r, nil
}

// write inserts or replaces a row with its derived columns and versions.
func (t *txn) write(s *Schema, r *Row, insert bool) error {
	args, err := t.rowArgs(s, r)
	if err != nil {
		return err
	}
	if insert {
		_, err := t.insert(s, r, args, false)
		return err
	}
	prev, err := t.prev(s, r.ID)
	if err != nil {
		return err
	}
	st, err := t.stmt("upd:"+string(s.Kind), fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?",
		s.Kind, strings.Join(s.writeCols(), " = ?, ")))
	if err != nil {
		return err
	}
	if _, err = st.ExecContext(t.ctx, append(args, r.ID)...); err != nil {
		return err
	}
	t.countLive(s.Kind, prev.unit, prev.deleted, -1)
	t.countLive(s.Kind, r.Unit, r.Deleted(), +1)
	if newKey := s.skeyOf(args); s.fts != "" && newKey != prev.skey {
		return t.reindex(s, prev.rowid, prev.skey, newKey)
	}
	return nil
}

// stored is what an update must know of the row it replaces.
type stored struct {
	unit    string
	deleted bool
	rowid   int64  // tables with a search index only
	skey    string // idem
}

func (t *txn) prev(s *Schema, id string) (stored, error) {
	var p stored
	cols, dest := "unit, deleted", []any{&p.unit, &p.deleted}
	if s.fts != "" {
		cols, dest = cols+", rowid, skey", append(dest, &p.rowid, &p.skey)
	}
	st, err := t.stmt("prev:"+string(s.Kind), "SELECT "+cols+" FROM "+string(s.Kind)+" WHERE id = ?")
	if err != nil {
		return p, err
	}
	return p, st.QueryRowContext(t.ctx, id).Scan(dest...)
}

// tryInsert inserts r unless its id is taken; it reports whether it did.
func (t *txn) tryInsert(s *Schema, r *Row) (bool, error) {
	args, err := t.rowArgs(s, r)
	if err != nil {
		return false, err
	}
	return t.insert(s, r, args, true)
}

func (t *txn) insert(s *Schema, r *Row, args []any, orIgnore bool) (bool, error) {
	key, verb := "ins:", "INSERT INTO %s (id, unit, %s) VALUES (?, ?%s)"
	if orIgnore {
		key, verb = "insi:", verb+" ON CONFLICT(id) DO NOTHING"
	}
	cols := s.writeCols()
	st, err := t.stmt(key+string(s.Kind), fmt.Sprintf(verb, s.Kind, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols))))
	if err != nil {
		return false, err
	}
	res, err := st.ExecContext(t.ctx, append([]any{r.ID, r.Unit}, args...)...)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	t.countLive(s.Kind, r.Unit, r.Deleted(), +1)
	if s.fts != "" {
		rowid, err := res.LastInsertId()
		if err != nil {
			return false, err
		}
		return true, t.reindex(s, rowid, "", s.skeyOf(args))
	}
	return true, nil
}

// reindex replaces a row's entry in the search index. New entries wait for
// the end of the transaction (flushIndex): FTS5 writes its buffer to disk
// whenever another statement opens a savepoint, so entries written between
// batches of inserts would make thousands of tiny segments.
func (t *txn) reindex(s *Schema, rowid int64, oldKey, newKey string) error {
	if i, ok := t.ftsAt[rowid]; ok { // not in the index yet
		t.fts[i].key = newKey
		return nil
	}
	if oldKey != "" {
		st, err := t.stmt("ftsdel:"+s.fts, fmt.Sprintf("INSERT INTO %s(%s, rowid, skey) VALUES ('delete', ?, ?)", s.fts, s.fts))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(t.ctx, rowid, oldKey); err != nil {
			return err
		}
	}
	if t.ftsAt == nil {
		t.ftsAt = map[int64]int{}
	}
	t.ftsAt[rowid] = len(t.fts)
	t.fts = append(t.fts, ftsEntry{s: s, rowid: rowid, key: newKey})
	return nil
}

type ftsEntry struct {
	s     *Schema
	rowid int64
	key   string
}

// flushIndex writes the search-index entries the transaction made.
func (t *txn) flushIndex() error {
	for _, e := range t.fts {
		st, err := t.stmt("ftsins:"+e.s.fts, fmt.Sprintf("INSERT INTO %s(rowid, skey) VALUES (?, ?)", e.s.fts))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(t.ctx, e.rowid, e.key); err != nil {
			return err
		}
	}
	t.fts, t.ftsAt = nil, nil
	return nil
}

// rowArgs returns the values written for r, in writeCols order.
func (t *txn) rowArgs(s *Schema, r *Row) ([]any, error) {
	def, over := Compact(r.FV)
	fv, err := encodeOverrides(s, over)
	if err != nil {
		return nil, err
	}
	args := make([]any, 0, len(s.Cols)+len(s.Derived)+9)
	args = append(args, r.Vals...)
	switch {
	case r.derived != nil:
		args = append(args, r.derived...)
	case s.derive != nil:
		args = append(args, s.derive(r.Vals)...)
	}
	return append(args, def.Ver.L, def.Ver.S, def.Base.L, def.Base.S, fv, r.Lseq), nil
}

// tick advances the Lamport clock and the local change sequence once for
// this transaction and returns the new values.
func (t *txn) tick() (clock, lseq int64, err error) {
	if clock, err = metaInt(t.ctx, t.tx, MetaClock); err != nil {
		return 0, 0, err
	}
	if lseq, err = metaInt(t.ctx, t.tx, MetaLseq); err != nil {
		return 0, 0, err
	}
	clock, lseq = clock+1, lseq+1
	if err = setMeta(t.ctx, t.tx, MetaClock, fmt.Sprint(clock)); err != nil {
		return 0, 0, err
	}
	return clock, lseq, setMeta(t.ctx, t.tx, MetaLseq, fmt.Sprint(lseq))
}
