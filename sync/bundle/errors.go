// Package bundle reads and writes .khb bundles: a strict ZIP of a signed
// manifest (manifest.json, manifest.json.minisig) and an age-encrypted,
// zstd-compressed NDJSON payload (payload.age). The format is specified in
// docs/bundle-format.md.
//
// Writing is one call, Seal, that streams rows from a callback through zstd
// and age into a temporary file, then writes the archive. Reading is in steps
// that the API enforces: Open parses the archive and the manifest; the caller
// picks the key named by the manifest's origin and key_id and calls
// VerifySignature, then VerifyPayload; only then does OpenPayload decrypt and
// hand out tables and rows one at a time. Nothing is extracted to disk, every
// read is capped before it is made, and the whole payload is never held in
// memory.
//
// The package is pure: crypto and file format. It knows nothing of the
// database, of which keys are enrolled, or of the import ledger.
package bundle

import (
	"errors"
	"fmt"
)

// Errors returned by this package; every error matches one of them with
// errors.Is. Most come wrapped in an *Error carrying detail.
var (
	// ErrNotBundle reports an empty file or one that does not start with a
	// ZIP local file header.
	ErrNotBundle = errors.New("bundle: not a bundle file")
	// ErrTruncated reports a file that ends before its structure does, or a
	// payload without its trailer line.
	ErrTruncated = errors.New("bundle: file or payload is truncated")
	// ErrMalformed reports any deviation from the format.
	ErrMalformed = errors.New("bundle: malformed bundle")
	// ErrUnsupported reports a manifest in another khb/… version.
	ErrUnsupported = errors.New("bundle: unsupported format version")
	// ErrTooLarge reports a size above a cap: the file, an entry, a payload
	// line, the decompressed payload.
	ErrTooLarge = errors.New("bundle: size limit exceeded")
	// ErrBadSignature reports a manifest signature that does not verify, or
	// whose trusted comment does not match the manifest.
	ErrBadSignature = errors.New("bundle: signature does not verify")
	// ErrWrongKey reports a bundle signed by, or claiming, another key than
	// the one given: key id, unit, level or site differ.
	ErrWrongKey = errors.New("bundle: signed by another key")
	// ErrPayloadHash reports a payload.age whose SHA-256 or size differ from
	// the signed manifest's.
	ErrPayloadHash = errors.New("bundle: payload does not match the signed manifest")
	// ErrNotRecipient reports an identity that is not among the manifest's
	// recipients: the bundle is not for this installation.
	ErrNotRecipient = errors.New("bundle: not encrypted to this identity")
	// ErrDecrypt reports an age failure: header, key unwrapping or a chunk's
	// authentication.
	ErrDecrypt = errors.New("bundle: payload cannot be decrypted")
	// ErrPayloadMismatch reports a payload whose header, counts, clock or
	// plaintext size contradict the manifest.
	ErrPayloadMismatch = errors.New("bundle: payload contradicts the manifest")
	// ErrNotVerified reports OpenPayload called before VerifySignature and
	// VerifyPayload both succeeded.
	ErrNotVerified = errors.New("bundle: payload opened before verification")
	// ErrInvalid reports bad input to the writing side: Seal's arguments or
	// a table or row given to the PayloadWriter.
	ErrInvalid = errors.New("bundle: invalid input")
)

// Error carries the detail of a failure: which part of the bundle, what was
// wrong, and the underlying cause if any. It matches its Kind (one of the
// sentinels above) and its cause with errors.Is.
type Error struct {
	Kind   error  // one of the package's sentinels
	Part   string // "zip", "manifest.json", "manifest.json.minisig", "payload.age", "payload line 3", …
	Detail string // what was wrong
	Err    error  // the underlying cause, or nil
}

// Error returns "<sentinel>: <part>: <detail>[: <cause>]".
func (e *Error) Error() string {
	s := e.Kind.Error() + ": " + e.Part + ": " + e.Detail
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// newErr builds an *Error with a formatted detail.
func newErr(kind error, part, format string, args ...any) *Error {
	return &Error{Kind: kind, Part: part, Detail: fmt.Sprintf(format, args...)}
}

// wrapErr builds an *Error around a cause.
func wrapErr(kind error, part, detail string, cause error) *Error {
	return &Error{Kind: kind, Part: part, Detail: detail, Err: cause}
}
