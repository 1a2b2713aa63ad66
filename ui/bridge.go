package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// bridge is the one place where background work meets the widgets. Work
// runs on its own goroutine; its results reach widgets only through fyne.Do.
// In tests (Deps.Sync) everything runs at once on the caller's goroutine, so
// tests need no sleeps.
type bridge struct {
	sync   bool
	mu     sync.Mutex
	timers map[string]*time.Timer
	due    map[string]func() // tests: After's calls, until fire runs them
}

func newBridge(synchronous bool) *bridge {
	return &bridge{sync: synchronous, timers: map[string]*time.Timer{}, due: map[string]func(){}}
}

// Go runs work off the UI goroutine, then done on it. done may be nil.
func (b *bridge) Go(work func(), done func()) {
	if b.sync {
		work()
		if done != nil {
			done()
		}
		return
	}
	go func() {
		work()
		if done != nil {
			fyne.Do(done)
		}
	}()
}

// UI runs fn on the UI goroutine; background work calls it to report
// progress.
func (b *bridge) UI(fn func()) {
	if b.sync {
		fn()
		return
	}
	fyne.Do(fn)
}

// Later runs fn on the UI goroutine after d, replacing a call still pending
// under the same key: the debounce of search-as-you-type.
func (b *bridge) Later(key string, d time.Duration, fn func()) {
	if b.sync {
		fn()
		return
	}
	b.schedule(key, d, fn)
}

// After runs fn on the UI goroutine after d, replacing a call still
// pending under the same key: what lasts a few seconds (a message in the
// status bar). In tests the call waits until the test fires it.
func (b *bridge) After(key string, d time.Duration, fn func()) {
	if b.sync {
		b.mu.Lock()
		b.due[key] = fn
		b.mu.Unlock()
		return
	}
	b.schedule(key, d, fn)
}

func (b *bridge) schedule(key string, d time.Duration, fn func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t := b.timers[key]; t != nil {
		t.Stop()
	}
	b.timers[key] = time.AfterFunc(d, func() { fyne.Do(fn) })
}

// Stop cancels every pending delayed call (the window is closing).
func (b *bridge) Stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, t := range b.timers {
		t.Stop()
		delete(b.timers, k)
	}
}
