package receipt

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"aead.dev/minisign"

	"sokhuyenhoc/sync/keys"
)

// SecretKey is a bare minisign secret key that speaks for no unit: the
// hub's. Its file form is an unencrypted minisign secret key, and its
// signatures are pre-hashed (ED), as keys.Identity makes them.
type SecretKey struct {
	priv minisign.PrivateKey
}

// GenerateSecretKey makes a new key from crypto/rand.
func GenerateSecretKey() (SecretKey, error) {
	_, priv, err := minisign.GenerateKey(nil)
	if err != nil {
		return SecretKey{}, err
	}
	return SecretKey{priv: priv}, nil
}

// ParseSecretKey reads a secret key file written by Marshal.
func ParseSecretKey(text []byte) (SecretKey, error) {
	var k SecretKey
	if err := k.priv.UnmarshalText(bytes.TrimSpace(text)); err != nil {
		return SecretKey{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return k, nil
}

// Marshal returns the unencrypted minisign secret key file.
func (k SecretKey) Marshal() []byte {
	b, _ := k.priv.MarshalText()
	return append(b, '\n')
}

// Public returns the public key.
func (k SecretKey) Public() Key {
	pub := k.priv.Public().(minisign.PublicKey)
	key, err := ParseKey(pub.String())
	if err != nil {
		panic(err) // minisign writes the form ParseKey reads
	}
	return key
}

// Sign signs msg with a pre-hashed (ED) signature and the trusted comment,
// returning a .minisig file that keys.PublicKey.Verify and stock
// `minisign -V` accept.
func (k SecretKey) Sign(msg []byte, trustedComment string) ([]byte, error) {
	if len(trustedComment) > keys.MaxCommentBytes || strings.ContainsAny(trustedComment, "\r\n") {
		return nil, fmt.Errorf("%w: trusted comment", ErrMalformed)
	}
	r := minisign.NewReader(bytes.NewReader(msg))
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, err
	}
	return r.SignWithComments(k.priv, trustedComment, keys.SignatureComment), nil
}
