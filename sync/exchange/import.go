package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
)

// Status is what became of one bundle file.
type Status string

// Import statuses.
const (
	Imported    Status = "imported"
	Duplicate   Status = "duplicate"   // imported before: nothing to do
	Quarantined Status = "quarantined" // held back for review; retried once its signer is trusted
	Rejected    Status = "rejected"    // damaged, forged or out of scope: never imported
)

// Outcome reports one bundle file.
type Outcome struct {
	File     string
	Status   Status
	Err      error // why it was quarantined or rejected; for an imported bundle, what failed after it went in
	Origin   string
	Level    string
	Site     string
	Seq      int64
	BundleID string
	Stats    store.MergeStats
	Gaps     []int64 // bundle numbers of that origin still missing after this import
}

// OK reports an outcome that needs nothing more from a person.
func (o Outcome) OK() bool { return o.Status == Imported || o.Status == Duplicate }

// receiver is this installation as the target of bundles.
type receiver struct {
	id        *keys.Identity
	unit      units.Ref
	recipient string
}

func loadReceiver(ctx context.Context, c *Config) (*receiver, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return nil, err
	}
	return &receiver{id: id, unit: id.Unit,
		recipient: id.AgeRecipient().String()}, nil
}

// Import imports bundle files and every .khb file of the folders given, in
// name order, each in its own transaction. It goes on past a bad file; the
// outcomes say what became of each. progress, when set, is called after
// each file.
func Import(ctx context.Context, c *Config, paths []string, progress func(done, total int, o Outcome)) ([]Outcome, error) {
	me, err := loadReceiver(ctx, c)
	if err != nil {
		return nil, err
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, 0, len(files))
	for n, f := range files {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		o := importFile(ctx, c, me, f)
		out = append(out, o)
		if progress != nil {
			progress(n+1, len(files), o)
		}
	}
	return out, nil
}

// expand lists the files named and the .khb files inside the folders named.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		names, err := filepath.Glob(filepath.Join(p, "*.khb"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out, nil
}

func importFile(ctx context.Context, c *Config, me *receiver, path string) Outcome {
	o := Outcome{File: path}
	f, err := os.Open(path)
	if err != nil {
		return o.reject(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return o.reject(err)
	}
	b, err := bundle.Open(f, st.Size())
	if err != nil {
		return o.reject(err)
	}
	return (&importer{c: c, me: me, b: b, o: o, path: path}).run(ctx)
}

func (o Outcome) reject(err error) Outcome {
	o.Status, o.Err = Rejected, err
	return o
}

// importer takes one opened bundle through the checks of docs/SECURITY.md.
type importer struct {
	c    *Config
	me   *receiver
	b    *bundle.Bundle
	m    bundle.Manifest
	pub  keys.PublicKey
	fp   string
	hash string
	o    Outcome
	path string
}

func (im *importer) run(ctx context.Context) Outcome {
	im.m, im.hash = im.b.Manifest(), bundle.ManifestHashHex(im.b.ManifestBytes())
	im.o.Origin, im.o.Level, im.o.Site = im.m.Origin.Ref.String(), im.m.Origin.Level, im.m.Origin.Site
	im.o.Seq, im.o.BundleID = im.m.Seq, im.m.BundleID
	steps := []func(context.Context) (Status, error){im.signer, im.addressed, im.ledger, im.merge}
	if im.c.dryRun {
		steps[3] = im.checkRows
	}
	for _, step := range steps {
		status, err := step(ctx)
		if status == Quarantined && !im.c.dryRun {
			return im.hold(ctx, err)
		}
		if err != nil || status != "" {
			im.o.Status, im.o.Err = status, err
			if err != nil && status == "" {
				im.o.Status = Rejected
			}
			return im.o
		}
	}
	im.o.Status = Imported
	if im.c.dryRun {
		return im.o
	}
	// The bundle is in: what fails now is reported, and changes nothing of it.
	var gapsErr error
	im.o.Gaps, gapsErr = Gaps(ctx, im.c.Store, im.o.Origin, im.o.Site)
	im.o.Err = errors.Join(im.c.Store.Release(ctx, im.hash), gapsErr)
	if im.o.Stats.Purged > 0 { // purge.go
		im.o.Err = errors.Join(im.o.Err, afterPurges(ctx, im.c))
	}
	if im.o.Err != nil {
		im.o.Err = fmt.Errorf("%w: %w", ErrAfterImport, im.o.Err)
	}
	return im.o
}

// signer finds the enrolled key that signed the bundle and verifies the
// signature: before this, nothing in the bundle is trusted.
func (im *importer) signer(ctx context.Context) (Status, error) {
	if im.m.KeyID == im.me.id.Public().KeyIDString() {
		return Rejected, ErrOwnBundle
	}
	ks, err := im.c.Store.PeerKeysByID(ctx, im.m.KeyID)
	if err != nil {
		return Rejected, err
	}
	var k *store.PeerKey
	for n := range ks {
		if ks[n].Role == store.RoleBelow {
			k = &ks[n]
		}
	}
	switch {
	case k == nil:
		return Quarantined, fmt.Errorf("%w: key %s", ErrUnknownKey, im.m.KeyID)
	case k.Status == store.Revoked:
		return Quarantined, fmt.Errorf("%w: %s", ErrRevokedKey, k.Fingerprint)
	}
	if im.pub, err = keys.ParsePublic(k.KHKey); err != nil {
		return Rejected, err
	}
	im.fp = k.Fingerprint
	if err := im.b.VerifySignature(im.pub); err != nil {
		return Rejected, err
	}
	if im.pub.Unit != im.m.Origin.Ref || im.pub.Level != im.m.Origin.Level {
		return Rejected, fmt.Errorf("%w: key of %s signs for %s", ErrWrongUnit, im.pub.Unit, im.m.Origin.Ref)
	}
	return "", nil
}

// addressed checks the bundle was made for this installation, then its
// payload's hash and size against the signed manifest.
func (im *importer) addressed(context.Context) (Status, error) {
	to := im.m.To
	found := false
	for _, r := range im.m.Recipients {
		found = found || r == im.me.recipient
	}
	if to != im.me.unit || !found {
		return Quarantined, fmt.Errorf("%w: addressed to %s", ErrNotAddressed, to)
	}
	if err := im.b.VerifyPayload(); err != nil {
		return Rejected, err
	}
	return "", nil
}

// ledger stops replays (a no-op that says so) and catches a second bundle
// with the same origin and number, or a broken chain of previous hashes: a
// cloned installation.
func (im *importer) ledger(ctx context.Context) (Status, error) {
	st, o := im.c.Store, im.o
	have, err := st.LedgerSeq(ctx, o.Origin, o.Site, o.Seq)
	if err == nil {
		if have.ManifestSHA256 == im.hash {
			return Duplicate, nil
		}
		return Quarantined, fmt.Errorf("%w: %s number %d", ErrEquivocation, o.Origin, o.Seq)
	}
	if !errors.Is(err, store.ErrNotFound) {
		return Rejected, err
	}
	if prev, err := st.LedgerSeq(ctx, o.Origin, o.Site, o.Seq-1); err == nil && prev.ManifestSHA256 != im.m.Prev {
		return Quarantined, fmt.Errorf("%w: number %d does not follow the %d imported", ErrEquivocation, o.Seq, o.Seq-1)
	}
	if next, err := st.LedgerSeq(ctx, o.Origin, o.Site, o.Seq+1); err == nil && next.Prev != im.hash {
		return Quarantined, fmt.Errorf("%w: number %d imported does not follow this one", ErrEquivocation, o.Seq+1)
	}
	return "", nil
}

// hold keeps a copy of the bundle for review and records why. When the
// copy cannot be made the record names the file as given (a retry works
// while it is still there) and the outcome says the copy failed.
func (im *importer) hold(ctx context.Context, reason error) Outcome {
	im.o.Status, im.o.Err = Quarantined, reason
	kept, err := im.keep()
	if err != nil {
		im.o.Err = errors.Join(reason, fmt.Errorf("%w: %w", ErrNotKept, err))
		kept = im.path
	}
	code := strings.TrimPrefix(reasonCode(reason), "exchange: ")
	err = im.c.Store.Quarantine(ctx, store.Quarantined{ManifestSHA256: im.hash, Origin: im.o.Origin,
		Site: im.o.Site, Seq: im.o.Seq, KeyID: im.m.KeyID, Reason: code, Detail: reason.Error(), File: kept})
	if err != nil {
		im.o.Err = errors.Join(im.o.Err, err)
	}
	return im.o
}

// keep copies the bundle into the held folder (once: the copy is named by
// the manifest's hash) and returns the copy's path.
func (im *importer) keep() (string, error) {
	kept := filepath.Join(im.c.Held, im.hash+".khb")
	if err := os.MkdirAll(im.c.Held, 0o700); err != nil {
		return "", err
	}
	if _, err := os.Stat(kept); err == nil {
		return kept, nil
	}
	return kept, copyFile(im.path, kept)
}

func reasonCode(err error) string {
	for _, s := range []struct {
		err  error
		code string
	}{{ErrUnknownKey, "unknown_key"}, {ErrRevokedKey, "revoked_key"}, {ErrEquivocation, "equivocation"},
		{ErrNotAddressed, "not_addressed"}} {
		if errors.Is(err, s.err) {
			return s.code
		}
	}
	return "other"
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomic(dst, func(f *os.File) error { _, err := io.Copy(f, in); return err })
}
