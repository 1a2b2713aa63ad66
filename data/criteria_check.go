package data

import "strconv"

// The rules a criteria set file must follow (docs/criteria.md), checked
// in file order so that the first fault named is the first in the file.

func (s *CriteriaSet) check() error {
	if err := s.checkHead(); err != nil {
		return err
	}
	groups := map[string]bool{}
	for n, g := range s.Groups {
		at := "groups[" + strconv.Itoa(n) + "]"
		if err := checkCode(at+".code", g.Code, groups); err != nil {
			return err
		}
		if g.Label == "" {
			return &SetError{Where: at + ".label", Err: ErrSetRequired}
		}
		if err := checkPoints(at+".min", g.Min); err != nil {
			return err
		}
	}
	if len(s.Criteria) > MaxSetCriteria {
		return &SetError{Where: "criteria", Err: ErrSetMany}
	}
	codes := map[string]bool{}
	for n, c := range s.Criteria {
		if err := s.checkCriterion(n, c, codes, groups); err != nil {
			return err
		}
	}
	return s.checkRule()
}

func (s *CriteriaSet) checkHead() error {
	switch {
	case s.Model == "":
		return &SetError{Where: "model", Err: ErrSetRequired}
	case Models.Label(s.Model, "en") == s.Model:
		return &SetError{Where: "model", Err: ErrSetModel}
	case s.Version == "":
		return &SetError{Where: "version", Err: ErrSetRequired}
	case !codeLike(s.Version, 40):
		return &SetError{Where: "version", Err: ErrSetVersion}
	case !isStatus(s.Status, false):
		return &SetError{Where: "status", Err: ErrSetStatus}
	}
	if s.Date != "" {
		if d, err := ParseDate(s.Date); err != nil || d.String() != s.Date {
			return &SetError{Where: "date", Err: ErrSetDate}
		}
	}
	for n, u := range s.Sources {
		if u == "" {
			return &SetError{Where: "sources[" + strconv.Itoa(n) + "]", Err: ErrSetRequired}
		}
	}
	return nil
}

func (s *CriteriaSet) checkCriterion(n int, c Criterion, codes, groups map[string]bool) error {
	at := "criteria[" + strconv.Itoa(n) + "]"
	if err := checkCode(at+".code", c.Code, codes); err != nil {
		return err
	}
	switch {
	case c.Label == "":
		return &SetError{Where: at + ".label", Err: ErrSetRequired}
	case c.Group != "" && !groups[c.Group]:
		return &SetError{Where: at + ".group", Err: ErrSetGroup}
	case !isStatus(c.Status, true):
		return &SetError{Where: at + ".status", Err: ErrSetStatus}
	case checkPoints(at+".max", c.Max) != nil:
		return checkPoints(at+".max", c.Max)
	case s.Rule.Kind == RulePoints && c.Max == 0:
		return &SetError{Where: at + ".max", Err: ErrSetRequired}
	case s.Rule.Kind == RulePoints && c.Level != 0:
		return &SetError{Where: at + ".level", Err: ErrSetRule}
	case s.Rule.Kind == RuleLevels && c.Max != 0:
		return &SetError{Where: at + ".max", Err: ErrSetRule}
	case s.Rule.Kind == RuleLevels && (c.Level < 0 || c.Level > len(s.Rule.Levels)):
		return &SetError{Where: at + ".level", Err: ErrSetRule}
	}
	return nil
}

func (s *CriteriaSet) checkRule() error {
	r := s.Rule
	switch r.Kind {
	case "":
		return &SetError{Where: "rule.kind", Err: ErrSetRequired}
	case RulePoints, RuleLevels, RuleResultOnly:
	default:
		return &SetError{Where: "rule.kind", Err: ErrSetRuleKind}
	}
	if !isStatus(r.Status, true) {
		return &SetError{Where: "rule.status", Err: ErrSetStatus}
	}
	if err := checkPoints("rule.total_min", r.TotalMin); err != nil {
		return err
	}
	if err := checkPoints("rule.each_min", r.EachMin); err != nil {
		return err
	}
	if err := s.checkRuleShape(); err != nil {
		return err
	}
	if s.Model == ModelCitizen {
		return s.checkCitizen()
	}
	return nil
}

// checkRuleShape refuses a rule whose parts do not belong to its kind or
// cannot decide anything.
func (s *CriteriaSet) checkRuleShape() error {
	r := s.Rule
	points := r.TotalMin != 0 || r.EachMin != 0 || len(r.Bands) > 0
	for n, g := range s.Groups {
		if g.Min != 0 && r.Kind != RulePoints {
			return &SetError{Where: "groups[" + strconv.Itoa(n) + "].min", Err: ErrSetRule}
		}
	}
	switch {
	case r.Kind == RuleResultOnly && len(s.Criteria) > 0:
		return &SetError{Where: "criteria", Err: ErrSetRule}
	case r.Kind == RuleResultOnly && (points || len(r.Levels) > 0):
		return &SetError{Where: "rule", Err: ErrSetRule}
	case r.Kind != RuleResultOnly && len(s.Criteria) == 0:
		return &SetError{Where: "criteria", Err: ErrSetRequired}
	case r.Kind == RuleLevels && (points || len(r.Levels) == 0):
		return &SetError{Where: "rule.levels", Err: ErrSetRule}
	case r.Kind == RulePoints && len(r.Levels) > 0:
		return &SetError{Where: "rule.levels", Err: ErrSetRule}
	case r.Kind == RulePoints && !r.Manual && r.TotalMin == 0 && r.EachMin == 0 && len(r.Bands) == 0:
		return &SetError{Where: "rule.total_min", Err: ErrSetRequired}
	case r.Kind == RulePoints && int(r.TotalMin) > s.MaxTotal():
		return &SetError{Where: "rule.total_min", Err: ErrSetRule}
	}
	if err := s.checkBands(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for n, l := range r.Levels {
		at := "rule.levels[" + strconv.Itoa(n) + "]"
		if err := checkCode(at+".code", l.Code, seen); err != nil {
			return err
		}
		if l.Label == "" {
			return &SetError{Where: at + ".label", Err: ErrSetRequired}
		}
	}
	return nil
}

func (s *CriteriaSet) checkBands() error {
	seen := map[string]bool{}
	for n, b := range s.Rule.Bands {
		at := "rule.bands[" + strconv.Itoa(n) + "]"
		if err := checkCode(at+".code", b.Code, seen); err != nil {
			return err
		}
		switch {
		case checkPoints(at+".min", b.Min) != nil:
			return checkPoints(at+".min", b.Min)
		case b.Label == "":
			return &SetError{Where: at + ".label", Err: ErrSetRequired}
		case int(b.Min) > s.MaxTotal() || n > 0 && b.Min >= s.Rule.Bands[n-1].Min:
			return &SetError{Where: at + ".min", Err: ErrSetRule} // highest first, within the total
		}
	}
	return nil
}

func (s *CriteriaSet) checkCitizen() error {
	if s.Rule.Kind == RuleResultOnly {
		return nil
	}
	if len(s.Criteria) != Indicators || s.Rule.Kind != RulePoints {
		return &SetError{Where: "criteria", Err: ErrSetCitizen}
	}
	for n, c := range s.Criteria {
		if c.Max > 100 {
			return &SetError{Where: "criteria[" + strconv.Itoa(n) + "].max", Err: ErrSetCitizen}
		}
	}
	return nil
}

// checkPoints refuses a value that is not points (badPoints) or above
// 1000 points.
func checkPoints(at string, p Points) error {
	if p < 0 || p > 10000 {
		return &SetError{Where: at, Err: ErrSetPoints}
	}
	return nil
}

func checkCode(at, code string, seen map[string]bool) error {
	switch {
	case code == "":
		return &SetError{Where: at, Err: ErrSetRequired}
	case !codeLike(code, 20):
		return &SetError{Where: at, Err: ErrSetCode}
	case seen[code]:
		return &SetError{Where: at, Err: ErrSetTwice}
	}
	seen[code] = true
	return nil
}

// codeLike reports 1 to max ASCII letters, digits, '-', '.' or '_'.
func codeLike(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func isStatus(s string, optional bool) bool {
	if s == "" {
		return optional
	}
	for _, x := range criteriaStatuses {
		if s == x {
			return true
		}
	}
	return false
}
