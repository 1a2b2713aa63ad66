package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"filippo.io/age"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// ErrErased reports a bundle whose kept copy was removed after a purge: it
// cannot be sent again.
var ErrErased = errors.New("exchange: the copy of that bundle was removed when a record it carried was purged")

// ScrubReport says what Scrub did to the bundle copies in the outbox.
type ScrubReport struct {
	Resealed []int64 // unsent bundles sealed again without the purged records (same numbers)
	Removed  []int64 // sent bundles whose copies were removed
}

// Scrub deals with the copies of bundles this installation keeps that
// carry a record purged since the last scrub: an unsent bundle is sealed
// again under the same number without the record's rows (and every unsent
// bundle after it, whose previous-bundle hash changed), so the level above
// still receives a whole chain; the copy of a bundle already sent is
// removed, since the level above holds it and will carry out the purge on
// it. The purge instructions themselves stay in every bundle.
func Scrub(ctx context.Context, c *Config) (ScrubReport, error) {
	var rep ScrubReport
	done, err := c.Store.Meta(ctx, store.MetaScrubbed)
	if err != nil {
		return rep, err
	}
	after, _ := strconv.ParseInt(done, 10, 64)
	marks, top, err := c.Store.PurgeMarksAfter(ctx, after)
	if err != nil || len(marks) == 0 {
		return rep, err
	}
	gone := map[string]bool{}
	for _, m := range marks {
		gone[m.ID] = true
	}
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return rep, err
	}
	bs, err := c.Store.OutBundles(ctx, 1)
	if err != nil {
		return rep, err
	}
	prev, chain := "", false
	for _, b := range bs {
		if b.File != "" {
			if err := scrubOne(ctx, c, id, b, prev, gone, &chain, &rep); err != nil {
				return rep, fmt.Errorf("bundle %d: %w", b.Seq, err)
			}
		}
		prev = b.ManifestSHA256
		if n := len(rep.Resealed); n > 0 && rep.Resealed[n-1] == b.Seq {
			prev, err = manifestHashOf(b.File)
			if err != nil {
				return rep, err
			}
		}
	}
	return rep, c.Store.SetMeta(ctx, store.MetaScrubbed, strconv.FormatInt(top, 10))
}

func scrubOne(ctx context.Context, c *Config, id *keys.Identity, b store.OutBundle, prev string,
	gone map[string]bool, chain *bool, rep *ScrubReport) error {
	raw, err := os.ReadFile(b.File)
	if errors.Is(err, os.ErrNotExist) {
		return nil // removed by hand: nothing left to scrub
	}
	if err != nil {
		return err
	}
	carries, err := carriesAny(raw, id, gone)
	if err != nil {
		return err
	}
	switch {
	case b.SentAt != "" && carries:
		if err := os.Remove(b.File); err != nil {
			return err
		}
		rep.Removed = append(rep.Removed, b.Seq)
		return c.Store.ForgetOutFile(ctx, b.Seq)
	case b.SentAt == "" && (carries || *chain):
		*chain = true
		hash, rows, err := reseal(raw, b.File, id, prev, gone)
		if err != nil {
			return err
		}
		rep.Resealed = append(rep.Resealed, b.Seq)
		return c.Store.Resealed(ctx, b.Seq, hash, rows)
	}
	return nil
}

// openOwn opens a bundle this installation made and its payload.
func openOwn(raw []byte, id *keys.Identity) (*bundle.Bundle, *bundle.PayloadReader, error) {
	b, err := bundle.Open(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, nil, err
	}
	if err := b.VerifySignature(id.Public()); err != nil {
		return nil, nil, err
	}
	if err := b.VerifyPayload(); err != nil {
		return nil, nil, err
	}
	// its own bundle, signed by its own key: the size it declares is its own
	pr, err := b.OpenPayload(id.AgeIdentity(), b.Manifest().Payload.PlainSize)
	return b, pr, err
}

// carriesAny reports whether a bundle carries a row of one of the records.
func carriesAny(raw []byte, id *keys.Identity, ids map[string]bool) (bool, error) {
	_, pr, err := openOwn(raw, id)
	if err != nil {
		return false, err
	}
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return false, pr.Close()
		}
		if err != nil {
			return false, err
		}
		if it.Row != nil && it.Table.Kind != purgeKind && ids[it.Row.ID] {
			return true, nil
		}
	}
}

// reseal writes the bundle again at path without the rows of the records
// gone, under its number, id and creation time, after prev; it returns the
// new manifest hash and row count.
func reseal(raw []byte, path string, id *keys.Identity, prev string, gone map[string]bool) (string, int64, error) {
	old, pr, err := openOwn(raw, id)
	if err != nil {
		return "", 0, err
	}
	m0 := old.Manifest()
	var rs []age.Recipient
	for _, r := range m0.Recipients {
		if r == id.AgeRecipient().String() {
			continue
		}
		x, err := age.ParseX25519Recipient(r)
		if err != nil {
			return "", 0, err
		}
		rs = append(rs, x)
	}
	m := bundle.Manifest{BundleID: m0.BundleID, Created: m0.Created, To: m0.To, Seq: m0.Seq, Prev: prev, Sources: m0.Sources}
	tmp, err := os.CreateTemp("", "khb-reseal-*.tmp")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	var rows int64
	err = writeAtomic(path, func(f *os.File) error {
		_, err := bundle.Seal(f, tmp, m, id, rs, func(pw *bundle.PayloadWriter) error {
			n, err := copyRows(pr, pw, gone)
			rows = n
			return err
		})
		return err
	})
	if err != nil {
		return "", 0, err
	}
	pub := id.Public()
	hash, err := readBack(path, &pub)
	return hash, rows, err
}

// copyRows copies the items of pr into pw but the rows of the records gone;
// a table line goes only before its first row kept.
func copyRows(pr *bundle.PayloadReader, pw *bundle.PayloadWriter, gone map[string]bool) (int64, error) {
	var n int64
	var table *bundle.Table
	written := false
	for {
		it, err := pr.Next()
		if errors.Is(err, io.EOF) {
			return n, pr.Close()
		}
		if err != nil {
			return n, err
		}
		if it.Row == nil {
			table, written = it.Table, false
			continue
		}
		if it.Table.Kind != purgeKind && gone[it.Row.ID] {
			continue
		}
		if !written {
			if err := pw.Table(*table); err != nil {
				return n, err
			}
			written = true
		}
		if err := pw.Row(*it.Row); err != nil {
			return n, err
		}
		n++
	}
}
