package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// bridge is the one place where background work meets the widgets, and the
// owner of that work's goroutines. Work runs on its own goroutine with the
// bridge's context; its results reach widgets only on the UI goroutine
// (post: fyne.Do). Close refuses new work, cancels the context and waits
// for what runs; Hold lets a restore have the store to itself. Jobs are the
// work a person started and may wait for (an import, an export, a save):
// closing the window asks about them. In tests (Deps.Sync) everything runs
// at once on the caller's goroutine, so tests need no sleeps.
type bridge struct {
	sync   bool
	post   func(func()) // runs fn on the UI goroutine
	ctx    context.Context
	cancel context.CancelFunc
	work   sync.WaitGroup // work running (not its done, which runs on the UI goroutine)

	mu     sync.Mutex
	closed bool // no new work starts
	held   bool // a restore has the store: no new work starts until it ends
	timers map[string]*time.Timer
	due    map[string]func() // tests: After's calls, until fire runs them

	// On the UI goroutine only.
	jobs  map[*job]bool
	idle  []func() // run once no job is left
	onJob func()   // a job started or ended (the window's close question follows)
}

// job is work a person started: what it is called when the window closes
// under it, and how to stop it (nil: it cannot be stopped, only waited for).
type job struct {
	name string
	stop context.CancelFunc
}

func newBridge(synchronous bool) *bridge {
	ctx, cancel := context.WithCancel(context.Background())
	return &bridge{sync: synchronous, post: fyne.Do, ctx: ctx, cancel: cancel,
		timers: map[string]*time.Timer{}, due: map[string]func(){}, jobs: map[*job]bool{}}
}

// accepting reports whether new work may start.
func (b *bridge) accepting() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return !b.closed && !b.held
}

func (b *bridge) isClosed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed
}

// Go runs work off the UI goroutine, then done on it. done may be nil.
// Once the bridge is closed (or held by a restore) neither runs, and Go
// reports false.
func (b *bridge) Go(work func(), done func()) bool {
	return b.start(nil, func(context.Context) { work() }, done)
}

// Job runs long work a person started, as Go does, under name ("the
// import"): until done has run, closing the window asks whether to wait
// for it or to stop it, which cancels ctx. A job that must not be cut (a
// save) passes stoppable false: closing waits for it.
func (b *bridge) Job(name string, stoppable bool, work func(ctx context.Context), done func()) bool {
	j := &job{name: name}
	ctx := b.ctx
	if stoppable {
		ctx, j.stop = context.WithCancel(b.ctx)
	}
	return b.start(j, func(context.Context) { work(ctx) }, done)
}

func (b *bridge) start(j *job, work func(context.Context), done func()) bool {
	if !b.accepting() {
		if j != nil && j.stop != nil {
			j.stop()
		}
		return false
	}
	if j != nil {
		b.jobs[j] = true
		b.changed()
	}
	b.work.Add(1)
	finish := func() {
		if j != nil {
			b.ended(j)
		}
		if done != nil && !b.isClosed() {
			done()
		}
	}
	if b.sync {
		work(b.ctx)
		b.work.Done()
		finish()
		return true
	}
	go func() {
		work(b.ctx)
		b.work.Done()
		b.post(finish)
	}()
	return true
}

// ended forgets a job and, when it was the last, runs what waited for that.
func (b *bridge) ended(j *job) {
	if j.stop != nil {
		j.stop()
	}
	delete(b.jobs, j)
	b.changed()
	if len(b.jobs) > 0 {
		return
	}
	idle := b.idle
	b.idle = nil
	for _, fn := range idle {
		fn()
	}
}

func (b *bridge) changed() {
	if b.onJob != nil {
		b.onJob()
	}
}

// running names the jobs under way; stoppable reports whether every one
// of them can be stopped.
func (b *bridge) running() (names []string, stoppable bool) {
	stoppable = true
	for j := range b.jobs {
		names = append(names, j.name)
		stoppable = stoppable && j.stop != nil
	}
	return names, stoppable
}

// whenIdle runs fn (on the UI goroutine) once no job is left: at once when
// none runs.
func (b *bridge) whenIdle(fn func()) {
	if len(b.jobs) == 0 {
		fn()
		return
	}
	b.idle = append(b.idle, fn)
}

// stopJobs cancels every job that can be stopped; each ends as its work
// returns.
func (b *bridge) stopJobs() {
	for j := range b.jobs {
		if j.stop != nil {
			j.stop()
		}
	}
}

// UI runs fn on the UI goroutine; background work calls it to report
// progress. Nothing runs once the bridge is closed.
func (b *bridge) UI(fn func()) {
	if b.sync {
		fn()
		return
	}
	b.post(func() {
		if !b.isClosed() {
			fn()
		}
	})
}

// Later runs fn on the UI goroutine after d, replacing a call still
// pending under the same key: the debounce of search-as-you-type.
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
	if b.closed {
		return
	}
	if t := b.timers[key]; t != nil {
		t.Stop()
	}
	b.timers[key] = time.AfterFunc(d, func() { b.UI(fn) })
}

// Hold gives work the store to itself (a restore closes and replaces it):
// no new work starts, work running is waited for, then work runs off the
// UI goroutine and done on it, and the bridge takes work again. It is a
// job named name that closing waits for.
func (b *bridge) Hold(name string, work func(), done func()) {
	b.mu.Lock()
	b.held = true
	b.mu.Unlock()
	j := &job{name: name}
	b.jobs[j] = true
	b.changed()
	release := func() {
		b.mu.Lock()
		b.held = false
		b.mu.Unlock()
		b.ended(j)
		done()
	}
	if b.sync {
		work()
		release()
		return
	}
	go func() {
		b.work.Wait()
		b.work.Add(1)
		work()
		b.work.Done()
		b.post(release)
	}()
}

// Close refuses new work, stops the delayed calls, cancels the context
// (store calls under way return) and, once the work running has returned,
// runs then on the UI goroutine: the window may close, and nothing of the
// bridge touches the store any more.
func (b *bridge) Close(then func()) {
	b.mu.Lock()
	b.closed = true
	for k, t := range b.timers {
		t.Stop()
		delete(b.timers, k)
	}
	b.mu.Unlock()
	b.cancel()
	if b.sync {
		then()
		return
	}
	go func() {
		b.work.Wait()
		b.post(then)
	}()
}

// Shutdown is Close for after the window's loop has ended (cmd/khuyenhoc,
// before it closes the store): it cancels and waits for the work running,
// on the caller's goroutine.
func (b *bridge) Shutdown() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cancel()
	b.work.Wait()
}
