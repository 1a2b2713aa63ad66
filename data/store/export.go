package store

import (
	"context"
	"database/sql"
)

// Snapshot is a consistent read of the store for an export: every row it
// yields was committed at or before Lseq.
type Snapshot struct {
	tx   *sql.Tx
	ctx  context.Context
	Lseq int64 // the local change sequence the snapshot reaches
}

// Snapshot starts a read transaction for an export. Close it when done.
func (s *Store) Snapshot(ctx context.Context) (*Snapshot, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	var v string
	err = tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", MetaLseq).Scan(&v)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	sn := &Snapshot{tx: tx, ctx: ctx}
	_, err = fmtSscan(v, &sn.Lseq)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return sn, nil
}

// Close ends the read transaction.
func (sn *Snapshot) Close() error { return sn.tx.Rollback() }

// Rows calls fn for every row of kind changed locally after lseq (imports
// included), in the order they were first stored (ids are time-ordered, so
// this is nearly id order), one row at a time: an export never holds the
// register in memory. When most of the table changed (a first export) it
// reads the table straight through instead of going through the lseq index.
func (sn *Snapshot) Rows(kind Kind, after int64, fn func(*Row) error) error {
	sc := schemas[kind]
	cond := "lseq > ? AND lseq <= ?"
	if after == 0 {
		cond = "+lseq <= ?2 AND ?1 = 0"
	}
	cond += " AND deleted < 2" // purged stubs never travel: their marks do (purge.go)
	order := "id"
	if sc.fts != "" {
		order = "rowid"
	}
	rows, err := sn.tx.QueryContext(sn.ctx, "SELECT "+sc.selectCols()+" FROM "+string(kind)+
		" WHERE "+cond+" ORDER BY "+order, after, sn.Lseq)
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

// Count returns how many rows of kind changed after lseq.
func (sn *Snapshot) Count(kind Kind, after int64) (int64, error) {
	var n int64
	err := sn.tx.QueryRowContext(sn.ctx, "SELECT count(*) FROM "+string(kind)+" WHERE lseq > ? AND lseq <= ? AND deleted < 2",
		after, sn.Lseq).Scan(&n)
	return n, err
}
