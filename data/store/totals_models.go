package store

import (
	"context"
	"fmt"

	"sokhuyenhoc/data"
)

// The four learning models' figures for the report (docs/reports.md):
// per unit and model, the year's assessments; the bases of the shares;
// and the Công dân học tập share on the programme's bases.

// modelRaw is what the queries give for one unit before the bases are
// chosen.
type modelRaw struct {
	families, households, clans, villages, communities, units int64
	famLinks, unitLinks                                       int64
	fcc, unitShare                                            data.ProgrammeShare
}

// modelQueries select, per unit, a key and up to four numbers.
var modelQueries = []string{
	// The year's assessments of each model, of live records only (an
	// assessment can outlive its record when a delete raced an edit).
	modelYearSQL("family"), modelYearSQL("clan"), modelYearSQL("community"), modelYearSQL("learning_unit"),
	`SELECT unit, 'families', count(*), 0, 0, 0 FROM family WHERE deleted = 0 GROUP BY unit`,
	`SELECT unit, 'households', sum(households), 0, 0, 0 FROM community WHERE deleted = 0 GROUP BY unit`,
	`SELECT unit, 'clans', count(*), 0, 0, 0 FROM clan WHERE deleted = 0 GROUP BY unit`,
	`SELECT unit, 'villages', count(*), 0, 0, 0 FROM village WHERE deleted = 0 GROUP BY unit`,
	`SELECT unit, 'communities', count(*), 0, 0, 0 FROM community WHERE deleted = 0 GROUP BY unit`,
	`SELECT unit, 'units', count(*), 0, 0, 0 FROM learning_unit WHERE deleted = 0 GROUP BY unit`,
	linksSQL("family", "fam_links"), linksSQL("learning_unit", "unit_links"),
	recognisedCTE + `SELECT unit, 'fcc', count(*), sum(adults), 0, 0 FROM cov_family GROUP BY unit`,
	recognisedCTE + `SELECT c.unit, 'fcc_rec', count(DISTINCT k.citizen_id), 0, 0, 0 FROM cov_family c` + recognisedMembers + ` GROUP BY c.unit`,
	recognisedCTE + `SELECT unit, 'staff', count(*), sum(staff), 0, 0 FROM cov_unit GROUP BY unit`,
	recognisedCTE + `SELECT c.unit, 'staff_rec', count(DISTINCT k.citizen_id), 0, 0, 0 FROM cov_unit c` + recognisedMembers + ` GROUP BY c.unit`,
}

// modelYearSQL counts the year's assessments of the records of a table.
func modelYearSQL(table string) string {
	model := table
	if table == "learning_unit" {
		model = data.ModelUnit
	}
	return fmt.Sprintf(`SELECT y.unit, '%s', sum(y.registered = 'co'), sum(y.result <> ''), sum(y.result = 'dat'),
		sum(y.result = 'dat' AND y.status = 'cong_nhan')
		FROM model_year y JOIN %s r ON r.id = y.record_id AND r.deleted = 0
		WHERE y.year = ?1 AND y.deleted = 0 AND y.model = '%s' GROUP BY y.unit`, model, table, model)
}

// linksSQL counts the live links of live citizens to live records of a
// table: a unit that keeps them is measured on the programme's base.
func linksSQL(table, key string) string {
	return `SELECT r.unit, '` + key + `', count(*), 0, 0, 0 FROM member k
		JOIN ` + table + ` r ON r.id = k.record_id AND r.deleted = 0
		JOIN citizen z ON z.id = k.citizen_id AND z.deleted = 0
		WHERE k.deleted = 0 GROUP BY r.unit`
}

// recognisedCTE names the records recognised in year ?1, and the linked
// families and units the programme's shares are counted over: a family
// recognised itself, or living in a village whose community is
// recognised, or belonging to a recognised clan; a recognised unit.
const recognisedCTE = `WITH rec AS (SELECT record_id, model FROM model_year
		WHERE year = ?1 AND deleted = 0 AND result = 'dat' AND status = 'cong_nhan'),
	linked AS (SELECT DISTINCT k.record_id FROM member k JOIN citizen z ON z.id = k.citizen_id AND z.deleted = 0
		WHERE k.deleted = 0),
	cov_family AS (SELECT f.id, f.unit, f.adults FROM family f WHERE f.deleted = 0
		AND f.id IN (SELECT record_id FROM linked)
		AND (f.id IN (SELECT record_id FROM rec WHERE model = 'family')
		  OR f.clan_id IN (SELECT c.id FROM clan c WHERE c.deleted = 0
		    AND c.id IN (SELECT record_id FROM rec WHERE model = 'clan'))
		  OR EXISTS (SELECT 1 FROM community m WHERE m.deleted = 0 AND m.unit = f.unit AND m.vkey = f.vkey
		    AND m.vkey <> '' AND m.id IN (SELECT record_id FROM rec WHERE model = 'community')))),
	cov_unit AS (SELECT u.id, u.unit, u.staff FROM learning_unit u WHERE u.deleted = 0
		AND u.id IN (SELECT record_id FROM linked)
		AND u.id IN (SELECT record_id FROM rec WHERE model = 'unit')) `

// recognisedMembers joins the covered records' linked citizens recognised
// in year ?1 (k: the link).
const recognisedMembers = ` JOIN member k ON k.record_id = c.id AND k.deleted = 0
	JOIN citizen z ON z.id = k.citizen_id AND z.deleted = 0
	JOIN assessment a ON a.citizen_id = k.citizen_id AND a.year = ?1 AND a.deleted = 0
	  AND a.result = 'dat' AND a.status = 'cong_nhan'`

// modelTotals fills the model figures and programme shares of every unit
// (get returns a unit's totals, made on first use); it runs after the
// citizens' figures, which a unit without links falls back on.
func (s *Store) modelTotals(ctx context.Context, year int, out map[string]*data.Totals, get func(string) *data.Totals) error {
	raw := map[string]*modelRaw{}
	for _, q := range modelQueries {
		rows, err := s.r.QueryContext(ctx, q, year)
		if err != nil {
			return fmt.Errorf("store: model totals: %w", err)
		}
		for rows.Next() {
			var unit, key string
			var n [4]int64
			if err := rows.Scan(&unit, &key, &n[0], &n[1], &n[2], &n[3]); err != nil {
				rows.Close()
				return err
			}
			t, r := get(unit), raw[unit]
			if r == nil {
				r = &modelRaw{}
				raw[unit] = r
			}
			r.add(t, key, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for unit, t := range out {
		r := raw[unit]
		if r == nil {
			r = &modelRaw{}
		}
		r.finish(t)
	}
	return nil
}

func (r *modelRaw) add(t *data.Totals, key string, n [4]int64) {
	if m := t.Models[key]; m != nil {
		m.Registered, m.Assessed, m.Passed, m.Recognized = n[0], n[1], n[2], n[3]
		return
	}
	counts := map[string]*int64{"families": &r.families, "households": &r.households, "clans": &r.clans,
		"villages": &r.villages, "communities": &r.communities, "units": &r.units,
		"fam_links": &r.famLinks, "unit_links": &r.unitLinks, "fcc_rec": &r.fcc.Recognized, "staff_rec": &r.unitShare.Recognized}
	switch {
	case counts[key] != nil:
		*counts[key] = n[0]
	case key == "fcc":
		r.fcc.Records, r.fcc.People = n[0], n[1]
	case key == "staff":
		r.unitShare.Records, r.unitShare.People = n[0], n[1]
	}
}

// finish chooses each model's base and each programme share's base.
func (r *modelRaw) finish(t *data.Totals) {
	set := func(model string, base int64, of string) {
		m := t.Models[model]
		m.Base, m.BaseOf = base, of
		if base == 0 {
			m.BaseOf = ""
		}
		m.Share = data.Ratio(m.Recognized, m.Base)
	}
	if r.households > 0 {
		set(data.ModelFamily, r.households, data.BaseHouseholds)
	} else {
		set(data.ModelFamily, r.families, data.BaseFamilies)
	}
	set(data.ModelClan, r.clans, data.BaseClans)
	if r.villages > 0 {
		set(data.ModelCommunity, r.villages, data.BaseVillages)
	} else {
		set(data.ModelCommunity, r.communities, data.BaseCommunities)
	}
	set(data.ModelUnit, r.units, data.BaseUnits)
	c := &t.Citizens
	share := func(key string, links int64, p data.ProgrammeShare, base string) {
		if links == 0 {
			p = data.ProgrammeShare{Base: data.BaseAdults, People: c.Adults, Recognized: c.Recognized}
		} else {
			p.Base = base
		}
		p.Share = data.Ratio(p.Recognized, p.People)
		t.Programme[key] = &p
	}
	share(data.ProgrammeFamilies, r.famLinks, r.fcc, data.BaseAdultsInFCC)
	share(data.ProgrammeUnits, r.unitLinks, r.unitShare, data.BaseStaffInUnits)
}
