package store

import (
	"context"
	"database/sql"
	"errors"
)

// Keys of the meta table that the hub client keeps.
const (
	MetaHubURL = "hub_url" // the hub bundles are uploaded to
	MetaHubKey = "hub_key" // the hub's receipt key, pinned at first use (minisign key line)
	MetaHubCA  = "hub_ca"  // PEM certificates trusted for the hub's TLS, when it has a private one
)

// Unacked lists bundles made and not yet acknowledged by a receipt, oldest
// first: what an upload still has to send.
func (s *Store) Unacked(ctx context.Context) ([]OutBundle, error) {
	return s.outBundles(ctx, "receipt = '' ORDER BY seq")
}

// CountUnacked counts the bundles Unacked lists.
func (s *Store) CountUnacked(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM bundle_out WHERE receipt = ''").Scan(&n)
	return n, err
}

// OutBundleByHash returns the exported bundle with that manifest hash, or
// ErrNotFound.
func (s *Store) OutBundleByHash(ctx context.Context, manifestSHA256 string) (OutBundle, error) {
	bs, err := s.outBundles(ctx, "manifest_sha256 = ?", manifestSHA256)
	if err != nil {
		return OutBundle{}, err
	}
	if len(bs) == 0 {
		return OutBundle{}, ErrNotFound
	}
	return bs[0], nil
}

// Known reports whether a bundle with that manifest hash was imported, or
// is held in quarantine: a pull need not fetch it again.
func (s *Store) Known(ctx context.Context, manifestSHA256 string) (bool, error) {
	var one int
	err := s.r.QueryRowContext(ctx, `SELECT 1 FROM bundle_in WHERE manifest_sha256 = ?
		UNION ALL SELECT 1 FROM quarantine WHERE manifest_sha256 = ? LIMIT 1`, manifestSHA256, manifestSHA256).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
