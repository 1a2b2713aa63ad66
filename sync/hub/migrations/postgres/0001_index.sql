-- The hub's index, version 1 (PostgreSQL): the same tables, constraints and
-- indexes as the SQLite file (sync/hub/migrations/sqlite).
CREATE TABLE bundle (
  id bigserial PRIMARY KEY,
  file_sha256 text NOT NULL UNIQUE,
  manifest_sha256 text NOT NULL UNIQUE,
  bundle_id text NOT NULL,
  origin text NOT NULL, level text NOT NULL, site text NOT NULL, seq bigint NOT NULL,
  to_unit text NOT NULL, key_id text NOT NULL, size bigint NOT NULL,
  received text NOT NULL, equivocal boolean NOT NULL DEFAULT false,
  receipt bytea NOT NULL
);
CREATE INDEX bundle_to ON bundle(to_unit, id);
CREATE INDEX bundle_origin ON bundle(origin, site, seq);

CREATE TABLE roster (
  unit text PRIMARY KEY, level text NOT NULL, key_id text NOT NULL,
  version bigint NOT NULL, keys_sha256 text NOT NULL, keys integer NOT NULL,
  file bytea NOT NULL, received text NOT NULL
);

CREATE TABLE enrolled (
  by_unit text NOT NULL, unit text NOT NULL, level text NOT NULL,
  key_id text NOT NULL, minisign text NOT NULL, khkey bytea NOT NULL,
  PRIMARY KEY (by_unit, minisign)
);
CREATE INDEX enrolled_key ON enrolled(key_id);
