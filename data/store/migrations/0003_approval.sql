-- A unit's year approved and locked by the level above after review (as
-- DHIS2 does): later changes to that year arrive as conflicts to decide,
-- never as silent edits. Kept at this installation only.
CREATE TABLE approval (
  unit TEXT NOT NULL, year INTEGER NOT NULL,
  approved_by TEXT NOT NULL, approved_at TEXT NOT NULL,
  PRIMARY KEY (unit, year)
) STRICT;
