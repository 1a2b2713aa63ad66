-- The report counts assessments per unit for one year from this covering
-- index alone (store.UnitTotals), instead of visiting every row.
DROP INDEX assessment_unit;
CREATE INDEX assessment_report ON assessment(year, deleted, unit, result, status);
