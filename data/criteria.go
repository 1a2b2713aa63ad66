package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A criteria set (bộ tiêu chí) says how one model's assessments are
// scored: its criteria (code, Vietnamese label, group, maximum points) and
// its pass rule. Sets are data, not code (docs/criteria.md): the sets that
// ship live in assets/criteria with their sources, a unit installs its own
// from a file, and every assessment records the version of the set it was
// scored against, so that a newer set never rewrites last year's results.

// The learning models (QĐ 387/QĐ-TTg) and the citizens' title (QĐ 677).
const (
	ModelCitizen   = "citizen"
	ModelFamily    = "family"
	ModelClan      = "clan"
	ModelCommunity = "community"
	ModelUnit      = "unit"
)

// Models lists the models a criteria set can be for.
var Models = Enum{"model", []Option{
	{ModelCitizen, "Công dân học tập", "Learning citizen"},
	{ModelFamily, "Gia đình học tập", "Learning family"},
	{ModelClan, "Dòng họ học tập", "Learning clan"},
	{ModelCommunity, "Cộng đồng học tập", "Learning community"},
	{ModelUnit, "Đơn vị học tập", "Learning unit"}}}

// Rule kinds.
const (
	RulePoints     = "points"      // criteria with points; pass by total, per criterion and per group minimums, or grade bands
	RuleLevels     = "levels"      // criteria met or not (chỉ tiêu), grouped in levels (mức độ 1, 2)
	RuleResultOnly = "result_only" // no criteria: the result is entered as decided
)

// Confirmation statuses of a set, a criterion, a rule.
var criteriaStatuses = []string{"confirmed", "partial", "unconfirmed"}

// CriteriaSet is one version of one model's criteria.
type CriteriaSet struct {
	Model    string          `json:"model"`
	Version  string          `json:"version"`
	Title    string          `json:"title,omitempty"`
	Issuer   string          `json:"issuer,omitempty"`
	Decision string          `json:"decision,omitempty"` // "244/QĐ-KHVN"
	Date     string          `json:"date,omitempty"`     // yyyy-mm-dd of the decision
	Period   string          `json:"period,omitempty"`   // "2016–2020"
	Status   string          `json:"status"`             // confirmed | partial | unconfirmed
	Note     string          `json:"note,omitempty"`
	Sources  []string        `json:"sources,omitempty"`
	Groups   []CriteriaGroup `json:"groups,omitempty"`
	Criteria []Criterion     `json:"criteria,omitempty"`
	Rule     Rule            `json:"rule"`

	sum string // SHA-256 of the canonical form
}

// CriteriaGroup is a group of criteria (tiêu chí over its chỉ số).
type CriteriaGroup struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Min   Points `json:"min,omitempty"` // points rule: the group's least total to pass; 0 for none
}

// Criterion is one scored item (chỉ số, chỉ tiêu).
type Criterion struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Group  string `json:"group,omitempty"`
	Max    Points `json:"max,omitempty"`   // points rule: the most points it gives
	Level  int    `json:"level,omitempty"` // levels rule: the level it belongs to (1 for the first)
	Status string `json:"status,omitempty"`
}

// Rule is a set's pass rule.
type Rule struct {
	Kind string `json:"kind"`
	// Manual leaves the result to a person: a set whose criteria or
	// thresholds are not all known records the scores as evidence, and the
	// result is entered as decided.
	Manual   bool    `json:"manual,omitempty"`
	TotalMin Points  `json:"total_min,omitempty"` // points: the least total that passes
	EachMin  Points  `json:"each_min,omitempty"`  // points: no criterion may score less
	Bands    []Band  `json:"bands,omitempty"`     // points: grades by total, highest first
	Levels   []Grade `json:"levels,omitempty"`    // levels: the levels, lowest first
	Status   string  `json:"status,omitempty"`
	Note     string  `json:"note,omitempty"`
}

// Band is a grade of a points rule: from Min points up, passing or not.
type Band struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Min   Points `json:"min"`
	Pass  bool   `json:"pass"`
}

// Grade names a level of a levels rule.
type Grade struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Points are points in tenths, written in JSON as a number with at most
// one decimal (8.5).
type Points int

// badPoints marks a value that is not a number of points; the set's
// check names its place in the file.
const badPoints Points = -1

// UnmarshalJSON reads a number of points with at most one decimal; any
// other value becomes badPoints, which the set's check refuses by name.
func (p *Points) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*p = 0
		return nil
	}
	whole, frac, dec := strings.Cut(s, ".")
	if !allDigits(whole) || len(whole) > 4 || dec && (len(frac) != 1 || !allDigits(frac)) {
		*p = badPoints
		return nil
	}
	v := 0
	for _, c := range whole + frac {
		v = v*10 + int(c-'0')
	}
	if !dec {
		v *= 10
	}
	*p = Points(v)
	return nil
}

// MarshalJSON writes the points as a number (8.5, 10).
func (p Points) MarshalJSON() ([]byte, error) {
	if p%10 == 0 {
		return []byte(itoa(int(p) / 10)), nil
	}
	return []byte(fmt.Sprintf("%d.%d", p/10, p%10)), nil
}

// Errors of criteria sets. Each comes wrapped in a *SetError naming the
// place in the file.
var (
	ErrSetSyntax   = errors.New("criteria: not a criteria set file (JSON)")
	ErrSetTooLarge = errors.New("criteria: the file is larger than 256 KiB")
	ErrSetField    = errors.New("criteria: unknown field")
	ErrSetRequired = errors.New("criteria: value required")
	ErrSetModel    = errors.New("criteria: not a model (citizen|family|clan|community|unit)")
	ErrSetVersion  = errors.New("criteria: a version is 1 to 40 letters, digits, '-', '.' or '_'")
	ErrSetCode     = errors.New("criteria: a code is 1 to 20 letters, digits, '-', '.' or '_'")
	ErrSetTwice    = errors.New("criteria: code given twice")
	ErrSetMany     = errors.New("criteria: a set has at most 100 criteria")
	ErrSetGroup    = errors.New("criteria: no group with this code")
	ErrSetPoints   = errors.New("criteria: points are a number from 0 to 1000 with at most one decimal")
	ErrSetRuleKind = errors.New("criteria: rule kind must be points, levels or result_only")
	ErrSetRule     = errors.New("criteria: the rule does not fit the criteria")
	ErrSetStatus   = errors.New("criteria: status must be confirmed, partial or unconfirmed")
	ErrSetDate     = errors.New("criteria: date must be yyyy-mm-dd")
	ErrSetCitizen  = errors.New("criteria: a citizen set has ten criteria of at most 10 points each (files have i1…i10)")
	ErrSetTaken    = errors.New("criteria: another set with this model and version is installed; give the new one a version of its own")
	ErrSetUnknown  = errors.New("criteria: no criteria set with this version is installed here")
)

// SetError is a fault of a criteria set file: where it is ("criteria[3].max")
// and which rule it breaks.
type SetError struct {
	Where string
	Err   error
}

func (e *SetError) Error() string {
	if e.Where == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Where
}

// Unwrap returns the sentinel.
func (e *SetError) Unwrap() error { return e.Err }

// MaxSetSize is the largest criteria set file read.
const MaxSetSize = 256 << 10

// MaxSetCriteria is the most criteria a set may have (ErrSetMany): the
// bound on the scores a model's assessment stores.
const MaxSetCriteria = 100

// ParseCriteriaSet reads and checks one criteria set (docs/criteria.md):
// strict JSON, one object, no unknown fields, every rule of the format.
func ParseCriteriaSet(r io.Reader) (*CriteriaSet, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSetSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSetSize {
		return nil, &SetError{Err: ErrSetTooLarge}
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	dec.DisallowUnknownFields()
	var s CriteriaSet
	if err := dec.Decode(&s); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &SetError{Where: "after the set", Err: ErrSetSyntax}
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	s.seal()
	return &s, nil
}

// jsonError names what encoding/json refused.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &te):
		return &SetError{Where: te.Field, Err: ErrSetSyntax}
	case strings.HasPrefix(msg, "json: unknown field "):
		return &SetError{Where: strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`), Err: ErrSetField}
	}
	return &SetError{Where: msg, Err: ErrSetSyntax}
}

// Key names the set among all sets: "citizen/HKHVN-244-2022".
func (s *CriteriaSet) Key() string { return s.Model + "/" + s.Version }

// Sum is the SHA-256 of the set's canonical form: two files that say the
// same set have the same sum.
func (s *CriteriaSet) Sum() string { return s.sum }

// JSON returns the set's canonical form (what is stored).
func (s *CriteriaSet) JSON() []byte {
	b, _ := json.MarshalIndent(s, "", "  ")
	return append(b, '\n')
}

func (s *CriteriaSet) seal() {
	h := sha256.Sum256(s.JSON())
	s.sum = hex.EncodeToString(h[:])
}

// MaxTotal is the most points the criteria give together (tenths).
func (s *CriteriaSet) MaxTotal() int {
	t := 0
	for _, c := range s.Criteria {
		t += int(c.Max)
	}
	return t
}

// Complete reports a set whose status is confirmed.
func (s *CriteriaSet) Complete() bool { return s.Status == "confirmed" }

// Label returns the set's name for people: its title, or model and version.
func (s *CriteriaSet) Label(lang string) string {
	if s.Title != "" {
		return s.Title + " (" + s.Version + ")"
	}
	return Models.Label(s.Model, lang) + " (" + s.Version + ")"
}
