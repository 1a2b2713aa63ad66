package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub/wire"
	"sokhuyenhoc/sync/receipt"
	"sokhuyenhoc/sync/statement"
)

// maxJSON caps the small JSON bodies (login); rosters have their own cap.
const maxJSON = 16 << 10

func (h *Hub) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+wire.PathHealth, h.health)
	mux.HandleFunc("GET "+wire.PathHubKey, h.hubKey)
	mux.HandleFunc("POST "+wire.PathBundles, h.upload)
	mux.HandleFunc("POST "+wire.PathChallenge, h.challenge)
	mux.HandleFunc("POST "+wire.PathToken, h.token)
	mux.HandleFunc("GET "+wire.PathInbox, h.inbox)
	mux.HandleFunc("GET "+wire.PathInbox+"/{sha256}", h.download)
	mux.HandleFunc("GET "+wire.PathRoster, h.rosterState)
	mux.HandleFunc("PUT "+wire.PathRoster, h.putRoster)
	mux.HandleFunc("POST "+wire.PathNotices, h.putNotice)
	mux.HandleFunc("GET "+wire.PathNotices, h.notices)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, wire.CodeNotFound, "no such endpoint")
	})
	return h.recovered(h.logged(h.limited(h.deadlines(mux))))
}

// health says whether the hub can serve: its index and its objects each
// answer within a few seconds ("ok", or "unreachable" and 503).
func (h *Hub) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	state := func(err error) string {
		if err != nil {
			h.cfg.Log.Warn("health: storage unreachable", "error", err)
			return "unreachable"
		}
		return "ok"
	}
	hl := wire.Health{Status: "ok", Index: state(h.store.PingIndex(ctx)), Blobs: state(h.store.PingBlobs(ctx))}
	status := http.StatusOK
	if hl.Index != "ok" || hl.Blobs != "ok" {
		hl.Status, status = "unavailable", http.StatusServiceUnavailable
	}
	writeJSON(w, status, hl)
}

func (h *Hub) hubKey(w http.ResponseWriter, _ *http.Request) {
	k := h.key.Public()
	writeJSON(w, http.StatusOK, wire.HubKey{Format: wire.FormatHubKey, MinisignPublicKey: k.String(), KeyID: k.KeyID()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, wire.Error{Code: code, Message: message})
}

// readJSON decodes a small JSON body strictly.
func (h *Hub) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(h.paced(w, http.MaxBytesReader(w, r.Body, maxJSON)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, wire.CodeBadRequest, "body is not the expected JSON")
		return false
	}
	return true
}

// refusal maps an error to a status and a wire code.
func refusal(err error) (int, string) {
	var be *bundle.Error
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, wire.CodeTooLarge
	}
	for _, m := range []struct {
		err    error
		status int
		code   string
	}{
		{bundle.ErrNotBundle, http.StatusBadRequest, wire.CodeNotBundle},
		{bundle.ErrTooLarge, http.StatusRequestEntityTooLarge, wire.CodeTooLarge},
		{ErrUnknownSigner, http.StatusForbidden, wire.CodeUnknownSigner},
		{ErrBadNotice, http.StatusBadRequest, wire.CodeBadNotice},
		{statement.ErrBadSignature, http.StatusForbidden, wire.CodeBadSignature},
		{statement.ErrWrongKey, http.StatusForbidden, wire.CodeBadSignature},
		{bundle.ErrWrongKey, http.StatusForbidden, wire.CodeBadSignature},
		{bundle.ErrBadSignature, http.StatusForbidden, wire.CodeBadSignature},
		{receipt.ErrWrongKey, http.StatusForbidden, wire.CodeBadSignature},
		{receipt.ErrBadSignature, http.StatusForbidden, wire.CodeBadSignature},
		{ErrNotAddressed, http.StatusBadRequest, wire.CodeNotAddressed},
		{wire.ErrBadRoster, http.StatusBadRequest, wire.CodeBadRoster},
		{receipt.ErrMalformed, http.StatusBadRequest, wire.CodeBadRoster},
		{receipt.ErrTooLarge, http.StatusRequestEntityTooLarge, wire.CodeTooLarge},
		{ErrStaleRoster, http.StatusConflict, wire.CodeStaleRoster},
		{ErrTooSlow, http.StatusRequestTimeout, wire.CodeTooSlow},
		{ErrQuota, http.StatusTooManyRequests, wire.CodeQuota},
		{ErrUnitBusy, http.StatusTooManyRequests, wire.CodeRateLimited},
		{errBusy, http.StatusServiceUnavailable, wire.CodeBusy},
		{ErrNotOrigin, http.StatusForbidden, wire.CodeNotOrigin},
		{errForbidden, http.StatusForbidden, wire.CodeForbidden},
		{ErrUnauthorized, http.StatusUnauthorized, wire.CodeUnauthorized},
		{ErrNotFound, http.StatusNotFound, wire.CodeNotFound},
	} {
		if errors.Is(err, m.err) {
			return m.status, m.code
		}
	}
	if errors.As(err, &be) || errors.Is(err, bundle.ErrTruncated) {
		return http.StatusBadRequest, wire.CodeMalformed
	}
	return http.StatusInternalServerError, wire.CodeInternal
}

// refuse answers with the refusal err maps to; internal failures are
// logged and not described to the client.
func (h *Hub) refuse(w http.ResponseWriter, r *http.Request, err error) {
	status, code := refusal(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		h.cfg.Log.Error("request failed", "route", r.Pattern, "error", err)
		msg = "the hub failed; try again later"
	}
	var qe *quotaError
	switch {
	case errors.As(err, &qe):
		w.Header().Set("Retry-After", strconv.Itoa(int(qe.until.Seconds())+1))
	case status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "5")
	case status == http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "10")
	}
	writeError(w, status, code, msg)
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logged logs one line a request: route, status, sizes and duration. No
// address, no query, no body.
func (h *Hub) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := h.cfg.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		if sw.status >= 400 {
			level = slog.LevelInfo
		}
		h.cfg.Log.Log(r.Context(), level, "request", "method", r.Method, "route", r.Pattern,
			"status", sw.status, "in", max(r.ContentLength, 0), "out", sw.bytes, "ms", h.cfg.Now().Sub(start).Milliseconds())
	})
}

// recovered turns a panic into a 500: one bad request never stops the hub.
func (h *Hub) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				h.cfg.Log.Error("panic", "route", r.Pattern, "value", v)
				writeError(w, http.StatusInternalServerError, wire.CodeInternal, "the hub failed; try again later")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// deadlines gives every request an idle budget to read its body and write
// its answer; streaming handlers extend it as bytes move.
func (h *Hub) deadlines(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		rc.SetReadDeadline(time.Now().Add(h.cfg.Idle))
		rc.SetWriteDeadline(time.Now().Add(h.cfg.Idle))
		next.ServeHTTP(w, r)
	})
}

// pacedReader reads a request body that may take long but may neither
// stall for longer than idle nor, after grace, average less than minRate
// bytes a second: each read gets the earlier of the two deadlines. A slow
// body, anonymous or not, so holds a slot for a bounded time.
type pacedReader struct {
	r       io.Reader
	rc      *http.ResponseController
	idle    time.Duration
	grace   time.Duration
	minRate int64
	start   time.Time
	n       int64
	byRate  bool // the last deadline was the rate's
}

func (h *Hub) paced(w http.ResponseWriter, r io.Reader) *pacedReader {
	return &pacedReader{r: r, rc: http.NewResponseController(w), idle: h.cfg.Idle, grace: h.cfg.RateGrace,
		minRate: h.cfg.MinRate, start: time.Now()}
}

func (p *pacedReader) Read(b []byte) (int, error) {
	now := time.Now()
	deadline := now.Add(p.idle)
	due := p.start.Add(p.grace + time.Duration(float64(p.n+1)/float64(p.minRate)*float64(time.Second)))
	if p.byRate = due.Before(deadline); p.byRate {
		deadline = due
	}
	if !deadline.After(now) {
		return 0, ErrTooSlow
	}
	p.rc.SetReadDeadline(deadline)
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// err says why reading the body failed: too large, too slow, or cut.
func (p *pacedReader) err(err error) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, ErrTooSlow):
		return err
	case p.byRate && errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%w: %d bytes in %v", ErrTooSlow, p.n, time.Since(p.start).Round(time.Millisecond))
	}
	return fmt.Errorf("%w: receiving the body: %w", bundle.ErrTruncated, err)
}

// idleWriter extends the write deadline before each write.
type idleWriter struct {
	http.ResponseWriter
	rc   *http.ResponseController
	idle time.Duration
}

func (iw idleWriter) Write(p []byte) (int, error) {
	iw.rc.SetWriteDeadline(time.Now().Add(iw.idle))
	return iw.ResponseWriter.Write(p)
}

func (iw idleWriter) Unwrap() http.ResponseWriter { return iw.ResponseWriter }

// Serve answers requests on ln until ctx ends, then stops gracefully:
// no new connections, requests in flight get Config.Grace to finish
// (an upload either completes or leaves nothing), then the rest are cut.
// With certFile and keyFile it serves TLS.
func (h *Hub) Serve(ctx context.Context, ln net.Listener, certFile, keyFile string) error {
	srv := &http.Server{Handler: h.handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(h.cfg.Log.Handler(), slog.LevelDebug)}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopped := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), h.cfg.Grace)
		defer cancel()
		err := srv.Shutdown(sctx)
		if err != nil {
			err = errors.Join(err, srv.Close())
		}
		stopped <- err
	}()
	var err error
	if certFile != "" || keyFile != "" {
		err = srv.ServeTLS(ln, certFile, keyFile)
	} else {
		err = srv.Serve(ln)
	}
	if !errors.Is(err, http.ErrServerClosed) {
		cancel()
		<-stopped
		return err
	}
	h.cfg.Log.Info("hub stopping")
	return <-stopped
}
