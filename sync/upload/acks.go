package upload

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
	"sokhuyenhoc/sync/setup"
)

// Errors of receipt files.
var (
	// ErrNothingToAck reports a unit none of whose bundles was imported.
	ErrNothingToAck = errors.New("upload: no bundle of that unit was imported")
	// ErrNotOurs reports a receipt written for another unit.
	ErrNotOurs = errors.New("upload: the receipt is for another unit")
	// ErrUnknownIssuer reports a receipt signed by a key that is neither
	// the unit above's nor the pinned hub's.
	ErrUnknownIssuer = errors.New("upload: the receipt is signed by a key this installation does not know")
)

// WriteReceipt writes, into dir, a receipt file signed by this
// installation for every bundle of unit (list:code) it imported: the
// district's answer to a commune that brought its bundles on a stick. It
// returns the file's path and the number of bundles it names.
func WriteReceipt(ctx context.Context, st *store.Store, unit, dir string, now time.Time) (string, int, error) {
	id, err := setup.Identity(ctx, st)
	if err != nil {
		return "", 0, err
	}
	if _, err := keys.ParseUnit(unit); err != nil {
		return "", 0, err
	}
	rows, err := st.Ledger(ctx, unit)
	if err != nil {
		return "", 0, err
	}
	if len(rows) == 0 {
		return "", 0, fmt.Errorf("%w: %s", ErrNothingToAck, unit)
	}
	r := receipt.Receipt{Issuer: id.Unit.String(), KeyID: id.Public().KeyIDString(), Issued: receipt.FormatTime(now), For: unit}
	for _, b := range rows {
		r.Bundles = append(r.Bundles, receipt.Entry{Site: b.Site, Seq: b.Seq, BundleID: b.BundleID, ManifestSHA256: b.ManifestSHA256})
	}
	file, err := receipt.Issue(id, r)
	if err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, receipt.FileName(r, file))
	return path, len(r.Bundles), writeFile(path, file)
}

// AckReport is what importing a receipt file did.
type AckReport struct {
	Issuer  string // who signed it: "hub" or the unit above's "list:code"
	Acked   int    // bundles now acknowledged
	Already int    // bundles acknowledged before
	Unknown int    // bundles named that this installation did not make (another site)
}

// ImportReceipt checks a receipt file and marks the bundles it names as
// acknowledged. It must be for this unit and signed by the unit above's
// key (or the pinned hub's); otherwise nothing changes and the error says
// why (ErrNotOurs, ErrUnknownIssuer, receipt.ErrBadSignature, …).
func ImportReceipt(ctx context.Context, st *store.Store, file []byte) (AckReport, error) {
	id, err := setup.Identity(ctx, st)
	if err != nil {
		return AckReport{}, err
	}
	r, err := receipt.Parse(file)
	if err != nil {
		return AckReport{}, err
	}
	if r.For != id.Unit.String() {
		return AckReport{}, fmt.Errorf("%w: %s", ErrNotOurs, r.For)
	}
	key, err := issuerKey(ctx, st, r)
	if err != nil {
		return AckReport{}, err
	}
	if r, err = receipt.Verify(file, key); err != nil {
		return AckReport{}, err
	}
	rep := AckReport{Issuer: r.Issuer}
	for _, e := range r.Bundles {
		b, err := st.OutBundleByHash(ctx, e.ManifestSHA256)
		switch {
		case errors.Is(err, store.ErrNotFound) || err == nil && (e.Site != id.Site || b.Seq != e.Seq):
			rep.Unknown++
		case err != nil:
			return rep, err
		case b.Receipt != "":
			rep.Already++
		default:
			if err := st.AckOut(ctx, e.ManifestSHA256, string(file)); err != nil {
				return rep, err
			}
			rep.Acked++
		}
	}
	return rep, nil
}

// issuerKey finds the key a receipt must be signed with: the pinned hub
// key, or a key of the unit above (current or replaced, never revoked).
func issuerKey(ctx context.Context, st *store.Store, r receipt.Receipt) (keys.PublicKey, error) {
	if r.Issuer == receipt.IssuerHub {
		s, err := LoadSettings(ctx, st)
		if err != nil {
			return keys.PublicKey{}, err
		}
		if k, err := receipt.ParseKey(s.Key); err == nil && k.KeyID() == r.KeyID {
			return k.Public(), nil
		}
		return keys.PublicKey{}, fmt.Errorf("%w: hub key %s", ErrUnknownIssuer, r.KeyID)
	}
	ups, err := st.PeerKeys(ctx, store.RoleUpstream)
	if err != nil {
		return keys.PublicKey{}, err
	}
	for _, p := range ups {
		if p.Unit == r.Issuer && p.KeyID == r.KeyID && p.Status != store.Revoked {
			return keys.ParsePublic(p.KHKey)
		}
	}
	return keys.PublicKey{}, fmt.Errorf("%w: %s key %s", ErrUnknownIssuer, r.Issuer, r.KeyID)
}

// writeFile writes a new file atomically (data/atomicfile); an existing
// file is never overwritten (the same receipt written twice is left as it
// is).
func writeFile(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil {
		if string(old) == string(b) {
			return nil
		}
		return fmt.Errorf("%s exists with other content", path)
	}
	return atomicfile.WriteBytes(path, b, 0o600)
}
