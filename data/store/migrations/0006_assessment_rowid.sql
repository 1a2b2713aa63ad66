-- Assessments become a rowid table. Their ids are derived from the citizen
-- and the year, so they arrive in no order: in a WITHOUT ROWID table every
-- new row landed at a random place of the table itself (page splits all over
-- 180-byte rows); now rows append, and only the id index takes the random
-- inserts. sqlite3 .import of 100,000 assessments in arrival order: 5.3 s
-- before, 3.3 s after.
CREATE TABLE assessment_new (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  citizen_id TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL DEFAULT 0,
  scores TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '', decision_no TEXT NOT NULL DEFAULT '',
  decision_date TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT;
INSERT INTO assessment_new SELECT * FROM assessment ORDER BY lseq;
DROP TABLE assessment;
ALTER TABLE assessment_new RENAME TO assessment;
CREATE INDEX assessment_citizen ON assessment(citizen_id, year);
CREATE INDEX assessment_report ON assessment(year, deleted, unit, result, status);
CREATE INDEX assessment_lseq ON assessment(lseq);
