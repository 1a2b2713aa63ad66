package exchange

import (
	"fmt"
	"io"
	"os"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
)

// writeAtomic writes path through path.partial (data/atomicfile): a crash
// or a pulled stick leaves at most a .partial file, never a truncated
// bundle under its real name.
func writeAtomic(path string, write func(*os.File) error) error {
	return atomicfile.Write(path, 0o600, write)
}

// copyData copies a bundle to its destination; tests replace it to pull
// the stick out after some bytes.
var copyData = io.Copy

// copyVerified copies a bundle to dst atomically and reads the copy back:
// its manifest must hash to want and its payload must match the manifest.
// A bundle already at dst with the same bytes is left as it is (bundles are
// never overwritten).
func copyVerified(src, dst, want string) error {
	if h, err := manifestHashOf(dst); err == nil && h == want {
		return nil
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("%w: %s exists with other content", ErrVerifyCopy, dst)
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := writeAtomic(dst, func(f *os.File) error { _, err := copyData(f, in); return err }); err != nil {
		return err
	}
	h, err := manifestHashOf(dst)
	if err != nil || h != want {
		os.Remove(dst)
		return fmt.Errorf("%w: %s: %v", ErrVerifyCopy, dst, err)
	}
	return nil
}

// manifestHashOf opens a bundle strictly, checks its payload against its
// manifest and returns the manifest's hash.
func manifestHashOf(path string) (string, error) { return readBack(path, nil) }

// readBack reads a bundle file back: strict structure, the signature by pub
// when given, the payload's hash. It returns the manifest's hash.
func readBack(path string, pub *keys.PublicKey) (string, error) {
	f, err := openRegular(path, "")
	if err != nil {
		return "", err
	}
	defer f.f.Close()
	b, err := bundle.Open(f.f, f.size)
	if err != nil {
		return "", err
	}
	if pub != nil {
		if err := b.VerifySignature(*pub); err != nil {
			return "", err
		}
	}
	if err := b.VerifyPayload(); err != nil {
		return "", err
	}
	return bundle.ManifestHashHex(b.ManifestBytes()), nil
}
