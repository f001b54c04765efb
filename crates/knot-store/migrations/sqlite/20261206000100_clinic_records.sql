-- A clinic's records: staff who join by invitation, clients (a person of the clinic with
-- contact and health details), who treats whom, informed consent, and visits with their
-- findings, treatments, SOAP note, signature and addenda. The PostgreSQL migration describes
-- the same tables.
--
-- Staff are ordinary accounts: each user keeps their own personal clinic and person, and
-- clinic_staff says which clinics they work in, with which role. Rows a member of staff writes
-- in a clinic name them through (clinic_id, user_id) in clinic_staff, which is never deleted
-- from (leaving is a removed_at mark), so an author is always someone who was on that staff.

-- Settings per clinic: how long records are kept (years after the last visit, and until an
-- age for minors), and who beyond a client's own therapists sees clinical records.
ALTER TABLE clinics ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 10;
ALTER TABLE clinics ADD COLUMN minor_until_age INTEGER NOT NULL DEFAULT 28;
ALTER TABLE clinics ADD COLUMN therapists_see_all BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE clinics ADD COLUMN admins_see_clinical BOOLEAN NOT NULL DEFAULT FALSE;

-- A staff member acts in a clinic that is not the one their account belongs to, so audit rows
-- and screenings name their author by user id alone (SQLite cannot drop a foreign key: the two
-- tables are rebuilt with the same columns, in the same order).
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT    NOT NULL,
    clinic_id INTEGER NOT NULL REFERENCES clinics (id),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    person_id INTEGER,
    action    TEXT    NOT NULL,
    record    TEXT    NOT NULL,
    record_id INTEGER,
    address   TEXT,
    session   TEXT,
    chain_seq INTEGER,
    prev_hash TEXT,
    row_hash  TEXT,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id)
);
-- The hash chain (20261206000000_audit_chain.sql) moves across as it is: same ids, same places,
-- same hashes.
INSERT INTO audit_log_new (id, at, clinic_id, user_id, person_id, action, record, record_id,
                           address, session, chain_seq, prev_hash, row_hash)
    SELECT id, at, clinic_id, user_id, person_id, action, record, record_id, address, session,
           chain_seq, prev_hash, row_hash
    FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_person ON audit_log (clinic_id, person_id, id);
CREATE UNIQUE INDEX audit_log_chain ON audit_log (clinic_id, chain_seq);
CREATE INDEX audit_log_unchained ON audit_log (clinic_id, id) WHERE chain_seq IS NULL;

CREATE TABLE screenings_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id     INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    TEXT    NOT NULL,
    taken_at      TEXT    NOT NULL,
    answers       TEXT    NOT NULL,
    pain_regions  TEXT    NOT NULL,
    local_regions TEXT    NOT NULL,
    rules_version TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id)
);
INSERT INTO screenings_new SELECT id, clinic_id, person_id, created_by, created_at, taken_at,
    answers, pain_regions, local_regions, rules_version FROM screenings;
DROP TABLE screenings;
ALTER TABLE screenings_new RENAME TO screenings;
CREATE INDEX screenings_by_person ON screenings (clinic_id, person_id, taken_at, id);

CREATE TABLE clinic_staff (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id  INTEGER NOT NULL REFERENCES clinics (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'therapist', 'front_desk')),
    added_at   TEXT    NOT NULL,
    removed_at TEXT,
    UNIQUE (clinic_id, user_id)
);
CREATE INDEX clinic_staff_by_user ON clinic_staff (user_id);

-- Only the SHA-256 of an invitation's one-time token is kept; accepting sets accepted_by once.
CREATE TABLE staff_invitations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id   INTEGER NOT NULL REFERENCES clinics (id),
    role        TEXT    NOT NULL CHECK (role IN ('admin', 'therapist', 'front_desk')),
    email       TEXT    NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    accepted_by INTEGER REFERENCES users (id),
    accepted_at TEXT,
    FOREIGN KEY (clinic_id, created_by) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX staff_invitations_by_clinic ON staff_invitations (clinic_id, id);

-- A client is a person of the clinic; their name stays in people.display_name.
CREATE TABLE clients (
    person_id         INTEGER PRIMARY KEY,
    clinic_id         INTEGER NOT NULL,
    email             TEXT,
    phone             TEXT,
    birth_date        TEXT,
    address           TEXT,
    emergency_contact TEXT,
    health_history    TEXT    NOT NULL DEFAULT '',
    medications       TEXT    NOT NULL DEFAULT '',
    linked_user_id    INTEGER REFERENCES users (id),
    created_by        INTEGER NOT NULL,
    created_at        TEXT    NOT NULL,
    deleted_at        TEXT,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX clients_by_clinic ON clients (clinic_id, person_id);

CREATE TABLE client_therapists (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id   INTEGER NOT NULL,
    person_id   INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    assigned_at TEXT    NOT NULL,
    UNIQUE (clinic_id, person_id, user_id),
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, user_id) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX client_therapists_by_user ON client_therapists (clinic_id, user_id);

CREATE TABLE consents (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id             INTEGER NOT NULL,
    person_id             INTEGER NOT NULL,
    kind                  TEXT    NOT NULL,
    given_by              TEXT    NOT NULL,
    given_at              TEXT    NOT NULL,
    recorded_by           INTEGER NOT NULL,
    recorded_at           TEXT    NOT NULL,
    withdrawn_at          TEXT,
    withdrawal_note       TEXT,
    withdrawn_recorded_by INTEGER,
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES clinic_staff (clinic_id, user_id),
    FOREIGN KEY (clinic_id, withdrawn_recorded_by) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX consents_by_person ON consents (clinic_id, person_id, id);

-- A signed visit keeps signed_at, signed_by and signed_hash together.
CREATE TABLE visits (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id     INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    therapist_id  INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    health_change TEXT    NOT NULL,
    pain_drawing  TEXT    NOT NULL,
    rom           TEXT    NOT NULL,
    subjective    TEXT    NOT NULL,
    objective     TEXT    NOT NULL,
    assessment    TEXT    NOT NULL,
    plan          TEXT    NOT NULL,
    signed_at     TEXT,
    signed_by     INTEGER,
    signed_hash   TEXT,
    UNIQUE (clinic_id, person_id, id),
    FOREIGN KEY (clinic_id, person_id) REFERENCES people (clinic_id, id),
    FOREIGN KEY (clinic_id, therapist_id) REFERENCES clinic_staff (clinic_id, user_id),
    FOREIGN KEY (clinic_id, signed_by) REFERENCES clinic_staff (clinic_id, user_id),
    CHECK ((signed_at IS NULL) = (signed_hash IS NULL) AND (signed_at IS NULL) = (signed_by IS NULL))
);
CREATE INDEX visits_by_person ON visits (clinic_id, person_id, started_at, id);

CREATE TABLE visit_findings (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id           INTEGER NOT NULL,
    person_id           INTEGER NOT NULL,
    visit_id            INTEGER NOT NULL,
    trigger_point_id    TEXT    NOT NULL,
    side                TEXT    NOT NULL CHECK (side IN ('left', 'right', 'midline')),
    tender              BOOLEAN NOT NULL,
    taut_band           BOOLEAN NOT NULL,
    referral_reproduced BOOLEAN NOT NULL,
    referral_regions    TEXT    NOT NULL,
    twitch              BOOLEAN NOT NULL,
    jump_sign           BOOLEAN NOT NULL,
    -- Pressure pain threshold in whole kPa (algometers read no finer than that).
    ppt_kpa             INTEGER,
    note                TEXT,
    recorded_by         INTEGER NOT NULL,
    recorded_at         TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id, visit_id) REFERENCES visits (clinic_id, person_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX visit_findings_by_visit ON visit_findings (clinic_id, person_id, visit_id, id);

CREATE TABLE visit_treatments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id        INTEGER NOT NULL,
    person_id        INTEGER NOT NULL,
    visit_id         INTEGER NOT NULL,
    trigger_point_id TEXT    NOT NULL,
    side             TEXT    NOT NULL CHECK (side IN ('left', 'right', 'midline')),
    technique        TEXT    NOT NULL,
    tool             TEXT    NOT NULL,
    discomfort       INTEGER NOT NULL,
    hold_seconds     INTEGER NOT NULL,
    passes           INTEGER NOT NULL,
    response         TEXT    NOT NULL,
    recorded_by      INTEGER NOT NULL,
    recorded_at      TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id, visit_id) REFERENCES visits (clinic_id, person_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX visit_treatments_by_visit ON visit_treatments (clinic_id, person_id, visit_id, id);

CREATE TABLE visit_addenda (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    clinic_id  INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    visit_id   INTEGER NOT NULL,
    author_id  INTEGER NOT NULL,
    written_at TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    FOREIGN KEY (clinic_id, person_id, visit_id) REFERENCES visits (clinic_id, person_id, id),
    FOREIGN KEY (clinic_id, author_id) REFERENCES clinic_staff (clinic_id, user_id)
);
CREATE INDEX visit_addenda_by_visit ON visit_addenda (clinic_id, person_id, visit_id, id);

-- Defence in depth: the store refuses changes to a signed visit inside its transaction; these
-- refuse them even from outside the store. (Inserts are the store's to refuse, so that a
-- transfer can copy a signed visit's rows into a new database.)
CREATE TRIGGER visits_signed_stay BEFORE UPDATE ON visits
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visits_signed_not_deleted BEFORE DELETE ON visits
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visit_findings_signed_stay BEFORE UPDATE ON visit_findings
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visit_findings_signed_not_deleted BEFORE DELETE ON visit_findings
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visit_treatments_signed_stay BEFORE UPDATE ON visit_treatments
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visit_treatments_signed_not_deleted BEFORE DELETE ON visit_treatments
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the visit is signed; add an addendum'); END;
CREATE TRIGGER visit_addenda_stay BEFORE UPDATE ON visit_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum is never changed; add another'); END;
