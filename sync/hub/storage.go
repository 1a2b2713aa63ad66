package hub

import (
	"context"
	"io"

	"sokhuyenhoc/sync/hub/wire"
)

// Storage is where a hub keeps what it received: the bundle files (Blobs)
// and what it knows about them (Index). OpenFolder is the embedded
// default; docs/hub-scaling.md describes an object store and PostgreSQL
// behind the same interfaces.
type Storage interface {
	Blobs
	Index
	Close() error
}

// Blobs keeps bundle files named by the lowercase hex SHA-256 of their
// bytes. An object, once there, is never overwritten or changed.
type Blobs interface {
	// Stage opens a temporary place for an incoming body; nothing of it
	// is visible until Commit.
	Stage() (Staged, error)
	// Commit makes the staged bytes the object named sha, durably. If
	// that object exists already, it is kept and the staged copy dropped.
	// The staged file is gone afterwards, whatever the outcome.
	Commit(ctx context.Context, s Staged, sha string) error
	// OpenBlob opens an object for reading (ErrNotFound when missing).
	OpenBlob(ctx context.Context, sha string) (Blob, error)
	// Walk calls fn with the name of every stored object, in no set
	// order, until fn returns an error (scrub and migrate).
	Walk(ctx context.Context, fn func(sha string) error) error
	// PingBlobs reports whether the objects can be reached now.
	PingBlobs(ctx context.Context) error
}

// Staged is an incoming body being written: it can be read back for
// checking before it is committed or discarded.
type Staged interface {
	io.Writer
	io.ReaderAt
	// Sync makes what was written durable.
	Sync() error
	// Discard removes the staged bytes (a no-op after Commit).
	Discard() error
}

// Blob is a stored bundle file.
type Blob interface {
	io.ReadSeekCloser
	Size() int64
}

// Record is a bundle the hub holds, with the receipt it gave for it.
type Record struct {
	wire.Entry
	KeyID   string // the signer's key id
	Receipt []byte // the receipt file, signed once and returned for every re-upload
}

// RosterRecord is the roster a unit last handed over.
type RosterRecord struct {
	Unit       string // "list:code"
	Level      string
	KeyID      string // the key that signed it
	Version    int64
	KeysSHA256 string // wire.KeysDigest of its keys
	Keys       int
	File       []byte // the roster file as received
	Received   string
}

// Enrolled is a key a roster enrolled.
type Enrolled struct {
	By       string // the enrolling unit, "list:code"
	Unit     string // the key's unit
	Level    string
	KeyID    string
	Minisign string // the minisign public key line (identifies the key)
	KHKey    []byte // the .khkey file, compact
}

// Index keeps what the hub knows about the bundles, the rosters and the
// keys they enrol.
type Index interface {
	// BundleByFile finds a bundle by the hash of its bytes (ErrNotFound).
	BundleByFile(ctx context.Context, fileSHA256 string) (Record, error)
	// BundleByManifest finds a bundle by its manifest hash (ErrNotFound).
	BundleByManifest(ctx context.Context, manifestSHA256 string) (Record, error)
	// AddBundle records a bundle whose bytes are committed. When one with
	// the same manifest hash is there already (two identical uploads at
	// once), it returns that one and false. A bundle with the same
	// origin, site and seq as another is recorded as equivocal.
	AddBundle(ctx context.Context, r Record) (Record, bool, error)
	// Inbox lists the bundles addressed to a unit with ID above after,
	// oldest first, at most limit.
	Inbox(ctx context.Context, to string, after int64, limit int) ([]Record, error)
	// InboxBundle finds a bundle addressed to a unit by file hash
	// (ErrNotFound when there is none, or it is addressed to another).
	InboxBundle(ctx context.Context, to, fileSHA256 string) (Record, error)
	// Roster returns the roster a unit last handed over (ErrNotFound).
	Roster(ctx context.Context, unit string) (RosterRecord, error)
	// PutRoster replaces a unit's roster and the keys it enrols, if its
	// version is above the stored one's (ErrStaleRoster otherwise).
	PutRoster(ctx context.Context, r RosterRecord, keys []Enrolled) error
	// EnrolledByKeyID lists the enrolled keys with a key id.
	EnrolledByKeyID(ctx context.Context, keyID string) ([]Enrolled, error)

	// UseNonce records a login nonce (by its SHA-256) as used until it
	// expires, dropping those expired before now: ErrNonceUsed when it
	// was used already, by any instance.
	UseNonce(ctx context.Context, nonceSHA256, expires, now string) error
	// Usage sums what a unit uploaded from a time on (its daily quota).
	Usage(ctx context.Context, origin, since string) (Usage, error)
	// PingIndex reports whether the index can be reached now.
	PingIndex(ctx context.Context) error

	// Bundles lists every bundle with ID above after, by ID (migrate).
	Bundles(ctx context.Context, after int64, limit int) ([]Record, error)
	// ImportBundles records bundles copied from another index as they
	// are, IDs and receipts included, in one transaction; one there
	// already is kept (migrate).
	ImportBundles(ctx context.Context, rs []Record) error
	// Rosters lists every roster held; EnrolledBy the keys one enrols.
	Rosters(ctx context.Context) ([]RosterRecord, error)
	EnrolledBy(ctx context.Context, unit string) ([]Enrolled, error)

	// AddNotice records a notice for a unit below its sender, in place of
	// the older ones from the same sender about the same unit
	// (supersedeNotices); one with the same hash is there already: false,
	// nothing changed.
	AddNotice(ctx context.Context, n NoticeRecord) (bool, error)
	// Notices lists the notices for a unit ("" for every unit: migrate)
	// with ID above after, oldest first, at most limit.
	Notices(ctx context.Context, to string, after int64, limit int) ([]NoticeRecord, error)
}

// NoticeRecord is a notice of approvals held for a unit.
type NoticeRecord struct {
	ID       int64
	SHA256   string // of the file
	To       string // "list:code" of the unit the approvals are about
	From     string // "list:code" of the unit that signed them
	KeyID    string
	File     []byte
	Received string
}

// Usage is what a unit uploaded in a period: accepted bundles and bytes.
type Usage struct {
	Bytes   int64
	Bundles int
}
