package receipt

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"

	"sokhuyenhoc/sync/keys"
)

// MaxFileBytes caps a receipt file and any signed document read by
// SplitDoc.
const MaxFileBytes = 4 << 20

// Signer signs a message as `minisign -S` would: a pre-hashed (ED)
// signature with a trusted comment, returned as the text of a .minisig
// file. *keys.Identity is a Signer; so is the hub's key.
type Signer interface {
	Sign(msg []byte, trustedComment string) ([]byte, error)
}

// SignDoc returns the signed form of a one-line document: doc, a newline,
// then the signature file of doc and that newline. doc must not contain a
// newline.
func SignDoc(doc []byte, s Signer, trustedComment string) ([]byte, error) {
	if len(doc) == 0 || bytes.ContainsAny(doc, "\r\n") {
		return nil, fmt.Errorf("%w: a signed document is one non-empty line", ErrMalformed)
	}
	msg := append(append([]byte{}, doc...), '\n')
	sig, err := s.Sign(msg, trustedComment)
	if err != nil {
		return nil, err
	}
	return append(msg, sig...), nil
}

// SplitDoc splits a file made by SignDoc into the signed message (the first
// line, newline included) and the signature file. It checks sizes and
// layout only.
func SplitDoc(file []byte) (msg, sig []byte, err error) {
	if len(file) > MaxFileBytes {
		return nil, nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, MaxFileBytes)
	}
	i := bytes.IndexByte(file, '\n')
	if i <= 0 || bytes.IndexByte(file[:i], '\r') >= 0 {
		return nil, nil, fmt.Errorf("%w: no document line", ErrMalformed)
	}
	msg, sig = file[:i+1], file[i+1:]
	if bytes.Count(sig, []byte("\n")) != 4 || !bytes.HasSuffix(sig, []byte("\n")) {
		return nil, nil, fmt.Errorf("%w: the signature is not four lines", ErrMalformed)
	}
	return msg, sig, nil
}

// VerifyDoc checks the signature of a file made by SignDoc with key by,
// and that its trusted comment is want(doc). It returns the document line
// without its newline. Errors: ErrTooLarge, ErrMalformed, ErrWrongKey,
// ErrBadSignature.
func VerifyDoc(file []byte, by keys.PublicKey, want func(doc []byte) (string, error)) ([]byte, error) {
	msg, sig, err := SplitDoc(file)
	if err != nil {
		return nil, err
	}
	doc := msg[:len(msg)-1]
	comment, err := want(doc)
	if err != nil {
		return nil, err
	}
	tc, err := by.Verify(msg, sig)
	switch {
	case errors.Is(err, keys.ErrWrongKey):
		return nil, fmt.Errorf("%w: %v", ErrWrongKey, err)
	case errors.Is(err, keys.ErrMalformed) || errors.Is(err, keys.ErrTooLarge):
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	case tc != comment:
		return nil, fmt.Errorf("%w: trusted comment %q does not match the document", ErrBadSignature, tc)
	}
	return doc, nil
}

// Key is a bare minisign public key (Ed25519 and a key id), such as the
// hub's, which speaks for no unit.
type Key struct {
	pub ed25519.PublicKey
	id  [8]byte
}

var b64 = base64.StdEncoding.Strict()

// ParseKey reads the base64 key line of a minisign .pub file
// ("RW…": "Ed" ‖ key id ‖ Ed25519 public key).
func ParseKey(line string) (Key, error) {
	raw, err := b64.DecodeString(line)
	if err != nil || len(raw) != 42 || string(raw[:2]) != "Ed" {
		return Key{}, fmt.Errorf("%w: %q is not a minisign public key", ErrMalformed, line)
	}
	k := Key{pub: ed25519.PublicKey(raw[10:])}
	copy(k.id[:], raw[2:10])
	return k, nil
}

// NewKey returns the key of an Ed25519 public key and a minisign key id.
func NewKey(pub ed25519.PublicKey, keyID [8]byte) Key {
	return Key{pub: append(ed25519.PublicKey(nil), pub...), id: keyID}
}

// String returns the base64 key line, as ParseKey reads it.
func (k Key) String() string {
	raw := append(append([]byte("Ed"), k.id[:]...), k.pub...)
	return b64.EncodeToString(raw)
}

// KeyID returns the key id as minisign prints it: 16 uppercase hex digits.
func (k Key) KeyID() string {
	return fmt.Sprintf("%016X", binary.LittleEndian.Uint64(k.id[:]))
}

// IsZero reports whether k holds no key.
func (k Key) IsZero() bool { return len(k.pub) == 0 }

// Public returns k as a keys.PublicKey that verifies signatures (it names
// no unit).
func (k Key) Public() keys.PublicKey { return keys.PublicKey{SignPub: k.pub, KeyID: k.id} }
