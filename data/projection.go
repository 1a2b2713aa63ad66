package data

// The upward projection: what an installation puts in the bundles it sends
// to the level above. It is the kinds' tables themselves (kinds.go): each
// column's Reach says how far up its value may go, and Ident marks the
// columns that name the person, which go up only with the person's consent
// to sending upward (consent.go). A record without that consent goes up
// blanked: every figure the reports count (results, amounts, types, years,
// gender) stays exact, so the province's totals remain the sum of the
// communes', while nothing names the person.

// Sent reports whether an installation at level puts this column's value
// in a bundle for the level above, for a record whose person consented to
// sending upward (upward) or not.
func (c *Col) Sent(level string, upward bool) bool {
	return c.Reach.SentBy(level) && (upward || !c.Ident)
}

// Project blanks in vals, a record's stored values in column order (more
// values may follow, such as the store's tombstone), every column that
// stays when an installation at level sends the record upward.
func Project(cols []Col, vals []any, level string, upward bool) {
	for n := range cols {
		if n < len(vals) && !cols[n].Sent(level, upward) {
			vals[n] = cols[n].Zero()
		}
	}
}

// Zero is the stored value of an empty cell of the column.
func (c *Col) Zero() any {
	if c.Type.Int() {
		return int64(0)
	}
	return ""
}

// Levels at which an installation sends upward, lowest first.
var SendingLevels = []string{"commune", "district"}
