package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// carryForward brings into the restored store st, from the database it
// replaced (kept at aside), what that one had numbered since the copy was
// made, when both are the same installation (one site): the bundles it
// wrote, so that the next bundle takes the next number and not one the level
// above already holds (which it would hold back as a copied installation),
// and its Lamport and local change counters, so that what is typed from now
// on is exported and wins over what was sent before. The records changed
// since the copy are not brought back: the copy is what was asked for, and
// the level above holds them. It returns how many bundles it carried.
func carryForward(ctx context.Context, st *Store, aside string) (int, error) {
	if _, err := st.w.ExecContext(ctx, "ATTACH ? AS aside", "file:"+uriPath.Replace(aside)+"?mode=ro"); err != nil {
		return 0, fmt.Errorf("store: restore: read the database replaced: %w", err)
	}
	defer st.w.ExecContext(context.WithoutCancel(ctx), "DETACH aside")
	var n int
	err := st.writeTx(ctx, func(tx *sql.Tx) error {
		var same bool
		err := tx.QueryRowContext(ctx, `SELECT (SELECT value FROM aside.meta WHERE key = ?) =
			(SELECT value FROM main.meta WHERE key = ?)`, MetaSite, MetaSite).Scan(&same)
		if err != nil || !same {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO main.bundle_out SELECT * FROM aside.bundle_out
			WHERE seq > (SELECT coalesce(max(seq), 0) FROM main.bundle_out) ORDER BY seq`)
		if err != nil {
			return err
		}
		carried, _ := res.RowsAffected()
		n = int(carried)
		for _, key := range []string{MetaClock, MetaLseq} {
			if err := raiseCounter(ctx, tx, key); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// raiseCounter sets the counter key of main.meta to the greater of its
// value and aside's.
func raiseCounter(ctx context.Context, tx *sql.Tx, key string) error {
	mine, err := metaInt(ctx, tx, key)
	if err != nil {
		return err
	}
	var theirs sql.NullInt64
	err = tx.QueryRowContext(ctx, "SELECT CAST(value AS INTEGER) FROM aside.meta WHERE key = ?", key).Scan(&theirs)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if theirs.Int64 > mine {
		return setMeta(ctx, tx, key, fmt.Sprint(theirs.Int64))
	}
	return nil
}
