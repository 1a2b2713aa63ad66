package ui

import (
	"context"
	"log/slog"
	"net/http"
	"sync"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/exchange"
	"sokhuyenhoc/sync/upload"
)

// OnlineConfig is what the background uploader needs.
type OnlineConfig struct {
	Store *store.Store
	Units *units.Registry
	Dir   string       // the database's folder: outbox/, held/ and inbox/ lie there
	Clock upload.Clock // nil: the real clock
	HTTP  *http.Client // nil: Go's default client
	Log   *slog.Logger // nil: nothing logged (ui/applog.go)
}

// exchange returns the installation's exchange settings (the outbox and
// the quarantine next to the database, as khuyenhoc-cli has them).
func (c OnlineConfig) exchange() *exchange.Config {
	return exchange.FoldersIn(c.Dir).Config(c.Store, c.Units)
}

// Online runs the desktop app's background uploader (sync/upload):
// cmd/khuyenhoc makes it, calls Start when the app opens and Stop when it
// closes. The uploader runs only while a hub address is set; the Sync screen
// starts or stops it when the address changes. Its reports reach the
// screen through the bridge, coalesced: the uploader never waits for the
// screen, and the screen never waits for the network.
type Online struct {
	cfg     OnlineConfig
	live    bool                                 // false: never start an uploader
	newLoop func(upload.UploaderConfig) uploader // upload.NewUploader; tests give a fake

	mu     sync.Mutex
	up     uploader
	gen    int // counts uploaders started, so a stopped one's late report is dropped
	last   upload.Status
	seen   bool // a report arrived from the running uploader
	queued bool // an update of the screen is on its way
	bg     *bridge
	watch  func(onlineState)
	sent   []func() // waiting for the upload under way to end (the window closing)
}

// onlineState is what the Sync screen shows of the uploader.
type onlineState struct {
	Running bool // a hub address is set and the uploader runs
	Seen    bool // it has reported at least once
	upload.Status
}

// uploader is what Online needs of upload.Uploader.
type uploader interface {
	Open(ctx context.Context) error
	Close() error
	Kick()
}

// NewOnline makes the uploader's controller; Start starts it.
func NewOnline(c OnlineConfig) *Online {
	return &Online{cfg: c, live: true, newLoop: func(c upload.UploaderConfig) uploader { return upload.NewUploader(c) }}
}

// Start opens the uploader when the database is set up and a hub address
// is set; otherwise it does nothing.
func (o *Online) Start(ctx context.Context) error {
	if o == nil || !o.live {
		return nil
	}
	if _, err := o.cfg.Store.Installation(ctx); err != nil {
		return nil // not set up yet: nothing to send
	}
	s, err := upload.LoadSettings(ctx, o.cfg.Store)
	if err != nil || s.URL == "" {
		return err
	}
	o.mu.Lock()
	if o.up != nil {
		o.mu.Unlock()
		return nil
	}
	o.gen++
	gen := o.gen
	o.up = o.newLoop(upload.UploaderConfig{Exchange: o.cfg.exchange(), Connect: o.connect,
		Clock: o.cfg.Clock, OnStatus: func(s upload.Status) { o.report(gen, s) }})
	o.last, o.seen = upload.Status{}, false
	up := o.up
	o.mu.Unlock()
	o.notify()
	return up.Open(ctx)
}

// Stop detaches the screen and closes the uploader, waiting for it: an
// upload in progress is cut and sent again next time.
func (o *Online) Stop() {
	if o == nil {
		return
	}
	o.mu.Lock()
	o.watch = nil
	o.mu.Unlock()
	o.halt()
}

// halt closes the uploader, leaving the screen attached.
func (o *Online) halt() {
	o.mu.Lock()
	up := o.up
	o.up = nil
	o.gen++
	o.mu.Unlock()
	if up != nil {
		up.Close()
	}
	o.notify()
}

// Kick asks the uploader to try now; it never blocks.
func (o *Online) Kick() {
	if o == nil {
		return
	}
	o.mu.Lock()
	up := o.up
	o.mu.Unlock()
	if up != nil {
		up.Kick()
	}
}

func (o *Online) connect(ctx context.Context) (*upload.Client, error) {
	return upload.Connect(ctx, o.cfg.Store, upload.ConnectOptions{HTTP: o.cfg.HTTP})
}

// setURL remembers the hub's address (a new address pins the hub's key
// anew at first contact), then starts, kicks or stops the uploader.
func (o *Online) setURL(ctx context.Context, url string) error {
	s, err := upload.LoadSettings(ctx, o.cfg.Store)
	if err != nil {
		return err
	}
	if url != s.URL {
		s.URL, s.Key = url, ""
		if err := upload.SaveSettings(ctx, o.cfg.Store, s); err != nil {
			return err
		}
	}
	switch {
	case url == "":
		o.halt()
		return nil
	case o.running():
		o.Kick()
		return nil
	}
	return o.Start(ctx)
}

func (o *Online) running() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.up != nil
}

// bind gives the uploader the window's bridge, which carries its reports
// to the UI goroutine.
func (o *Online) bind(bg *bridge) {
	o.mu.Lock()
	o.bg = bg
	o.mu.Unlock()
}

// attach makes fn (on the UI goroutine) the one listener of the reports
// and hands it the state at once.
func (o *Online) attach(bg *bridge, fn func(onlineState)) {
	o.mu.Lock()
	o.bg, o.watch = bg, fn
	o.mu.Unlock()
	o.notify()
}

// report is the uploader's OnStatus: it keeps the status and asks for one
// update of the screen, never waiting for it.
func (o *Online) report(gen int, s upload.Status) {
	o.mu.Lock()
	if gen != o.gen {
		o.mu.Unlock()
		return
	}
	prev := o.last
	o.last, o.seen = s, true
	var sent []func()
	if !s.Busy {
		sent, o.sent = o.sent, nil
	}
	bg := o.bg
	o.mu.Unlock()
	o.logStatus(prev, s)
	o.notify()
	for _, fn := range sent {
		bg.UI(fn)
	}
}

// sending reports an upload under way.
func (o *Online) sending() bool {
	if o == nil {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.up != nil && o.last.Busy
}

// whenSent runs fn on the UI goroutine once no upload is under way (at
// once when none is): the window closing waits for the bundle being sent.
// The Sync screen must have attached (the bridge carries fn).
func (o *Online) whenSent(fn func()) {
	o.mu.Lock()
	if o.up == nil || !o.last.Busy || o.bg == nil {
		o.mu.Unlock()
		fn()
		return
	}
	o.sent = append(o.sent, fn)
	o.mu.Unlock()
}

func (o *Online) notify() {
	o.mu.Lock()
	if o.bg == nil || o.watch == nil || o.queued {
		o.mu.Unlock()
		return
	}
	o.queued = true
	bg := o.bg
	o.mu.Unlock()
	bg.UI(o.deliver)
}

// deliver runs on the UI goroutine with the newest state.
func (o *Online) deliver() {
	o.mu.Lock()
	o.queued = false
	fn, st := o.watch, onlineState{Running: o.up != nil, Seen: o.seen, Status: o.last}
	o.mu.Unlock()
	if fn != nil {
		fn(st)
	}
}
