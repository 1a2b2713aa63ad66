-- Personal data under Law 91/2025/QH15 (docs/privacy.md).
--
-- Consent decisions: a synced kind like the registers (data.ConsentRecords),
-- one row per decision about an award recipient or a citizen.
CREATE TABLE consent (
  id TEXT PRIMARY KEY, unit TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '', subject_kind TEXT NOT NULL DEFAULT '',
  given_by TEXT NOT NULL DEFAULT '', by_name TEXT NOT NULL DEFAULT '',
  given_on TEXT NOT NULL DEFAULT '', keep TEXT NOT NULL DEFAULT '',
  upward TEXT NOT NULL DEFAULT '', publish TEXT NOT NULL DEFAULT '',
  withdrawn_on TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  deleted INTEGER NOT NULL DEFAULT 0,
  v_l INTEGER NOT NULL, v_s TEXT NOT NULL, b_l INTEGER NOT NULL DEFAULT 0, b_s TEXT NOT NULL DEFAULT '',
  fv TEXT, lseq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX consent_subject ON consent(subject);
CREATE INDEX consent_unit ON consent(unit);
CREATE INDEX consent_lseq ON consent(lseq);

-- Purged records: what is left of a record erased on a person's request,
-- its id and this mark (the row in its own table keeps only id and unit,
-- with deleted = 2). The mark travels upward as an instruction (lseq: the
-- next bundle carries it) and blocks every later copy of the record.
CREATE TABLE purge (
  kind TEXT NOT NULL, id TEXT NOT NULL, unit TEXT NOT NULL,
  ver_l INTEGER NOT NULL, ver_s TEXT NOT NULL,
  purged_at TEXT NOT NULL, origin TEXT NOT NULL, lseq INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX purge_lseq ON purge(lseq);

-- Requests of data subjects (to see, obtain, correct, erase their data),
-- with when they came and were answered: the 2-working-day duty.
CREATE TABLE subject_request (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL, records TEXT NOT NULL, requester TEXT NOT NULL,
  received_on TEXT NOT NULL, due_on TEXT NOT NULL, answered_at TEXT NOT NULL DEFAULT '',
  operator TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
) STRICT;

-- Ethnicity is sensitive data and no longer leaves the commune: a district
-- or province erases what earlier versions sent it (rows of other units).
UPDATE citizen SET ethnicity = ''
  WHERE ethnicity <> '' AND unit <> coalesce((SELECT value FROM meta WHERE key = 'unit'), '');
DELETE FROM conflict WHERE kind = 'citizen' AND field = 'ethnicity'
  AND unit <> coalesce((SELECT value FROM meta WHERE key = 'unit'), '');
