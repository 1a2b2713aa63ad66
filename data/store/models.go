package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// The registers of the four learning models (data/models.go): records,
// their yearly assessments (model_year) and their members' links.

// SaveFamily creates or updates a family (a new one when f.ID is empty).
func (e *Editor) SaveFamily(f *data.Family) (bool, error) { return saveRecord(e, data.Families, f) }

// SaveClan creates or updates a clan.
func (e *Editor) SaveClan(c *data.Clan) (bool, error) { return saveRecord(e, data.Clans, c) }

// ErrVillageTaken refuses a learning community for a village that another
// live community of the unit already stands for: one per village.
var ErrVillageTaken = errors.New("store: the village already has its learning community")

// SaveCommunity creates or updates a village's learning community; a
// village another live community of the unit has is refused as a
// *data.FieldError of the column "village" (ErrVillageTaken).
func (e *Editor) SaveCommunity(c *data.Community) (bool, error) {
	other, err := e.first(`SELECT id FROM community WHERE unit = ? AND vkey = ? AND vkey <> ''
		AND deleted = 0 AND id <> ? ORDER BY id LIMIT 1`, c.Unit, text.Fold(c.Village), c.ID)
	if err != nil {
		return false, err
	}
	if other != "" {
		return false, &data.FieldError{Field: "village", Value: c.Village, Err: ErrVillageTaken}
	}
	return saveRecord(e, data.Communities, c)
}

// SaveLearningUnit creates or updates a learning unit.
func (e *Editor) SaveLearningUnit(u *data.LearningUnit) (bool, error) {
	return saveRecord(e, data.LearningUnits, u)
}

// SaveModelYear creates or updates a record's assessment for a year.
func (e *Editor) SaveModelYear(y *data.ModelYear) (bool, error) {
	y.ID = YearlyID(ModelYear, y.RecordID, y.Year)
	return saveRecord(e, data.ModelYears, y)
}

// memberNS names member links: a link's id comes from the record and the
// citizen, so two installations linking the same citizen write one record.
var memberNS = uuid.MustParse("3c9a7d1e-52b8-4f60-a1d4-8e2f6b0c9a71")

// MemberID returns the id of the link of a citizen to a record.
func MemberID(recordID, citizenID string) string {
	return uuid.NewSHA1(memberNS, []byte(recordID+"/"+citizenID)).String()
}

// Link makes a citizen a member of a family or a learning unit (again,
// if the link was removed). It reports whether anything changed.
func (e *Editor) Link(recordID, citizenID, unit string) (bool, error) {
	m := data.Member{ID: MemberID(recordID, citizenID), RecordID: recordID, CitizenID: citizenID, Unit: unit}
	return saveRecord(e, data.Members, &m)
}

// Unlink removes a citizen's link to a record, if it is there.
func (e *Editor) Unlink(recordID, citizenID string) error {
	r, err := e.Load(Member, MemberID(recordID, citizenID))
	if err == ErrNotFound || err == nil && r.Deleted() {
		return nil
	}
	if err != nil {
		return err
	}
	return e.Delete(Member, r.ID)
}

// ErrNoSuchCitizen refuses a member named by an id or CCCD that no live
// citizen of the unit has.
var ErrNoSuchCitizen = errors.New("store: no citizen of this unit has that id or CCCD")

// SetMembers makes the citizens named (by id, as exports write them, or
// by CCCD) exactly the members of record id of unit. A name no live
// citizen of the unit has is refused as a *data.FieldError of the column
// "citizens" (ErrNoSuchCitizen), and nothing is linked.
func (e *Editor) SetMembers(id, unit string, named []string) error {
	want := map[string]bool{}
	var ids []string
	for _, v := range named {
		cid, err := e.citizenRef(unit, v)
		if err != nil {
			return err
		}
		if !want[cid] {
			want[cid] = true
			ids = append(ids, cid)
		}
	}
	for _, cid := range ids {
		if _, err := e.Link(id, cid, unit); err != nil {
			return err
		}
	}
	ms, err := e.Matches(Member, unit, []Eq{{Col: "record_id", Val: id}}, []string{"citizen_id"})
	if err != nil {
		return err
	}
	for _, m := range ms {
		if cid, _ := m.Vals[0].(string); !want[cid] {
			if err := e.Unlink(id, cid); err != nil {
				return err
			}
		}
	}
	return nil
}

// citizenRef finds a live citizen of the unit by id or CCCD.
func (e *Editor) citizenRef(unit, v string) (string, error) {
	if r, err := e.Load(Citizen, v); err == nil && r.Unit == unit && !r.Deleted() {
		return v, nil
	} else if err != nil && err != ErrNotFound {
		return "", err
	}
	if id := data.NormalizeCCCD(v); len(id) == 12 {
		ms, err := e.Matches(Citizen, unit, []Eq{{Col: "id_number", Val: id}}, nil)
		if err != nil || len(ms) > 0 {
			if len(ms) > 0 {
				return ms[0].ID, nil
			}
			return "", err
		}
	}
	return "", &data.FieldError{Field: "citizens", Value: v, Err: ErrNoSuchCitizen}
}

// ErrNoSuchClan refuses a family's clan named by an id or name that no
// live clan of the unit has.
var ErrNoSuchClan = errors.New("store: no clan of this unit has that id or name")

// ClanRef turns a family's clan, given by id (as exports write it) or by
// name (with its branch), into the id of a live clan of the unit; another
// value is refused as a *data.FieldError of the column "clan".
func (e *Editor) ClanRef(unit, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if r, err := e.Load(Clan, v); err == nil && r.Unit == unit && !r.Deleted() {
		return v, nil
	} else if err != nil && err != ErrNotFound {
		return "", err
	}
	ms, err := e.Matches(Clan, unit, []Eq{{Col: "nkey", Val: text.Key(v)}}, nil)
	if err != nil {
		return "", err
	}
	if len(ms) == 0 {
		return "", &data.FieldError{Field: "clan", Value: v, Err: ErrNoSuchClan}
	}
	return ms[0].ID, nil
}

// ModelQuery selects a page of a model's register.
type ModelQuery struct {
	Unit    string // "list:code"; "" for every unit held
	Search  string // matched against the name, ignoring marks and case
	Year    int    // only records with an assessment for that year; 0 for all
	Village string // families and communities: only this village
	Result  string // dat, chua_dat, none (an assessment without a result); "" for any
	Offset  int
	Limit   int // 0 means 100
}

// ModelItem is a line of a model's register: the record, its assessment
// in the queried year (without a year, its latest; zero without one) and
// how many citizens it links.
type ModelItem[T any] struct {
	Record  T
	Year    data.ModelYear
	Members int
	// Families are, for a village's community, the families of that
	// village the family register holds recognised in the assessment's
	// year (derived, where the register is kept).
	Families int
}

func (q ModelQuery) where(k Kind) (string, []any) {
	w, args := "r.deleted = 0 AND (? = '' OR r.unit = ?) AND r.skey LIKE ?", []any{q.Unit, q.Unit, "%" + text.Fold(q.Search) + "%"}
	if q.Village != "" && (k == Family || k == Community) {
		w, args = w+" AND r.vkey = ?", append(args, text.Fold(q.Village))
	}
	switch q.Result {
	case "":
	case "none":
		w += " AND y.result = ''"
	default:
		w, args = w+" AND y.result = ?", append(args, q.Result)
	}
	if q.Year == 0 {
		return w, args
	}
	return w, append([]any{q.Year}, args...)
}

// from joins each record's assessment of q.Year, or without a year its
// latest one.
func (q ModelQuery) from(k Kind) string {
	join := "LEFT JOIN"
	on := "y.record_id = r.id AND y.deleted = 0 AND y.year = ?"
	if q.Year != 0 || q.Result != "" {
		join = "JOIN"
	}
	if q.Year == 0 {
		on = "y.id = (SELECT id FROM model_year WHERE record_id = r.id AND deleted = 0 ORDER BY year DESC LIMIT 1)"
	}
	return string(k) + " r " + join + " model_year y ON " + on
}

// ModelRecords returns a page of a model's register in name order, with
// each record's assessment in q.Year (without a year, its latest).
func ModelRecords[T any](ctx context.Context, s *Store, t *data.Table[T], q ModelQuery) ([]ModelItem[T], error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	k := Kind(t.Name)
	rs, ys := schemas[k], schemas[ModelYear]
	where, args := q.where(k)
	families := "0"
	if k == Community {
		families = `(SELECT count(*) FROM family f JOIN model_year fy ON fy.record_id = f.id AND fy.deleted = 0
			AND fy.model = 'family' AND fy.year = y.year AND fy.result = 'dat' AND fy.status = 'cong_nhan'
			WHERE f.deleted = 0 AND f.unit = r.unit AND f.vkey = r.vkey)`
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+prefixed("r", rs)+", "+prefixed("y", ys)+`,
		(SELECT count(*) FROM member m WHERE m.record_id = r.id AND m.deleted = 0), `+families+`
		FROM `+q.from(k)+` WHERE `+where+` ORDER BY r.unit, r.nkey, r.id LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: %s list: %w", k, err)
	}
	defer rows.Close()
	var out []ModelItem[T]
	for rows.Next() {
		var it ModelItem[T]
		r, y, err := scanPair(rows, rs, ys, &it.Members, &it.Families)
		if err != nil {
			return nil, err
		}
		it.Record = As(t, r)
		if y != nil {
			it.Year = As(data.ModelYears, y)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// CountModelRecords counts what ModelRecords pages through.
func (s *Store) CountModelRecords(ctx context.Context, k Kind, q ModelQuery) (int, error) {
	where, args := q.where(k)
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM "+q.from(k)+" WHERE "+where, args...).Scan(&n)
	return n, err
}

// ModelYearsOf returns a record's live assessments, newest year first.
func (s *Store) ModelYearsOf(ctx context.Context, recordID string) ([]data.ModelYear, error) {
	return queryRows(ctx, s, ModelYear, func(r *Row) data.ModelYear { return As(data.ModelYears, r) },
		"record_id = ? AND deleted = 0 ORDER BY year DESC", recordID)
}

// MembersOf returns the live citizens linked to a record, in name order.
func (s *Store) MembersOf(ctx context.Context, recordID string) ([]data.Citizen, error) {
	cs, err := queryRows(ctx, s, Citizen, CitizenOf, `deleted = 0 AND id IN
		(SELECT citizen_id FROM member WHERE record_id = ? AND deleted = 0) ORDER BY nkey, id`, recordID)
	return cs, err
}

// EachModel calls fn for every live record of t's kind in unit ("" for
// all), in name order, once per live assessment (newest year first) or
// once with a nil assessment, with the ids of the citizens it links.
func EachModel[T any](ctx context.Context, s *Store, t *data.Table[T], unit string,
	fn func(T, *data.ModelYear, []string) error) error {
	k := Kind(t.Name)
	rs, ys := schemas[k], schemas[ModelYear]
	links, err := s.links(ctx, k, unit)
	if err != nil {
		return err
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+prefixed("r", rs)+", "+prefixed("y", ys)+`
		FROM `+string(k)+` r LEFT JOIN model_year y ON y.record_id = r.id AND y.deleted = 0
		WHERE r.deleted = 0 AND (? = '' OR r.unit = ?) ORDER BY r.nkey, r.id, y.year DESC`, unit, unit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, y, err := scanPair(rows, rs, ys)
		if err != nil {
			return err
		}
		var yp *data.ModelYear
		if y != nil {
			x := As(data.ModelYears, y)
			yp = &x
		}
		if err := fn(As(t, r), yp, links[r.ID]); err != nil {
			return err
		}
	}
	return rows.Err()
}

// links returns the live citizens' ids linked to each live record of kind
// k in unit.
func (s *Store) links(ctx context.Context, k Kind, unit string) (map[string][]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT m.record_id, m.citizen_id FROM member m
		JOIN `+string(k)+` r ON r.id = m.record_id AND r.deleted = 0
		JOIN citizen c ON c.id = m.citizen_id AND c.deleted = 0
		WHERE m.deleted = 0 AND (? = '' OR m.unit = ?) ORDER BY m.record_id, c.nkey, c.id`, unit, unit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var rec, cit string
		if err := rows.Scan(&rec, &cit); err != nil {
			return nil, err
		}
		out[rec] = append(out[rec], cit)
	}
	return out, rows.Err()
}

func init() {
	for k, model := range map[Kind]string{Family: "family", Clan: "clan", Community: "community", LearningUnit: "unit"} {
		yearsSQL[k] = "SELECT DISTINCT year FROM model_year WHERE deleted = 0 AND year > 0 AND model = '" + model + "'"
	}
}

// FindModel returns the id of the live record of kind k in unit whose
// search key is key (data's folded name: a clan's name, a village).
func (e *Editor) FindModel(k Kind, unit, col string, val any) (string, error) {
	return e.first("SELECT id FROM "+string(k)+" WHERE unit = ? AND "+col+" = ? AND deleted = 0 ORDER BY id LIMIT 1", unit, val)
}
