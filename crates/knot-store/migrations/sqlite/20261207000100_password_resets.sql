-- Requests to reset a forgotten password: the SHA-256 of a random one-time token (the token
-- itself is only in the link sent or printed), whose account, and when it stops working. A
-- token is used once (used_at); asking again replaces the account's unused ones.
-- Short-lived secrets, not anyone's record: not exported.
CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER  NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);
