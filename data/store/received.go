package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// What a receiver keeps about the senders below it, beyond the import
// ledger, to hold a sender with a genuine key to what it may send
// (migration 0008; the checks themselves are the exchange's).

// SiteClaim says that versions made at Site may appear in the records of
// Unit (and of the units inside it) in bundles from Origin: announced by
// a bundle's own origin site, or named among a consolidation's sources.
// Origin "*" is a site the records held here carried before claims were
// kept.
type SiteClaim struct {
	Site, Unit, Origin string
	FirstSeq           int64  // the bundle of Origin that announced it
	AcceptedBy         string // a person who accepted it after review, if any
}

// AnyOrigin is the origin of the claims found in records held before
// claims were kept.
const AnyOrigin = "*"

// SiteClaims lists every claim.
func (s *Store) SiteClaims(ctx context.Context) ([]SiteClaim, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT site, unit, origin, first_seq, accepted_by FROM site_claim
		ORDER BY site, unit, origin`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SiteClaim
	for rows.Next() {
		var c SiteClaim
		if err := rows.Scan(&c.Site, &c.Unit, &c.Origin, &c.FirstSeq, &c.AcceptedBy); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Claim records a site claim in the bundle's transaction (once: the first
// bundle that announced it stays named).
func (m *Merger) Claim(c SiteClaim) error {
	if err := m.Flush(); err != nil {
		return err
	}
	_, err := m.t.tx.ExecContext(m.t.ctx, `INSERT INTO site_claim (site, unit, origin, first_seq, accepted_by)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT(site, unit, origin) DO NOTHING`,
		c.Site, c.Unit, c.Origin, c.FirstSeq, c.AcceptedBy)
	return err
}

// Usage is what an origin's bundles imported since some time amount to.
type Usage struct {
	Bundles int64
	Rows    int64 // rows carried
	Plain   int64 // bytes of decompressed payload
}

// LedgerUsage sums the bundles of origin imported at or after since (this
// PC's clock: budgets are this installation's own policy).
func (s *Store) LedgerUsage(ctx context.Context, origin string, since time.Time) (Usage, error) {
	var u Usage
	err := s.r.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(rows), 0), coalesce(sum(plain), 0)
		FROM bundle_in WHERE origin = ? AND imported_at >= ?`, origin, since.UTC().Format(timeFormat)).
		Scan(&u.Bundles, &u.Rows, &u.Plain)
	return u, err
}

// LastSeq returns the highest bundle number of (origin, site) in the
// ledger, 0 when none.
func (s *Store) LastSeq(ctx context.Context, origin, site string) (int64, error) {
	var n int64
	err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM bundle_in WHERE origin = ? AND site = ?`,
		origin, site).Scan(&n)
	return n, err
}

// SeqRange is a run of bundle numbers, From to To inclusive.
type SeqRange struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

func (r SeqRange) String() string {
	if r.From == r.To {
		return strconv.FormatInt(r.From, 10)
	}
	return fmt.Sprintf("%d-%d", r.From, r.To)
}

// GapRanges returns the runs of bundle numbers of (origin, site) missing
// below the highest imported: one range per gap, however many numbers it
// spans.
func (s *Store) GapRanges(ctx context.Context, origin, site string) ([]SeqRange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT prev + 1, seq - 1 FROM (
		SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS prev FROM bundle_in WHERE origin = ? AND site = ?)
		WHERE seq > prev + 1 ORDER BY seq`, origin, site)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SeqRange
	for rows.Next() {
		var r SeqRange
		if err := rows.Scan(&r.From, &r.To); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Held returns the quarantine entry of a bundle, or ErrNotFound.
func (s *Store) Held(ctx context.Context, manifestSHA256 string) (Quarantined, error) {
	qs, err := s.quarantined(ctx, "manifest_sha256 = ?", manifestSHA256)
	if err != nil {
		return Quarantined{}, err
	}
	if len(qs) == 0 {
		return Quarantined{}, ErrNotFound
	}
	return qs[0], nil
}

// AcceptHeld records that a person reviewed a held bundle and accepts it:
// retried, the checks a person may overrule let it in.
func (s *Store) AcceptHeld(ctx context.Context, manifestSHA256, by string) error {
	if by == "" {
		return fmt.Errorf("%w: who accepts", ErrRequiredArg)
	}
	res, err := s.w.ExecContext(ctx, `UPDATE quarantine SET accepted_by = ? WHERE manifest_sha256 = ?`, by, manifestSHA256)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: no held bundle %s", ErrNotFound, manifestSHA256)
	}
	return nil
}

// ErrRequiredArg reports a call without an argument it needs.
var ErrRequiredArg = errors.New("store: missing argument")

// Clock returns this installation's Lamport counter.
func (s *Store) Clock(ctx context.Context) (int64, error) {
	v, err := s.Meta(ctx, MetaClock)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// UnitOf returns the unit of the record kind id as this merge's
// transaction sees it (rows queued before are written first), or
// ErrNotFound.
func (m *Merger) UnitOf(kind Kind, id string) (string, error) {
	s := schemas[kind]
	if s == nil {
		return "", fmt.Errorf("%w: unknown kind %q", ErrBadRow, kind)
	}
	if err := m.Flush(); err != nil {
		return "", err
	}
	st, err := m.t.stmt("unitof:"+string(kind), "SELECT unit FROM "+string(kind)+" WHERE id = ?")
	if err != nil {
		return "", err
	}
	var unit string
	err = st.QueryRowContext(m.t.ctx, id).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return unit, err
}

// UnitOf returns the unit of the record kind id, or ErrNotFound (outside
// any merge: a verification).
func (s *Store) UnitOf(ctx context.Context, kind Kind, id string) (string, error) {
	if schemas[kind] == nil {
		return "", fmt.Errorf("%w: unknown kind %q", ErrBadRow, kind)
	}
	var unit string
	err := s.r.QueryRowContext(ctx, "SELECT unit FROM "+string(kind)+" WHERE id = ?", id).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return unit, err
}

// seedSiteClaims records, for a database made before claims were kept,
// the sites whose versions its records already carry, unit by unit (origin
// AnyOrigin): the bundles that brought them were checked when they came,
// and their later versions arrive with the same sites. This installation's
// own site is never claimed for anyone else.
func seedSiteClaims(s *Store, t *txn) (string, error) {
	var own string
	err := t.tx.QueryRowContext(t.ctx, "SELECT value FROM meta WHERE key = ?", MetaSite).Scan(&own)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil // not set up: nothing stored yet
	} else if err != nil {
		return "", err
	}
	seen := map[[2]string]bool{}
	for _, k := range Kinds {
		if ok, err := hasTable(t.ctx, t.tx, string(k)); err != nil || !ok {
			if err != nil {
				return "", err
			}
			continue // a kind a later migration adds: nothing of it is held yet
		}
		sc := schemas[k]
		var tables int
		if err := t.tx.QueryRowContext(t.ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", string(k)).Scan(&tables); err != nil {
			return "", err
		}
		if tables == 0 {
			continue // a kind of a later migration: it holds nothing yet
		}
		rows, err := t.tx.QueryContext(t.ctx, "SELECT DISTINCT unit, v_s, b_s, coalesce(fv, '') FROM "+string(k))
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var unit, vs, bs, fv string
			if err := rows.Scan(&unit, &vs, &bs, &fv); err != nil {
				rows.Close()
				return "", err
			}
			sites := []string{vs, bs}
			over, err := decodeOverrides(sc, fv)
			if err != nil {
				rows.Close()
				return "", err
			}
			for _, f := range over {
				sites = append(sites, f.Ver.S, f.Base.S)
				for _, v := range f.Sup {
					sites = append(sites, v.S)
				}
			}
			for _, site := range sites {
				if site != "" && site != own {
					seen[[2]string{site, unit}] = true
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	for su := range seen {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO site_claim (site, unit, origin, first_seq)
			VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING`, su[0], su[1], AnyOrigin); err != nil {
			return "", err
		}
	}
	if len(seen) == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d installation(s) recorded as seen in the records held here", len(seen)), nil
}

// claimedTwice settles a received row whose id the store holds for another
// unit. A record's unit never changes, so the first claim holds
// (ErrIDTaken: the exchange holds the bundle for review) — unless the
// record was last written by a bundle whose signer has since been
// revoked: a person found that sender hostile, and the record is given to
// the row that claims it now, whole, with its versions (the loser's
// conflicts go with it). Random ids cannot be guessed; one held for two
// units means one of the two copied the other's.
func (m *Merger) claimedTwice(s *Schema, old, r *Row) error {
	var revoked int
	err := m.t.tx.QueryRowContext(m.t.ctx, `SELECT count(*) FROM bundle_in b JOIN peer_key k ON k.fingerprint = b.key_fp
		WHERE b.lseq = ? AND k.status = ?`, old.Lseq, Revoked).Scan(&revoked)
	if err != nil {
		return err
	}
	if revoked == 0 {
		return fmt.Errorf("%w: %s %s belongs to %s, not %s", ErrIDTaken, r.Kind, r.ID, old.Unit, r.Unit)
	}
	if r.Lseq, err = m.Lseq(); err != nil {
		return err
	}
	if err := m.t.write(s, r, false); err != nil {
		return err
	}
	if _, err := m.t.tx.ExecContext(m.t.ctx, "UPDATE "+string(s.Kind)+" SET unit = ? WHERE id = ?", r.Unit, r.ID); err != nil {
		return err
	}
	if _, err := m.t.tx.ExecContext(m.t.ctx, "DELETE FROM conflict WHERE kind = ? AND rec_id = ?", string(s.Kind), r.ID); err != nil {
		return err
	}
	m.seeAll(r.FV)
	m.Stats.Updated++
	return nil
}
