-- Where each audited action came from (as migrations/sqlite/20261203000000_audit_origin.sql).
ALTER TABLE audit_log ADD COLUMN address TEXT;
ALTER TABLE audit_log ADD COLUMN session TEXT;
