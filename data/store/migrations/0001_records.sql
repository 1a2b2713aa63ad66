-- The registers. Tables are WITHOUT ROWID (one b-tree keyed by the id),
-- except citizen, whose rowid keys its full-text index.
-- Every synced table has the same tail:
--   deleted      tombstone (a versioned field like any other)
--   v_l, v_s     default version (Lamport counter, site id) of every field not in fv
--   b_l, b_s     default base: the version each field had before that edit
--   fv           JSON of the fields whose version differs from the default
--   lseq         local change sequence: what the next bundle export picks up
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE village (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX village_unit ON village(unit, skey);
CREATE INDEX village_lseq ON village(lseq);

CREATE TABLE profile (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  year INTEGER NOT NULL DEFAULT 0, adults INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX profile_unit ON profile(unit, year);
CREATE INDEX profile_lseq ON profile(lseq);

CREATE TABLE citizen (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  ho_dem TEXT NOT NULL DEFAULT '', ten TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '', birth_year INTEGER NOT NULL DEFAULT 0,
  birth_date TEXT NOT NULL DEFAULT '', id_number TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '', ethnicity TEXT NOT NULL DEFAULT '',
  village TEXT NOT NULL DEFAULT '', grp TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x'', vkey TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX citizen_list ON citizen(deleted, unit, nkey);
CREATE INDEX citizen_lseq ON citizen(lseq);
CREATE INDEX citizen_idno ON citizen(unit, id_number) WHERE id_number <> '';

-- Search: the folded name, CCCD and phone (folded in Go: SQLite and FTS5 do
-- not fold đ). The store keeps it in step row by row (no triggers: a trigger
-- makes every insert a statement transaction, and FTS5 then flushes its
-- buffer to disk on every row).
CREATE VIRTUAL TABLE citizen_fts USING fts5(skey, content='citizen', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 0', prefix='2');

CREATE TABLE assessment (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  citizen_id TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL DEFAULT 0,
  scores TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '', decision_no TEXT NOT NULL DEFAULT '',
  decision_date TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_citizen ON assessment(citizen_id, year);
CREATE INDEX assessment_unit ON assessment(unit, year);
CREATE INDEX assessment_lseq ON assessment(lseq);

CREATE TABLE centre (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '', decision_no TEXT NOT NULL DEFAULT '',
  established_on TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',
  merged_into TEXT NOT NULL DEFAULT '', director TEXT NOT NULL DEFAULT '',
  deputies TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x''
) STRICT, WITHOUT ROWID;
CREATE INDEX centre_unit ON centre(unit, skey);
CREATE INDEX centre_lseq ON centre(lseq);

CREATE TABLE centre_year (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  centre_id TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL DEFAULT 0,
  classes INTEGER NOT NULL DEFAULT 0, learner_times INTEGER NOT NULL DEFAULT 0,
  budget_vnd INTEGER NOT NULL DEFAULT 0, social_vnd INTEGER NOT NULL DEFAULT 0,
  rating TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX centre_year_centre ON centre_year(centre_id, year);
CREATE INDEX centre_year_unit ON centre_year(unit, year);
CREATE INDEX centre_year_lseq ON centre_year(lseq);

CREATE TABLE award (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  ho_dem TEXT NOT NULL DEFAULT '', ten TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '', birth_date TEXT NOT NULL DEFAULT '',
  village TEXT NOT NULL DEFAULT '', school TEXT NOT NULL DEFAULT '',
  grade TEXT NOT NULL DEFAULT '', school_year TEXT NOT NULL DEFAULT '',
  guardian TEXT NOT NULL DEFAULT '', award_type TEXT NOT NULL DEFAULT '',
  achievement TEXT NOT NULL DEFAULT '', amount_vnd INTEGER NOT NULL DEFAULT 0,
  in_kind_vnd INTEGER NOT NULL DEFAULT 0, funding_source TEXT NOT NULL DEFAULT '',
  sponsor TEXT NOT NULL DEFAULT '', decision_no TEXT NOT NULL DEFAULT '',
  decision_date TEXT NOT NULL DEFAULT '', deciding_level TEXT NOT NULL DEFAULT '',
  awarded_on TEXT NOT NULL DEFAULT '', consent TEXT NOT NULL DEFAULT '',
  fund_id TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x'', year INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
CREATE INDEX award_unit ON award(unit, year);
CREATE INDEX award_list ON award(deleted, unit, nkey);
CREATE INDEX award_lseq ON award(lseq);

CREATE TABLE fund (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '', direction TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '', amount_vnd INTEGER NOT NULL DEFAULT 0,
  in_kind_vnd INTEGER NOT NULL DEFAULT 0, voucher_no TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX fund_unit ON fund(unit, date);
CREATE INDEX fund_lseq ON fund(lseq);

-- Who changed what and when, for local edits (imports are audited per bundle
-- in the import ledger). The wall clock here is informational only.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, operator TEXT NOT NULL, site TEXT NOT NULL, lamport INTEGER NOT NULL,
  action TEXT NOT NULL, kind TEXT NOT NULL, rec_id TEXT NOT NULL, detail TEXT NOT NULL
) STRICT;
CREATE INDEX audit_rec ON audit(kind, rec_id);

-- The losing value of a concurrent edit, kept until a person resolves it.
-- field '_deleted' marks a delete that raced an edit.
CREATE TABLE conflict (
  kind TEXT NOT NULL, rec_id TEXT NOT NULL, field TEXT NOT NULL, loser_site TEXT NOT NULL,
  unit TEXT NOT NULL, value TEXT NOT NULL,
  ver_l INTEGER NOT NULL, ver_s TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT 'concurrent',
  detected_at TEXT NOT NULL,
  PRIMARY KEY (kind, rec_id, field, loser_site)
) STRICT;
CREATE INDEX conflict_unit ON conflict(unit);
