package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"sokhuyenhoc/data/store"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/bundle"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/statement"
)

// Errors of signed statements (docs/submissions.md). A bundle that
// carries a statement its receiver refuses is held, naming the statement
// and the reason, and nothing of it goes in.
var (
	ErrStatementMalformed = errors.New("exchange: a signed statement is malformed")
	ErrStatementForged    = errors.New("exchange: a signed statement does not verify against its issuer's key")
	ErrStatementReplayed  = errors.New("exchange: a signed statement was received before (replayed)")
	ErrStatementScope     = errors.New("exchange: a signed statement is for a unit its sender does not keep")
	ErrPeriodApproved     = errors.New("exchange: a submission for a period already approved (undo the approval first)")
)

// A statement travels as a row of a table of its own, after every record:
// the signed file, the issuer's key file (so that the levels further up
// can check it) and the day the level directly above the issuer received it.
const statementKind = "statement"

var statementCols = []string{"file", "khkey", "received_on"}

// statementRows are the payload rows of the statements recorded after
// lseq: what an export carries upward, after the records.
func statementRows(snap *store.Snapshot, after int64, site string) ([]sourced, error) {
	var out []sourced
	err := snap.Statements(after, func(st store.Statement) error {
		out = append(out, statementRow(st, site))
		return nil
	})
	return out, err
}

// statementRow is the payload row of a stored statement.
func statementRow(st store.Statement, site string) sourced {
	id := uuid.NewSHA1(uuid.NameSpaceOID, []byte("khs/1 "+st.Hash)).String()
	return sourced{kind: statementKind, cols: statementCols, row: bundle.Row{ID: id, Unit: st.Unit,
		Ver: bundle.Version{L: 1, S: site}, Values: []any{string(st.File), string(st.KHKey), st.ReceivedOn}}}
}

// statement checks a received statement and records it in the bundle's
// transaction: well formed, issued by the origin or a unit inside it,
// about a unit its issuer may speak for, signed by the issuer's key,
// never seen before, and, for a submission, of a period no unit above
// has approved.
func (im *importer) statement(cols []string, r *bundle.Row, mg *store.Merger) error {
	if !slices.Equal(cols, statementCols) || len(r.Values) != len(statementCols) {
		return fmt.Errorf("%w: table %q", ErrStatementMalformed, statementKind)
	}
	cell := func(n int) string { v, _ := r.Values[n].(string); return v }
	file, khkey, receivedOn := []byte(cell(0)), []byte(cell(1)), cell(2)
	s, err := statement.Parse(file)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStatementMalformed, err)
	}
	at := fmt.Sprintf("%s of %s for %s by %s", s.Kind, s.Unit, s.Period, s.Issuer)
	if r.Unit != s.Unit {
		return fmt.Errorf("%w: %s carried as a row of %s", ErrStatementMalformed, at, r.Unit)
	}
	if err := im.statementScope(s); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrStatementScope, at, err)
	}
	pub, err := im.issuerKey(s, khkey)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrStatementForged, at, err)
	}
	if _, err := statement.Verify(file, pub); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrStatementForged, at, err)
	}
	hash := statement.Hash(file)
	if held, err := mg.HasStatement(hash); err != nil || held {
		return errors.Join(err, fmt.Errorf("%w: %s, n %d", ErrStatementReplayed, at, s.N))
	}
	if s.Kind == statement.Submission {
		if by, err := im.approvedAbove(mg, s); err != nil || by != "" {
			return errors.Join(err, fmt.Errorf("%w: %s, approved by %s", ErrPeriodApproved, at, by))
		}
	}
	if s.Issuer == im.m.Origin.Ref.String() || receivedOn == "" {
		receivedOn = im.c.now().UTC().Format("2006-01-02") // received here, from the issuer itself
	}
	if s.Issuer == im.m.Origin.Ref.String() {
		khkey = im.key.KHKey // the enrolled key file, for the levels further up
	}
	im.o.Statements++
	return mg.AddStatement(storedStatement(s, hash, file, khkey, receivedOn, im.o.Origin))
}

// statementScope: the issuer is the origin or a unit inside it; a
// submission is its issuer's own, an approval of a unit below its issuer.
func (im *importer) statementScope(s statement.Statement) error {
	reg, origin := im.c.Units, im.m.Origin.Ref
	issuer, _ := units.ParseRef(s.Issuer)
	unit, _ := units.ParseRef(s.Unit)
	switch {
	case s.Kind == statement.Targets:
		return fmt.Errorf("targets are handed down, never sent up")
	case !reg.Within(issuer, origin):
		return fmt.Errorf("issued by %s, not inside %s", issuer, origin)
	case s.Kind == statement.Approval && (unit == issuer || !reg.Within(unit, issuer)):
		return fmt.Errorf("%s is not below %s", unit, issuer)
	}
	return nil
}

// issuerKey is the key a statement must verify with: the key that signed
// the bundle (or another enrolled key of its unit) when the origin issued
// it, else the key file the origin forwards with it, which must be a key
// of the issuer, of its level, naming the statement's key id.
func (im *importer) issuerKey(s statement.Statement, khkey []byte) (keys.PublicKey, error) {
	if s.Issuer == im.m.Origin.Ref.String() {
		if s.KeyID == im.pub.KeyIDString() {
			return im.pub, nil
		}
		return keys.PublicKey{}, fmt.Errorf("%w: key %s did not sign the bundle", statement.ErrWrongKey, s.KeyID)
	}
	pk, err := keys.ParsePublic(khkey)
	if err != nil {
		return keys.PublicKey{}, err
	}
	u, err := im.c.Units.Get(pk.Unit)
	if err != nil || pk.Unit.String() != s.Issuer || pk.Level != u.Level || pk.KeyIDString() != s.KeyID {
		return keys.PublicKey{}, fmt.Errorf("%w: the key file forwarded is not %s's key %s", statement.ErrWrongKey, s.Issuer, s.KeyID)
	}
	return pk, nil
}

// approvedAbove names the issuer of an approval in force of the
// submission's unit and period that approved an earlier submission: this
// one is new, and the period is closed to it. A submission no newer than
// the one approved is the approved one (or an older one) arriving late,
// and goes in; so the order bundles arrive in changes nothing. ""
// when there is none.
func (im *importer) approvedAbove(mg *store.Merger, s statement.Statement) (string, error) {
	sts, err := mg.PeriodStatements(s.Period)
	if err != nil {
		return "", err
	}
	for _, a := range store.InForce(sts) {
		if a.Kind == statement.Approval && a.Approved && a.Unit == s.Unit && s.N > a.Approves {
			return a.Issuer, nil
		}
	}
	return "", nil
}

// storedStatement is what the store keeps of a checked statement.
func storedStatement(s statement.Statement, hash string, file, khkey []byte, receivedOn, origin string) store.Statement {
	st := store.Statement{Hash: hash, Kind: s.Kind, Issuer: s.Issuer, Site: s.Site, N: s.N, Unit: s.Unit,
		Period: s.Period, Approved: s.Approved, RestsOn: s.RestsOn, Approves: s.Approves, Issued: s.Issued, ReceivedOn: receivedOn,
		File: file, KHKey: khkey, Origin: origin}
	switch {
	case s.Totals != nil:
		b, _ := json.Marshal(s.Totals)
		st.Body = string(b)
	case s.Kind == statement.Targets:
		b, _ := json.Marshal(statement.HandedDown{Targets: s.Targets, Areas: s.Areas})
		st.Body = string(b)
	case s.Kind == statement.Deadlines:
		b, _ := json.Marshal(s.Due)
		st.Body = string(b)
	}
	return st
}

// isStatementErr reports a statement the receiver refuses: the bundle is
// held for review.
func isStatementErr(err error) bool {
	for _, e := range []error{ErrStatementMalformed, ErrStatementForged, ErrStatementReplayed, ErrStatementScope,
		ErrPeriodApproved} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
