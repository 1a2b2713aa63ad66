package upload

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/upload", map[string]error{
		"ErrNothingToAck": ErrNothingToAck, "ErrNotOurs": ErrNotOurs, "ErrUnknownIssuer": ErrUnknownIssuer,
		"ErrNoHub": ErrNoHub, "ErrUnavailable": ErrUnavailable, "ErrRefused": ErrRefused, "ErrLogin": ErrLogin,
		"ErrBadReceipt": ErrBadReceipt, "ErrHubKeyChanged": ErrHubKeyChanged, "ErrBadDownload": ErrBadDownload,
		"ErrUntrusted": ErrUntrusted, "ErrDamaged": ErrDamaged, "ErrTooLarge": ErrTooLarge,
		"ErrNotAddressed": ErrNotAddressed, "ErrRosterRefused": ErrRosterRefused,
	})
}
