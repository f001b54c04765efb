-- Guided sessions in progress in a browser, shared by every app server: the session state
-- machine as JSON, keyed by the browser sign-in it belongs to (the hash of its token). Ended
-- sessions leave this table for `sessions` in the same transaction.
CREATE TABLE live_sessions (
    key           TEXT    PRIMARY KEY,
    clinic_id     BIGINT  NOT NULL,
    person_id     BIGINT  NOT NULL,
    state         TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    counted_until TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    version       BIGINT  NOT NULL,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id)
);
CREATE INDEX live_sessions_by_last_seen ON live_sessions (last_seen);
