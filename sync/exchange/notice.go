package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"sokhuyenhoc/data/atomicfile"
	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/setup"
	"sokhuyenhoc/sync/statement"
)

// MaxNoticeBytes caps a notice file (statement.SplitNotice): the
// approvals, and their undoing, that the unit above signed about a unit
// (docs/submissions.md).
const MaxNoticeBytes = statement.MaxNoticeBytes

// ErrNoNotice reports a unit about which this installation signed nothing.
var ErrNoNotice = errors.New("exchange: no approval of that unit was made here")

// WriteNotice writes into dir a notice of every approval this
// installation signed about unit, and returns its path and how many it
// names. The same notice written twice is the same file.
func WriteNotice(ctx context.Context, c *Config, unit units.Ref, dir string) (string, int, error) {
	file, n, err := Notice(ctx, c, unit)
	if err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, fmt.Sprintf("notice-%s-%s.khn", unit.Code, statement.Hash(file)[:8]))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, file) {
		return path, n, nil
	}
	return path, n, atomicfile.WriteBytes(path, file, 0o600)
}

// Notice returns the notice of every approval this installation signed
// about unit, with the targets and area types it hands down to unit
// (targetsStatement), and how many statements it names (ErrNoNotice for
// none).
func Notice(ctx context.Context, c *Config, unit units.Ref) ([]byte, int, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return nil, 0, err
	}
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	n := 0
	for _, st := range all {
		if st.Kind == statement.Approval && st.Issuer == id.Unit.String() && st.Unit == unit.String() {
			buf.Write(st.File)
			n++
		}
	}
	ts, err := targetsStatement(ctx, c, id, unit, all)
	if err != nil {
		return nil, 0, err
	}
	if ts != nil {
		buf.Write(ts.File)
		n++
	}
	if n == 0 {
		return nil, 0, fmt.Errorf("%w: %s", ErrNoNotice, unit)
	}
	return buf.Bytes(), n, nil
}

// Noticed lists the units below a notice goes to: those about which this
// installation signed an approval (or its undoing), and, when it hands
// targets or area types down, every unit enrolled below it.
func Noticed(ctx context.Context, c *Config) ([]units.Ref, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return nil, err
	}
	all, err := c.Store.Statements(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []units.Ref
	add := func(unit string) {
		if ref, err := units.ParseRef(unit); err == nil && !seen[unit] {
			seen[unit] = true
			out = append(out, ref)
		}
	}
	for _, st := range all {
		if st.Kind == statement.Approval && st.Issuer == id.Unit.String() {
			add(st.Unit)
		}
	}
	// Targets go to every unit enrolled below, when there are any to hand down.
	ks, err := c.Store.PeerKeys(ctx, store.RoleBelow)
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		ref, err := units.ParseRef(k.Unit)
		if err != nil || k.Status != store.Trusted || seen[k.Unit] {
			continue
		}
		if ts, err := targetsStatement(ctx, c, id, ref, all); err != nil {
			return nil, err
		} else if ts != nil {
			add(k.Unit)
		}
	}
	return out, nil
}

// NoticeReport says what a notice file brought.
type NoticeReport struct {
	Statements int `json:"statements"` // approvals (or undoings) the file names
	New        int `json:"new"`        // of which were not held here yet
}

// ImportNotice checks a notice file from the unit above and records its
// approvals: every statement must be an approval of this unit signed by a
// key of the unit above (current or replaced, never revoked); nothing is
// recorded unless all are.
func ImportNotice(ctx context.Context, c *Config, file []byte) (NoticeReport, error) {
	id, err := setup.Identity(ctx, c.Store)
	if err != nil {
		return NoticeReport{}, err
	}
	docs, err := statement.SplitNotice(file)
	if err != nil {
		return NoticeReport{}, fmt.Errorf("%w: %w", ErrStatementMalformed, err)
	}
	ups, err := c.Store.PeerKeys(ctx, store.RoleUpstream)
	if err != nil {
		return NoticeReport{}, err
	}
	var sts []store.Statement
	for _, doc := range docs {
		st, err := checkNotice(doc, id.Unit, ups, c)
		if err != nil {
			return NoticeReport{}, err
		}
		sts = append(sts, st)
	}
	added, err := c.Store.AddNotices(ctx, sts)
	return NoticeReport{Statements: len(sts), New: added}, err
}

// checkNotice checks one statement of a notice for this unit (me).
func checkNotice(file []byte, me units.Ref, ups []store.PeerKey, c *Config) (store.Statement, error) {
	s, err := statement.Parse(file)
	if err != nil {
		return store.Statement{}, fmt.Errorf("%w: %w", ErrStatementMalformed, err)
	}
	at := fmt.Sprintf("%s of %s for %s by %s", s.Kind, s.Unit, s.Period, s.Issuer)
	if s.Kind == statement.Submission || s.Unit != me.String() {
		return store.Statement{}, fmt.Errorf("%w: %s, in a notice to %s", ErrStatementScope, at, me)
	}
	var pub *keys.PublicKey
	for _, p := range ups {
		if p.Unit == s.Issuer && p.KeyID == s.KeyID && p.Status != store.Revoked {
			if k, err := keys.ParsePublic(p.KHKey); err == nil {
				pub = &k
			}
		}
	}
	if pub == nil {
		return store.Statement{}, fmt.Errorf("%w: %s: key %s is not a key of the unit above", ErrStatementForged, at, s.KeyID)
	}
	if _, err := statement.Verify(file, *pub); err != nil {
		return store.Statement{}, fmt.Errorf("%w: %s: %w", ErrStatementForged, at, err)
	}
	// A notice's issuer is the unit above, whose key is enrolled here.
	return storedStatement(s, statement.Hash(file), file, []byte{}, c.now().UTC().Format("2006-01-02"), s.Issuer), nil
}
