// Package exchange moves records between installations in signed, encrypted
// bundles (docs/bundle-format.md): export writes the changes since the last
// bundle to the local outbox and then to a folder (a USB stick), import
// verifies bundles in the order of docs/SECURITY.md and merges them, one
// transaction per bundle, and status tells a district who has reported.
package exchange

import (
	"errors"
	"time"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
)

// Errors of the exchange. Import outcomes carry them (errors.Is).
var (
	ErrNothing       = errors.New("exchange: nothing to export")
	ErrNoUpstream    = errors.New("exchange: no upstream key (run keys upstream FILE.khkey)")
	ErrUnknownKey    = errors.New("exchange: signed by a key that is not enrolled")
	ErrRevokedKey    = errors.New("exchange: signed by a revoked key")
	ErrWrongUnit     = errors.New("exchange: the signer is not of the unit the bundle claims")
	ErrNotAddressed  = errors.New("exchange: the bundle is not addressed to this installation")
	ErrEquivocation  = errors.New("exchange: another bundle with the same origin and number exists")
	ErrOwnBundle     = errors.New("exchange: this installation's own bundle")
	ErrVerifyCopy    = errors.New("exchange: the written copy does not read back intact")
	ErrNoSuchSeq     = errors.New("exchange: no exported bundle with that number")
	ErrRowOutOfScope = errors.New("exchange: a record belongs to a unit the sender does not keep")
)

// Config is what export and import need beyond the store.
type Config struct {
	Store    *store.Store
	Units    *units.Registry
	Outbox   string // folder keeping a copy of every bundle made (next to the database)
	Held     string // folder keeping quarantined bundles
	Now      func() time.Time
	MaxRows  int   // rows per bundle before splitting; 0 means DefaultMaxRows
	MaxPlain int64 // cap on a payload's plain size when importing; 0 means DefaultMaxPlain

	dryRun bool // verify only: check everything, write nothing
}

// Defaults.
const (
	DefaultMaxRows  = 200_000
	DefaultMaxPlain = 1 << 30
)

func (c *Config) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c *Config) maxRows() int {
	if c.MaxRows <= 0 {
		return DefaultMaxRows
	}
	return c.MaxRows
}
