package store

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"sokhuyenhoc/data"
	"sokhuyenhoc/data/text"
)

// The association's own records: branches, their members per period and
// the log of activities (data/association.go).

// The kinds of the association's records.
const (
	Branch      Kind = "branch"
	MemberCount Kind = "member_count"
	Activity    Kind = "activity"
)

// BranchOf converts a generic row.
func BranchOf(r *Row) data.Branch { return As(data.Branches, r) }

// MemberCountOf converts a generic row.
func MemberCountOf(r *Row) data.MemberCount { return As(data.MemberCounts, r) }

// ActivityOf converts a generic row.
func ActivityOf(r *Row) data.Activity { return As(data.Activities, r) }

var periodNS = uuid.MustParse("3b0e8f2c-5d1a-4c7e-8a64-0f2d9b1c7e55")

// PeriodID returns the id of the row of kind for parent in a period (its
// text form, data.Period.String): like YearlyID, two installations that
// enter the same half-year of the same branch write the same record.
func PeriodID(kind Kind, parent, period string) string {
	return uuid.NewSHA1(periodNS, fmt.Appendf(nil, "%s/%s/%s", kind, parent, period)).String()
}

// SaveBranch creates or updates a branch.
func (e *Editor) SaveBranch(b *data.Branch) (bool, error) { return saveRecord(e, data.Branches, b) }

// SaveMemberCount creates or updates a branch's members for a period.
func (e *Editor) SaveMemberCount(m *data.MemberCount) (bool, error) {
	m.ID = PeriodID(MemberCount, m.BranchID, m.Period)
	return saveRecord(e, data.MemberCounts, m)
}

// SaveActivity creates or updates an entry of the association's log.
func (e *Editor) SaveActivity(a *data.Activity) (bool, error) {
	return saveRecord(e, data.Activities, a)
}

// FindBranch returns the id of the live branch of the unit with that name.
func (e *Editor) FindBranch(unit, name string) (string, error) {
	return e.first(`SELECT id FROM branch WHERE unit = ? AND skey = ? AND deleted = 0 ORDER BY id LIMIT 1`,
		unit, text.Fold(name))
}

// BranchItem is a branch with its members in the queried period (zero
// when it has no count for it).
type BranchItem struct {
	data.Branch
	Members data.MemberCount
}

// Branches lists the live branches of a unit ("" for all) by name, with
// their members in period ("2026-H1"; "" for none).
func (s *Store) Branches(ctx context.Context, unit, period string) ([]BranchItem, error) {
	bs, err := queryRows(ctx, s, Branch, BranchOf, "deleted = 0 AND (? = '' OR unit = ?) ORDER BY nkey, id", unit, unit)
	if err != nil {
		return nil, err
	}
	out := make([]BranchItem, len(bs))
	for n, b := range bs {
		out[n].Branch = b
		if period == "" {
			continue
		}
		ms, err := queryRows(ctx, s, MemberCount, MemberCountOf, "id = ? AND deleted = 0",
			PeriodID(MemberCount, b.ID, period))
		if err != nil {
			return nil, err
		}
		if len(ms) == 1 {
			out[n].Members = ms[0]
		}
	}
	return out, nil
}

// MemberCounts returns a branch's live member counts by period.
func (s *Store) MemberCounts(ctx context.Context, branchID string) ([]data.MemberCount, error) {
	return queryRows(ctx, s, MemberCount, MemberCountOf, "branch_id = ? AND deleted = 0 ORDER BY period", branchID)
}

// ActivityQuery selects entries of the association's log.
type ActivityQuery struct {
	Unit   string // "" for every unit held
	Year   int    // 0 for every year
	Kind   string // "" for every kind
	Search string
	Offset int
	Limit  int
}

func (q ActivityQuery) where() (string, []any) {
	return `deleted = 0 AND (? = '' OR unit = ?) AND (? = 0 OR substr(date, 1, 4) = printf('%04d', ?))
		AND (? = '' OR kind = ?) AND skey LIKE ?`,
		[]any{q.Unit, q.Unit, q.Year, q.Year, q.Kind, q.Kind, "%" + text.Fold(q.Search) + "%"}
}

// Activities returns a page of the log, newest first.
func (s *Store) Activities(ctx context.Context, q ActivityQuery) ([]data.Activity, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	w, args := q.where()
	return queryRows(ctx, s, Activity, ActivityOf, w+" ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
		append(args, q.Limit, q.Offset)...)
}

// CountActivities counts what Activities pages through.
func (s *Store) CountActivities(ctx context.Context, q ActivityQuery) (int, error) {
	w, args := q.where()
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM activity WHERE "+w, args...).Scan(&n)
	return n, err
}
