package upload

import (
	"context"
	"errors"
	"sync"
	"time"

	"sokhuyenhoc/sync/exchange"
)

// Status is what the Uploader reports after each step.
type Status struct {
	Online      bool      // the hub answered the last probe
	Busy        bool      // sending now
	Pending     int       // bundles made and not yet acknowledged
	LastError   error     // why the last round failed (nil after a good one)
	LastSuccess time.Time // when every bundle last had a receipt
	NextTry     time.Time // when the next round starts, unless kicked
	// Approvals counts the statements of notices of approval recorded
	// since the Uploader started (SwapNotices, each round): it grows when
	// the level above approved or unlocked a period of this unit.
	Approvals int
}

// Clock is the time the Uploader waits with; tests give a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Uploader defaults.
const (
	DefaultMinBackoff = 5 * time.Second
	DefaultMaxBackoff = 10 * time.Minute
	DefaultPoll       = 5 * time.Minute
)

// UploaderConfig configures an Uploader.
type UploaderConfig struct {
	Exchange *exchange.Config                           // the installation
	Connect  func(ctx context.Context) (*Client, error) // the hub, from the settings of the moment
	Make     bool                                       // also bundle pending changes before sending
	OnStatus func(Status)                               // called from the Uploader's goroutine; must not block
	Clock    Clock                                      // a real clock when nil
	Backoff  Backoff                                    // after failures; 5 s doubling to 10 min when zero
	Poll     time.Duration                              // between rounds while all is well
}

// Uploader sends the outbox in the background whenever the hub can be
// reached: it probes the hub, uploads what is pending, and after a failure
// waits a capped, jittered, growing delay. Kick makes it try at once (after
// an export, or when the network comes back). It never touches the user
// interface: it reports through OnStatus.
type Uploader struct {
	cfg    UploaderConfig
	kick   chan struct{}
	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	status Status
}

// NewUploader makes an Uploader; Open starts it.
func NewUploader(cfg UploaderConfig) *Uploader {
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	if cfg.Backoff.Min <= 0 {
		cfg.Backoff.Min = DefaultMinBackoff
	}
	if cfg.Backoff.Max <= 0 {
		cfg.Backoff.Max = DefaultMaxBackoff
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	return &Uploader{cfg: cfg, kick: make(chan struct{}, 1)}
}

// Open starts the background loop; it runs until Close or until ctx ends.
func (u *Uploader) Open(ctx context.Context) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.done != nil {
		return errors.New("upload: the uploader is already open")
	}
	ctx, u.cancel = context.WithCancel(ctx)
	u.done = make(chan struct{})
	go u.loop(ctx, u.done)
	return nil
}

// Close stops the loop and waits for it (an upload in progress is cut;
// the bundle stays pending and is sent again next time).
func (u *Uploader) Close() error {
	u.mu.Lock()
	cancel, done := u.cancel, u.done
	u.cancel, u.done = nil, nil
	u.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	<-done
	return nil
}

// Kick asks for a round now; it never blocks.
func (u *Uploader) Kick() {
	select {
	case u.kick <- struct{}{}:
	default:
	}
}

// Status returns the last status reported.
func (u *Uploader) Status() Status {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.status
}

func (u *Uploader) loop(ctx context.Context, done chan struct{}) {
	defer close(done)
	failures := 0
	for {
		err := u.round(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := u.cfg.Poll
		if err != nil {
			failures++
			wait = u.cfg.Backoff.Delay(failures)
		} else {
			failures = 0
		}
		u.report(func(s *Status) { s.Busy, s.NextTry = false, u.cfg.Clock.Now().Add(wait) })
		select {
		case <-ctx.Done():
			return
		case <-u.kick:
		case <-u.cfg.Clock.After(wait):
		}
	}
}

// round probes the hub and sends what is pending.
func (u *Uploader) round(ctx context.Context) error {
	st := u.cfg.Exchange.Store
	n, err := st.CountUnacked(ctx)
	u.report(func(s *Status) { s.Pending, s.Busy = n, true })
	if err != nil {
		return u.fail(err, false)
	}
	c, err := u.cfg.Connect(ctx)
	if err == nil {
		err = c.Health(ctx)
	}
	if err != nil {
		return u.fail(err, false)
	}
	u.report(func(s *Status) { s.Online = true })
	rep, err := Send(ctx, u.cfg.Exchange, c, SendOptions{Make: u.cfg.Make, Progress: func(Sent) {
		if n, err := st.CountUnacked(ctx); err == nil {
			u.report(func(s *Status) { s.Pending = n })
		}
	}})
	if err != nil {
		return u.fail(err, !isTemporary(err))
	}
	u.report(func(s *Status) { s.Pending, s.LastError, s.LastSuccess = rep.Pending, nil, u.cfg.Clock.Now() })
	sw, err := u.notices(ctx, c)
	u.report(func(s *Status) { s.Approvals += sw.Recorded.New })
	if err == nil {
		err = errors.Join(sw.Bad...)
	}
	if err != nil {
		return u.fail(err, !isTemporary(err))
	}
	return nil
}

// notices logs in and exchanges the notices of approval with the hub
// (SwapNotices), once the bundles are sent.
func (u *Uploader) notices(ctx context.Context, c *Client) (NoticeSwap, error) {
	id, err := loginAs(ctx, u.cfg.Exchange, c, Retry{})
	if err != nil {
		return NoticeSwap{}, err
	}
	return SwapNotices(ctx, u.cfg.Exchange, c, id.Level)
}

// fail records a failed round; online tells whether the hub answered.
func (u *Uploader) fail(err error, online bool) error {
	u.report(func(s *Status) { s.Online, s.LastError = online, err })
	return err
}

// report changes the status and hands a copy to OnStatus.
func (u *Uploader) report(change func(*Status)) {
	u.mu.Lock()
	change(&u.status)
	s := u.status
	u.mu.Unlock()
	if u.cfg.OnStatus != nil {
		u.cfg.OnStatus(s)
	}
}
