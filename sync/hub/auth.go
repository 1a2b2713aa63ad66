package hub

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sokhuyenhoc/sync/receipt"
)

// nonceTTL is how long a login challenge may be answered.
const nonceTTL = 2 * time.Minute

// auth hands out login nonces and bearer tokens. Both are stateless: a
// grant names its unit, key and expiry and carries an HMAC under a key
// derived from the hub's secret key, so any instance sharing hub.key
// checks it, and a restart logs nobody out. A nonce is used once: the
// index records it (by its hash) when a login takes it, for every
// instance.
type auth struct {
	mac []byte
	ttl time.Duration
	now func() time.Time
	ix  Index
}

// Kinds of grant.
const (
	grantNonce = "n1"
	grantToken = "t1"
)

func newAuth(secret receipt.SecretKey, ttl time.Duration, now func() time.Time, ix Index) *auth {
	sum := sha256.Sum256(append([]byte("khhub grants/1\n"), secret.Marshal()...))
	return &auth{mac: sum[:], ttl: ttl, now: now, ix: ix}
}

// grant is what a nonce or token says.
type grant struct {
	unit, keyID string
	until       time.Time
}

func (a *auth) sign(kind, payload string) string {
	m := hmac.New(sha256.New, a.mac)
	m.Write([]byte(kind + "." + payload))
	return kind + "." + payload + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// make writes a grant of a kind: unit, key id, expiry (Unix seconds) and
// 16 random bytes, each "|"-separated, base64url, then the HMAC.
func (a *auth) make(kind string, g grant) string {
	r := make([]byte, 16)
	rand.Read(r)
	payload := strings.Join([]string{g.unit, g.keyID, strconv.FormatInt(g.until.Unix(), 10), hex.EncodeToString(r)}, "|")
	return a.sign(kind, base64.RawURLEncoding.EncodeToString([]byte(payload)))
}

// open checks a grant's kind, HMAC and expiry.
func (a *auth) open(kind, s string) (grant, bool) {
	if len(s) > 512 {
		return grant{}, false
	}
	k, rest, _ := strings.Cut(s, ".")
	payload, _, _ := strings.Cut(rest, ".")
	if k != kind || !hmac.Equal([]byte(a.sign(kind, payload)), []byte(s)) {
		return grant{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	f := strings.Split(string(raw), "|")
	if err != nil || len(f) != 4 {
		return grant{}, false
	}
	until, err := strconv.ParseInt(f[2], 10, 64)
	g := grant{unit: f[0], keyID: f[1], until: time.Unix(until, 0)}
	return g, err == nil && !a.now().After(g.until)
}

// challenge hands out a nonce for a unit's key.
func (a *auth) challenge(unit, keyID string) string {
	return a.make(grantNonce, grant{unit: unit, keyID: keyID, until: a.now().Add(nonceTTL)})
}

// checkNonce reports whether a nonce is the hub's, unexpired, for that
// unit and key; it does not use it up (takeNonce does, after the
// signature is checked, so that only a trusted key makes the index write).
func (a *auth) checkNonce(nonce, unit, keyID string) (grant, bool) {
	g, ok := a.open(grantNonce, nonce)
	return g, ok && g.unit == unit && g.keyID == keyID
}

// takeNonce uses a checked nonce up, once across every instance.
func (a *auth) takeNonce(ctx context.Context, nonce string, g grant) error {
	sum := sha256.Sum256([]byte(nonce))
	err := a.ix.UseNonce(ctx, hex.EncodeToString(sum[:]), receipt.FormatTime(g.until), receipt.FormatTime(a.now()))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnauthorized, err)
	}
	return nil
}

// issue makes a token for a unit.
func (a *auth) issue(unit string) string {
	return a.make(grantToken, grant{unit: unit, until: a.now().Add(a.ttl)})
}

// unitOf returns the unit a request's bearer token was issued to.
func (a *auth) unitOf(r *http.Request) (string, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return "", false
	}
	g, ok := a.open(grantToken, tok)
	return g.unit, ok
}
