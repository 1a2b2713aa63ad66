-- Version 2: login nonces used once (across restarts and instances), and
-- what each unit uploaded on a day (its quota), found by origin and time.
CREATE TABLE used_nonce (
  nonce_sha256 TEXT PRIMARY KEY,
  expires TEXT NOT NULL
) STRICT;
CREATE INDEX used_nonce_expires ON used_nonce(expires);
CREATE INDEX bundle_origin_received ON bundle(origin, received);
