package data

import "strconv"

// Style says how Format writes a record's cells. Parse reads every style.
type Style struct {
	// People writes for a person at a form, a preview or the conflict
	// screen: dates dd/mm/yyyy, numbers with dot separators, scores with a
	// decimal comma, codes as their labels in Lang. Without it, cells are
	// written for a file: dates yyyy-mm-dd, plain digits, a decimal dot and
	// codes, which survive every spreadsheet and import back unchanged.
	People bool
	Lang   string // "vi" (the default) or "en"
}

// FileStyle writes cells for a CSV or Excel file.
var FileStyle = Style{}

// PeopleStyle writes cells for people reading lang.
func PeopleStyle(lang string) Style { return Style{People: true, Lang: lang} }

// text writes a stored text value: codes as labels for people.
func (c *Col) text(v string, st Style) string {
	if !st.People || v == "" {
		return v
	}
	switch {
	case c.Enum != nil:
		return c.Enum.Label(v, st.Lang)
	case c.Open != nil:
		return SuggestionLabel(c.Open, v, st.Lang)
	}
	return v
}

func (st Style) date(d Date) string {
	if st.People {
		return d.VN()
	}
	return d.String()
}

// number writes a count or an amount; zero is an empty cell.
func (st Style) number(v int64) string {
	switch {
	case v == 0:
		return ""
	case st.People:
		return GroupDigits(v)
	}
	return strconv.FormatInt(v, 10)
}

// score writes one score in tenths: "8,5" for people, "8.5" for a file (a
// dot survives CSV unquoted).
func (st Style) score(tenths int) string {
	if st.People {
		return FormatScore(tenths)
	}
	if tenths%10 == 0 {
		return strconv.Itoa(tenths / 10)
	}
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}

// scores writes a list of scores on one line: "8; 8,5; 9 …".
func (st Style) scores(s []int) string {
	out := ""
	for n, x := range s {
		if n > 0 {
			out += "; "
		}
		out += st.score(x)
	}
	return out
}

// Text writes one stored value of column c (a string or an int64, as the
// store holds it) in style st: what the conflict screen and the import
// preview show of a single field.
func (c *Col) Text(v any, st Style) string {
	switch x := v.(type) {
	case int64:
		if c.Type == TypeYear {
			if x == 0 {
				return ""
			}
			return strconv.FormatInt(x, 10)
		}
		return st.number(x)
	case string:
		switch c.Type {
		case TypeDate:
			return st.date(storedDate(x))
		case TypeScores:
			return st.scores(DecodeScores(x))
		}
		return c.text(x, st)
	}
	return ""
}

// Normalized reports whether the column's values are normalised
// identifiers (a CCCD, a phone number): digits that must stay text.
func (c *Col) Normalized() bool { return c.norm != nil }
