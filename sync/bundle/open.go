package bundle

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
)

// entry is where an archive entry's data lies.
type entry struct {
	off     int64 // local header offset
	dataOff int64
	size    int64
	crc     uint32
}

// archive reads the fixed structure of docs/bundle-format.md §2 from r.
type archive struct {
	r    io.ReaderAt
	size int64
}

// parseArchive checks the whole structure and returns the three entries.
func parseArchive(r io.ReaderAt, size, maxSize int64) ([3]entry, error) {
	var ents [3]entry
	a := archive{r, size}
	if err := a.checkStart(maxSize); err != nil {
		return ents, err
	}
	caps := [3]int64{MaxManifestSize, MaxSignatureSize, min(maxSize, MaxFileSize)}
	var off int64
	for i := range ents {
		e, err := a.local(off, i, caps[i])
		if err != nil {
			return ents, err
		}
		ents[i], off = e, e.dataOff+e.size
	}
	cdOff := off
	for i, e := range ents {
		if err := a.central(off, i, e); err != nil {
			return ents, err
		}
		off += centralLen + int64(len(entryNames[i]))
	}
	return ents, a.end(off, cdOff)
}

// checkStart applies the size cap and looks for the local header signature.
func (a archive) checkStart(maxSize int64) error {
	if a.size <= 0 {
		return newErr(ErrNotBundle, "zip", "empty file")
	}
	if a.size > maxSize || a.size > MaxFileSize {
		return newErr(ErrTooLarge, "zip", "file of %d bytes, cap %d", a.size, min(maxSize, MaxFileSize))
	}
	b := make([]byte, min(a.size, 4))
	if err := a.readAt(b, 0, "zip"); err != nil {
		return err
	}
	if !bytes.HasPrefix([]byte("PK\x03\x04"), b) {
		return newErr(ErrNotBundle, "zip", "no ZIP local header at offset 0")
	}
	if a.size < 4 {
		return newErr(ErrTruncated, "zip", "file of %d bytes", a.size)
	}
	return nil
}

// readAt fills b from off, or reports ErrTruncated if the file is shorter.
func (a archive) readAt(b []byte, off int64, part string) error {
	if off+int64(len(b)) > a.size {
		return newErr(ErrTruncated, part, "needs bytes %d..%d of a %d-byte file", off, off+int64(len(b)), a.size)
	}
	if n, err := a.r.ReadAt(b, off); n < len(b) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("bundle: reading %s at %d: %w", part, off, err)
	}
	return nil
}

// local reads and checks entry i's local header at off.
func (a archive) local(off int64, i int, sizeCap int64) (entry, error) {
	name, part := entryNames[i], entryNames[i]+" local header"
	h := make([]byte, localLen)
	if err := a.readAt(h, off, part); err != nil {
		return entry{}, err
	}
	le := binary.LittleEndian
	if le.Uint32(h) != sigLocal {
		return entry{}, newErr(ErrMalformed, part, "no local header at offset %d", off)
	}
	if int(le.Uint16(h[26:])) != len(name) {
		return entry{}, newErr(ErrMalformed, part, "entry name length %d, want %q", le.Uint16(h[26:]), name)
	}
	if err := a.checkName(off+localLen, name, part); err != nil {
		return entry{}, err
	}
	csize, usize := int64(le.Uint32(h[18:])), int64(le.Uint32(h[22:]))
	if csize > sizeCap || usize > sizeCap {
		return entry{}, newErr(ErrTooLarge, part, "declared size %d/%d, cap %d", csize, usize, sizeCap)
	}
	ok := le.Uint16(h[4:]) == zipVersion && le.Uint16(h[6:]) == 0 && le.Uint16(h[8:]) == 0 &&
		le.Uint16(h[10:]) == dosTime && le.Uint16(h[12:]) == dosDate &&
		csize == usize && usize > 0 && le.Uint16(h[28:]) == 0
	if !ok {
		return entry{}, newErr(ErrMalformed, part, "a field differs from the fixed layout (version 20, no flags, stored, fixed time, no extra)")
	}
	e := entry{off: off, dataOff: off + localLen + int64(len(name)), size: usize, crc: le.Uint32(h[14:])}
	if e.dataOff+e.size > a.size {
		return entry{}, newErr(ErrTruncated, name, "data ends at %d, file at %d", e.dataOff+e.size, a.size)
	}
	return e, nil
}

func (a archive) checkName(off int64, name, part string) error {
	b := make([]byte, len(name))
	if err := a.readAt(b, off, part); err != nil {
		return err
	}
	if string(b) != name {
		return newErr(ErrMalformed, part, "entry name %q, want %q", b, name)
	}
	return nil
}

// central reads and checks entry i's central directory header at off
// against its local header.
func (a archive) central(off int64, i int, e entry) error {
	name, part := entryNames[i], entryNames[i]+" central header"
	h := make([]byte, centralLen)
	if err := a.readAt(h, off, part); err != nil {
		return err
	}
	le := binary.LittleEndian
	want := []uint64{sigCentral, creatorVersion, zipVersion, 0, 0, dosTime, dosDate, uint64(e.crc),
		uint64(e.size), uint64(e.size), uint64(len(name)), 0, 0, 0, 0, externalAttrs, uint64(e.off)}
	got := []uint64{uint64(le.Uint32(h)), uint64(le.Uint16(h[4:])), uint64(le.Uint16(h[6:])),
		uint64(le.Uint16(h[8:])), uint64(le.Uint16(h[10:])), uint64(le.Uint16(h[12:])),
		uint64(le.Uint16(h[14:])), uint64(le.Uint32(h[16:])), uint64(le.Uint32(h[20:])),
		uint64(le.Uint32(h[24:])), uint64(le.Uint16(h[28:])), uint64(le.Uint16(h[30:])),
		uint64(le.Uint16(h[32:])), uint64(le.Uint16(h[34:])), uint64(le.Uint16(h[36:])),
		uint64(le.Uint32(h[38:])), uint64(le.Uint32(h[42:]))}
	for j := range want {
		if got[j] != want[j] {
			return newErr(ErrMalformed, part, "field %d is %#x, want %#x", j, got[j], want[j])
		}
	}
	return a.checkName(off+centralLen, name, part)
}

// end reads and checks the end of central directory record at off, which
// must close the file.
func (a archive) end(off, cdOff int64) error {
	h := make([]byte, endLen)
	if err := a.readAt(h, off, "end record"); err != nil {
		return err
	}
	le := binary.LittleEndian
	ok := le.Uint32(h) == sigEnd && le.Uint16(h[4:]) == 0 && le.Uint16(h[6:]) == 0 &&
		le.Uint16(h[8:]) == 3 && le.Uint16(h[10:]) == 3 &&
		int64(le.Uint32(h[12:])) == off-cdOff && int64(le.Uint32(h[16:])) == cdOff && le.Uint16(h[20:]) == 0
	if !ok {
		return newErr(ErrMalformed, "end record", "differs from the fixed layout")
	}
	if off+endLen != a.size {
		return newErr(ErrMalformed, "zip", "%d bytes after the end record", a.size-off-endLen)
	}
	return nil
}

// readEntry reads a small entry whole and checks its CRC-32.
func (a archive) readEntry(e entry, name string) ([]byte, error) {
	b := make([]byte, e.size)
	if err := a.readAt(b, e.dataOff, name); err != nil {
		return nil, err
	}
	if crc32.ChecksumIEEE(b) != e.crc {
		return nil, newErr(ErrMalformed, name, "CRC-32 mismatch")
	}
	return b, nil
}
