-- The audit log as one hash chain per clinic (as migrations/sqlite/20261206000000_audit_chain.sql;
-- crates/knot-store/src/audit_chain.rs says how a row's hash is made). Each row gets its place
-- in its clinic's chain (1, 2, 3, …), the hash of the row before it and its own hash;
-- `audit_heads` holds each clinic's last place and hash, so a row removed from the end is
-- caught too, and its row is the lock that orders one clinic's appends (clinics never wait
-- for each other). Rows written before this migration are chained when the store next opens
-- (`audit_append::chain_old_rows`); until then `knot audit verify` reports them unchained.
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN row_hash TEXT;
CREATE UNIQUE INDEX audit_log_chain ON audit_log (clinic_id, chain_seq);
CREATE INDEX audit_log_unchained ON audit_log (clinic_id, id) WHERE chain_seq IS NULL;

CREATE TABLE audit_heads (
    clinic_id BIGINT PRIMARY KEY REFERENCES clinics (id),
    seq       BIGINT NOT NULL CHECK (seq >= 0),
    hash      TEXT   NOT NULL
);
