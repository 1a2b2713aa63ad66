package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Roles and statuses of other installations' keys.
const (
	RoleUpstream = "upstream" // the unit above: bundles are encrypted to it
	RoleBelow    = "below"    // an enrolled unit below: its bundles are accepted
	Trusted      = "trusted"
	Revoked      = "revoked"
	Replaced     = "replaced" // an upstream key superseded by a newer one
)

// ErrUnknownKey reports a fingerprint no key has.
var ErrUnknownKey = errors.New("store: no key with that fingerprint")

// PeerKey is another installation's public key as this one holds it.
type PeerKey struct {
	Fingerprint string
	Unit        string // "list:code"
	Level       string
	Name        string
	Site        string
	KeyID       string // minisign key id, hex
	Role        string
	Status      string
	KHKey       []byte // the .khkey file as received
	AddedAt     string
	RevokedAt   string
	ReplacedSeq int64 // for a key replaced in a rotation: the number of the bundle that announced its successor
}

// AddPeerKey records a key. Adding the upstream key replaces the previous
// one; adding a key again makes it trusted again only if it was never
// revoked (a revocation is final).
func (s *Store) AddPeerKey(ctx context.Context, k PeerKey) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, "SELECT status FROM peer_key WHERE fingerprint = ?", k.Fingerprint).Scan(&status)
		if err == nil && status == Revoked {
			return fmt.Errorf("%w: %s", ErrRevokedKey, k.Fingerprint)
		}
		if k.Role == RoleUpstream {
			if _, err := tx.ExecContext(ctx, `UPDATE peer_key SET status = ? WHERE role = ? AND status = ?
				AND fingerprint <> ?`, Replaced, RoleUpstream, Trusted, k.Fingerprint); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO peer_key (fingerprint, unit, level, name, site, key_id,
			role, status, khkey, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(fingerprint) DO UPDATE SET role = excluded.role, status = excluded.status`,
			k.Fingerprint, k.Unit, k.Level, k.Name, k.Site, k.KeyID, k.Role, Trusted, k.KHKey, s.stamp())
		return err
	})
}

// ErrRevokedKey reports an attempt to trust a revoked key again.
var ErrRevokedKey = errors.New("store: that key was revoked")

// RevokePeerKey revokes a key by fingerprint.
func (s *Store) RevokePeerKey(ctx context.Context, fingerprint string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE peer_key SET status = ?, revoked_at = ? WHERE fingerprint = ?`,
		Revoked, s.stamp(), fingerprint)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", ErrUnknownKey, fingerprint)
	}
	return nil
}

// PeerKeys lists keys of a role ("" for all), newest first.
func (s *Store) PeerKeys(ctx context.Context, role string) ([]PeerKey, error) {
	return s.peerKeys(ctx, "? = '' OR role = ?", role, role)
}

// PeerKeysByID returns the keys with a minisign key id.
func (s *Store) PeerKeysByID(ctx context.Context, keyID string) ([]PeerKey, error) {
	return s.peerKeys(ctx, "key_id = ?", keyID)
}

// Upstream returns the trusted upstream key, or ErrNotFound.
func (s *Store) Upstream(ctx context.Context) (PeerKey, error) {
	ks, err := s.peerKeys(ctx, "role = ? AND status = ?", RoleUpstream, Trusted)
	if err != nil {
		return PeerKey{}, err
	}
	if len(ks) == 0 {
		return PeerKey{}, ErrNotFound
	}
	return ks[0], nil
}

func (s *Store) peerKeys(ctx context.Context, cond string, args ...any) ([]PeerKey, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT fingerprint, unit, level, name, site, key_id, role, status,
		khkey, added_at, revoked_at, replaced_seq FROM peer_key WHERE `+cond+` ORDER BY added_at DESC, fingerprint`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PeerKey
	for rows.Next() {
		var k PeerKey
		if err := rows.Scan(&k.Fingerprint, &k.Unit, &k.Level, &k.Name, &k.Site, &k.KeyID, &k.Role,
			&k.Status, &k.KHKey, &k.AddedAt, &k.RevokedAt, &k.ReplacedSeq); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// TrustKey records, inside the merge of bundle seq that announced it, the
// new key of a unit below; the key it replaces stays valid for the bundles
// it signed up to seq (and a grace the importer allows) but is marked
// replaced. A key already known is left as it is: a rotation never brings
// a revoked key back, nor moves a key between units or roles.
func (m *Merger) TrustKey(k PeerKey, replaces string, seq int64) error {
	if err := m.Flush(); err != nil {
		return err
	}
	if _, err := m.t.tx.ExecContext(m.t.ctx, `UPDATE peer_key SET status = ?, replaced_seq = ? WHERE fingerprint = ? AND status = ?`,
		Replaced, seq, replaces, Trusted); err != nil {
		return err
	}
	_, err := m.t.tx.ExecContext(m.t.ctx, `INSERT INTO peer_key (fingerprint, unit, level, name, site, key_id,
		role, status, khkey, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(fingerprint) DO NOTHING`,
		k.Fingerprint, k.Unit, k.Level, k.Name, k.Site, k.KeyID, RoleBelow, Trusted, k.KHKey, m.s.stamp())
	return err
}
