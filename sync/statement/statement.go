// Package statement makes and checks the signed statements of
// consolidation (docs/submissions.md): a unit's submission of a period
// ("đã hoàn thành, gửi lên": the totals it reports and the highest bundle
// number they rest on), and the approval of a unit's period by a unit
// above it, or its undoing. A statement file (khs/1) is one line of
// canonical JSON and a minisign signature of it, laid out as a receipt
// (docs/receipt-format.md §1), so stock `minisign -V` checks it.
//
// Statements travel upward in bundles and downward in notice files; each
// one is checked by its receiver against the issuer's key. The package is
// pure: format and crypto, no storage, no clock.
package statement

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/units"
	"sokhuyenhoc/sync/keys"
	"sokhuyenhoc/sync/receipt"
)

// Format is the format tag of a statement.
const Format = "khs/1"

// Kinds of statements.
const (
	Submission = "submission"
	Approval   = "approval"
	Targets    = "targets" // the targets and area types a unit hands down to one below it
	// Deadlines: the days by which the units inside the issuer report the
	// period, as it set them; they travel upward, so the levels above
	// judge timeliness by the deadline the unit's own parent set.
	Deadlines = "deadlines"
)

// Bounds of what a targets statement carries.
const (
	MaxTargets   = 1000
	MaxAreaUnits = 20000
)

// Errors of this package (errors.Is); they come wrapped with a detail.
var (
	ErrMalformed    = errors.New("statement: malformed statement")
	ErrBadSignature = errors.New("statement: signature does not verify")
	ErrWrongKey     = errors.New("statement: signed by another key")
)

// Statement is the document of a statement file; the member order is the
// canonical order.
type Statement struct {
	Format   string       `json:"format"`           // Format
	Kind     string       `json:"kind"`             // Submission or Approval
	Issuer   string       `json:"issuer"`           // "list:code" of the unit that signs
	KeyID    string       `json:"key_id"`           // the signing key's minisign key id
	Site     string       `json:"site"`             // the issuer's installation
	N        int64        `json:"n"`                // the issuer's counter: a later statement has a higher n
	Issued   string       `json:"issued"`           // YYYY-MM-DDTHH:MM:SSZ, the issuer's clock (informational)
	Unit     string       `json:"unit"`             // the unit the statement is about
	Period   string       `json:"period"`           // the period, in data.Period's text form
	Approved bool         `json:"approved"`         // an approval: true approves, false undoes; false for a submission
	RestsOn  int64        `json:"rests_on"`         // a submission: the highest bundle number of Site its totals rest on
	Approves int64        `json:"approves"`         // an approval: the n of the unit's submission it approves (0: none held)
	Totals   *data.Totals `json:"totals,omitempty"` // a submission: the totals it reports
	// Targets: the targets in force at the issuer for the unit, and
	// the area types of units inside it (a targets statement only).
	Targets []data.Target       `json:"targets,omitempty"`
	Areas   map[string][]string `json:"areas,omitempty"`
	// Due: by level of the units it applies to ("" for every level,
	// "commune", "district"), the day (yyyy-mm-dd) they report the period
	// by (a deadlines statement only).
	Due map[string]string `json:"due,omitempty"`
}

// HandedDown is what a targets statement hands down, as the store keeps
// it.
type HandedDown struct {
	Targets []data.Target       `json:"targets"`
	Areas   map[string][]string `json:"areas"`
}

// Comment is the trusted comment of a statement's signature:
// "khs/1 <kind> <unit> <period> by <issuer> n <n>".
func Comment(s Statement) string {
	return Format + " " + s.Kind + " " + s.Unit + " " + s.Period + " by " + s.Issuer + " n " + strconv.FormatInt(s.N, 10)
}

// FormatTime writes a time as statements carry it.
func FormatTime(t time.Time) string { return receipt.FormatTime(t) }

// Sign signs s (its Format is set here) and returns the statement file.
func Sign(signer receipt.Signer, s Statement) ([]byte, error) {
	s.Format = Format
	if err := s.Validate(); err != nil {
		return nil, err
	}
	doc, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return receipt.SignDoc(doc, signer, Comment(s))
}

// Parse reads a statement file without checking its signature: use it to
// find the key (Issuer, KeyID), then Verify.
func Parse(file []byte) (Statement, error) {
	msg, _, err := receipt.SplitDoc(file)
	if err != nil {
		return Statement{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return decode(msg[:len(msg)-1])
}

// Verify checks that file was signed by key by, which its key_id must
// name, for the unit the key speaks for, and returns the statement.
func Verify(file []byte, by keys.PublicKey) (Statement, error) {
	var s Statement
	_, err := receipt.VerifyDoc(file, by, func(doc []byte) (string, error) {
		var err error
		if s, err = decode(doc); err != nil {
			return "", err
		}
		if s.KeyID != by.KeyIDString() {
			return "", fmt.Errorf("%w: the statement names key %s, not %s", ErrWrongKey, s.KeyID, by.KeyIDString())
		}
		if by.Unit != (units.Ref{}) && s.Issuer != by.Unit.String() {
			return "", fmt.Errorf("%w: a key of %s signs for %s", ErrWrongKey, by.Unit, s.Issuer)
		}
		return Comment(s), nil
	})
	switch {
	case err == nil, errors.Is(err, ErrMalformed), errors.Is(err, ErrWrongKey):
		return s, err
	case errors.Is(err, receipt.ErrWrongKey):
		return s, fmt.Errorf("%w: %v", ErrWrongKey, err)
	case errors.Is(err, receipt.ErrBadSignature):
		return s, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return s, fmt.Errorf("%w: %v", ErrMalformed, err)
}

// Hash names a statement file: the lowercase hex SHA-256 of its bytes.
func Hash(file []byte) string {
	h := sha256.Sum256(file)
	return hex.EncodeToString(h[:])
}

// PeriodOf returns the statement's period.
func (s Statement) PeriodOf() data.Period {
	p, _ := data.ParsePeriod(s.Period)
	return p
}

// decode parses a statement document strictly: known members only, valid
// values, and the canonical encoding.
func decode(doc []byte) (Statement, error) {
	var s Statement
	err := receipt.DecodeCanonical(doc, &s, func() error { return s.Validate() })
	switch {
	case err == nil:
		return s, nil
	case errors.Is(err, ErrMalformed):
		return Statement{}, err
	}
	return Statement{}, fmt.Errorf("%w: %v", ErrMalformed, err)
}

// Validate checks every member of s.
func (s Statement) Validate() error {
	bad := func(what string, v any) error { return fmt.Errorf("%w: %s %v", ErrMalformed, what, v) }
	if s.Format != Format {
		return bad("format", strconv.Quote(s.Format))
	}
	if _, err := keys.ParseUnit(s.Issuer); err != nil {
		return bad("issuer", strconv.Quote(s.Issuer))
	}
	if _, err := keys.ParseUnit(s.Unit); err != nil {
		return bad("unit", strconv.Quote(s.Unit))
	}
	if !receipt.IsHex(s.KeyID, 16, true) {
		return bad("key_id", strconv.Quote(s.KeyID))
	}
	if !receipt.IsHex(s.Site, 16, false) {
		return bad("site", strconv.Quote(s.Site))
	}
	if s.N < 1 || s.N > 1<<53-1 {
		return bad("n", s.N)
	}
	if t, err := time.Parse(time.RFC3339, s.Issued); err != nil || FormatTime(t) != s.Issued {
		return bad("issued", strconv.Quote(s.Issued))
	}
	if p, err := data.ParsePeriod(s.Period); err != nil || p.String() != s.Period {
		return bad("period", strconv.Quote(s.Period))
	}
	if s.Kind != Targets && (len(s.Targets) > 0 || len(s.Areas) > 0) {
		return bad(s.Kind, "(targets and areas only in a targets statement)")
	}
	if s.Kind != Deadlines && len(s.Due) > 0 {
		return bad(s.Kind, "(due days only in a deadlines statement)")
	}
	switch s.Kind {
	case Targets:
		return s.validateTargets()
	case Deadlines:
		return s.validateDeadlines()
	case Submission:
		if s.Unit != s.Issuer || s.Totals == nil || s.Approved || s.RestsOn < 0 || s.RestsOn > 1<<53-1 || s.Approves != 0 {
			return bad("submission", "(a unit submits its own totals, with rests_on ≥ 0)")
		}
	case Approval:
		if s.Unit == s.Issuer || s.Totals != nil || s.RestsOn != 0 || s.Approves < 0 || s.Approves > 1<<53-1 {
			return bad("approval", "(of another unit, without totals)")
		}
	default:
		return bad("kind", strconv.Quote(s.Kind))
	}
	return nil
}

// validateTargets: handed to a unit below the issuer, every target valid
// and once, every area key a unit inside it with known, sorted area types.
func (s Statement) validateTargets() error {
	bad := func(what string, v any) error { return fmt.Errorf("%w: targets %s %v", ErrMalformed, what, v) }
	issuer, _ := units.ParseRef(s.Issuer)
	unit, _ := units.ParseRef(s.Unit)
	reg := units.Default()
	switch {
	case s.Unit == s.Issuer || !reg.Within(unit, issuer):
		return bad("handed to", s.Unit)
	case s.Totals != nil || s.Approved || s.RestsOn != 0 || s.Approves != 0:
		return bad("with members of another kind", "")
	case len(s.Targets) > MaxTargets || len(s.Areas) > MaxAreaUnits:
		return bad("count", len(s.Targets)+len(s.Areas))
	}
	seen := map[[3]string]bool{}
	for _, t := range s.Targets {
		k := [3]string{t.Indicator, strconv.Itoa(t.Year), t.Area}
		if err := t.Validate(); err != nil || seen[k] {
			return bad("target", fmt.Sprintf("%+v", t))
		}
		seen[k] = true
	}
	for u, areas := range s.Areas {
		ref, err := units.ParseRef(u)
		if err != nil || !reg.Within(ref, unit) || len(areas) == 0 || len(areas) > len(data.AreaTypes.Options) {
			return bad("areas of", u)
		}
		for n, a := range areas {
			if code, err := data.AreaTypes.Parse(a); err != nil || code != a || n > 0 && areas[n-1] >= a {
				return bad("area type", a)
			}
		}
	}
	return nil
}

// validateDeadlines: the issuer's own, with at least one day, each for
// every level or for communes or districts, each a day.
func (s Statement) validateDeadlines() error {
	bad := func(what string, v any) error { return fmt.Errorf("%w: deadlines %s %v", ErrMalformed, what, v) }
	switch {
	case s.Unit != s.Issuer:
		return bad("of another unit", s.Unit)
	case s.Totals != nil || s.Approved || s.RestsOn != 0 || s.Approves != 0:
		return bad("with members of another kind", "")
	case len(s.Due) == 0 || len(s.Due) > len(dueLevels):
		return bad("count", len(s.Due))
	}
	for level, due := range s.Due {
		if !dueLevels[level] {
			return bad("level", strconv.Quote(level))
		}
		if d, err := data.ParseDate(due); err != nil || d.String() != due {
			return bad("due", strconv.Quote(due))
		}
	}
	return nil
}

// dueLevels are the levels a deadline may be set for ("" for every level).
var dueLevels = map[string]bool{"": true, units.Commune: true, units.District: true}

// A notice (.khn) carries down to a unit the approvals the unit above
// signed about it: statement files one after another, five lines each.
const noticeLines = 5

// MaxNoticeBytes caps a notice file.
const MaxNoticeBytes = 4 << 20

// SplitNotice splits a notice into its statement files, checking sizes
// and layout only.
func SplitNotice(file []byte) ([][]byte, error) {
	if len(file) > MaxNoticeBytes {
		return nil, fmt.Errorf("%w: a notice of over %d bytes", ErrMalformed, MaxNoticeBytes)
	}
	lines := bytes.SplitAfter(file, []byte("\n"))
	if len(file) == 0 || !bytes.HasSuffix(file, []byte("\n")) || (len(lines)-1)%noticeLines != 0 {
		return nil, fmt.Errorf("%w: a notice is statements of %d lines each", ErrMalformed, noticeLines)
	}
	var out [][]byte
	for n := 0; n+noticeLines < len(lines); n += noticeLines {
		out = append(out, bytes.Join(lines[n:n+noticeLines], nil))
	}
	return out, nil
}
