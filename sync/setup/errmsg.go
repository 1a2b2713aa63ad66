package setup

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/setup", map[string]error{
		"ErrRotationPending": ErrRotationPending, "ErrLevel": ErrLevel, "ErrOutsideArea": ErrOutsideArea,
		"ErrNotAbove": ErrNotAbove, "ErrFingerprint": ErrFingerprint, "ErrNotBelow": ErrNotBelow,
		"ErrSelf": ErrSelf, "ErrNoIdentity": ErrNoIdentity, "ErrWrongRestore": ErrWrongRestore,
		"ErrLocked": ErrLocked,
	})
}
