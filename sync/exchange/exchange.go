// Package exchange moves records between installations in signed, encrypted
// bundles (docs/bundle-format.md): export writes the changes since the last
// bundle to the local outbox and then to a folder (a USB stick), import
// verifies bundles in the order of docs/SECURITY.md and merges them, one
// transaction per bundle, and status tells a district who has reported.
package exchange

import (
	"errors"
	"path/filepath"
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
	ErrAfterImport   = errors.New("exchange: the bundle was imported, but its bookkeeping failed")
	ErrNotKept       = errors.New("exchange: the held bundle could not be copied to the held folder")
	ErrBadSource     = errors.New("exchange: the import ledger holds an origin that is not list:code")

	// What a sender with a genuine key may not send (check.go, guard.go;
	// docs/SECURITY.md, "A hostile sender with a genuine key"). Each
	// holds the bundle for review, naming the row and the reason.
	ErrInvalidRow   = errors.New("exchange: a record breaks the rules of its kind")
	ErrUnknownTable = errors.New("exchange: a table this version does not know (a newer sender?)")
	ErrDerivedID    = errors.New("exchange: a yearly record's id is not the one its unit, parent and year give")
	ErrNoParent     = errors.New("exchange: a record's parent is neither in the bundle nor held here, in its unit")
	ErrDuplicateRow = errors.New("exchange: the same record twice in one bundle")
	ErrIDTaken      = errors.New("exchange: a record's id is held here for another unit")
	ErrClockAhead   = errors.New("exchange: a version is too far ahead of this installation's clock")
	ErrBadVersion   = errors.New("exchange: a version's base or settled versions are not older than it")
	ErrForeignSite  = errors.New("exchange: a version of an installation the sender has not announced")
	ErrSeqJump      = errors.New("exchange: the bundle number jumps too far past the last one")
	ErrSecondSite   = errors.New("exchange: a second installation sends under the unit's key")
	ErrSiteTaken    = errors.New("exchange: the sending installation is known here as another unit's")
	ErrBadSources   = errors.New("exchange: the bundle names source bundles of units its sender does not keep")
	ErrReplacedKey  = errors.New("exchange: signed by a key replaced in a rotation, past its grace")
	ErrBadRotation  = errors.New("exchange: a key rotation the signer may not announce")
	ErrOverBudget   = errors.New("exchange: the bundle exceeds the size budget")
	ErrNotRegular   = errors.New("exchange: not a regular file (a folder, device, pipe or link out of the folder)")
	ErrTimeout      = errors.New("exchange: reading the file took longer than allowed")
	ErrNotAccepted  = errors.New("exchange: no held bundle with that hash")
)

// Config is what export and import need beyond the store.
type Config struct {
	Store    *store.Store
	Units    *units.Registry
	Outbox   string // folder keeping a copy of every bundle made (next to the database)
	Held     string // folder keeping quarantined bundles
	Now      func() time.Time
	MaxRows  int           // rows per bundle before splitting; 0 means DefaultMaxRows
	Budget   Budget        // what bundles from below may amount to; zero fields: the stored budget, then DefaultBudget
	FileTime time.Duration // the longest one bundle file may take to read; 0 means DefaultFileTime

	dryRun bool // verify only: check everything, write nothing
}

// Defaults.
const (
	DefaultMaxRows  = 200_000
	DefaultFileTime = 30 * time.Minute // a 1 GiB bundle from a stick at 1 MB/s, twice over
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

// Folders are where an installation keeps bundles, beside its database:
// outbox/ (a copy of every bundle made, for re-sending), held/ (bundles
// quarantined for review) and inbox/ (bundles fetched from the hub).
type Folders struct {
	Outbox, Held, Inbox string
}

// FoldersIn returns the folders of the installation whose database lies in
// dir: the one place that lays them out, for the desktop app and the
// command line alike.
func FoldersIn(dir string) Folders {
	return Folders{Outbox: filepath.Join(dir, "outbox"), Held: filepath.Join(dir, "held"),
		Inbox: filepath.Join(dir, "inbox")}
}

// Config returns the configuration of export and import on st with these
// folders.
func (f Folders) Config(st *store.Store, reg *units.Registry) *Config {
	return &Config{Store: st, Units: reg, Outbox: f.Outbox, Held: f.Held}
}
