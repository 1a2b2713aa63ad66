-- Consolidation the level above can trust (issue 19, docs/submissions.md):
-- the signed statements of submission and approval this installation
-- made or received, and the reporting deadlines it set.
--
-- statement: one row per signed statement file (khs/1), named by the
-- SHA-256 of its bytes. The statement in force for (kind, issuer, unit,
-- period) is the one with the highest (n, site). received_on is the day
-- the level directly above the issuer received it (the day it was made,
-- for this installation's own): it judges timeliness. lseq > 0 sends it
-- upward in the next bundle; notices received from above have lseq 0.
CREATE TABLE statement (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  issuer TEXT NOT NULL, site TEXT NOT NULL, n INTEGER NOT NULL,
  unit TEXT NOT NULL, period TEXT NOT NULL,
  approved INTEGER NOT NULL DEFAULT 0,
  rests_on INTEGER NOT NULL DEFAULT 0,
  approves INTEGER NOT NULL DEFAULT 0,
  totals TEXT NOT NULL DEFAULT '',
  issued TEXT NOT NULL,
  received_on TEXT NOT NULL,
  file BLOB NOT NULL, khkey BLOB NOT NULL,
  origin TEXT NOT NULL,
  lseq INTEGER NOT NULL
) STRICT;
CREATE INDEX statement_subject ON statement(unit, period, kind);
CREATE INDEX statement_lseq ON statement(lseq) WHERE lseq > 0;

-- The day by which units below report a period, as this installation
-- set it: for every unit (level '') or for units of one level.
CREATE TABLE deadline (
  period TEXT NOT NULL, level TEXT NOT NULL DEFAULT '',
  due TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  PRIMARY KEY (period, level)
) STRICT;
