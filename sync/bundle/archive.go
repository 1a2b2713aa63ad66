package bundle

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
)

// Entry names, in archive order.
const (
	NameManifest  = "manifest.json"
	NameSignature = "manifest.json.minisig"
	NamePayload   = "payload.age"
)

var entryNames = [3]string{NameManifest, NameSignature, NamePayload}

// The fixed values of every ZIP header field (docs/bundle-format.md §2).
const (
	sigLocal       = 0x04034b50
	sigCentral     = 0x02014b50
	sigEnd         = 0x06054b50
	localLen       = 30
	centralLen     = 46
	endLen         = 22
	zipVersion     = 20
	creatorVersion = 3<<8 | zipVersion // Unix, 2.0
	dosTime        = 0x0000
	dosDate        = 0x0021 // 1980-01-01
	externalAttrs  = 0o100644 << 16
)

// archiveSize returns the size of a bundle whose entries have these sizes.
func archiveSize(sizes [3]int64) int64 {
	n := int64(endLen)
	for i, s := range sizes {
		n += localLen + centralLen + 2*int64(len(entryNames[i])) + s
	}
	return n
}

// writeArchive writes the three entries with archive/zip's CreateRaw: stored,
// sizes and CRC-32 given up front, no data descriptor, no extra field.
func writeArchive(out io.Writer, manifest, sig []byte, payload io.Reader, payloadSize int64, payloadCRC uint32) error {
	zw := zip.NewWriter(out)
	entries := []struct {
		data io.Reader
		size int64
		crc  uint32
	}{
		{bytes.NewReader(manifest), int64(len(manifest)), crc32.ChecksumIEEE(manifest)},
		{bytes.NewReader(sig), int64(len(sig)), crc32.ChecksumIEEE(sig)},
		{io.LimitReader(payload, payloadSize), payloadSize, payloadCRC},
	}
	for i, e := range entries {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: entryNames[i], ReaderVersion: zipVersion, CreatorVersion: creatorVersion,
			Method: zip.Store, ModifiedTime: dosTime, ModifiedDate: dosDate,
			CRC32: e.crc, CompressedSize64: uint64(e.size), UncompressedSize64: uint64(e.size),
			ExternalAttrs: externalAttrs,
		})
		if err != nil {
			return err
		}
		n, err := io.Copy(w, e.data)
		if err != nil {
			return err
		}
		if n != e.size {
			return newErr(ErrInvalid, entryNames[i], "wrote %d bytes, want %d", n, e.size)
		}
	}
	return zw.Close()
}
