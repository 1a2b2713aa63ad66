-- Version 3: notices of approval a district (or province) hands the hub
-- for a unit below it, fetched by that unit (docs/submissions.md). The
-- file is small and signed: it is kept in the index, as receipts are.
CREATE TABLE notice (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  to_unit TEXT NOT NULL, from_unit TEXT NOT NULL, key_id TEXT NOT NULL,
  file BLOB NOT NULL, received TEXT NOT NULL
) STRICT;
CREATE INDEX notice_to ON notice(to_unit, id);
