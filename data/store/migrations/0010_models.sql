-- The four learning models of QĐ 387 (data/models.go, data/models_kinds.go):
-- a register each, their yearly assessments (model_year, one table for the
-- four, keyed by the record and the year), the links between citizens and
-- the families and learning units they belong to (member), and the
-- criteria sets a unit installed (criteria_set, local: not synced).
-- Every synced table has the tail of 0001_records.sql.
CREATE TABLE family (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  ho_dem TEXT NOT NULL DEFAULT '', ten TEXT NOT NULL DEFAULT '',
  village TEXT NOT NULL DEFAULT '', members INTEGER NOT NULL DEFAULT 0,
  children INTEGER NOT NULL DEFAULT 0, adults INTEGER NOT NULL DEFAULT 0,
  clan_id TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x'', vkey TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX family_list ON family(deleted, unit, nkey);
CREATE INDEX family_village ON family(unit, vkey);
CREATE INDEX family_lseq ON family(lseq);

CREATE TABLE clan (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '', branch TEXT NOT NULL DEFAULT '',
  head TEXT NOT NULL DEFAULT '', villages TEXT NOT NULL DEFAULT '',
  households INTEGER NOT NULL DEFAULT 0, members INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x''
) STRICT, WITHOUT ROWID;
CREATE INDEX clan_list ON clan(deleted, unit, nkey);
CREATE INDEX clan_lseq ON clan(lseq);

CREATE TABLE community (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  village TEXT NOT NULL DEFAULT '', households INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x'', vkey TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX community_list ON community(deleted, unit, nkey);
CREATE INDEX community_village ON community(unit, vkey);
CREATE INDEX community_lseq ON community(lseq);

CREATE TABLE learning_unit (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '',
  staff INTEGER NOT NULL DEFAULT 0, head TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x''
) STRICT, WITHOUT ROWID;
CREATE INDEX learning_unit_list ON learning_unit(deleted, unit, nkey);
CREATE INDEX learning_unit_lseq ON learning_unit(lseq);

CREATE TABLE model_year (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  record_id TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL DEFAULT 0, registered TEXT NOT NULL DEFAULT '',
  criteria TEXT NOT NULL DEFAULT '', scores TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '', rating TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '', decision_no TEXT NOT NULL DEFAULT '',
  decision_date TEXT NOT NULL DEFAULT '', deciding_level TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX model_year_record ON model_year(record_id, year);
CREATE INDEX model_year_report ON model_year(year, deleted, unit, model, result, status);
CREATE INDEX model_year_lseq ON model_year(lseq);

CREATE TABLE member (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  record_id TEXT NOT NULL DEFAULT '', citizen_id TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX member_record ON member(record_id);
CREATE INDEX member_citizen ON member(citizen_id);
CREATE INDEX member_lseq ON member(lseq);

-- A citizen's assessment records the criteria set it was scored against
-- (assessment.criteria; '' in every row written before this version is the
-- set the app applied until then, data.LegacyCitizenSet). The column is
-- added by the Go side of the migrations (addedColumns in
-- migrate_models.go) before any Go step runs, since those steps read rows
-- with today's columns.

-- Criteria sets installed here (the shipped ones are embedded), in their
-- canonical JSON, never replaced: a version once scored against keeps its
-- criteria. The set in use per model is meta 'criteria:<model>'.
CREATE TABLE criteria_set (
  model TEXT NOT NULL, version TEXT NOT NULL,
  body TEXT NOT NULL, sha256 TEXT NOT NULL,
  installed_at TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (model, version)
) STRICT;
