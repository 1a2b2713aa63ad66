package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"sokhuyenhoc/data"
)

// migrationModels is the number of migrations/0010_models.sql (renumber
// both together).
const migrationModels = 10

func init() { goSteps[migrationModels] = passRuleToCriteria }

// addedColumns are the columns added to tables that existed before them,
// by ALTER TABLE: each Go step reads and writes rows with today's columns,
// so every Go step (and migration 0010's) adds those still missing first.
var addedColumns = []struct{ table, col, decl string }{
	{"assessment", "criteria", "TEXT NOT NULL DEFAULT ''"},
}

// hasTable reports whether the database has the table yet: a Go step of
// an earlier migration runs before later migrations add their tables.
func hasTable(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&n)
	return n > 0, err
}

// addColumns adds the addedColumns a table lacks.
func addColumns(ctx context.Context, tx *sql.Tx) error {
	for _, a := range addedColumns {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", a.table, a.col).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, "ALTER TABLE "+a.table+" ADD COLUMN "+a.col+" "+a.decl); err != nil {
				return err
			}
		}
	}
	return nil
}

// passRuleToCriteria carries a pass rule set in meta "pass_rule" (the
// minimum total and per indicator in tenths, "800/50", before criteria
// sets were data) onto the citizens' criteria: a rule other than the one
// that ships becomes a set of this installation, in use. Results stored
// before keep their values: a result is never computed again without a
// change to its scores.
func passRuleToCriteria(s *Store, t *txn) (string, error) {
	var v string
	err := t.tx.QueryRowContext(t.ctx, "SELECT value FROM meta WHERE key = ?", MetaPassRule).Scan(&v)
	if err == sql.ErrNoRows || err == nil && v == "800/50" {
		return "", nil
	} else if err != nil {
		return "", err
	}
	a, b, _ := strings.Cut(v, "/")
	total, err1 := strconv.Atoi(a)
	each, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil {
		return "", nil // never a valid rule: the app used the default
	}
	base := data.Shipped().Current(data.ModelCitizen)
	var set data.CriteriaSet = *base
	set.Version = fmt.Sprintf("%s-%d-%d", data.LegacyCitizenSet, total, each)
	set.Rule.TotalMin, set.Rule.EachMin = data.Points(total), data.Points(each)
	set.Note = "Quy tắc đạt của cài đặt này trước phiên bản có bộ tiêu chí (pass_rule " + v + ")."
	own, err := data.ParseCriteriaSet(bytes.NewReader(set.JSON()))
	if err != nil {
		return "", fmt.Errorf("pass rule %q: %w", v, err)
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO criteria_set(model, version, body, sha256, installed_at, source)
		VALUES (?, ?, ?, ?, ?, 'pass_rule') ON CONFLICT(model, version) DO NOTHING`,
		own.Model, own.Version, string(own.JSON()), own.Sum(), s.stamp()); err != nil {
		return "", err
	}
	if err := setMeta(t.ctx, t.tx, metaCriteria(data.ModelCitizen), own.Version); err != nil {
		return "", err
	}
	return fmt.Sprintf("the pass rule %s became the citizens' criteria set %s, in use", v, own.Version), nil
}

// Older reports whether cols are the columns of kind s as an earlier
// release sends them: the schema's, in order, without some of the
// columns added since (addedColumns). at gives each one's place in the
// schema. A bundle from an installation not yet upgraded is read so.
func (s *Schema) Older(cols []string) (at []int, ok bool) {
	n := 0
	for _, c := range s.ColNames() {
		if n < len(cols) && cols[n] == c {
			at = append(at, s.Index(c))
			n++
			continue
		}
		if !isAdded(string(s.Kind), c) {
			return nil, false
		}
	}
	return at, n == len(cols)
}

// Widen places the values of an older table's row (Older's at) in the
// schema's columns; the columns added since get their empty value, which
// means what an earlier release did (an assessment's empty criteria is
// data.LegacyCitizenSet).
func (s *Schema) Widen(at []int, vals []any) []any {
	out := make([]any, len(s.Cols))
	for n, c := range s.Cols {
		if c.Int {
			out[n] = int64(0)
		} else {
			out[n] = ""
		}
	}
	for i, n := range at {
		if i < len(vals) {
			out[n] = vals[i]
		}
	}
	return out
}

func isAdded(table, col string) bool {
	for _, a := range addedColumns {
		if a.table == table && a.col == col {
			return true
		}
	}
	return false
}
