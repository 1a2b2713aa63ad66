package hub

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// ErrDamaged reports objects whose bytes are not their name, or index rows
// whose object is missing: found by Scrub, refused by Migrate.
var ErrDamaged = errors.New("hub: damaged objects or rows without their object")

// MigrateReport sums up a Migrate.
type MigrateReport struct {
	Objects int      // objects copied, each re-hashed on the way
	Bytes   int64    // their bytes
	Bundles int      // index rows copied, receipts byte-identical
	Rosters int      // rosters copied with the keys they enrol
	Notices int      // notices of approval copied
	Bad     []string // objects whose bytes are not their name: not copied
	Missing []string // rows whose object is not in the source: not copied
}

// Migrate copies a hub's storage into another (a folder and SQLite file
// into PostgreSQL and a bucket, say), the hub being stopped: every object,
// re-hashed on the way (one whose bytes are not its name is reported and
// left behind), then every index row with its ID and receipt as they are,
// each checked after the copy, then the rosters and the keys they enrol,
// then the notices of approval.
// Objects go first, rows second, so the target never holds a row without
// its object. Running it again copies nothing twice. It returns ErrDamaged
// (with the report) when anything was left behind.
func Migrate(ctx context.Context, from, to Storage, progress func(MigrateReport)) (MigrateReport, error) {
	var rep MigrateReport
	copied, err := copyObjects(ctx, from, to, &rep, progress)
	if err != nil {
		return rep, err
	}
	for after := int64(0); ; {
		rs, err := from.Bundles(ctx, after, 500)
		if err != nil || len(rs) == 0 {
			if err != nil {
				return rep, err
			}
			break
		}
		var page []Record
		for _, r := range rs {
			after = r.ID
			if !copied[r.FileSHA256] {
				rep.Missing = append(rep.Missing, r.FileSHA256)
				continue
			}
			page = append(page, r)
		}
		if len(page) == 0 {
			continue
		}
		if err := to.ImportBundles(ctx, page); err != nil {
			return rep, fmt.Errorf("bundles after %d: %w", page[0].ID-1, err)
		}
		for _, r := range page {
			got, err := to.BundleByFile(ctx, r.FileSHA256)
			if err != nil {
				return rep, fmt.Errorf("bundle %d: %w", r.ID, err)
			}
			if got.ID != r.ID || !bytes.Equal(got.Receipt, r.Receipt) {
				return rep, fmt.Errorf("bundle %d: the target holds another row for %s (ID %d)", r.ID, r.FileSHA256, got.ID)
			}
			rep.Bundles++
		}
		if progress != nil {
			progress(rep)
		}
	}
	rosters, err := from.Rosters(ctx)
	if err != nil {
		return rep, err
	}
	for _, r := range rosters {
		ks, err := from.EnrolledBy(ctx, r.Unit)
		if err != nil {
			return rep, err
		}
		if err := to.PutRoster(ctx, r, ks); err != nil && !errors.Is(err, ErrStaleRoster) {
			return rep, fmt.Errorf("roster of %s: %w", r.Unit, err)
		}
		rep.Rosters++
	}
	if err := copyNotices(ctx, from, to, &rep); err != nil {
		return rep, err
	}
	if len(rep.Bad) > 0 || len(rep.Missing) > 0 {
		return rep, fmt.Errorf("%w: %d damaged object(s), %d row(s) without their object", ErrDamaged, len(rep.Bad), len(rep.Missing))
	}
	return rep, nil
}

// copyNotices copies every notice of approval (its ID may differ: a unit
// reads its notices from the start).
func copyNotices(ctx context.Context, from, to Storage, rep *MigrateReport) error {
	for after := int64(0); ; {
		ns, err := from.Notices(ctx, "", after, 500)
		if err != nil || len(ns) == 0 {
			return err
		}
		for _, n := range ns {
			after = n.ID
			if _, err := to.AddNotice(ctx, n); err != nil {
				return fmt.Errorf("notice %d: %w", n.ID, err)
			}
			rep.Notices++
		}
	}
}

// copyWorkers is how many objects Migrate copies at once.
const copyWorkers = 8

// copyObjects copies every object of from into to, several at a time, and
// returns the names copied whole.
func copyObjects(ctx context.Context, from, to Storage, rep *MigrateReport, progress func(MigrateReport)) (map[string]bool, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex
	copied := map[string]bool{}
	names := make(chan string)
	var wg sync.WaitGroup
	for range copyWorkers {
		wg.Go(func() {
			for sha := range names {
				n, ok, err := copyObject(ctx, from, to, sha)
				mu.Lock()
				switch {
				case err != nil:
					cancel(fmt.Errorf("object %s: %w", sha, err))
				case !ok:
					rep.Bad = append(rep.Bad, sha)
				default:
					copied[sha] = true
					rep.Objects++
					rep.Bytes += n
					if progress != nil && rep.Objects%500 == 0 {
						progress(*rep)
					}
				}
				mu.Unlock()
			}
		})
	}
	err := from.Walk(ctx, func(sha string) error {
		select {
		case names <- sha:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	})
	close(names)
	wg.Wait()
	slices.Sort(rep.Bad)
	if cause := context.Cause(ctx); err == nil && cause != nil {
		err = cause
	}
	return copied, err
}

// copyObject streams one object into the target's staging while hashing
// it, and commits it only if its bytes are its name (false otherwise).
func copyObject(ctx context.Context, from Blobs, to Blobs, sha string) (int64, bool, error) {
	blob, err := from.OpenBlob(ctx, sha)
	if err != nil {
		return 0, false, err
	}
	defer blob.Close()
	st, err := to.Stage()
	if err != nil {
		return 0, false, err
	}
	defer st.Discard()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(st, h), blob)
	if err != nil {
		return n, false, err
	}
	if hex.EncodeToString(h.Sum(nil)) != sha {
		return n, false, nil
	}
	if err := st.Sync(); err != nil {
		return n, false, err
	}
	return n, true, to.Commit(ctx, st, sha)
}

// ScrubReport is what Scrub found.
type ScrubReport struct {
	Objects int      // objects re-hashed
	Bytes   int64    // their bytes
	Rows    int      // index rows checked
	Bad     []string // objects whose bytes are not their name (silent corruption)
	Missing []string // rows whose object is missing or of another size
	Orphans []string // objects no row names (a crash between the two writes; harmless)
}

// Scrub re-hashes every stored object against its name and checks every
// index row against its object. It reports and never deletes or changes
// anything; it returns ErrDamaged (with the report) when an object is bad
// or a row lacks its object.
func Scrub(ctx context.Context, st Storage, progress func(ScrubReport)) (ScrubReport, error) {
	var rep ScrubReport
	sizes := map[string]int64{}
	err := st.Walk(ctx, func(sha string) error {
		blob, err := st.OpenBlob(ctx, sha)
		if err != nil {
			return fmt.Errorf("object %s: %w", sha, err)
		}
		h := sha256.New()
		n, err := io.Copy(h, blob)
		blob.Close()
		if err != nil {
			return fmt.Errorf("object %s: %w", sha, err)
		}
		rep.Objects++
		rep.Bytes += n
		if hex.EncodeToString(h.Sum(nil)) != sha {
			rep.Bad = append(rep.Bad, sha)
		} else {
			sizes[sha] = n
		}
		if progress != nil && rep.Objects%500 == 0 {
			progress(rep)
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	named := map[string]bool{}
	for after := int64(0); ; {
		rs, err := st.Bundles(ctx, after, 1000)
		if err != nil {
			return rep, err
		}
		if len(rs) == 0 {
			break
		}
		for _, r := range rs {
			after = r.ID
			rep.Rows++
			named[r.FileSHA256] = true
			if size, ok := sizes[r.FileSHA256]; !ok && !slices.Contains(rep.Bad, r.FileSHA256) || ok && size != r.Size {
				rep.Missing = append(rep.Missing, r.FileSHA256)
			}
		}
	}
	for sha := range sizes {
		if !named[sha] {
			rep.Orphans = append(rep.Orphans, sha)
		}
	}
	slices.Sort(rep.Orphans)
	if len(rep.Bad) > 0 || len(rep.Missing) > 0 {
		return rep, fmt.Errorf("%w: %d damaged object(s), %d row(s) without their object", ErrDamaged, len(rep.Bad), len(rep.Missing))
	}
	return rep, nil
}
