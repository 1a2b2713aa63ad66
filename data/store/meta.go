package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
)

// Keys of the meta table.
const (
	MetaSite     = "site"      // this installation's site id
	MetaUnit     = "unit"      // "list:code" of the unit it keeps
	MetaLevel    = "level"     // commune, district or province
	MetaName     = "name"      // the unit's full name
	MetaOperator = "operator"  // the person at the keyboard
	MetaCreated  = "created"   // set-up time (informational)
	MetaClock    = "clock"     // Lamport counter
	MetaLseq     = "lseq"      // local change sequence
	MetaIdentity = "identity"  // this installation's secret keys (backup file form)
	MetaPassRule = "pass_rule" // "800/50": minimum total / minimum per indicator, in tenths
)

// Meta returns a meta value, "" when unset. It reads through the reader
// pool, so it may be called while an edit holds the writer.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta sets a meta value.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, key, value) })
}

func setMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

func metaInt(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	var v string
	err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// Setup is what init records about this installation.
type Setup struct {
	Site     string
	Unit     string // "list:code"
	Level    string
	Name     string
	Operator string
	Identity string // the secret keys, as the backup file's text
}

// Init records the installation's setup once. It refuses a database that is
// already set up: one database, one identity.
func (s *Store) Init(ctx context.Context, st Setup) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = ?", MetaSite).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadySet
		}
		for k, v := range map[string]string{MetaSite: st.Site, MetaUnit: st.Unit, MetaLevel: st.Level,
			MetaName: st.Name, MetaOperator: st.Operator, MetaIdentity: st.Identity,
			MetaCreated: s.now().UTC().Format(timeFormat), MetaClock: "0", MetaLseq: "0"} {
			if err := setMeta(ctx, tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.site = st.Site
	}
	return err
}

// Installation is the setup as stored.
type Installation struct {
	Site, Unit, Level, Name, Operator, Created string
}

// Installation returns the stored setup, or ErrNotSetUp.
func (s *Store) Installation(ctx context.Context) (Installation, error) {
	var in Installation
	for _, f := range []struct {
		key string
		dst *string
	}{{MetaSite, &in.Site}, {MetaUnit, &in.Unit}, {MetaLevel, &in.Level}, {MetaName, &in.Name},
		{MetaOperator, &in.Operator}, {MetaCreated, &in.Created}} {
		v, err := s.Meta(ctx, f.key)
		if err != nil {
			return in, err
		}
		*f.dst = v
	}
	if in.Site == "" {
		return in, ErrNotSetUp
	}
	return in, nil
}

const timeFormat = "2006-01-02T15:04:05Z"

func fmtSscan(s string, v *int64) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	*v = n
	return 1, err
}
