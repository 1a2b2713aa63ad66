package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"
	"github.com/klauspost/compress/zstd"

	"sokhuyenhoc/sync/keys"
)

// zstdLevel: on realistic citizen rows (BenchmarkZstdLevels, 265 bytes of
// NDJSON a row) SpeedDefault gives 62 bytes a row at 110 MB/s,
// SpeedBetterCompression 58 bytes at 63 MB/s and SpeedBestCompression 57.7
// bytes at 11 MB/s. Better is 6-7% smaller than Default and still far faster
// than a USB stick or a mobile uplink.
const zstdLevel = zstd.SpeedBetterCompression

// Seal writes a bundle to out. The caller sets m.To, m.Seq, m.Prev, m.Created
// and optionally m.BundleID (a new UUID v7 when empty) and m.Sources; Seal
// sets the format, origin and key id from id, and, from what fill wrote, the
// counts, clock, recipients and payload fields. fill gets a PayloadWriter
// whose header is already written; it calls Table and Row, never Header or
// Close. The payload is streamed through zstd and age (to recipients, all
// X25519, plus id itself) into tmp, which is rewound first; then the
// manifest is signed and the archive written, copying the payload from tmp.
// It returns the manifest as written. The caller handles the temporary
// file, fsync, rename and read-back.
func Seal(out io.Writer, tmp io.ReadWriteSeeker, m Manifest, id *keys.Identity,
	recipients []age.Recipient, fill func(*PayloadWriter) error) (Manifest, error) {
	m, rs, err := prepare(m, id, recipients)
	if err != nil {
		return Manifest{}, err
	}
	pw, crc, err := writePayload(tmp, &m, rs, fill)
	if err != nil {
		return Manifest{}, err
	}
	m.Counts, m.Clock = pw.Counts(), pw.Clock()
	mb, err := m.Marshal()
	if err != nil {
		return Manifest{}, err
	}
	sig, err := id.Sign(mb, TrustedComment(m))
	if err != nil {
		return Manifest{}, err
	}
	if archiveSize([3]int64{int64(len(mb)), int64(len(sig)), m.Payload.Size}) > MaxFileSize {
		return Manifest{}, newErr(ErrTooLarge, NamePayload, "bundle would exceed %d bytes", MaxFileSize)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return Manifest{}, err
	}
	if err := writeArchive(out, mb, sig, tmp, m.Payload.Size, crc); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// prepare fills the fields that come from id and checks the caller's.
func prepare(m Manifest, id *keys.Identity, recipients []age.Recipient) (Manifest, []age.Recipient, error) {
	if id == nil || m.Created.IsZero() {
		return m, nil, newErr(ErrInvalid, "seal", "an identity and a created time are required")
	}
	m.Format = Format
	m.Created = m.Created.UTC().Truncate(time.Second)
	m.Origin = Origin{Ref: id.Unit, Level: id.Level, Site: id.Site}
	m.KeyID = keys.KeyIDString(id.KeyID())
	if m.BundleID == "" {
		u, err := uuid.NewV7()
		if err != nil {
			return m, nil, err
		}
		m.BundleID = u.String()
	}
	m.Recipients = nil
	var rs []age.Recipient
	for _, r := range append(slices.Clone(recipients), id.AgeRecipient()) {
		x, ok := r.(*age.X25519Recipient)
		if !ok {
			return m, nil, newErr(ErrInvalid, "seal", "recipient of type %T, want *age.X25519Recipient", r)
		}
		if !slices.Contains(m.Recipients, x.String()) {
			m.Recipients = append(m.Recipients, x.String())
			rs = append(rs, x)
		}
	}
	// Check the caller's fields now, with placeholders for the computed ones.
	probe := m
	probe.Payload = PayloadInfo{SHA256: strings.Repeat("0", 64), Size: 1, PlainSize: 1}
	return m, rs, probe.Validate()
}

// writePayload streams header, fill's rows and trailer through zstd and age
// into tmp and sets m.Payload. It returns the writer (for counts and clock)
// and the CRC-32 of the ciphertext.
func writePayload(tmp io.ReadWriteSeeker, m *Manifest, rs []age.Recipient,
	fill func(*PayloadWriter) error) (*PayloadWriter, uint32, error) {
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return nil, 0, err
	}
	h, c := sha256.New(), crc32.NewIEEE()
	cipher := &countWriter{w: io.MultiWriter(tmp, h, c), max: MaxFileSize}
	aw, err := age.Encrypt(cipher, rs...)
	if err != nil {
		return nil, 0, wrapErr(ErrInvalid, "seal", "age", err)
	}
	zw, err := zstd.NewWriter(aw, zstd.WithEncoderLevel(zstdLevel), zstd.WithEncoderConcurrency(1),
		zstd.WithWindowSize(maxWindow))
	if err != nil {
		return nil, 0, err
	}
	plain := &countWriter{w: zw, max: maxSafeInt}
	pw := NewPayloadWriter(plain)
	err = pw.Header(headerOf(*m))
	if err == nil {
		err = fill(pw)
	}
	if err == nil {
		err = pw.Close()
	}
	for _, closer := range []io.Closer{zw, aw} {
		if cerr := closer.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return nil, 0, err
	}
	m.Payload = PayloadInfo{SHA256: hex.EncodeToString(h.Sum(nil)), Size: cipher.n, PlainSize: plain.n}
	return pw, c.Sum32(), nil
}

// countWriter counts bytes written and fails with ErrTooLarge past max.
type countWriter struct {
	w   io.Writer
	n   int64
	max int64
}

// Write counts p, refusing it whole if it would pass max.
func (w *countWriter) Write(p []byte) (int, error) {
	if w.n+int64(len(p)) > w.max {
		return 0, newErr(ErrTooLarge, NamePayload, "payload over %d bytes", w.max)
	}
	n, err := w.w.Write(p)
	w.n += int64(n)
	return n, err
}

// FileName returns the bundle's file name,
// <level>-<unit code>-<seq, 6 digits>-<first 8 hex of the bundle id>.khb,
// with any character other than a-z and 0-9 in level and code replaced by
// '_' so that the name stays ASCII and safe on FAT32.
func FileName(level, unitCode string, seq int, bundleID string) string {
	id := strings.ReplaceAll(bundleID, "-", "")
	if len(id) > 8 {
		id = id[:8]
	}
	return fmt.Sprintf("%s-%s-%06d-%s.khb", safeName(level), safeName(unitCode), seq, safeName(id))
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, strings.ToLower(s))
}
