package bundle

import (
	"errors"

	"filippo.io/age"

	"sokhuyenhoc/data/msg"
)

// People read this package's errors as the sentences data/msg keys by these
// sentinels (assets/i18n/errors); a new sentinel is added here too. age's
// refusal of a key (or a passphrase) that does not open a file is a cause.
func init() {
	msg.Sentinels("sync/bundle", map[string]error{
		"ErrNotBundle": ErrNotBundle, "ErrTruncated": ErrTruncated, "ErrMalformed": ErrMalformed,
		"ErrUnsupported": ErrUnsupported, "ErrTooLarge": ErrTooLarge, "ErrBadSignature": ErrBadSignature,
		"ErrWrongKey": ErrWrongKey, "ErrPayloadHash": ErrPayloadHash, "ErrNotRecipient": ErrNotRecipient,
		"ErrDecrypt": ErrDecrypt, "ErrPayloadMismatch": ErrPayloadMismatch, "ErrNotVerified": ErrNotVerified,
		"ErrInvalid": ErrInvalid,
	})
	msg.Cause("age.NoIdentityMatch", func(err error) bool {
		var nm *age.NoIdentityMatchError
		return errors.As(err, &nm) || errors.Is(err, age.ErrIncorrectIdentity)
	}, nil)
}
