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
	// Statements is how many signed submissions and approvals the
	// bundle brought (docs/submissions.md).
	Statements int
	Gaps       []store.SeqRange // runs of bundle numbers of that installation still missing after this import
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
		if err := ctx.Err(); err != nil && o.Status != Imported && o.Status != Duplicate {
			return out, err // stopped (a signal): the file being imported is wholly out
		}
		out = append(out, o)
		if progress != nil {
			progress(n+1, len(files), o)
		}
	}
	return out, nil
}

// inPath is a file to import and the folder it was found in ("" when
// named by the user).
type inPath struct{ path, within string }

// expand lists the files named and the .khb files inside the folders named.
func expand(paths []string) ([]inPath, error) {
	var out []inPath
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, inPath{p, ""})
			continue
		}
		names, err := filepath.Glob(filepath.Join(p, "*.khb"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, inPath{n, p})
		}
	}
	return out, nil
}

// importFile imports one file: a regular file only, read within the
// file's deadline.
func importFile(ctx context.Context, c *Config, me *receiver, in inPath) Outcome {
	o := Outcome{File: in.path}
	f, err := openRegular(in.path, in.within)
	if err != nil {
		return o.reject(err)
	}
	defer f.f.Close()
	ctx, cancel := context.WithTimeout(ctx, c.fileTime())
	defer cancel()
	src := deadlineReader{ctx: ctx, r: f.f}
	b, err := bundle.Open(src, f.size)
	if err != nil {
		return o.reject(err)
	}
	if abs, err := filepath.Abs(in.path); err == nil {
		in.path = abs
	}
	return (&importer{c: c, me: me, b: b, o: o, path: in.path, src: io.NewSectionReader(src, 0, f.size)}).run(ctx)
}

func (o Outcome) reject(err error) Outcome {
	o.Status, o.Err = Rejected, err
	return o
}

// importer takes one opened bundle through the checks of docs/SECURITY.md.
type importer struct {
	c          *Config
	me         *receiver
	b          *bundle.Bundle
	m          bundle.Manifest
	pub        keys.PublicKey
	key        *store.PeerKey // the enrolled key that signed it
	fp         string
	hash       string
	o          Outcome
	path       string
	src        *io.SectionReader // the file's bytes, as opened (a held copy is made from them)
	acceptedBy string            // a person who accepted the bundle after it was held (review)
	rules      *rowRules         // what its rows are held to (sites)
	maxPlain   int64             // the decompression cap (budget)
}

func (im *importer) run(ctx context.Context) Outcome {
	im.m, im.hash = im.b.Manifest(), bundle.ManifestHashHex(im.b.ManifestBytes())
	im.o.Origin, im.o.Level, im.o.Site = im.m.Origin.Ref.String(), im.m.Origin.Level, im.m.Origin.Site
	im.o.Seq, im.o.BundleID = im.m.Seq, im.m.BundleID
	steps := []func(context.Context) (Status, error){im.signer, im.addressed, im.ledger, im.review,
		im.sequence, im.sites, im.budget, im.merge}
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
	im.o.Gaps, gapsErr = im.c.Store.GapRanges(ctx, im.o.Origin, im.o.Site)
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
	case k.Status == store.Replaced && k.ReplacedSeq > 0 && im.m.Seq > k.ReplacedSeq+RotationGrace:
		return Quarantined, fmt.Errorf("%w: %s replaced at number %d, this is %d", ErrReplacedKey, k.Fingerprint,
			k.ReplacedSeq, im.m.Seq)
	}
	im.key = k
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
	return kept, writeAtomic(kept, func(f *os.File) error {
		_, err := io.Copy(f, io.NewSectionReader(im.src, 0, im.src.Size()))
		return err
	})
}

// reasonCodes name the reasons of a hold in the quarantine list (bundle
// held), most specific first.
var reasonCodes = []struct {
	err  error
	code string
}{{ErrUnknownKey, "unknown_key"}, {ErrRevokedKey, "revoked_key"}, {ErrReplacedKey, "replaced_key"},
	{ErrEquivocation, "equivocation"}, {ErrSecondSite, "second_site"}, {ErrSiteTaken, "site_taken"},
	{ErrNotAddressed, "not_addressed"}, {ErrSeqJump, "seq_jump"}, {ErrOverBudget, "over_budget"},
	{ErrBadSources, "bad_sources"}, {ErrUnknownTable, "unknown_table"}, {ErrRowOutOfScope, "out_of_scope"},
	{ErrDerivedID, "derived_id"}, {ErrNoParent, "no_parent"}, {ErrDuplicateRow, "duplicate_row"},
	{ErrIDTaken, "id_taken"}, {ErrClockAhead, "clock_ahead"}, {ErrBadVersion, "bad_version"},
	{ErrForeignSite, "foreign_site"}, {ErrBadRotation, "bad_rotation"}, {ErrInvalidRow, "bad_row"},
	{ErrStatementMalformed, "bad_statement"}, {ErrStatementForged, "forged_statement"},
	{ErrStatementReplayed, "replayed_statement"}, {ErrStatementScope, "statement_scope"},
	{ErrPeriodApproved, "period_approved"}}

// HeldReason is the error a held bundle's reason code stands for
// (store.Quarantined.Reason), so that it can be worded again; nil for a
// code of no one reason ("other": the detail says it).
func HeldReason(code string) error {
	for _, s := range reasonCodes {
		if s.code == code {
			return s.err
		}
	}
	return nil
}

func reasonCode(err error) string {
	for _, s := range reasonCodes {
		if errors.Is(err, s.err) {
			return s.code
		}
	}
	return "other"
}
