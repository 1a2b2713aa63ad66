-- Version 3: notices of approval a district (or province) hands the hub
-- for a unit below it, fetched by that unit (docs/submissions.md). The
-- file is small and signed: it is kept in the index, as receipts are.
CREATE TABLE notice (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL UNIQUE,
  to_unit text NOT NULL, from_unit text NOT NULL, key_id text NOT NULL,
  file bytea NOT NULL, received text NOT NULL
);
CREATE INDEX notice_to ON notice(to_unit, id);
