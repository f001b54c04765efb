-- Two-factor sign-in (TOTP, RFC 6238) for an account, and its one-time recovery codes.
-- The secret is kept as base32 text, not encrypted: the server must read it to check codes,
-- and there is no at-rest encryption key to wrap it with (a database copy can sign in as
-- anyone's second factor, as it can read their password hashes). last_step is the last time
-- step accepted, so a code cannot be used twice. Recovery codes are kept as SHA-256 digests.
-- Part of the account, so exported with it (a restored backup must still sign in).
CREATE TABLE two_factor (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    secret     TEXT    NOT NULL,
    enabled_at TEXT    NOT NULL,
    last_step  INTEGER NOT NULL
);
CREATE TABLE two_factor_recovery (
    code_hash TEXT    PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES two_factor (user_id),
    used_at   TEXT
);
CREATE INDEX two_factor_recovery_by_user ON two_factor_recovery (user_id);
