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
-- body: a submission's totals, or the targets and area types handed
-- down (JSON).
CREATE TABLE statement (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  issuer TEXT NOT NULL, site TEXT NOT NULL, n INTEGER NOT NULL,
  unit TEXT NOT NULL, period TEXT NOT NULL,
  approved INTEGER NOT NULL DEFAULT 0,
  rests_on INTEGER NOT NULL DEFAULT 0,
  approves INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '',
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

-- The targets this installation set for the units below it (over the
-- national defaults and those handed down from above), and the area
-- types it tagged units with (docs/submissions.md, "Targets").
CREATE TABLE target (
  indicator TEXT NOT NULL, year INTEGER NOT NULL, area TEXT NOT NULL DEFAULT '',
  percent INTEGER NOT NULL, source TEXT NOT NULL DEFAULT '',
  set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  PRIMARY KEY (indicator, year, area)
) STRICT;
CREATE TABLE unit_area (
  unit TEXT NOT NULL, area TEXT NOT NULL,
  set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  PRIMARY KEY (unit, area)
) STRICT;
-- A unit's area types cleared here (over those handed down): one row
-- with area '' says "none".
