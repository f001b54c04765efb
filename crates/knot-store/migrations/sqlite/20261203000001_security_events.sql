-- What happened around an account's security: failed sign-ins, lock-outs, refused requests.
-- The person sees their own; rows without an account (an unknown e-mail, a forged form) stay
-- for the operator. Never a password, a token or an unknown account's e-mail.
CREATE TABLE security_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    user_id INTEGER REFERENCES users (id),
    -- The client's address as the rate limit groups it (an IPv6 /64), or NULL when unknown.
    client  TEXT,
    detail  TEXT    NOT NULL
);
CREATE INDEX security_events_by_user ON security_events (user_id, id);

-- Secret keys the web app signs cookies with, made once and shared by every app server.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    key  BLOB NOT NULL
);
