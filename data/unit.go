package data

// Village is a thôn or tổ dân phố. Villages are not in the official lists:
// each commune keeps its own.
type Village struct {
	ID   string
	Unit string
	Name string
	Note string
}

// Profile is the commune profile for one year: the adult population that
// the QĐ 677 targets are measured against.
type Profile struct {
	ID     string
	Unit   string
	Year   int
	Adults int64
}

// ParseVillage turns a village's cells (name, note) into a record.
func ParseVillage(in Input) (Village, error) { return parseTable(Villages, in) }

// FormatVillage writes a village as cells: the inverse of ParseVillage.
func FormatVillage(v Village, st Style) Input { return formatTable(Villages, v, st) }

// ParseProfile turns a profile's cells (year, adults) into a record.
func ParseProfile(in Input) (Profile, error) { return parseTable(Profiles, in) }

// FormatProfile writes a profile as cells: the inverse of ParseProfile.
func FormatProfile(x Profile, st Style) Input { return formatTable(Profiles, x, st) }
