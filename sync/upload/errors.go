// Package upload is the hub's client: it sends the bundles an installation
// made (its outbox) to the hub and records the receipts, pulls the bundles
// addressed to it (handing the hub its roster of enrolled units first),
// and, for the desktop app, runs a background Uploader that notices when
// the hub is reachable and retries with capped exponential backoff.
//
// The hub's receipt key is pinned at first use in the store's meta, or
// given explicitly; a receipt that does not verify against it is never
// recorded. Nothing here blocks on the user interface: the Uploader
// reports through a callback.
package upload

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"sokhuyenhoc/sync/hub/wire"
)

// Errors of the client. Callers test them with errors.Is.
var (
	// ErrNoHub reports an installation with no hub address.
	ErrNoHub = errors.New("upload: no hub address (give --hub URL)")
	// ErrUnavailable reports a hub that cannot be reached, is busy or
	// failed: try again later.
	ErrUnavailable = errors.New("upload: the hub cannot be reached")
	// ErrRefused reports a bundle or request the hub refused for good.
	ErrRefused = errors.New("upload: the hub refused it")
	// ErrLogin reports a login the hub refused: this unit's key is not
	// trusted there (yet).
	ErrLogin = errors.New("upload: the hub refused the login")
	// ErrBadReceipt reports a receipt that does not verify against the
	// pinned hub key, or does not name the bundle sent.
	ErrBadReceipt = errors.New("upload: the hub's receipt does not verify")
	// ErrHubKeyChanged reports a hub whose receipt key is not the one
	// pinned: give the new key explicitly if the change is expected.
	ErrHubKeyChanged = errors.New("upload: the hub's key differs from the pinned one")
	// ErrBadDownload reports a downloaded bundle that is not what the hub
	// listed.
	ErrBadDownload = errors.New("upload: a downloaded bundle does not match the hub's list")
)

// What the hub's refusals mean; a *HubError unwraps to one of them.
var (
	// ErrUntrusted: the hub trusts no key of this unit (not given to the
	// hub, nor enrolled by the unit above's roster), or it was revoked.
	ErrUntrusted = errors.New("upload: the hub does not trust this unit's key")
	// ErrDamaged: the hub found the bundle damaged or its signature
	// invalid.
	ErrDamaged = errors.New("upload: the hub found the bundle damaged")
	// ErrTooLarge: the bundle is larger than the hub accepts.
	ErrTooLarge = errors.New("upload: the bundle is larger than the hub accepts")
	// ErrNotAddressed: the bundle is not addressed to a unit above this one.
	ErrNotAddressed = errors.New("upload: the bundle is not addressed to a unit above this one")
	// ErrRosterRefused: the hub refused this unit's roster.
	ErrRosterRefused = errors.New("upload: the hub refused the roster of enrolled units")
)

var codeErrors = map[string]error{
	wire.CodeUnknownSigner: ErrUntrusted, wire.CodeBadSignature: ErrDamaged, wire.CodeNotBundle: ErrDamaged,
	wire.CodeMalformed: ErrDamaged, wire.CodeTooLarge: ErrTooLarge, wire.CodeNotAddressed: ErrNotAddressed,
	wire.CodeStaleRoster: ErrRosterRefused, wire.CodeBadRoster: ErrRosterRefused, wire.CodeForbidden: ErrRosterRefused,
	wire.CodeUnauthorized: ErrLogin,
}

// HubError is a refusal from the hub, with its HTTP status and wire code.
// It matches ErrUnavailable (429, 5xx: retry later), ErrLogin (401) or
// ErrRefused (any other).
type HubError struct {
	Status     int
	Code       string // wire code, e.g. "unknown_signer"
	Message    string // the hub's English detail
	RetryAfter time.Duration
}

// Error returns "hub answered <status> <code>: <message>".
func (e *HubError) Error() string {
	return fmt.Sprintf("hub answered %d %s: %s", e.Status, e.Code, e.Message)
}

// Is matches the sentinel of the refusal's kind.
func (e *HubError) Is(target error) bool {
	switch target {
	case ErrUnavailable:
		return e.Temporary()
	case ErrLogin:
		return e.Status == http.StatusUnauthorized
	case ErrRefused:
		return !e.Temporary() && e.Status != http.StatusUnauthorized
	}
	return false
}

// Unwrap returns what the refusal means (ErrUntrusted, ErrDamaged, …,
// ErrUnavailable or ErrRefused).
func (e *HubError) Unwrap() error {
	if err, ok := codeErrors[e.Code]; ok && !e.Temporary() {
		return err
	}
	if e.Temporary() {
		return ErrUnavailable
	}
	return ErrRefused
}

// Temporary reports a refusal worth retrying later: the hub is busy, the
// unit's daily quota is used up (429), the body came too slowly (408).
func (e *HubError) Temporary() bool {
	return e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout || e.Status >= 500
}

// retryAfter reads a Retry-After header in seconds.
func retryAfter(h http.Header) time.Duration {
	n, err := strconv.Atoi(h.Get("Retry-After"))
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(min(n, 3600)) * time.Second
}
