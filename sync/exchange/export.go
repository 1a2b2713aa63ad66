package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"filippo.io/age"
	"github.com/google/uuid"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// Written is a bundle copied to the target folder.
type Written struct {
	Seq    int64
	Path   string
	Rows   int64
	Resent bool // made earlier, not delivered then, sent now
}

// Export delivers to dir every bundle made earlier and never delivered,
// then makes bundles of the changes since the last one (split every
// MaxRows rows) and delivers them. A bundle counts as sent only once its
// copy in dir was synced, renamed and read back intact: a stick pulled out
// mid-write leaves it unsent, and the next export sends the same bytes
// again. ErrNothing when there was nothing to send.
func Export(ctx context.Context, c *Config, dir string) ([]Written, error) {
	var out []Written
	unsent, err := c.Store.Unsent(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range unsent {
		w, err := deliver(ctx, c, b, dir)
		if err != nil {
			return out, err
		}
		w.Resent = true
		out = append(out, w)
	}
	made, err := Make(ctx, c)
	if errors.Is(err, ErrNothing) && len(out) > 0 {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	for _, b := range made {
		w, err := deliver(ctx, c, b, dir)
		if err != nil {
			return out, err
		}
		out = append(out, w)
	}
	return out, nil
}

// Resend copies the bundles from seq on to dir again, byte for byte, for a
// stick that was lost.
func Resend(ctx context.Context, c *Config, dir string, fromSeq int64) ([]Written, error) {
	bs, err := c.Store.OutBundles(ctx, fromSeq)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 || bs[0].Seq != fromSeq {
		return nil, fmt.Errorf("%w: %d", ErrNoSuchSeq, fromSeq)
	}
	var out []Written
	for _, b := range bs {
		w, err := deliver(ctx, c, b, dir)
		if err != nil {
			return out, err
		}
		w.Resent = true
		out = append(out, w)
	}
	return out, nil
}

func deliver(ctx context.Context, c *Config, b store.OutBundle, dir string) (Written, error) {
	if b.File == "" {
		return Written{}, fmt.Errorf("%w: %d", ErrErased, b.Seq) // scrub.go
	}
	src := b.File
	if _, err := os.Stat(src); err != nil {
		// Recorded by an older version relative to the working directory
		// of the time: the outbox keeps it under its name.
		src = filepath.Join(c.Outbox, filepath.Base(b.File))
	}
	dst := filepath.Join(dir, filepath.Base(b.File))
	if err := copyVerified(src, dst, b.ManifestSHA256); err != nil {
		return Written{}, err
	}
	if err := c.Store.MarkSent(ctx, b.Seq); err != nil {
		return Written{}, err
	}
	return Written{Seq: b.Seq, Path: dst, Rows: b.Rows}, nil
}

// sender is what making bundles needs to know about this installation.
type sender struct {
	id         *keys.Identity
	to         units.Ref
	recipients []age.Recipient
	level      string
}

func loadSender(ctx context.Context, c *Config) (*sender, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return nil, err
	}
	up, err := c.Store.Upstream(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoUpstream
	}
	if err != nil {
		return nil, err
	}
	upKey, err := keys.ParsePublic(up.KHKey)
	if err != nil {
		return nil, err
	}
	r, err := upKey.Recipient()
	if err != nil {
		return nil, err
	}
	return &sender{id: id, to: upKey.Unit, level: id.Level,
		recipients: []age.Recipient{r, id.AgeRecipient()}}, nil
}

// Make writes bundles of every change since the last bundle into the
// outbox and records them as made (not yet sent). ErrNothing when no
// record changed.
func Make(ctx context.Context, c *Config) ([]store.OutBundle, error) {
	s, err := loadSender(ctx, c)
	if err != nil {
		return nil, err
	}
	last, err := c.Store.LastOut(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := c.Store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	total, err := countChanged(snap, last.LseqTo)
	if err != nil {
		return nil, err
	}
	rot, err := setup.PendingRotation(ctx, c.Store)
	if err != nil {
		return nil, err
	}
	var head *sourced
	if rot != nil {
		h := rotationRow(rot, s.id.Unit.String(), s.id.Site)
		head, total = &h, total+1
	}
	proj, tail, err := newProjector(c, snap, s.level, last.LseqTo)
	if err != nil {
		return nil, err
	}
	stmts, err := statementRows(snap, last.LseqTo, s.id.Site) // after every record (docs/submissions.md)
	if err != nil {
		return nil, err
	}
	tail = append(tail, stmts...)
	total += int64(len(tail))
	if total == 0 {
		return nil, ErrNothing
	}
	in, err := c.Store.LedgerSources(ctx, last.LseqTo, snap.Lseq)
	if err != nil {
		return nil, err
	}
	sources, err := sourcesOf(in)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.Outbox, 0o700); err != nil {
		return nil, err
	}
	CleanOutbox(c.Outbox)
	src := newRowSource(ctx, snap, last.LseqTo, proj, head, tail)
	defer src.stop()
	made, err := makeParts(ctx, c, s, src, last, snap.Lseq, total, sources)
	if err == nil && rot != nil {
		err = setup.CompleteRotation(ctx, c.Store, rot)
	}
	return made, err
}

func countChanged(snap *store.Snapshot, after int64) (int64, error) {
	var total int64
	for _, k := range store.Kinds {
		n, err := snap.Count(k, after)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// sourcesOf names the bundles received that an export carries on. Every
// origin in the ledger was checked when its bundle was imported: one that
// does not parse is a damaged database, and the export stops rather than
// leave a bundle out of the trace.
func sourcesOf(in []store.InBundle) ([]bundle.Source, error) {
	var out []bundle.Source
	for _, b := range in {
		ref, err := units.ParseRef(b.Origin)
		if err != nil {
			return nil, fmt.Errorf("%w: %q (bundle %d)", ErrBadSource, b.Origin, b.Seq)
		}
		out = append(out, bundle.Source{Origin: bundle.Origin{Ref: ref, Level: b.OriginLevel, Site: b.Site},
			Seq: b.Seq, ManifestSHA256: b.ManifestSHA256})
	}
	return out, nil
}

func newBundleID() string { return uuid.Must(uuid.NewV7()).String() }

// CleanOutbox removes what an export killed mid-way left in the outbox
// dir: the payload's temporary file and the bundle's .partial copy.
// Neither was ever recorded as made; the next export covers their rows
// again. Export runs it first, and the desktop app when it starts. (Two
// exports at once on one database already refuse each other's number,
// store.ErrSeqTaken; the second one's files may go with the first's.)
func CleanOutbox(dir string) {
	for _, pattern := range []string{"payload-*.tmp", "*" + atomicfile.Suffix} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range names {
			os.Remove(n)
		}
	}
}
