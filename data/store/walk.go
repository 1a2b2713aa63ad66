package store

import (
	"context"

	"sokhuyenhoc/data"
)

// EachCitizen calls fn for every live citizen of unit ("" for all) in name
// order, once per live assessment (newest year first), or once with a nil
// assessment when there is none. It streams: a million citizens are never
// held in memory.
func (s *Store) EachCitizen(ctx context.Context, unit string, fn func(data.Citizen, *data.Assessment) error) error {
	cs, as := schemas[Citizen], schemas[Assessment]
	rows, err := s.r.QueryContext(ctx, "SELECT "+prefixed("c", cs)+", "+prefixed("a", as)+`
		FROM citizen c LEFT JOIN assessment a ON a.citizen_id = c.id AND a.deleted = 0
		WHERE c.deleted = 0 AND (? = '' OR c.unit = ?) ORDER BY c.nkey, c.id, a.year DESC`, unit, unit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, a, err := scanPair(rows, cs, as)
		if err != nil {
			return err
		}
		var ap *data.Assessment
		if a != nil {
			x := AssessmentOf(a)
			ap = &x
		}
		if err := fn(CitizenOf(c), ap); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachCentre is EachCitizen for centres and their yearly rows.
func (s *Store) EachCentre(ctx context.Context, unit string, fn func(data.Centre, *data.CentreYear) error) error {
	cs, ys := schemas[Centre], schemas[CentreYear]
	rows, err := s.r.QueryContext(ctx, "SELECT "+prefixed("c", cs)+", "+prefixed("y", ys)+`
		FROM centre c LEFT JOIN centre_year y ON y.centre_id = c.id AND y.deleted = 0
		WHERE c.deleted = 0 AND (? = '' OR c.unit = ?) ORDER BY c.nkey, c.id, y.year DESC`, unit, unit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, y, err := scanPair(rows, cs, ys)
		if err != nil {
			return err
		}
		var yp *data.CentreYear
		if y != nil {
			x := CentreYearOf(y)
			yp = &x
		}
		if err := fn(CentreOf(c), yp); err != nil {
			return err
		}
	}
	return rows.Err()
}

func prefixed(alias string, s *Schema) string {
	out := alias + ".id, " + alias + ".unit"
	for _, c := range s.Cols {
		out += ", " + alias + "." + c.Name
	}
	return out + ", " + alias + ".v_l, " + alias + ".v_s, " + alias + ".b_l, " + alias + ".b_s, " +
		alias + ".fv, " + alias + ".lseq"
}

// scanPair scans a parent row and a LEFT JOINed child (nil when absent),
// and extra destinations after them.
func scanPair(rows interface{ Scan(...any) error }, ps, cs *Schema, extra ...any) (*Row, *Row, error) {
	n1, n2 := len(ps.Cols)+8, len(cs.Cols)+8
	raw := make([]any, n1+n2)
	for k := range raw {
		raw[k] = new(any)
	}
	if err := rows.Scan(append(raw, extra...)...); err != nil {
		return nil, nil, err
	}
	p, err := rowFromAny(ps, raw[:n1])
	if err != nil {
		return nil, nil, err
	}
	if *(raw[n1].(*any)) == nil {
		return p, nil, nil
	}
	c, err := rowFromAny(cs, raw[n1:])
	return p, c, err
}

func rowFromAny(s *Schema, raw []any) (*Row, error) {
	vals := make([]any, len(raw))
	for k, r := range raw {
		vals[k] = *(r.(*any))
	}
	return scanRow(s, sliceScanner(vals))
}

// sliceScanner replays values already read as a Scan.
type sliceScanner []any

func (v sliceScanner) Scan(dest ...any) error {
	for k, d := range dest {
		switch p := d.(type) {
		case *string:
			switch x := v[k].(type) {
			case string:
				*p = x
			case []byte:
				*p = string(x)
			}
		case *int64:
			*p, _ = v[k].(int64)
		case *sqlNullString:
			if x, ok := v[k].(string); ok {
				p.String, p.Valid = x, true
			} else {
				p.String, p.Valid = "", false
			}
		}
	}
	return nil
}
