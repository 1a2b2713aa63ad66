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

// slotWait is how long a request waits for one of its client's slots
// before it is refused with 429.
const slotWait = 20 * time.Second

// limiter applies per-client limits, a client being an IP address: a
// token bucket on the request rate and a cap on requests in flight.
type limiter struct {
	mu        sync.Mutex
	clients   map[string]*client
	perClient int
	rate      float64
	burst     float64
	now       func() time.Time
}

type client struct {
	tokens float64
	last   time.Time
	slots  chan struct{}
}

func newLimiter(perClient int, rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{clients: map[string]*client{}, perClient: perClient, rate: rate, burst: float64(burst), now: now}
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
		c = &client{tokens: l.burst, last: now, slots: make(chan struct{}, l.perClient)}
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
		if full && len(c.slots) == 0 {
			delete(l.clients, ip)
		}
	}
}

// acquire waits for one of the client's slots, up to slotWait.
func (c *client) acquire(ctx context.Context) bool {
	t := time.NewTimer(slotWait)
	defer t.Stop()
	select {
	case c.slots <- struct{}{}:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

func (c *client) release() { <-c.slots }

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
		c, ok := h.limit.take(clientIP(r))
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
