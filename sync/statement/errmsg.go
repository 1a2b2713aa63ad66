package statement

import "sokhuyenhoc/data/msg"

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too.
func init() {
	msg.Sentinels("sync/statement", map[string]error{
		"ErrMalformed": ErrMalformed, "ErrBadSignature": ErrBadSignature, "ErrWrongKey": ErrWrongKey,
	})
}
