-- Knot's first schema, shaped for clinics from the start: self-care use is one personal
-- clinic whose one user is also the person, and a practice later adds therapists who act for
-- their clients. Every table that holds health data carries clinic_id and person_id, and a
-- composite foreign key makes sure the person (and the user who wrote the row) belong to that
-- clinic. The PostgreSQL migrations describe the same tables.
--
-- Conventions:
--   * timestamps are RFC 3339 UTC text with nine fractional digits
--     ("2025-03-01T08:30:00.000000000Z"), so text order is time order;
--   * dates are "YYYY-MM-DD";
--   * JSON-shaped fields (answers, holds, plan items, notes, a diary measure) are TEXT holding
--     serde_json;
--   * rows holding what a person recorded are never physically deleted: diary corrections and
--     deletions are marks on the row.

CREATE TABLE clinics (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    -- A self-care person's own clinic rather than a practice.
    personal    BOOLEAN NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id    INTEGER NOT NULL REFERENCES clinics (id),
    display_name TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    UNIQUE (clinic_id, id)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id     INTEGER NOT NULL REFERENCES clinics (id),
    person_id     INTEGER NOT NULL,
    email         TEXT,
    -- The address trimmed and lower-cased: one account per address, whatever its case.
    email_key     TEXT    UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('person', 'therapist', 'admin')),
    password_hash TEXT,
    -- The one user the command line acts as; it has no e-mail or password and cannot sign in.
    local_cli     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT    NOT NULL,
    UNIQUE (clinic_id, id),
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    CHECK (local_cli OR (email_key IS NOT NULL AND password_hash IS NOT NULL))
);
CREATE UNIQUE INDEX users_one_local_cli ON users (local_cli) WHERE local_cli;

CREATE TABLE screenings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id     INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    taken_at      TEXT    NOT NULL,
    answers       TEXT    NOT NULL,
    pain_regions  TEXT    NOT NULL,
    local_regions TEXT    NOT NULL,
    rules_version TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX screenings_by_person ON screenings (clinic_id, person_id, taken_at, id);

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id     INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    recorded_at   TEXT    NOT NULL,
    -- The measure's kind ("pain", "threshold", ...), copied out of the JSON for filtering.
    kind          TEXT    NOT NULL,
    measure       TEXT    NOT NULL,
    note          TEXT,
    -- A correction names the entry it corrects; that entry names its correction. Each entry
    -- is corrected at most once (a correction can itself be corrected).
    corrects      INTEGER UNIQUE REFERENCES entries (id),
    superseded_by INTEGER UNIQUE REFERENCES entries (id),
    deleted_at    TEXT,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX entries_by_person ON entries (clinic_id, person_id, recorded_at, id);
CREATE INDEX entries_by_kind ON entries (clinic_id, person_id, kind, recorded_at);

CREATE TABLE plans (
    id                         INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id                  INTEGER NOT NULL,
    person_id                  INTEGER NOT NULL,
    created_by                 INTEGER NOT NULL,
    created_at                 TEXT    NOT NULL,
    active                     BOOLEAN NOT NULL,
    items                      TEXT    NOT NULL,
    sittings_per_day           INTEGER NOT NULL,
    daily_pressure_cap_seconds INTEGER NOT NULL,
    reassess_on                TEXT    NOT NULL,
    notes                      TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX plans_by_person ON plans (clinic_id, person_id, id);
-- At most one active plan per person.
CREATE UNIQUE INDEX plans_one_active ON plans (clinic_id, person_id) WHERE active;

CREATE TABLE sessions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id         INTEGER NOT NULL,
    person_id         INTEGER NOT NULL,
    created_by        INTEGER NOT NULL,
    created_at        TEXT    NOT NULL,
    started_at        TEXT    NOT NULL,
    ended_at          TEXT    NOT NULL,
    muscle_id         TEXT    NOT NULL,
    trigger_point_id  TEXT    NOT NULL,
    side              TEXT    NOT NULL CHECK (side IN ('left', 'right', 'midline')),
    technique         TEXT    NOT NULL,
    tool              TEXT    NOT NULL,
    target_discomfort INTEGER NOT NULL,
    pain_before       INTEGER,
    pain_after        INTEGER,
    holds             TEXT    NOT NULL,
    stretch_done      BOOLEAN NOT NULL,
    outcome           TEXT    NOT NULL CHECK (outcome IN ('completed', 'stopped', 'quit')),
    stop_reason       TEXT,
    plan_id           INTEGER REFERENCES plans (id),
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX sessions_by_person ON sessions (clinic_id, person_id, started_at, id);

-- Signed-in browser sessions; only a hash of the cookie's token is kept.
CREATE TABLE web_sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

-- Who read or changed what, and when. Never holds a secret or the health data itself.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    clinic_id INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    person_id INTEGER,
    action    TEXT    NOT NULL,
    record    TEXT    NOT NULL,
    record_id INTEGER,
    FOREIGN KEY (clinic_id, user_id) REFERENCES users (clinic_id, id),
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id)
);
CREATE INDEX audit_log_by_person ON audit_log (clinic_id, person_id, id);
