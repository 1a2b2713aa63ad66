package data

import (
	"time"
)

// SubjectFile is everything an installation holds about one person, for
// the person's rights to know, see and obtain their data (Law 91/2025):
// each of the person's records (chosen by the officer: a citizen, one or
// more awards) with its values, the records that depend on it
// (assessments, consents: the consent history), its audit trail, and the
// values of other installations kept in conflicts. The store gathers it
// (data/store, SubjectFile); package data/subject writes it as PDF, XLSX
// and JSON.
type SubjectFile struct {
	Made    time.Time       `json:"made"`
	Unit    string          `json:"unit"` // the installation's unit, "list:code"
	Records []SubjectRecord `json:"records"`
}

// SubjectRecord is one record about the person, or one that depends on it.
type SubjectRecord struct {
	Kind      string          `json:"kind"`
	ID        string          `json:"id"`
	Unit      string          `json:"unit"`
	State     string          `json:"state"` // "live", "deleted" or "purged"
	Fields    []SubjectField  `json:"fields"`
	Audit     []AuditEntry    `json:"audit"`
	Conflicts []SubjectField  `json:"conflicts,omitempty"` // values of other installations kept for a person to decide
	Records   []SubjectRecord `json:"records,omitempty"`   // the records that depend on it
}

// SubjectField is one field as stored and as people read it.
type SubjectField struct {
	Name  string `json:"name"`  // stored column
	Label string `json:"label"` // English source string of its name (Col.Label)
	Value any    `json:"value"` // the stored value: a string or an integer
	Text  string `json:"text"`  // as people read it
}

// AuditEntry is one change of a record in the audit trail.
type AuditEntry struct {
	At       string `json:"at"`
	Operator string `json:"operator"`
	Site     string `json:"site"`
	Action   string `json:"action"`
	Detail   string `json:"detail"` // the columns changed, old and new values (JSON)
}

// SubjectFields lists the fields of a record of kind k with stored values
// vals, as people read them in lang.
func SubjectFields(k Kind, vals []any, lang string) []SubjectField {
	st := PeopleStyle(lang)
	out := make([]SubjectField, 0, len(k.Cols()))
	for n := range k.Cols() {
		if n >= len(vals) {
			break
		}
		c := &k.Cols()[n]
		out = append(out, SubjectField{Name: c.Name, Label: c.Label, Value: vals[n], Text: c.Text(vals[n], st)})
	}
	return out
}

// KindNamed returns the table of the kind called name, or nil.
func KindNamed(name string) Kind {
	for _, k := range AllKinds {
		if k.KindName() == name {
			return k
		}
	}
	return nil
}

// AddWorkingDays returns the day n working days (Monday to Friday) after
// d: when a request received on d must be answered (Law 91/2025: within 2
// working days). Public holidays are not known to the app and are not
// skipped.
func AddWorkingDays(d Date, n int) Date {
	t := time.Date(d.Y, time.Month(d.M), d.D, 12, 0, 0, 0, time.UTC)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return Date{Y: t.Year(), M: int(t.Month()), D: t.Day()}
}
