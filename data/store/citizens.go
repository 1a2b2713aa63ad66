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
}

func (q CitizenQuery) where() (string, []any) {
	var w []string
	var args []any
	w = append(w, "c.deleted = 0")
	if q.Unit != "" {
		w, args = append(w, "c.unit = ?"), append(args, q.Unit)
	}
	if q.Village != "" {
		w, args = append(w, "c.vkey = ?"), append(args, text.Fold(q.Village))
	}
	if m := MatchQuery(q.Search); m != "" {
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
		return "citizen c, (SELECT 0 AS year, '' AS result, '' AS status, '' AS scores) a", nil
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
	for _, w := range strings.Fields(text.Fold(s)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w != "" {
			parts = append(parts, `"`+w+`"*`)
		}
	}
	return strings.Join(parts, " ")
}

// Citizens returns a page of the register in Vietnamese name order (by
// unit first when several units are held: a district sees commune by commune).
func (s *Store) Citizens(ctx context.Context, q CitizenQuery) ([]CitizenItem, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	from, args := q.from()
	where, wargs := q.where()
	args = append(append(args, wargs...), q.Limit, q.Offset)
	rows, err := s.r.QueryContext(ctx, `SELECT c.id, c.unit, c.ho_dem, c.ten, c.gender, c.birth_year,
		c.birth_date, c.id_number, c.phone, c.ethnicity, c.village, c.grp, c.note,
		coalesce(a.year, 0), coalesce(a.result, ''), coalesce(a.status, ''), coalesce(a.scores, '')
		FROM `+from+` WHERE `+where+` ORDER BY c.unit, c.nkey, c.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CitizenItem
	for rows.Next() {
		var it CitizenItem
		var birth, scores string
		c := &it.Citizen
		if err := rows.Scan(&c.ID, &c.Unit, &c.HoDem, &c.Ten, &c.Gender, &c.BirthYear, &birth,
			&c.IDNumber, &c.Phone, &c.Ethnicity, &c.Village, &c.Group, &c.Note,
			&it.Year, &it.Result, &it.Status, &scores); err != nil {
			return nil, err
		}
		c.BirthDate = date(birth)
		it.Total = -1
		if sc := decodeScores(scores); len(sc) > 0 {
			it.Total = data.Assessment{Scores: sc}.Total()
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// CountCitizens counts what Citizens would page through.
func (s *Store) CountCitizens(ctx context.Context, q CitizenQuery) (int, error) {
	from, args := q.from()
	where, wargs := q.where()
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
