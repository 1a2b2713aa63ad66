-- What a receiver keeps to hold a sender with a genuine key to what it
-- may send (docs/SECURITY.md, "A hostile sender with a genuine key").
--
-- The installations (sites) whose versions the records of a unit may
-- carry, and who announced them: a bundle announces its own site for its
-- origin unit, and a consolidation names its source bundles' sites for
-- the units below it. origin '*' is a site seen in the records held here
-- before this table existed (migration 0008's Go step fills them in).
CREATE TABLE site_claim (
  site TEXT NOT NULL, unit TEXT NOT NULL, origin TEXT NOT NULL,
  first_seq INTEGER NOT NULL, accepted_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site, unit, origin)
) STRICT, WITHOUT ROWID;
CREATE INDEX site_claim_unit ON site_claim(unit);
INSERT INTO site_claim (site, unit, origin, first_seq)
  SELECT site, origin, origin, min(seq) FROM bundle_in GROUP BY site, origin;

-- The plain (decompressed) size of each bundle imported, for the budget
-- of an origin over a period.
ALTER TABLE bundle_in ADD COLUMN plain INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bundle_in_origin_time ON bundle_in(origin, imported_at);

-- The number of the bundle that announced a key's successor: bundles the
-- replaced key signs are refused past it and a grace.
ALTER TABLE peer_key ADD COLUMN replaced_seq INTEGER NOT NULL DEFAULT 0;

-- A held bundle that a person accepted after review: retried, the checks
-- a person may overrule (budget, jump in numbers, a second installation,
-- a clock far ahead) let it in.
ALTER TABLE quarantine ADD COLUMN accepted_by TEXT NOT NULL DEFAULT '';
