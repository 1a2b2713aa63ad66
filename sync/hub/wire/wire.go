// Package wire is the hub's protocol, shared by the hub (sync/hub) and its
// client (sync/upload): the paths, the JSON bodies, the error codes, and the
// two signed documents a unit hands the hub (the roster of the units it
// enrolled, and the login statement that proves it holds its key). The
// protocol is described in docs/hub-api.md.
package wire

import (
	"errors"

	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
)

// Paths of the API, version 1.
const (
	PathHealth    = "/v1/health"         // GET: is the hub up
	PathHubKey    = "/v1/hub-key"        // GET: the key that signs receipts
	PathBundles   = "/v1/bundles"        // POST: upload a .khb, get a receipt
	PathChallenge = "/v1/auth/challenge" // POST: get a nonce to sign
	PathToken     = "/v1/auth/token"     // POST: the signed nonce for a token
	PathInbox     = "/v1/inbox"          // GET: the bundles addressed to the unit; GET /v1/inbox/{sha256}: one
	PathRoster    = "/v1/roster"         // GET: the unit's roster state; PUT: a new roster
	PathNotices   = "/v1/notices"        // POST: a notice of approvals for a unit below; GET: the unit's notices
)

// Notice is a notice of approvals the hub holds for the logged-in unit
// (docs/submissions.md): the signed statement files, as text.
type Notice struct {
	ID     int64  `json:"id"`
	SHA256 string `json:"sha256"`
	From   string `json:"from"` // "list:code" of the unit that signed it
	File   string `json:"file"`
}

// Notices is a page of GET PathNotices: Next, when not 0, is the after= of
// the next page.
type Notices struct {
	Notices []Notice `json:"notices"`
	Next    int64    `json:"next,omitempty"`
}

// NoticeResult is the body of an accepted notice (201), or of one the hub
// held already (200).
type NoticeResult struct {
	SHA256 string `json:"sha256"`
	To     string `json:"to"`
}

// FormatHubKey tags the hub key document.
const FormatHubKey = "khhub/1"

// Errors of this package.
var (
	// ErrBadRoster reports a roster that does not follow its format, or
	// enrols a key it may not.
	ErrBadRoster = errors.New("wire: malformed roster")
)

// Health is the body of PathHealth.
type Health struct {
	Status string `json:"status"`          // "ok", or "unavailable" (503)
	Index  string `json:"index,omitempty"` // "ok" or "unreachable"
	Blobs  string `json:"blobs,omitempty"` // "ok" or "unreachable"
}

// HubKey is the body of PathHubKey.
type HubKey struct {
	Format            string `json:"format"`              // FormatHubKey
	MinisignPublicKey string `json:"minisign_public_key"` // base64 key line of the minisign .pub
	KeyID             string `json:"key_id"`              // 16 uppercase hex digits
}

// Error is the body of every refusal.
type Error struct {
	Code    string `json:"error"`   // one of the Code constants
	Message string `json:"message"` // English detail, for logs
}

// Error codes.
const (
	CodeBadRequest    = "bad_request"    // a body or parameter the hub cannot read
	CodeNotBundle     = "not_bundle"     // the body is not a .khb file
	CodeMalformed     = "malformed"      // a damaged or malformed bundle
	CodeTooLarge      = "too_large"      // the body exceeds the hub's cap
	CodeUnknownSigner = "unknown_signer" // signed by no key the hub trusts
	CodeBadSignature  = "bad_signature"  // the signature does not verify
	CodeNotAddressed  = "not_addressed"  // "to" is not a unit above the origin
	CodeUnauthorized  = "unauthorized"   // no valid token, or a failed login
	CodeForbidden     = "forbidden"      // logged in, but not allowed: another unit's roster
	CodeNotFound      = "not_found"      // no such bundle for this unit
	CodeRateLimited   = "rate_limited"   // too many requests from this client: retry later
	CodeBusy          = "busy"           // the hub is busy or stopping: retry later
	CodeStaleRoster   = "stale_roster"   // a roster version not above the hub's
	CodeBadRoster     = "bad_roster"     // a roster the hub refuses
	CodeInternal      = "internal"       // the hub failed: retry later
	CodeNotOrigin     = "not_origin"     // an upload of another unit's bundle than the one logged in
	CodeTooSlow       = "too_slow"       // the body arrived slower than the hub's minimum rate: retry
	CodeQuota         = "quota_exceeded" // the unit's daily quota is used up: retry after Retry-After
	CodeBadNotice     = "bad_notice"     // a notice the hub refuses: not the unit's approvals of one unit below it
)

// UploadResult is the body of an accepted upload (201) or of a bundle the
// hub already held (200).
type UploadResult struct {
	Receipt        string `json:"receipt"`         // the receipt file, khr/1
	FileSHA256     string `json:"file_sha256"`     // SHA-256 of the bytes stored
	ManifestSHA256 string `json:"manifest_sha256"` // SHA-256 of manifest.json
	Duplicate      bool   `json:"duplicate"`       // the hub held it already: same receipt as before
	Equivocal      bool   `json:"equivocal"`       // another bundle has the same origin, site and number
}

// ChallengeRequest asks for a nonce to sign.
type ChallengeRequest struct {
	Unit  string `json:"unit"`   // "list:code"
	KeyID string `json:"key_id"` // the unit's minisign key id
}

// Challenge is the nonce to sign, valid for ExpiresIn seconds, once.
type Challenge struct {
	Nonce     string `json:"nonce"`
	ExpiresIn int    `json:"expires_in"`
}

// TokenRequest answers a challenge with the signed login statement.
type TokenRequest struct {
	Unit      string `json:"unit"`
	KeyID     string `json:"key_id"`
	Nonce     string `json:"nonce"`
	Signature string `json:"signature"` // minisign signature file of LoginMessage
}

// Token is a bearer token for the unit, valid for ExpiresIn seconds.
type Token struct {
	Token     string `json:"token"`
	ExpiresIn int    `json:"expires_in"`
}

// Entry is a bundle the hub holds, as its addressee sees it.
type Entry struct {
	ID             int64  `json:"id"`              // the hub's sequence: list with after=ID for newer ones
	FileSHA256     string `json:"file_sha256"`     // the content address: GET /v1/inbox/{file_sha256}
	ManifestSHA256 string `json:"manifest_sha256"` // SHA-256 of manifest.json
	BundleID       string `json:"bundle_id"`
	Origin         string `json:"origin"` // "list:code"
	Level          string `json:"level"`  // the origin's level
	Site           string `json:"site"`
	Seq            int64  `json:"seq"`
	To             string `json:"to"` // "list:code"
	Size           int64  `json:"size"`
	Received       string `json:"received"`  // when the hub got it (informational)
	Equivocal      bool   `json:"equivocal"` // another bundle has the same origin, site and number
}

// Inbox is one page of the bundles addressed to a unit, oldest first.
type Inbox struct {
	Bundles []Entry `json:"bundles"`
	Next    int64   `json:"next"` // 0 when this is the last page, else the after= of the next
}

// RosterState says which roster of the unit the hub holds.
type RosterState struct {
	Version    int64  `json:"version"`     // 0 when none
	KeysSHA256 string `json:"keys_sha256"` // KeysDigest of its keys ("" when none)
	Keys       int    `json:"keys"`
}

// LevelOf returns the level that a unit code's length implies: 2 digits a
// province, 3 a district, 5 a commune ("" otherwise).
func LevelOf(u units.Ref) string {
	return map[int]string{2: keys.LevelProvince, 3: keys.LevelDistrict, 5: keys.LevelCommune}[len(u.Code)]
}
