package hub

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// Page sizes of the inbox listing.
const (
	defaultPage = 500
	maxPage     = 5000
)

// maxRoster caps a roster body.
const maxRoster = receipt.MaxFileBytes

// challenge hands out a nonce for a unit's key to sign. It answers alike
// whether or not the hub knows the key, so it tells nothing about who is
// enrolled.
func (h *Hub) challenge(w http.ResponseWriter, r *http.Request) {
	var req wire.ChallengeRequest
	if !h.readJSON(w, r, &req) {
		return
	}
	if _, err := keys.ParseUnit(req.Unit); err != nil || len(req.KeyID) != 16 {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "unit or key_id is not valid")
		return
	}
	nonce := h.auth.challenge(req.Unit, req.KeyID)
	writeJSON(w, http.StatusOK, wire.Challenge{Nonce: nonce, ExpiresIn: int(nonceTTL / time.Second)})
}

// token checks the signed login statement against the unit's trusted key
// and issues a bearer token.
func (h *Hub) token(w http.ResponseWriter, r *http.Request) {
	var req wire.TokenRequest
	if !h.readJSON(w, r, &req) {
		return
	}
	if err := h.login(r, req); err != nil {
		h.cfg.Log.Info("login refused", "unit", req.Unit, "error", err)
		writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "login refused")
		return
	}
	tok := h.auth.issue(req.Unit)
	writeJSON(w, http.StatusOK, wire.Token{Token: tok, ExpiresIn: int(h.cfg.TokenTTL / time.Second)})
}

func (h *Hub) login(r *http.Request, req wire.TokenRequest) error {
	unit, err := keys.ParseUnit(req.Unit)
	if err != nil {
		return err
	}
	g, ok := h.auth.checkNonce(req.Nonce, req.Unit, req.KeyID)
	if !ok {
		return fmt.Errorf("%w: unknown or expired nonce", ErrUnauthorized)
	}
	pub, err := h.trust.keyFor(r.Context(), req.KeyID, unit, wire.LevelOf(unit))
	if err != nil {
		return err
	}
	msg := wire.LoginMessage(h.key.Public().KeyID(), req.Unit, req.KeyID, req.Nonce)
	tc, err := pub.Verify(msg, []byte(req.Signature))
	if err != nil {
		return err
	}
	if tc != wire.LoginComment(req.Unit) {
		return fmt.Errorf("%w: trusted comment %q", ErrUnauthorized, tc)
	}
	return h.auth.takeNonce(r.Context(), req.Nonce, g)
}

// loggedIn returns the unit of the request's token, or answers 401.
func (h *Hub) loggedIn(w http.ResponseWriter, r *http.Request) (string, bool) {
	unit, ok := h.auth.unitOf(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="khuyenhoc-hub"`)
		writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "log in first")
	}
	return unit, ok
}

// inbox lists the bundles addressed to the logged-in unit, a page at a
// time: ?after=ID&limit=N.
func (h *Hub) inbox(w http.ResponseWriter, r *http.Request) {
	rs, next, ok := listed(h, w, r, h.store.Inbox, func(rec Record) int64 { return rec.ID })
	if ok {
		writeJSON(w, http.StatusOK, wire.Inbox{Bundles: wireEntries(rs), Next: next})
	}
}

// download sends one bundle addressed to the logged-in unit; a bundle
// addressed to another unit is "not found". Range requests resume a cut
// download.
func (h *Hub) download(w http.ResponseWriter, r *http.Request) {
	unit, ok := h.loggedIn(w, r)
	if !ok {
		return
	}
	sha := r.PathValue("sha256")
	rec, err := h.store.InboxBundle(r.Context(), unit, sha)
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	blob, err := h.store.OpenBlob(r.Context(), rec.FileSHA256)
	if err != nil {
		h.refuse(w, r, err)
		return
	}
	defer blob.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("ETag", `"`+rec.FileSHA256+`"`)
	iw := idleWriter{ResponseWriter: w, rc: http.NewResponseController(w), idle: h.cfg.Idle}
	http.ServeContent(iw, r, "", time.Time{}, blob)
}

// rosterState tells the logged-in unit which of its rosters the hub holds.
func (h *Hub) rosterState(w http.ResponseWriter, r *http.Request) {
	unit, ok := h.loggedIn(w, r)
	if !ok {
		return
	}
	rec, err := h.store.Roster(r.Context(), unit)
	if err != nil && !errors.Is(err, ErrNotFound) {
		h.refuse(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.RosterState{Version: rec.Version, KeysSHA256: rec.KeysSHA256, Keys: rec.Keys})
}

// putRoster takes the logged-in unit's new roster.
func (h *Hub) putRoster(w http.ResponseWriter, r *http.Request) {
	unit, ok := h.loggedIn(w, r)
	if !ok {
		return
	}
	pr := h.paced(w, http.MaxBytesReader(w, r.Body, maxRoster))
	body, err := io.ReadAll(pr)
	if err != nil {
		h.refuse(w, r, pr.err(err))
		return
	}
	rec, err := h.trust.acceptRoster(r.Context(), body, unit, receipt.FormatTime(h.cfg.Now()))
	if err != nil {
		h.cfg.Log.Info("roster refused", "unit", unit, "error", err)
		h.refuse(w, r, err)
		return
	}
	h.cfg.Log.Info("roster accepted", "unit", unit, "version", rec.Version, "keys", rec.Keys)
	writeJSON(w, http.StatusOK, wire.RosterState{Version: rec.Version, KeysSHA256: rec.KeysSHA256, Keys: rec.Keys})
}
