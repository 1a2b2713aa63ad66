package store

import (
	"context"
	"strings"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// CitizenQuery selects a page of the citizen register.
type CitizenQuery struct {
	Unit    string // "list:code"; "" for every unit held (district, province)
	Search  string // words matched against name, CCCD and phone, ignoring marks and case
	Year    int    // only citizens with an entry for that year; 0 for all
	Village string
	Result  string // "dat", "chua_dat", "none" (entry without result); "" for any
	Offset  int
	Limit   int // 0 means 100
}

// CitizenItem is a line of the citizen list.
type CitizenItem struct {
	data.Citizen
	Year   int    // the queried year, or 0
	Result string // that year's result
	Status string
	Total  int // tenths; -1 without scores
	// Criteria is the version of the criteria set that year's
	// assessment was scored against ("" for data.LegacyCitizenSet).
	Criteria string
}

// where returns the conditions; like selects the scan-and-filter form of
// the search (see dense) instead of the full-text index.
func (q CitizenQuery) where(like bool) (string, []any) {
	var w []string
	var args []any
	w = append(w, "c.deleted = 0")
	if q.Unit != "" {
		w, args = append(w, "c.unit = ?"), append(args, q.Unit)
	}
	if q.Village != "" {
		w, args = append(w, "c.vkey = ?"), append(args, text.Fold(q.Village))
	}
	if m := MatchQuery(q.Search); m != "" && like {
		for _, word := range searchWords(q.Search) {
			w, args = append(w, "(' ' || c.skey) LIKE ?"), append(args, "% "+word+"%")
		}
	} else if m != "" {
		w, args = append(w, "c.rowid IN (SELECT rowid FROM citizen_fts WHERE citizen_fts MATCH ?)"), append(args, m)
	}
	switch q.Result {
	case "":
	case "none":
		w = append(w, "a.result = ''")
	default:
		w, args = append(w, "a.result = ?"), append(args, q.Result)
	}
	return strings.Join(w, " AND "), args
}

func (q CitizenQuery) from() (string, []any) {
	if q.Year == 0 && q.Result == "" {
		// No assessment wanted: a one-row stand-in keeps the select list.
		return "citizen c, (SELECT 0 AS year, '' AS result, '' AS status, '' AS scores, '' AS criteria) a", nil
	}
	if q.Year == 0 { // a result filter without a year: any year
		return "citizen c JOIN assessment a ON a.citizen_id = c.id AND a.deleted = 0", nil
	}
	return "citizen c JOIN assessment a ON a.citizen_id = c.id AND a.year = ? AND a.deleted = 0", []any{q.Year}
}

// MatchQuery turns typed words into an FTS5 query: every word, folded, must
// start a word of the search key. "" when nothing searchable was typed.
func MatchQuery(s string) string {
	var parts []string
	for _, w := range searchWords(s) {
		parts = append(parts, `"`+w+`"*`)
	}
	return strings.Join(parts, " ")
}

// searchWords folds the typed text and keeps its words' letters and digits.
func searchWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(text.Fold(s)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// dense reports whether a search matches so many citizens that walking the
// name index and testing each row finds a page sooner than fetching and
// sorting every match from the full-text index. It tests a sample of 2,000
// rows in storage order: at 10 matches or more (0.5 %), a page of 50 lies
// within the first 10,000 rows of the walk.
func (s *Store) dense(ctx context.Context, q CitizenQuery) bool {
	words := searchWords(q.Search)
	if len(words) == 0 {
		return false
	}
	cond, args := "deleted = 0", []any{}
	if q.Unit != "" {
		cond, args = cond+" AND unit = ?", append(args, q.Unit)
	}
	for _, w := range words {
		cond, args = cond+" AND (' ' || skey) LIKE ?", append(args, "% "+w+"%")
	}
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT skey, unit, deleted FROM citizen ORDER BY rowid LIMIT 2000) WHERE "+cond, args...).Scan(&n)
	return err == nil && n >= 10
}

// Citizens returns a page of the register in Vietnamese name order (by
// unit first when several units are held: a district sees commune by
// commune). A page comes from the name index without sorting the register,
// so the first page of a million citizens takes milliseconds.
func (s *Store) Citizens(ctx context.Context, q CitizenQuery) ([]CitizenItem, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	from, args := q.from()
	fts := MatchQuery(q.Search) != "" && !s.dense(ctx, q)
	where, wargs := q.where(!fts)
	args = append(append(args, wargs...), q.Limit, q.Offset)
	// Name order straight from the citizen_list index (unit, deleted, nkey),
	// ties by rowid, which the index carries; a full-text search instead
	// fetches its few matches and sorts them (ties by id keep the planner
	// from walking the index).
	order := "c.unit, c.nkey, c.rowid"
	switch {
	case fts:
		order = "c.unit, c.nkey, c.id"
	case q.Unit != "":
		order = "c.nkey, c.rowid"
	}
	cs := schemas[Citizen]
	rows, err := s.r.QueryContext(ctx, `SELECT `+prefixed("c", cs)+`,
		coalesce(a.year, 0), coalesce(a.result, ''), coalesce(a.status, ''), coalesce(a.scores, ''), coalesce(a.criteria, '')
		FROM `+from+` WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CitizenItem
	for rows.Next() {
		var it CitizenItem
		var scores string
		r, err := scanRow(cs, rows, &it.Year, &it.Result, &it.Status, &scores, &it.Criteria)
		if err != nil {
			return nil, err
		}
		it.Citizen = CitizenOf(r)
		it.Total = -1
		if sc := data.DecodeScores(scores); len(sc) > 0 {
			it.Total = data.Assessment{Scores: sc}.Total()
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// CountCitizens counts what Citizens would page through.
func (s *Store) CountCitizens(ctx context.Context, q CitizenQuery) (int, error) {
	from, args := q.from()
	where, wargs := q.where(false)
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM "+from+" WHERE "+where, append(args, wargs...)...).Scan(&n)
	return n, err
}

// GetCitizen returns one citizen (deleted ones too).
func (s *Store) GetCitizen(ctx context.Context, id string) (data.Citizen, bool, error) {
	r, err := loadRow(ctx, s.r, schemas[Citizen], id)
	if err != nil {
		return data.Citizen{}, false, err
	}
	return CitizenOf(r), r.Deleted(), nil
}

// Assessments returns a citizen's live assessments, newest year first.
func (s *Store) Assessments(ctx context.Context, citizenID string) ([]data.Assessment, error) {
	return queryRows(ctx, s, Assessment, AssessmentOf,
		"citizen_id = ? AND deleted = 0 ORDER BY year DESC", citizenID)
}

// queryRows loads whole rows of a kind matching a condition.
func queryRows[T any](ctx context.Context, s *Store, k Kind, conv func(*Row) T, cond string, args ...any) ([]T, error) {
	sc := schemas[k]
	rows, err := s.r.QueryContext(ctx, "SELECT "+sc.selectCols()+" FROM "+string(k)+" WHERE "+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		r, err := scanRow(sc, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, conv(r))
	}
	return out, rows.Err()
}
