package hub

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/hub", map[string]error{
		"ErrUnknownSigner": ErrUnknownSigner, "ErrNotAddressed": ErrNotAddressed, "ErrStaleRoster": ErrStaleRoster,
		"ErrUnauthorized": ErrUnauthorized, "ErrNotFound": ErrNotFound, "ErrNoDir": ErrNoDir,
		"ErrNewerIndex": ErrNewerIndex, "ErrNonceUsed": ErrNonceUsed, "ErrQuota": ErrQuota,
		"ErrTooSlow": ErrTooSlow, "ErrNotOrigin": ErrNotOrigin, "ErrUnitBusy": ErrUnitBusy,
		"ErrDamaged": ErrDamaged, "ErrBadNotice": ErrBadNotice,
	})
}
