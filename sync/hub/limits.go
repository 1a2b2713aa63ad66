package hub

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"sokhuyenhoc/sync/hub/wire"
)

// maxClients bounds the per-client state kept; idle clients are dropped
// when it is reached.
const maxClients = 50_000

// limiter applies per-client limits: a token bucket on the request rate
// and a cap on requests in flight. A client is the unit of a valid bearer
// token, or else the IP address: anonymous requests from an address never
// use up the slots of a unit logged in from it (communes behind one
// carrier-grade NAT share an address). A unit also has a few upload slots.
type limiter struct {
	mu        sync.Mutex
	clients   map[string]*client
	perClient int
	perUnit   int
	rate      float64
	burst     float64
	wait      time.Duration
	now       func() time.Time
}

type client struct {
	tokens  float64
	last    time.Time
	slots   chan struct{}
	uploads chan struct{} // a unit's upload slots
	wait    time.Duration
}

func newLimiter(cfg Config) *limiter {
	return &limiter{clients: map[string]*client{}, perClient: cfg.PerClient, perUnit: cfg.PerUnit, rate: cfg.Rate,
		burst: float64(cfg.Burst), wait: cfg.SlotWait, now: cfg.Now}
}

// take spends a token of the client's bucket; false when it is empty.
func (l *limiter) take(ip string) (*client, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	c := l.clients[ip]
	if c == nil {
		if len(l.clients) >= maxClients {
			l.sweep(now)
		}
		c = &client{tokens: l.burst, last: now, slots: make(chan struct{}, l.perClient),
			uploads: make(chan struct{}, l.perUnit), wait: l.wait}
		l.clients[ip] = c
	}
	c.tokens = min(l.burst, c.tokens+now.Sub(c.last).Seconds()*l.rate)
	c.last = now
	if c.tokens < 1 {
		return c, false
	}
	c.tokens--
	return c, true
}

// sweep drops clients with nothing in flight and a full bucket.
func (l *limiter) sweep(now time.Time) {
	for ip, c := range l.clients {
		full := c.tokens+now.Sub(c.last).Seconds()*l.rate >= l.burst
		if full && len(c.slots) == 0 && len(c.uploads) == 0 {
			delete(l.clients, ip)
		}
	}
}

// acquire waits for one of the client's slots, up to the slot wait.
func (c *client) acquire(ctx context.Context) bool { return take(ctx, c.slots, c.wait) }

func (c *client) release() { <-c.slots }

// take puts a token in a channel of slots, waiting up to wait.
func take(ctx context.Context, slots chan struct{}, wait time.Duration) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

// clientKey is "unit:" and the unit of a valid bearer token, else "ip:" and
// the address.
func (h *Hub) clientKey(r *http.Request) string {
	if unit, ok := h.auth.unitOf(r); ok {
		return "unit:" + unit
	}
	return "ip:" + clientIP(r)
}

// unitClient returns the limiter's state of a logged-in unit.
func (l *limiter) unitClient(unit string) *client {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.clients["unit:"+unit]
}

// clientIP is the request's peer address without the port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limited wraps a handler with the per-client limits; the health check is
// exempt.
func (h *Hub) limited(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == wire.PathHealth {
			next.ServeHTTP(w, r)
			return
		}
		c, ok := h.limit.take(h.clientKey(r))
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(1/h.cfg.Rate))))
			writeError(w, http.StatusTooManyRequests, wire.CodeRateLimited, "too many requests from this client")
			return
		}
		if !c.acquire(r.Context()) {
			w.Header().Set("Retry-After", "5")
			writeError(w, http.StatusTooManyRequests, wire.CodeRateLimited, "too many requests in flight from this client")
			return
		}
		defer c.release()
		next.ServeHTTP(w, r)
	})
}
