// Package hub is the mailbox server that communes, districts and provinces
// upload their bundles to when they are online (khuyenhoc-cli hub serve).
//
// The hub never decrypts a bundle. It checks the archive strictly and the
// manifest's signature against a key it trusts (a key it was started with,
// or one enrolled through the signed roster of a trusted district or
// province), stores the bytes as received, named by their SHA-256 and never
// overwritten, and answers with a receipt it signs with its own minisign
// key. Each unit logs in by signing a nonce with its key and may then list
// and download the bundles addressed to it. Storage sits behind two small
// interfaces, Blobs and Index; the embedded default is a folder and an
// SQLite file (docs/hub-scaling.md says how a national hub moves to object
// storage and PostgreSQL). The HTTP API is described in docs/hub-api.md.
package hub

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// Errors of the hub. Handlers map them to HTTP statuses and wire codes.
var (
	ErrUnknownSigner = errors.New("hub: the bundle is not signed by a key the hub trusts")
	ErrNotAddressed  = errors.New("hub: the bundle is not addressed to a unit above its origin")
	ErrStaleRoster   = errors.New("hub: the roster is not newer than the one the hub holds")
	ErrUnauthorized  = errors.New("hub: not logged in, or the login failed")
	ErrNotFound      = errors.New("hub: not found")
	ErrNoDir         = errors.New("hub: no folder given for its files")
	ErrNewerIndex    = errors.New("hub: the index was written by a newer hub")
	ErrNonceUsed     = errors.New("hub: the login nonce was used already")
	ErrQuota         = errors.New("hub: the unit's daily quota is used up")
	ErrTooSlow       = errors.New("hub: the body arrives slower than the hub's minimum rate")
	ErrNotOrigin     = errors.New("hub: the bundle's origin is not the unit logged in")
	ErrUnitBusy      = errors.New("hub: the unit has as many uploads in flight as it may")
)

// Defaults of Config.
const (
	DefaultMaxBody       = 256 << 20
	DefaultPerClient     = 8
	DefaultRate          = 20
	DefaultBurst         = 200
	DefaultMaxUploads    = 32
	DefaultTokenTTL      = 15 * time.Minute
	DefaultIdleTimeout   = 60 * time.Second
	DefaultShutdownGrace = 30 * time.Second
	DefaultPerUnit       = 2                // uploads one unit may have in flight
	DefaultMinRate       = 1 << 10          // bytes a second a body must average…
	DefaultRateGrace     = 10 * time.Second // …once this long has passed
	DefaultQuotaBytes    = 2 << 30          // bytes one unit may upload a day (UTC)
	DefaultQuotaBundles  = 500              // new bundles one unit may upload a day
	DefaultSlotWait      = 20 * time.Second // how long a request waits for a slot
)

// Config is what a hub needs; zero fields take the defaults.
type Config struct {
	Dir        string                  // the folder holding the hub's key, bundles and index
	Trust      []keys.PublicKey        // keys trusted from the start (provinces, districts)
	Units      *units.Registry         // the administrative units; units.Default() when nil
	MaxBody    int64                   // largest upload accepted, in bytes
	PerClient  int                     // requests one client (IP address) may have in flight
	Rate       float64                 // requests a second one client may make, on average…
	Burst      int                     // …and in a burst
	MaxUploads int                     // uploads being received at once, all units together
	PerUnit    int                     // uploads one unit may have in flight
	MinRate    int64                   // bytes a second every body must average after RateGrace
	RateGrace  time.Duration           // how long a body may start slowly
	QuotaBytes int64                   // bytes one unit may upload a day (UTC)
	QuotaCount int                     // new bundles one unit may upload a day (UTC)
	SlotWait   time.Duration           // how long a request waits for a slot before 429 or 503
	TokenTTL   time.Duration           // how long a login lasts
	Idle       time.Duration           // a body that sends nothing for this long is dropped
	Grace      time.Duration           // how long Serve waits for requests in flight when stopping
	Now        func() time.Time        // the clock (receipt times, tokens)
	Log        *slog.Logger            // where the hub logs: units, bundle ids and sizes, never payloads
	Storage    func() (Storage, error) // storage other than the default folder and SQLite file
}

func (c *Config) defaults() {
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&c.PerClient, DefaultPerClient)
	set(&c.Burst, DefaultBurst)
	set(&c.MaxUploads, DefaultMaxUploads)
	set(&c.PerUnit, DefaultPerUnit)
	set(&c.QuotaCount, DefaultQuotaBundles)
	if c.MinRate <= 0 {
		c.MinRate = DefaultMinRate
	}
	if c.QuotaBytes <= 0 {
		c.QuotaBytes = DefaultQuotaBytes
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.Rate <= 0 {
		c.Rate = DefaultRate
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&c.TokenTTL, DefaultTokenTTL}, {&c.Idle, DefaultIdleTimeout}, {&c.Grace, DefaultShutdownGrace},
		{&c.RateGrace, DefaultRateGrace}, {&c.SlotWait, DefaultSlotWait}} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	if c.Units == nil {
		c.Units = units.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

// Hub is an open hub: its key, its storage and its trust.
type Hub struct {
	cfg      Config
	key      receipt.SecretKey
	store    Storage
	trust    *trust
	auth     *auth
	limit    *limiter
	uploads  chan struct{}
	inflight sync.WaitGroup // uploads being handled
	handler  http.Handler
}

// Open opens (creating if needed) the hub in cfg.Dir: its key (hub.key),
// its bundles and its index. Every cfg.Trust key must be a valid
// province, district or commune key.
func Open(ctx context.Context, cfg Config) (*Hub, error) {
	cfg.defaults()
	if cfg.Dir == "" {
		return nil, ErrNoDir
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, err
	}
	key, err := loadKey(filepath.Join(cfg.Dir, "hub.key"))
	if err != nil {
		return nil, err
	}
	open := cfg.Storage
	if open == nil {
		open = func() (Storage, error) { return OpenFolder(ctx, cfg.Dir) }
	}
	st, err := open()
	if err != nil {
		return nil, err
	}
	h := &Hub{cfg: cfg, key: key, store: st, uploads: make(chan struct{}, cfg.MaxUploads),
		trust: newTrust(cfg.Trust, st, cfg.Units), auth: newAuth(key, cfg.TokenTTL, cfg.Now, st),
		limit: newLimiter(cfg)}
	h.handler = h.routes()
	cfg.Log.Info("hub open", "key_id", key.Public().KeyID(), "trusted_keys", len(cfg.Trust))
	return h, nil
}

// Key returns the public key that signs the hub's receipts.
func (h *Hub) Key() receipt.Key { return h.key.Public() }

// Handler returns the hub's HTTP API.
func (h *Hub) Handler() http.Handler { return h.handler }

// Close waits for the uploads still being handled (a stopped server cuts
// their bodies, so they end quickly) and closes the storage. Call it after
// Serve returned.
func (h *Hub) Close() error {
	h.inflight.Wait()
	return h.store.Close()
}

// loadKey reads the hub's secret key, making one on first use.
func loadKey(path string) (receipt.SecretKey, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return receipt.ParseSecretKey(b)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return receipt.SecretKey{}, err
	}
	k, err := receipt.GenerateSecretKey()
	if err != nil {
		return k, err
	}
	if err := atomicfile.WriteBytes(path, k.Marshal(), 0o600); err != nil {
		return k, fmt.Errorf("hub: writing its key: %w", err)
	}
	pub := "untrusted comment: minisign public key " + k.Public().KeyID() + "\n" + k.Public().String() + "\n"
	return k, atomicfile.WriteBytes(filepath.Join(filepath.Dir(path), "hub.pub"), []byte(pub), 0o644)
}
