// Package receipt makes and checks receipts: signed statements that bundles
// arrived somewhere. The hub answers every accepted upload with one (signed
// by the hub's own minisign key); a district without a network writes one
// for a commune to carry back on the USB stick (signed with the district's
// keys.Identity). Either way, the commune marks the bundles it names as
// acknowledged.
//
// A receipt file (.khr) is one line of canonical JSON, the document, then a
// minisign signature file of that line (newline included), made with the
// pre-hashed ED algorithm so that stock `minisign -V` checks it. SignDoc and
// SplitDoc build and split that layout for the other signed documents of the
// hub protocol too. The format is specified in docs/receipt-format.md.
//
// The package is pure: crypto and file format, no storage, no clock.
package receipt

import "errors"

// Errors of this package. Callers test them with errors.Is; most come
// wrapped with a short detail.
var (
	// ErrMalformed reports a receipt or signed document that does not
	// follow its format.
	ErrMalformed = errors.New("receipt: malformed receipt")
	// ErrTooLarge reports a file above MaxFileBytes.
	ErrTooLarge = errors.New("receipt: file too large")
	// ErrBadSignature reports a signature that does not verify, or whose
	// trusted comment does not match the document: a forged or edited
	// receipt.
	ErrBadSignature = errors.New("receipt: signature does not verify")
	// ErrWrongKey reports a receipt signed by, or naming, another key than
	// the one it is checked against.
	ErrWrongKey = errors.New("receipt: signed by another key")
)
