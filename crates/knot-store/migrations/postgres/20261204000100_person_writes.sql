-- How many writes each person's records have had (as migrations/sqlite/20261204000100_person_writes.sql).
CREATE TABLE person_writes (
    person_id BIGINT PRIMARY KEY REFERENCES people (id),
    seq       BIGINT NOT NULL
);
