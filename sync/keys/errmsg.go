package keys

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/keys", map[string]error{
		"ErrInvalid": ErrInvalid, "ErrMalformed": ErrMalformed, "ErrUnsupported": ErrUnsupported,
		"ErrTooLarge": ErrTooLarge, "ErrBadSelfSignature": ErrBadSelfSignature, "ErrBadSignature": ErrBadSignature,
		"ErrWrongKey": ErrWrongKey, "ErrUnitMismatch": ErrUnitMismatch,
		"ErrPassphrase": ErrPassphrase, "ErrWeakPassphrase": ErrWeakPassphrase, "ErrNotSealed": ErrNotSealed,
	})
}
