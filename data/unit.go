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
