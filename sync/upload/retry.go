package upload

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Backoff gives capped exponential delays with full jitter: before try n
// (n ≥ 1 failures so far) a random delay in [0, min(Max, Min·2^(n-1))].
type Backoff struct {
	Min, Max time.Duration
	Rand     func(n int64) int64 // uniform in [0, n); math/rand/v2 when nil
}

// Cap returns the upper bound of the delay after n failures.
func (b Backoff) Cap(n int) time.Duration {
	d := b.Min
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// Delay returns a random delay after n failures.
func (b Backoff) Delay(n int) time.Duration {
	c := b.Cap(n)
	if c <= 0 {
		return 0
	}
	rnd := b.Rand
	if rnd == nil {
		rnd = rand.Int64N
	}
	return time.Duration(rnd(int64(c) + 1))
}

// Retry repeats an operation that failed for a passing reason
// (ErrUnavailable): up to Attempts tries in all, waiting Backoff between
// them, or longer when the hub asked to (Retry-After).
type Retry struct {
	Attempts int // tries in all; 0 or 1 means once
	Backoff  Backoff
	Sleep    func(ctx context.Context, d time.Duration) error // sleeps; a real timer when nil
}

// Do runs op until it succeeds, fails for good, or the tries run out.
func (r Retry) Do(ctx context.Context, op func() error) error {
	sleep := r.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	for n := 1; ; n++ {
		err := op()
		if err == nil || !isTemporary(err) || n >= r.Attempts {
			return err
		}
		d := r.Backoff.Delay(n)
		var he *HubError
		if errors.As(err, &he) && he.RetryAfter > d {
			d = min(he.RetryAfter, max(r.Backoff.Max, d))
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
