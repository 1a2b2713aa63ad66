package keys

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/blake2b"
)

// The minisign wire format (https://jedisct1.github.io/minisign/): a public
// key is "Ed" ‖ key id ‖ Ed25519 public key; a signature is "ED" ‖ key id ‖
// Ed25519(BLAKE2b-512(message)), followed by a trusted comment and its own
// signature Ed25519(signature ‖ trusted comment). Implemented here on
// crypto/ed25519 and x/crypto/blake2b because aead.dev/minisign derives the
// key id from the public key and cannot build a private key from a stored
// seed and key id.

const (
	algPublic   = "Ed" // minisign public key algorithm
	algPrehash  = "ED" // pre-hashed Ed25519 signature
	maxSigBytes = 4 << 10

	untrustedPrefix = "untrusted comment: "
	trustedPrefix   = "trusted comment: "

	// SignatureComment is the untrusted comment of every signature this
	// package makes; it is what stock minisign writes too.
	SignatureComment = "signature from minisign secret key"
)

var b64 = base64.StdEncoding.Strict()

// keyIDHex formats a key id as minisign prints it: the 8 bytes read as a
// little-endian integer, 16 uppercase hex digits.
func keyIDHex(id [8]byte) string {
	return fmt.Sprintf("%016X", binary.LittleEndian.Uint64(id[:]))
}

// KeyIDString formats a key id as minisign prints it: 16 uppercase hex
// digits of the little-endian integer (the manifest's key_id).
func KeyIDString(id [8]byte) string { return keyIDHex(id) }

// signBlob returns "ED" ‖ keyID ‖ Ed25519(BLAKE2b-512(msg)).
func signBlob(sk ed25519.PrivateKey, keyID [8]byte, msg []byte) []byte {
	h := blake2b.Sum512(msg)
	out := make([]byte, 0, 74)
	out = append(out, algPrehash...)
	out = append(out, keyID[:]...)
	return append(out, ed25519.Sign(sk, h[:])...)
}

// verifyBlob checks a 74-byte signature blob made by signBlob.
func verifyBlob(pub ed25519.PublicKey, keyID [8]byte, msg, blob []byte) error {
	if len(blob) != 74 || string(blob[:2]) != algPrehash {
		return fmt.Errorf("%w: signature is not a pre-hashed Ed25519 (ED) signature", ErrMalformed)
	}
	if !bytes.Equal(blob[2:10], keyID[:]) {
		var got [8]byte
		copy(got[:], blob[2:10])
		return fmt.Errorf("%w: key id %s, want %s", ErrWrongKey, keyIDHex(got), keyIDHex(keyID))
	}
	h := blake2b.Sum512(msg)
	if !ed25519.Verify(pub, h[:], blob[10:]) {
		return ErrBadSignature
	}
	return nil
}

// checkComment validates a trusted comment.
func checkComment(c string) error {
	if len(c) > MaxCommentBytes {
		return fmt.Errorf("%w: comment longer than %d bytes", ErrInvalid, MaxCommentBytes)
	}
	if err := checkText(c); err != nil {
		return fmt.Errorf("%w: comment: %v", ErrInvalid, err)
	}
	return nil
}

// encodeSigFile builds the four-line minisign signature file.
func encodeSigFile(sk ed25519.PrivateKey, keyID [8]byte, msg []byte, trusted string) []byte {
	blob := signBlob(sk, keyID, msg)
	global := ed25519.Sign(sk, append(blob[10:74:74], trusted...))
	var b strings.Builder
	b.WriteString(untrustedPrefix + SignatureComment + "\n")
	b.WriteString(b64.EncodeToString(blob) + "\n")
	b.WriteString(trustedPrefix + trusted + "\n")
	b.WriteString(b64.EncodeToString(global) + "\n")
	return []byte(b.String())
}

// sigFile is a parsed minisign signature file.
type sigFile struct {
	untrusted, trusted string
	blob, global       []byte
}

// parseSigFile parses a signature file strictly: four lines ending in "\n",
// no "\r", canonical base64.
func parseSigFile(b []byte) (sigFile, error) {
	if len(b) > maxSigBytes {
		return sigFile{}, fmt.Errorf("%w: signature file over %d bytes", ErrTooLarge, maxSigBytes)
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) != 5 || lines[4] != "" {
		return sigFile{}, fmt.Errorf("%w: signature file is not 4 lines", ErrMalformed)
	}
	var s sigFile
	var ok1, ok2 bool
	s.untrusted, ok1 = strings.CutPrefix(lines[0], untrustedPrefix)
	s.trusted, ok2 = strings.CutPrefix(lines[2], trustedPrefix)
	if !ok1 || !ok2 || checkText(s.untrusted) != nil || checkText(s.trusted) != nil {
		return sigFile{}, fmt.Errorf("%w: bad comment line in signature file", ErrMalformed)
	}
	var err1, err2 error
	s.blob, err1 = b64.DecodeString(lines[1])
	s.global, err2 = b64.DecodeString(lines[3])
	if err1 != nil || err2 != nil || len(s.blob) != 74 || len(s.global) != ed25519.SignatureSize {
		return sigFile{}, fmt.Errorf("%w: bad signature line", ErrMalformed)
	}
	return s, nil
}

// verifySigFile verifies a signature file over msg and returns its trusted
// comment.
func verifySigFile(pub ed25519.PublicKey, keyID [8]byte, msg, b []byte) (string, error) {
	s, err := parseSigFile(b)
	if err != nil {
		return "", err
	}
	if err := verifyBlob(pub, keyID, msg, s.blob); err != nil {
		return "", err
	}
	signed := append(append([]byte{}, s.blob[10:]...), s.trusted...)
	if !ed25519.Verify(pub, signed, s.global) {
		return "", fmt.Errorf("%w: trusted comment", ErrBadSignature)
	}
	return s.trusted, nil
}

// encodePublicKey returns the base64 minisign public key line.
func encodePublicKey(pub ed25519.PublicKey, keyID [8]byte) string {
	raw := make([]byte, 0, 42)
	raw = append(raw, algPublic...)
	raw = append(raw, keyID[:]...)
	return b64.EncodeToString(append(raw, pub...))
}

// decodePublicKey parses the base64 minisign public key line.
func decodePublicKey(s string) (ed25519.PublicKey, [8]byte, error) {
	var id [8]byte
	raw, err := b64.DecodeString(s)
	if err != nil || len(raw) != 42 || string(raw[:2]) != algPublic {
		return nil, id, fmt.Errorf("%w: minisign public key %s", ErrMalformed, strconv.Quote(s))
	}
	copy(id[:], raw[2:10])
	return ed25519.PublicKey(raw[10:]), id, nil
}
