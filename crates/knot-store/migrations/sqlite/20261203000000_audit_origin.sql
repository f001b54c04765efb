-- Where each audited action came from: the client address the server saw and a short
-- reference to the browser session (a prefix of the session token's SHA-256). Both stay
-- empty for the command line. Neither is a secret; neither is health data.
ALTER TABLE audit_log ADD COLUMN address TEXT;
ALTER TABLE audit_log ADD COLUMN session TEXT;
