-- Version 2: login nonces used once (across restarts and instances), and
-- what each unit uploaded on a day (its quota), found by origin and time.
CREATE TABLE used_nonce (
  nonce_sha256 text PRIMARY KEY,
  expires text NOT NULL
);
CREATE INDEX used_nonce_expires ON used_nonce(expires);
CREATE INDEX bundle_origin_received ON bundle(origin, received);
