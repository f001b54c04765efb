-- Rate-limit counters shared by every app server (sign-in failures, sign-ups), so several
-- servers count together. Keys are SHA-256 digests: no e-mail or client address is kept here.
-- Working state, not anyone's record: not audited, not exported.
CREATE TABLE limit_counters (
    key          TEXT    PRIMARY KEY,
    count        INTEGER  NOT NULL CHECK (count >= 0),
    window_start TEXT,
    last_event   TEXT,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX limit_counters_by_updated_at ON limit_counters (updated_at);
