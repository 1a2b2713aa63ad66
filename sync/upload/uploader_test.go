package upload_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/upload"
)

// fakeClock hands each wait to the test, which decides when it ends.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	asked chan time.Duration
	fire  chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), asked: make(chan time.Duration, 16)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.fire = ch
	c.mu.Unlock()
	c.asked <- d
	return ch
}

// next waits (on the uploader's goroutine, a real event) for the next wait
// it asks for, and returns its length.
func (c *fakeClock) next(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-c.asked:
		return d
	case <-time.After(20 * time.Second):
		t.Fatal("the uploader never waited")
		return 0
	}
}

// elapse ends the current wait, moving the clock by d.
func (c *fakeClock) elapse(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	ch := c.fire
	c.mu.Unlock()
	ch <- c.now
}

func TestBackoff_CappedExponentialWithFullJitter(t *testing.T) {
	b := upload.Backoff{Min: 5 * time.Second, Max: 10 * time.Minute}
	want := []time.Duration{5, 10, 20, 40, 80, 160, 320, 600, 600}
	for n, w := range want {
		if got := b.Cap(n + 1); got != w*time.Second {
			t.Errorf("cap after %d failures: %v, want %v", n+1, got, w*time.Second)
		}
	}
	for n := 1; n < 12; n++ {
		for range 50 {
			if d := b.Delay(n); d < 0 || d > b.Cap(n) {
				t.Fatalf("delay %v outside [0, %v]", d, b.Cap(n))
			}
		}
	}
	if upload.Backoff.Delay(upload.Backoff{Min: 5 * time.Second, Max: time.Minute, Rand: func(int64) int64 { return 0 }}, 3) != 0 {
		t.Fatal("full jitter may wait nothing")
	}
}

// Offline, the uploader backs off 5 s, 10 s, 20 s…; when the hub comes
// back it uploads, reports online with nothing pending, and waits the poll
// interval.
func TestUploader_OfflineBacksOffThenUploads(t *testing.T) {
	d, a := newInstall(t, "district", district), newInstall(t, "commune", communeA)
	link(t, d, a)
	lh := newHub(t, d, a)
	a.connect(lh.url()) // pins the hub key
	lh.shutdown()
	a.fill(2, 1)
	if _, err := exchange.Make(ctx, a.ex); err != nil { // an export made a bundle while offline
		t.Fatal(err)
	}
	clk := newFakeClock()
	var mu sync.Mutex
	var seen []upload.Status
	u := upload.NewUploader(upload.UploaderConfig{
		Exchange: a.ex, Make: true, Clock: clk, Poll: time.Hour,
		Connect: func(ctx context.Context) (*upload.Client, error) {
			return upload.Connect(ctx, a.ex.Store, upload.ConnectOptions{})
		},
		Backoff:  upload.Backoff{Min: 5 * time.Second, Max: 30 * time.Second, Rand: func(n int64) int64 { return n - 1 }},
		OnStatus: func(s upload.Status) { mu.Lock(); seen = append(seen, s); mu.Unlock() },
	})
	if err := u.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	for _, want := range []time.Duration{5, 10, 20, 30} {
		if got := clk.next(t); got != want*time.Second {
			t.Fatalf("backoff %v, want %v", got, want*time.Second)
		}
		if s := u.Status(); s.Online || s.Pending != 1 || !errors.Is(s.LastError, upload.ErrUnavailable) {
			t.Fatalf("offline status %+v", s)
		}
		clk.elapse(want * time.Second)
	}
	if got := clk.next(t); got != 30*time.Second {
		t.Fatalf("backoff %v, want the cap", got)
	}
	// The hub is back; a kick (after an export) ends the wait at once.
	lh.start()
	u.Kick()
	u.Kick() // never blocks
	if got := clk.next(t); got != time.Hour {
		t.Fatalf("after a good round the uploader polls: waited %v", got)
	}
	s := u.Status()
	if !s.Online || s.Pending != 0 || s.LastError != nil || s.LastSuccess.IsZero() {
		t.Fatalf("online status %+v", s)
	}
	mu.Lock()
	defer mu.Unlock()
	sending, offline := false, false
	for _, st := range seen {
		sending = sending || st.Busy && st.Online && st.Pending == 1
		offline = offline || !st.Online && st.Pending == 1
	}
	if !sending || !offline {
		t.Fatalf("the statuses reported: %+v", seen)
	}
	if n, _ := a.ex.Store.CountUnacked(ctx); n != 0 {
		t.Fatalf("%d bundles still pending", n)
	}
}

func TestUploader_CloseStopsTheLoop(t *testing.T) {
	a := newInstall(t, "commune", communeA)
	clk := newFakeClock()
	u := upload.NewUploader(upload.UploaderConfig{Exchange: a.ex, Clock: clk,
		Connect: func(ctx context.Context) (*upload.Client, error) { return nil, upload.ErrNoHub }})
	if err := u.Open(ctx); err != nil {
		t.Fatal(err)
	}
	if err := u.Open(ctx); err == nil {
		t.Fatal("opened twice")
	}
	clk.next(t)
	if s := u.Status(); s.Online || !errors.Is(s.LastError, upload.ErrNoHub) {
		t.Fatalf("status without a hub: %+v", s)
	}
	done := make(chan struct{})
	go func() { u.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
}
