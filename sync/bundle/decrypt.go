package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"maps"
	"slices"

	"filippo.io/age"
	"github.com/klauspost/compress/zstd"
)

// maxWindow caps the zstd window a payload may ask the decoder for.
const maxWindow = 8 << 20

// OpenPayload decrypts and decompresses the payload for reading, after
// VerifySignature and VerifyPayload succeeded (else ErrNotVerified). id must
// be one of the manifest's recipients (else ErrNotRecipient). The plaintext
// is capped at min(maxPlain, plain_size) bytes (ErrTooLarge). The header line
// is read and checked against the manifest (ErrPayloadMismatch). Errors while
// reading come from PayloadReader.Next; it returns io.EOF only when the whole
// payload was read and matched the manifest (hash again, plain size, counts,
// clock). Close the reader when done.
func (b *Bundle) OpenPayload(id *age.X25519Identity, maxPlain int64) (*PayloadReader, error) {
	m := b.manifest
	switch {
	case !b.sigOK || !b.payloadOK:
		return nil, newErr(ErrNotVerified, NamePayload, "verify the signature and the payload first")
	case id == nil:
		return nil, newErr(ErrInvalid, NamePayload, "no identity")
	case !slices.Contains(m.Recipients, id.Recipient().String()):
		return nil, newErr(ErrNotRecipient, NamePayload, "%s is not a recipient", id.Recipient())
	case maxPlain < m.Payload.PlainSize:
		return nil, newErr(ErrTooLarge, NamePayload, "plain_size %d, cap %d", m.Payload.PlainSize, maxPlain)
	}
	e := b.ents[2]
	cipher := &hashReader{r: io.NewSectionReader(b.a.r, e.dataOff, e.size), h: sha256.New()}
	ar, err := age.Decrypt(cipher, id)
	if err != nil {
		return nil, wrapErr(ErrDecrypt, NamePayload, "age header", err)
	}
	src := &ageReader{r: ar}
	dec, err := zstd.NewReader(src, zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxWindow(maxWindow), zstd.WithDecoderMaxMemory(maxWindow))
	if err != nil {
		return nil, wrapErr(ErrInvalid, NamePayload, "zstd", err)
	}
	plain := &capReader{r: &zstdReader{dec: dec, src: src}, max: m.Payload.PlainSize}
	pr, err := NewPayloadReader(plain)
	if err != nil {
		dec.Close()
		return nil, err
	}
	if pr.header != headerOf(m) {
		dec.Close()
		return nil, newErr(ErrPayloadMismatch, "payload header", "bundle id, origin or seq differ from the manifest's")
	}
	pr.close = dec.Close
	pr.finish = func(pr *PayloadReader) error { return finishChecks(pr, m, src, plain, cipher) }
	return pr, nil
}

// finishChecks runs once the trailer was read: the rest of the age stream is
// empty and authenticated, the ciphertext hashes again to the manifest's
// value, and the plaintext agrees with the manifest.
func finishChecks(pr *PayloadReader, m Manifest, src *ageReader, plain *capReader, cipher *hashReader) error {
	if n, err := io.Copy(io.Discard, src); err != nil || n > 0 {
		return wrapErr(ErrMalformed, NamePayload, "data after the zstd frame", err)
	}
	if cipher.n != m.Payload.Size || hex.EncodeToString(cipher.h.Sum(nil)) != m.Payload.SHA256 {
		return newErr(ErrPayloadHash, NamePayload, "payload changed while it was read")
	}
	if plain.n != m.Payload.PlainSize {
		return newErr(ErrPayloadMismatch, "payload", "%d plaintext bytes, plain_size %d", plain.n, m.Payload.PlainSize)
	}
	if !countsEqual(pr.kinds, m.Counts) {
		return newErr(ErrPayloadMismatch, "payload", "rows per kind %v, counts %v", pr.kinds, m.Counts)
	}
	if pr.clock != m.Clock {
		return newErr(ErrPayloadMismatch, "payload", "rows span clock %v, manifest %v", pr.clock, m.Clock)
	}
	return nil
}

// countsEqual compares counts, a missing kind counting as 0.
func countsEqual(a, b map[string]int64) bool {
	for _, k := range slices.Concat(slices.Collect(maps.Keys(a)), slices.Collect(maps.Keys(b))) {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// hashReader hashes and counts what is read through it.
type hashReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

// Read reads from the underlying reader, hashing and counting.
func (r *hashReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.h.Write(p[:n])
	r.n += int64(n)
	return n, err
}

// ageReader turns age's errors into ErrTruncated (the stream ends before
// its final chunk) or ErrDecrypt, and remembers them.
type ageReader struct {
	r   io.Reader
	err error
}

// Read reads plaintext from age, mapping its errors.
func (r *ageReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
		return n, err
	case errors.Is(err, io.ErrUnexpectedEOF):
		r.err = wrapErr(ErrTruncated, NamePayload, "age stream ends before its final chunk", err)
	default:
		r.err = wrapErr(ErrDecrypt, NamePayload, "age stream", err)
	}
	return n, r.err
}

// zstdReader maps the decoder's errors to sentinels, preferring the age
// error that caused them.
type zstdReader struct {
	dec *zstd.Decoder
	src *ageReader
}

// Read reads decompressed bytes, mapping the decoder's errors.
func (r *zstdReader) Read(p []byte) (int, error) {
	n, err := r.dec.Read(p)
	switch {
	case err == nil || err == io.EOF:
		return n, err
	case r.src.err != nil:
		return n, r.src.err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return n, wrapErr(ErrTruncated, NamePayload, "zstd frame cut short", err)
	case errors.Is(err, zstd.ErrWindowSizeExceeded), errors.Is(err, zstd.ErrDecoderSizeExceeded):
		return n, wrapErr(ErrTooLarge, NamePayload, "zstd window", err)
	}
	return n, wrapErr(ErrMalformed, NamePayload, "zstd", err)
}

// capReader fails with ErrTooLarge once more than max bytes came through.
type capReader struct {
	r   io.Reader
	n   int64
	max int64
}

// Read reads at most one byte past the cap, then fails.
func (r *capReader) Read(p []byte) (int, error) {
	if int64(len(p)) > r.max-r.n+1 {
		p = p[:r.max-r.n+1]
	}
	n, err := r.r.Read(p)
	r.n += int64(n)
	if r.n > r.max {
		return 0, newErr(ErrTooLarge, "payload", "plaintext over %d bytes", r.max)
	}
	return n, err
}
