package upload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/hub/wire"
)

// Inbox lists every bundle the hub holds for the logged-in unit, oldest
// first.
func (c *Client) Inbox(ctx context.Context) ([]wire.Entry, error) {
	var all []wire.Entry
	after := int64(0)
	for {
		var page wire.Inbox
		path := wire.PathInbox + "?after=" + strconv.FormatInt(after, 10)
		if err := c.call(ctx, http.MethodGet, path, nil, &page, true); err != nil {
			return all, err
		}
		all = append(all, page.Bundles...)
		if page.Next <= after {
			return all, nil
		}
		after = page.Next
	}
}

// Download fetches a listed bundle into dir under its usual file name,
// through a .partial file: its bytes must hash to the listed address and
// it must open strictly, with a payload that matches its manifest, whose
// hash is the one listed. A file already there with the right bytes is
// kept. It returns the file's path.
func (c *Client) Download(ctx context.Context, e wire.Entry, dir string) (string, error) {
	_, code, ok := strings.Cut(e.Origin, ":")
	if !ok || !isHex64(e.FileSHA256) || e.Size < 1 {
		return "", fmt.Errorf("%w: entry %+v", ErrBadDownload, e)
	}
	path := filepath.Join(dir, bundle.FileName(e.Level, code, int(e.Seq), e.BundleID))
	if err := checkFile(path, e); err == nil {
		return path, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	resp, err := c.request(ctx, http.MethodGet, wire.PathInbox+"/"+e.FileSHA256, nil, 0, true)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var bad error // the bytes arrived but are not the bundle listed
	err = atomicfile.Write(path, 0o600, func(f *os.File) error {
		if _, err := io.Copy(f, io.LimitReader(resp.Body, e.Size+1)); err != nil {
			return err
		}
		bad = checkFile(f.Name(), e)
		return bad
	})
	switch {
	case bad != nil:
		return "", bad
	case err != nil:
		return "", fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return path, nil
}

// checkFile checks a downloaded file against its listing.
func checkFile(path string, e wire.Entry) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return err
	}
	if hex.EncodeToString(sum.Sum(nil)) != e.FileSHA256 {
		return fmt.Errorf("%w: %s has other bytes", ErrBadDownload, filepath.Base(path))
	}
	bd, err := bundle.Open(f, n)
	if err == nil {
		err = bd.VerifyPayload()
	}
	if err != nil || bundle.ManifestHashHex(bd.ManifestBytes()) != e.ManifestSHA256 {
		return fmt.Errorf("%w: %s: %v", ErrBadDownload, filepath.Base(path), err)
	}
	return nil
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}
