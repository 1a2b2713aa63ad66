-- The association itself (issue 18, docs/reports.md "Periods" and
-- "The association"): its branches (chi hội, ban khuyến học), each branch's
-- members counted per half-year or year (counts only, no named members), and
-- the log of what it did (training, meetings, publicity, documents). Awards
-- gain the kind of recipient and a named campaign, fund lines the holder of
-- the money, and a centre's year its classes and learner-times per
-- programme (data.Programmes). New columns come last, empty for the rows
-- already held.
CREATE TABLE branch (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '', form TEXT NOT NULL DEFAULT '', branch_type TEXT NOT NULL DEFAULT '',
  established_on TEXT NOT NULL DEFAULT '', dissolved_on TEXT NOT NULL DEFAULT '',
  chair TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x''
) STRICT, WITHOUT ROWID;
CREATE INDEX branch_unit ON branch(unit, skey);
CREATE INDEX branch_lseq ON branch(lseq);

-- A branch's members for a period: its id is derived from the branch and
-- the period (store.PeriodID), so two installations entering the same
-- half-year merge field by field.
CREATE TABLE member_count (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  branch_id TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
  total INTEGER NOT NULL DEFAULT 0, admitted INTEGER NOT NULL DEFAULT 0, departed INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX member_count_branch ON member_count(branch_id, period);
CREATE INDEX member_count_lseq ON member_count(lseq);

CREATE TABLE activity (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
  participants INTEGER NOT NULL DEFAULT 0, publicity_kind TEXT NOT NULL DEFAULT '',
  times INTEGER NOT NULL DEFAULT 0, document_no TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_unit ON activity(unit, date);
CREATE INDEX activity_report ON activity(date, deleted, unit, kind);
CREATE INDEX activity_lseq ON activity(lseq);

-- Awards, fund lines and centres' years are rebuilt with their new columns
-- where the kinds' tables declare them (before the derived columns), as
-- 0006 rebuilt the assessments; every row is kept as it was.
CREATE TABLE award_new (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  ho_dem TEXT NOT NULL DEFAULT '',
  ten TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  village TEXT NOT NULL DEFAULT '',
  school TEXT NOT NULL DEFAULT '',
  grade TEXT NOT NULL DEFAULT '',
  school_year TEXT NOT NULL DEFAULT '',
  guardian TEXT NOT NULL DEFAULT '',
  award_type TEXT NOT NULL DEFAULT '',
  achievement TEXT NOT NULL DEFAULT '',
  amount_vnd INTEGER NOT NULL DEFAULT 0,
  in_kind_vnd INTEGER NOT NULL DEFAULT 0,
  funding_source TEXT NOT NULL DEFAULT '',
  sponsor TEXT NOT NULL DEFAULT '',
  decision_no TEXT NOT NULL DEFAULT '',
  decision_date TEXT NOT NULL DEFAULT '',
  deciding_level TEXT NOT NULL DEFAULT '',
  awarded_on TEXT NOT NULL DEFAULT '',
  consent TEXT NOT NULL DEFAULT '',
  fund_id TEXT NOT NULL DEFAULT '',
  recipient_kind TEXT NOT NULL DEFAULT '',
  campaign TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL,
  skey TEXT NOT NULL DEFAULT '', nkey BLOB NOT NULL DEFAULT x'', year INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
INSERT INTO award_new (id, unit, ho_dem, ten, gender, birth_date, village, school, grade, school_year, guardian, award_type, achievement, amount_vnd, in_kind_vnd, funding_source, sponsor, decision_no, decision_date, deciding_level, awarded_on, consent, fund_id, deleted, v_l, v_s, b_l, b_s, fv, lseq, skey, nkey, year)
  SELECT id, unit, ho_dem, ten, gender, birth_date, village, school, grade, school_year, guardian, award_type, achievement, amount_vnd, in_kind_vnd, funding_source, sponsor, decision_no, decision_date, deciding_level, awarded_on, consent, fund_id, deleted, v_l, v_s, b_l, b_s, fv, lseq, skey, nkey, year FROM award;
DROP TABLE award;
ALTER TABLE award_new RENAME TO award;
CREATE INDEX award_unit ON award(unit, year);
CREATE INDEX award_list ON award(deleted, unit, nkey);
CREATE INDEX award_lseq ON award(lseq);

CREATE TABLE fund_new (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  amount_vnd INTEGER NOT NULL DEFAULT 0,
  in_kind_vnd INTEGER NOT NULL DEFAULT 0,
  voucher_no TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  holder TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO fund_new (id, unit, date, direction, source, amount_vnd, in_kind_vnd, voucher_no, note, deleted, v_l, v_s, b_l, b_s, fv, lseq)
  SELECT id, unit, date, direction, source, amount_vnd, in_kind_vnd, voucher_no, note, deleted, v_l, v_s, b_l, b_s, fv, lseq FROM fund;
DROP TABLE fund;
ALTER TABLE fund_new RENAME TO fund;
CREATE INDEX fund_unit ON fund(unit, date);
CREATE INDEX fund_lseq ON fund(lseq);

CREATE TABLE centre_year_new (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  centre_id TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL DEFAULT 0,
  classes INTEGER NOT NULL DEFAULT 0,
  learner_times INTEGER NOT NULL DEFAULT 0,
  budget_vnd INTEGER NOT NULL DEFAULT 0,
  social_vnd INTEGER NOT NULL DEFAULT 0,
  rating TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  classes_xoa_mu_chu INTEGER NOT NULL DEFAULT 0,
  learners_xoa_mu_chu INTEGER NOT NULL DEFAULT 0,
  classes_giao_duc_tiep_tuc INTEGER NOT NULL DEFAULT 0,
  learners_giao_duc_tiep_tuc INTEGER NOT NULL DEFAULT 0,
  classes_chuyen_giao_ky_thuat INTEGER NOT NULL DEFAULT 0,
  learners_chuyen_giao_ky_thuat INTEGER NOT NULL DEFAULT 0,
  classes_phap_luat INTEGER NOT NULL DEFAULT 0,
  learners_phap_luat INTEGER NOT NULL DEFAULT 0,
  classes_suc_khoe INTEGER NOT NULL DEFAULT 0,
  learners_suc_khoe INTEGER NOT NULL DEFAULT 0,
  classes_van_hoa INTEGER NOT NULL DEFAULT 0,
  learners_van_hoa INTEGER NOT NULL DEFAULT 0,
  classes_ky_nang_so INTEGER NOT NULL DEFAULT 0,
  learners_ky_nang_so INTEGER NOT NULL DEFAULT 0,
  classes_ngoai_ngu INTEGER NOT NULL DEFAULT 0,
  learners_ngoai_ngu INTEGER NOT NULL DEFAULT 0,
  classes_khac INTEGER NOT NULL DEFAULT 0,
  learners_khac INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO centre_year_new (id, unit, centre_id, year, classes, learner_times, budget_vnd, social_vnd, rating, status, deleted, v_l, v_s, b_l, b_s, fv, lseq)
  SELECT id, unit, centre_id, year, classes, learner_times, budget_vnd, social_vnd, rating, status, deleted, v_l, v_s, b_l, b_s, fv, lseq FROM centre_year;
DROP TABLE centre_year;
ALTER TABLE centre_year_new RENAME TO centre_year;
CREATE INDEX centre_year_centre ON centre_year(centre_id, year);
CREATE INDEX centre_year_unit ON centre_year(unit, year);
CREATE INDEX centre_year_lseq ON centre_year(lseq);
