-- The hub's index, version 1 (SQLite). Bundle files live under objects/, named by
-- file_sha256; this file says what they are and which receipt was given.
CREATE TABLE IF NOT EXISTS bundle (
  id INTEGER PRIMARY KEY,
  file_sha256 TEXT NOT NULL UNIQUE,
  manifest_sha256 TEXT NOT NULL UNIQUE,
  bundle_id TEXT NOT NULL,
  origin TEXT NOT NULL, level TEXT NOT NULL, site TEXT NOT NULL, seq INTEGER NOT NULL,
  to_unit TEXT NOT NULL, key_id TEXT NOT NULL, size INTEGER NOT NULL,
  received TEXT NOT NULL, equivocal INTEGER NOT NULL DEFAULT 0,
  receipt BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS bundle_to ON bundle(to_unit, id);
CREATE INDEX IF NOT EXISTS bundle_origin ON bundle(origin, site, seq);

-- The roster each district or province last handed over…
CREATE TABLE IF NOT EXISTS roster (
  unit TEXT PRIMARY KEY, level TEXT NOT NULL, key_id TEXT NOT NULL,
  version INTEGER NOT NULL, keys_sha256 TEXT NOT NULL, keys INTEGER NOT NULL,
  file BLOB NOT NULL, received TEXT NOT NULL
) STRICT;

-- …and the keys it enrols.
CREATE TABLE IF NOT EXISTS enrolled (
  by_unit TEXT NOT NULL, unit TEXT NOT NULL, level TEXT NOT NULL,
  key_id TEXT NOT NULL, minisign TEXT NOT NULL, khkey BLOB NOT NULL,
  PRIMARY KEY (by_unit, minisign)
) STRICT;
CREATE INDEX IF NOT EXISTS enrolled_key ON enrolled(key_id);

