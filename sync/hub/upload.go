package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/receipt"
)

// upload receives a .khb body from a logged-in unit. Before a byte is
// read: the token (401), the size cap (413), the unit's daily quota (429)
// and one of its upload slots (429), then one of the hub's (503). The body
// is then staged while hashed, at no less than the minimum rate, synced,
// checked strictly (structure, origin = the unit logged in, trusted signer,
// address, payload hash), committed under its hash and answered with the
// receipt. A body cut short, refused or interrupted leaves nothing behind.
func (h *Hub) upload(w http.ResponseWriter, r *http.Request) {
	unit, ok := h.auth.unitOf(r)
	if !ok {
		w.Header().Set("Connection", "close") // the body is never read
		w.Header().Set("WWW-Authenticate", `Bearer realm="khuyenhoc-hub"`)
		writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "log in before uploading")
		return
	}
	if r.ContentLength > h.cfg.MaxBody {
		w.Header().Set("Connection", "close")
		h.refuse(w, r, fmt.Errorf("%w: body of %d bytes, cap %d", bundle.ErrTooLarge, r.ContentLength, h.cfg.MaxBody))
		return
	}
	room, err := h.quotaLeft(r.Context(), unit, r.ContentLength)
	if err != nil {
		w.Header().Set("Connection", "close")
		h.refuse(w, r, err)
		return
	}
	release, err := h.enter(r.Context(), unit)
	if err != nil {
		w.Header().Set("Connection", "close")
		h.refuse(w, r, err)
		return
	}
	defer release()
	st, err := h.store.Stage()
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	defer st.Discard()
	size, fileSHA, err := h.receive(w, r, st, min(h.cfg.MaxBody, room))
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	rec, created, err := h.admit(r.Context(), st, unit, size, fileSHA)
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(h.cfg.Idle))
	if err != nil {
		h.cfg.Log.Info("upload refused", "unit", unit, "size", size, "error", err)
		h.refuse(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, wire.UploadResult{Receipt: string(rec.Receipt), FileSHA256: rec.FileSHA256,
		ManifestSHA256: rec.ManifestSHA256, Duplicate: !created, Equivocal: rec.Equivocal})
}

// quotaLeft returns how many bytes the unit may still upload today, or
// ErrQuota when its bytes or bundles of the day (UTC) are used up.
func (h *Hub) quotaLeft(ctx context.Context, unit string, length int64) (int64, error) {
	now := h.cfg.Now().UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	u, err := h.store.Usage(ctx, unit, receipt.FormatTime(day))
	if err != nil {
		return 0, err
	}
	left := h.cfg.QuotaBytes - u.Bytes
	if u.Bundles >= h.cfg.QuotaCount || left <= 0 || length > left {
		return 0, &quotaError{used: u, until: day.Add(24 * time.Hour).Sub(now)}
	}
	return left, nil
}

// quotaError is ErrQuota with what was used and how long until the next day.
type quotaError struct {
	used  Usage
	until time.Duration
}

func (e *quotaError) Error() string {
	return fmt.Sprintf("%v: %d bundle(s), %d bytes today", ErrQuota, e.used.Bundles, e.used.Bytes)
}

func (e *quotaError) Unwrap() error { return ErrQuota }

// enter takes one of the unit's upload slots, then one of the hub's,
// each waiting up to SlotWait, and returns what gives them back.
func (h *Hub) enter(ctx context.Context, unit string) (func(), error) {
	c := h.limit.unitClient(unit)
	if c == nil || !take(ctx, c.uploads, h.cfg.SlotWait) {
		return nil, ErrUnitBusy
	}
	if !take(ctx, h.uploads, h.cfg.SlotWait) {
		<-c.uploads
		return nil, errBusy
	}
	h.inflight.Add(1)
	return func() {
		h.inflight.Done()
		<-h.uploads
		<-c.uploads
	}, nil
}

// errBusy reports every upload slot of the hub taken.
var errBusy = errors.New("hub: receiving too many bundles; retry later")

// receive copies the body into st, capped at limit, hashing it, at no less
// than the minimum rate, and syncs it.
func (h *Hub) receive(w http.ResponseWriter, r *http.Request, st Staged, limit int64) (int64, string, error) {
	body := h.paced(w, http.MaxBytesReader(w, r.Body, limit))
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(st, sum), body)
	if err != nil {
		return n, "", body.err(err)
	}
	if err := st.Sync(); err != nil {
		return n, "", err
	}
	return n, hex.EncodeToString(sum.Sum(nil)), nil
}

// admit checks a staged bundle and stores it, or returns the record of the
// same bundle received before.
func (h *Hub) admit(ctx context.Context, st Staged, unit string, size int64, fileSHA string) (Record, bool, error) {
	if rec, err := h.store.BundleByFile(ctx, fileSHA); err == nil {
		if rec.Origin != unit {
			return Record{}, false, fmt.Errorf("%w: %s, logged in as %s", ErrNotOrigin, rec.Origin, unit)
		}
		return rec, false, nil
	}
	b, err := bundle.OpenLimit(st, size, h.cfg.MaxBody)
	if err != nil {
		return Record{}, false, err
	}
	m := b.Manifest()
	if m.Origin.Ref.String() != unit {
		return Record{}, false, fmt.Errorf("%w: %s, logged in as %s", ErrNotOrigin, m.Origin.Ref, unit)
	}
	if err := h.verify(ctx, b, m); err != nil {
		return Record{}, false, err
	}
	rec := Record{Entry: wire.Entry{FileSHA256: fileSHA, ManifestSHA256: bundle.ManifestHashHex(b.ManifestBytes()),
		BundleID: m.BundleID, Origin: m.Origin.Ref.String(), Level: m.Origin.Level, Site: m.Origin.Site,
		Seq: m.Seq, To: m.To.String(), Size: size, Received: receipt.FormatTime(h.cfg.Now())}, KeyID: m.KeyID}
	if old, err := h.store.BundleByManifest(ctx, rec.ManifestSHA256); err == nil {
		return old, false, nil
	}
	if err := h.store.Commit(ctx, st, fileSHA); err != nil {
		return Record{}, false, err
	}
	if rec.Receipt, err = h.issue(rec); err != nil {
		return Record{}, false, err
	}
	stored, created, err := h.store.AddBundle(ctx, rec)
	if err == nil && created {
		h.cfg.Log.Info("bundle accepted", "bundle_id", rec.BundleID, "origin", rec.Origin, "seq", rec.Seq,
			"to", rec.To, "size", size, "equivocal", stored.Equivocal)
	}
	if stored.Equivocal && created {
		h.cfg.Log.Warn("equivocation: another bundle has the same origin, site and number",
			"origin", rec.Origin, "site", rec.Site, "seq", rec.Seq)
	}
	return stored, created, err
}

// verify checks the signer, the signature, the address and the payload's
// hash of an opened bundle.
func (h *Hub) verify(ctx context.Context, b *bundle.Bundle, m bundle.Manifest) error {
	pub, err := h.trust.keyFor(ctx, m.KeyID, m.Origin.Ref, m.Origin.Level)
	if err != nil {
		return err
	}
	if err := b.VerifySignature(pub); err != nil {
		return err
	}
	if m.To == m.Origin.Ref || !h.cfg.Units.Within(m.Origin.Ref, m.To) {
		return fmt.Errorf("%w: %s to %s", ErrNotAddressed, m.Origin.Ref, m.To)
	}
	return b.VerifyPayload()
}

// issue signs the receipt of a bundle.
func (h *Hub) issue(rec Record) ([]byte, error) {
	k := h.key.Public()
	return receipt.Issue(h.key, receipt.Receipt{Issuer: receipt.IssuerHub, KeyID: k.KeyID(), Issued: rec.Received,
		For: rec.Origin, Bundles: []receipt.Entry{{Site: rec.Site, Seq: rec.Seq, BundleID: rec.BundleID,
			ManifestSHA256: rec.ManifestSHA256, FileSHA256: rec.FileSHA256}}})
}
