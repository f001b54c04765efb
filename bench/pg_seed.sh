#!/usr/bin/env bash
# Seeds a PostgreSQL database for the "PostgreSQL at scale" benchmarks (BENCHMARKS.md): 100,000
# self-care accounts (personal clinic, person, user) and 100 pain entries each, 10 million in
# all, with the audit row each entry's creation leaves. Knot creates the schema (its migrations
# run when it connects); the rows are then generated inside PostgreSQL in one transaction, with
# the entries' indexes rebuilt afterwards, which takes minutes rather than hours.
#
# Every seeded account signs in with the password below (a bench database only): its hash is
# taken from one account signed up through a running `knot serve`, so it is a real Argon2 hash.
#
# Usage: bash bench/pg_seed.sh [KNOT_BINARY] [DATABASE]   (default target/release/knot knot_bench)
# Env: PG_ADMIN_URL (default postgres://root@127.0.0.1:5432/test), PERSONS, PER_PERSON.
set -euo pipefail
cd "$(dirname "$0")/.."

knot=${1:-target/release/knot}
db=${2:-knot_bench}
admin=${PG_ADMIN_URL:-postgres://root@127.0.0.1:5432/test}
url="${admin%/*}/$db"
persons=${PERSONS:-100000}
per_person=${PER_PERSON:-100}
password="bench password 13"
port=${PORT:-7990}

psql -q "$admin" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
start=$(date +%s)

"$knot" serve --db "$url" --addr "127.0.0.1:$port" >/tmp/pg_seed_serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.2
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\": \"bench0@example.org\", \"display_name\": \"Bench 0\", \"password\": \"$password\"}" \
  "http://127.0.0.1:$port/api/v1/account/signup")
[ "$status" = 201 ] || { echo "sign-up through knot serve failed: HTTP $status" >&2; exit 1; }
kill $server
wait $server 2>/dev/null || true
trap - EXIT

psql -q -v ON_ERROR_STOP=1 "$url" <<SQL
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
-- Foreign keys are satisfied by construction; skipping their per-row triggers halves the time.
SET session_replication_role = replica;
BEGIN;
DROP INDEX entries_by_person;
DROP INDEX entries_by_kind;
CREATE TEMP TABLE seed AS
  SELECT g AS n, (SELECT max(id) FROM users) + g AS id,
         (SELECT password_hash FROM users WHERE email_key = 'bench0@example.org') AS hash
  FROM generate_series(1, $persons) AS g;
INSERT INTO clinics (id, name, personal, created_at)
  SELECT id, 'Bench ' || n, TRUE, '2025-01-01T00:00:00.000000000Z' FROM seed;
INSERT INTO people (id, clinic_id, display_name, created_at)
  SELECT id, id, 'Bench ' || n, '2025-01-01T00:00:00.000000000Z' FROM seed;
INSERT INTO users (id, clinic_id, person_id, email, email_key, display_name, role,
                   password_hash, created_at)
  SELECT id, id, id, 'bench' || n || '@example.org', 'bench' || n || '@example.org',
         'Bench ' || n, 'person', hash, '2025-01-01T00:00:00.000000000Z' FROM seed;
-- Twice a day from 2025-01-01, at a time of day that differs from person to person.
INSERT INTO entries (clinic_id, person_id, created_by, created_at, recorded_at, kind, measure)
  SELECT s.id, s.id, s.id, t.at, t.at, 'pain',
         '{"kind":"pain","score":' || ((s.n + i) % 11) || ',"region":null}'
  FROM seed s, generate_series(1, $per_person) AS i,
       LATERAL (SELECT to_char(timestamp '2025-01-01' + i * interval '12 hours'
                               + (s.n % 600) * interval '1 minute',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"000Z"') AS at) t;
INSERT INTO audit_log (at, clinic_id, user_id, person_id, action, record, record_id)
  SELECT created_at, clinic_id, created_by, person_id, 'create', 'entry', id FROM entries
  WHERE person_id IN (SELECT id FROM seed);
CREATE INDEX entries_by_person ON entries (clinic_id, person_id, recorded_at, id);
CREATE INDEX entries_by_kind ON entries (clinic_id, person_id, kind, recorded_at);
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM seed))
  FROM unnest(ARRAY['clinics', 'people', 'users']) AS t;
COMMIT;
RESET session_replication_role;
VACUUM ANALYZE;
SQL
echo "seeded $db: $persons persons, $((persons * per_person)) entries in $(( $(date +%s) - start )) s;" \
  "every bench<N>@example.org (1..$persons) signs in with the password in this script"
psql -tA "$url" -c "SELECT pg_size_pretty(pg_database_size('$db'))"
