package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"time"

	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/receipt"
)

// upload receives a .khb body: staged to a temporary file while hashed,
// synced, checked strictly (structure, trusted signer, address, payload
// hash), then committed under its hash and answered with the receipt. A
// body cut short, refused or interrupted leaves nothing behind.
func (h *Hub) upload(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > h.cfg.MaxBody {
		h.refuse(w, r, fmt.Errorf("%w: body of %d bytes, cap %d", bundle.ErrTooLarge, r.ContentLength, h.cfg.MaxBody))
		return
	}
	if !h.enter(r.Context()) {
		w.Header().Set("Retry-After", "10")
		writeError(w, http.StatusServiceUnavailable, wire.CodeBusy, "the hub is receiving too many bundles; retry later")
		return
	}
	defer h.leave()
	st, err := h.store.Stage()
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	defer st.Discard()
	size, fileSHA, err := h.receive(w, r, st)
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	rec, created, err := h.admit(r.Context(), st, size, fileSHA)
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(h.cfg.Idle))
	if err != nil {
		h.cfg.Log.Info("upload refused", "size", size, "error", err)
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

// enter takes one of the hub's upload slots, waiting up to slotWait.
func (h *Hub) enter(ctx context.Context) bool {
	t := time.NewTimer(slotWait)
	defer t.Stop()
	select {
	case h.uploads <- struct{}{}:
		h.inflight.Add(1)
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

func (h *Hub) leave() {
	h.inflight.Done()
	<-h.uploads
}

// receive copies the body into st, capped at MaxBody, hashing it, and
// syncs it.
func (h *Hub) receive(w http.ResponseWriter, r *http.Request, st Staged) (int64, string, error) {
	body := idleReader{r: http.MaxBytesReader(w, r.Body, h.cfg.MaxBody), rc: http.NewResponseController(w), idle: h.cfg.Idle}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(st, sum), body)
	if err != nil {
		return n, "", fmt.Errorf("%w: receiving the body: %w", bundle.ErrTruncated, err)
	}
	if err := st.Sync(); err != nil {
		return n, "", err
	}
	return n, hex.EncodeToString(sum.Sum(nil)), nil
}

// admit checks a staged bundle and stores it, or returns the record of the
// same bundle received before.
func (h *Hub) admit(ctx context.Context, st Staged, size int64, fileSHA string) (Record, bool, error) {
	if rec, err := h.store.BundleByFile(ctx, fileSHA); err == nil {
		return rec, false, nil
	}
	b, err := bundle.OpenLimit(st, size, h.cfg.MaxBody)
	if err != nil {
		return Record{}, false, err
	}
	m := b.Manifest()
	if err := h.verify(ctx, b, m); err != nil {
		return Record{}, false, err
	}
	rec := Record{Entry: wire.Entry{FileSHA256: fileSHA, ManifestSHA256: bundle.ManifestHashHex(b.ManifestBytes()),
		BundleID: m.BundleID, Origin: m.Origin.UnitRef.String(), Level: m.Origin.Level, Site: m.Origin.Site,
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
	pub, err := h.trust.keyFor(ctx, m.KeyID, m.Origin.UnitRef, m.Origin.Level)
	if err != nil {
		return err
	}
	if err := b.VerifySignature(pub); err != nil {
		return err
	}
	if m.To == m.Origin.UnitRef || !h.cfg.Units.Within(ref(m.Origin.UnitRef), ref(m.To)) {
		return fmt.Errorf("%w: %s to %s", ErrNotAddressed, m.Origin.UnitRef, m.To)
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
