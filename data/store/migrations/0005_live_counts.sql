-- Live (not deleted) records per kind and unit, kept by the store as it
-- writes rows (txn.count, flushed at the end of each transaction), so that
-- the status of hundreds of units does not scan a million rows.
CREATE TABLE live_count (
  kind TEXT NOT NULL, unit TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (kind, unit)
) STRICT, WITHOUT ROWID;
INSERT INTO live_count SELECT 'citizen', unit, count(*) FROM citizen WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'assessment', unit, count(*) FROM assessment WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'centre', unit, count(*) FROM centre WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'centre_year', unit, count(*) FROM centre_year WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'award', unit, count(*) FROM award WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'fund', unit, count(*) FROM fund WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'village', unit, count(*) FROM village WHERE deleted = 0 GROUP BY unit;
INSERT INTO live_count SELECT 'profile', unit, count(*) FROM profile WHERE deleted = 0 GROUP BY unit;
