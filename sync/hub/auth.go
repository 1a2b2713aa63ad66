package hub

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Bounds of the login state, kept in memory: a restarted hub asks units to
// log in again.
const (
	nonceTTL   = 2 * time.Minute
	maxPending = 100_000 // nonces and tokens, each
)

// auth holds the challenges handed out and the tokens issued.
type auth struct {
	mu     sync.Mutex
	nonces map[string]grant
	tokens map[string]grant
	ttl    time.Duration
	now    func() time.Time
}

// grant is a nonce or a token: for whom, until when.
type grant struct {
	unit, keyID string
	until       time.Time
}

func newAuth(ttl time.Duration, now func() time.Time) *auth {
	return &auth{nonces: map[string]grant{}, tokens: map[string]grant{}, ttl: ttl, now: now}
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// put stores a grant under a fresh random name, dropping expired ones
// when the map is full; false when it stays full.
func (a *auth) put(m map[string]grant, g grant) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(m) >= maxPending {
		now := a.now()
		for k, v := range m {
			if now.After(v.until) {
				delete(m, k)
			}
		}
		if len(m) >= maxPending {
			return "", false
		}
	}
	name := randomToken()
	m[name] = g
	return name, true
}

// challenge hands out a nonce for a unit's key.
func (a *auth) challenge(unit, keyID string) (string, bool) {
	return a.put(a.nonces, grant{unit: unit, keyID: keyID, until: a.now().Add(nonceTTL)})
}

// takeNonce uses a nonce up: it is valid once, for the unit and key it was
// handed out for, until it expires.
func (a *auth) takeNonce(nonce, unit, keyID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	g, ok := a.nonces[nonce]
	delete(a.nonces, nonce)
	return ok && g.unit == unit && g.keyID == keyID && !a.now().After(g.until)
}

// issue makes a token for a unit.
func (a *auth) issue(unit string) (string, bool) {
	return a.put(a.tokens, grant{unit: unit, until: a.now().Add(a.ttl)})
}

// unitOf returns the unit a request's bearer token was issued to.
func (a *auth) unitOf(r *http.Request) (string, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	g, ok := a.tokens[tok]
	if ok && a.now().After(g.until) {
		delete(a.tokens, tok)
		return "", false
	}
	return g.unit, ok
}
