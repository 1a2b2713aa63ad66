-- Keys of other installations: the unit above (upstream) and the units
-- below that were enrolled (trusted), with revocations.
CREATE TABLE peer_key (
  fingerprint TEXT PRIMARY KEY,
  unit TEXT NOT NULL, level TEXT NOT NULL, name TEXT NOT NULL, site TEXT NOT NULL,
  key_id TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  khkey BLOB NOT NULL, added_at TEXT NOT NULL, revoked_at TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX peer_key_id ON peer_key(key_id);
CREATE INDEX peer_key_unit ON peer_key(unit);

-- The import ledger: one row per bundle imported, keyed by origin and seq.
CREATE TABLE bundle_in (
  origin TEXT NOT NULL, level TEXT NOT NULL, site TEXT NOT NULL, seq INTEGER NOT NULL,
  manifest_sha256 TEXT NOT NULL, bundle_id TEXT NOT NULL, prev TEXT NOT NULL,
  key_fp TEXT NOT NULL, rows INTEGER NOT NULL, created TEXT NOT NULL,
  imported_at TEXT NOT NULL, lseq INTEGER NOT NULL, file TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (origin, site, seq)
) STRICT;
CREATE UNIQUE INDEX bundle_in_hash ON bundle_in(manifest_sha256);
CREATE INDEX bundle_in_lseq ON bundle_in(lseq);

-- Bundles this installation wrote, in seq order.
CREATE TABLE bundle_out (
  seq INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, manifest_sha256 TEXT NOT NULL,
  lseq_from INTEGER NOT NULL, lseq_to INTEGER NOT NULL, rows INTEGER NOT NULL,
  file TEXT NOT NULL, created TEXT NOT NULL, sent_at TEXT NOT NULL DEFAULT '', receipt TEXT NOT NULL DEFAULT '',
  acked_at TEXT NOT NULL DEFAULT ''
) STRICT;

-- Bundles held back for review: unknown or revoked signer, equivocation …
CREATE TABLE quarantine (
  manifest_sha256 TEXT PRIMARY KEY, origin TEXT NOT NULL, site TEXT NOT NULL,
  seq INTEGER NOT NULL, key_id TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL,
  file TEXT NOT NULL, received_at TEXT NOT NULL
) STRICT;
